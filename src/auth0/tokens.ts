import { definedOnly, isRecord } from '../shared/records.js';
import type { TokenResponse } from './transport.js';

/** The fields of an OAuth token response that have the right type; the rest is dropped. */
export function readTokens(body: unknown): TokenResponse {
  const record = isRecord(body) ? body : {};
  const text = (key: string) => (typeof record[key] === 'string' ? record[key] : undefined);
  return definedOnly({
    accessToken: text('access_token'),
    idToken: text('id_token'),
    refreshToken: text('refresh_token'),
    expiresIn: typeof record.expires_in === 'number' ? record.expires_in : undefined,
    scope: text('scope'),
    tokenType: text('token_type'),
  });
}
