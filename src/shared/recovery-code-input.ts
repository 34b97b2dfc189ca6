/** A recovery code as Auth0 issues them: 24 upper-case letters and digits. */
export const RECOVERY_CODE = /^[A-Z0-9]{24}$/;

/** Longer than any code with its grouping: a paste of a whole file is cut, not carried around. */
const MAX_LENGTH = 64;

/**
 * What the user typed or pasted for a recovery code, as Auth0 expects it:
 * full-width characters become ASCII, the spaces, dashes and line breaks
 * people group a code with go, letters become upper case. Anything else is
 * kept, so a wrong character is caught by the check, not silently turned
 * into another code.
 */
export function normalizeRecoveryCode(input: string): string {
  return input
    .slice(0, MAX_LENGTH * 4)
    .normalize('NFKC')
    .replace(/[\s\-‐‑‒–—―−]+/gu, '')
    .toUpperCase()
    .slice(0, MAX_LENGTH);
}
