import { definedOnly, isRecord } from '../shared/records.js';
import { MfaError } from './errors.js';
import type { RecoveryGrant, TokenResponse } from './transport.js';

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
 * The answer to the mfa-recovery-code grant: the tokens and the new code that
 * replaces the spent one. Without the new code the user would be locked out
 * next time, so an answer without one is refused rather than moved past.
 */
export function readRecoveryGrant(body: unknown, fromAuth0: boolean): RecoveryGrant {
  const next = isRecord(body) ? body.recovery_code : undefined;
  if (typeof next !== 'string' || !next || next.length > 100) throw new MfaError('bad_response', { status: 200 });
  return { tokens: readTokens(body, fromAuth0), recoveryCode: next };
}
