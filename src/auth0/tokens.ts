import { definedOnly, isRecord } from '../core/records.js';
import { MfaError } from '../core/errors.js';
import type { RecoveryGrant, TokenResponse } from '../core/ports.js';

/**
 * The fields of an OAuth token response that have the right type; the rest
 * is dropped. `fromAuth0`: the answer must hold an access token (a site's
 * own backend may answer with any JSON, or none).
 */
export function readTokens(body: unknown, fromAuth0 = false): TokenResponse {
  const record = isRecord(body) ? body : {};
  const text = (key: string) => (typeof record[key] === 'string' ? record[key] : undefined);
  const tokens: TokenResponse = definedOnly({
    accessToken: text('access_token'),
    idToken: text('id_token'),
    refreshToken: text('refresh_token'),
    expiresIn: typeof record.expires_in === 'number' ? record.expires_in : undefined,
    scope: text('scope'),
    tokenType: text('token_type'),
  });
  if (fromAuth0 && !tokens.accessToken) throw new MfaError('bad_response', { status: 200 });
  return tokens;
}

/**
 * The answer to the mfa-recovery-code grant: the tokens, and the new code that replaces the
 * spent one when Auth0 sent one. Auth0's reference says the answer "might" include it: without
 * one (or with one the widget couldn't show) the sign-in still stands, since the used code is
 * spent either way and dropping the tokens would lock the user out.
 */
export function readRecoveryGrant(body: unknown, fromAuth0: boolean): RecoveryGrant {
  const next = isRecord(body) ? body.recovery_code : undefined;
  const tokens = readTokens(body, fromAuth0);
  return typeof next === 'string' && next && next.length <= 100 ? { tokens, recoveryCode: next } : { tokens };
}
