import { isRecord } from '../core/records.js';

/**
 * The claims of a JWT access token, read, not verified (the API does that); none for an opaque
 * token (an `mfa_token`) or anything unreadable.
 */
export function claimsOf(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    return isRecord(claims) ? claims : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the token says it lacks `scope`: a readable `scope` claim without it. A token that
 * doesn't say is not presumed to lack it (the API decides).
 */
export function lacksScope(token: string, scope: string): boolean {
  const granted = claimsOf(token)?.scope;
  return typeof granted === 'string' && !granted.split(' ').includes(scope);
}
