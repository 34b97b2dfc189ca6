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
  const code = input
    .slice(0, MAX_LENGTH * 4)
    .normalize('NFKC')
    .replace(/[\s\-‐‑‒–—―−]+/gu, '')
    .toUpperCase()
    // Upper case and the removed spaces can leave letters and marks that compose: compose them
    // again, so the result is a fixed point (normalising it again changes nothing).
    .normalize('NFKC');
  // Cut without splitting a surrogate pair: Firefox normalises a lone half to U+FFFD.
  const high = code.charCodeAt(MAX_LENGTH - 1);
  return code.slice(0, code.length > MAX_LENGTH && high >= 0xd800 && high <= 0xdbff ? MAX_LENGTH - 1 : MAX_LENGTH);
}
