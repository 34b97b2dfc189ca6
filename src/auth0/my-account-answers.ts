// The My Account API's answers, read the same way whether they come over `fetch` or through
// Auth0's SDK: anything the elements would not use as sent is a `bad_response`.
import { isRecord } from '../core/records.js';
import { readAssociation } from './association.js';
import { MfaError } from '../core/errors.js';
import type { Association, AuthenticationMethod } from '../core/ports.js';

/**
 * A started authenticator-app enrollment: the QR's URI, and the key for manual entry from
 * `manual_input_code` when given, else from the URI. No recovery codes on this API.
 */
export function readTotpEnrollment(body: unknown): Association {
  const answer = isRecord(body) ? body : {};
  const uri = answer.barcode_uri;
  let secret = answer.manual_input_code;
  try {
    secret ??= typeof uri === 'string' ? new URL(uri).searchParams.get('secret') : undefined;
  } catch {
    // not a URL: refused below
  }
  return readAssociation({ secret, barcode_uri: uri, recovery_codes: [] });
}

/** A started recovery-code enrollment's new code. */
export function readRecoveryCode(body: unknown): string {
  const code = isRecord(body) ? body.recovery_code : undefined;
  if (typeof code !== 'string' || !code || code.length > 100) throw new MfaError('bad_response', { status: 200 });
  return code;
}

/** A method as the elements use it; anything unusable is a `bad_response`. */
export function readMethod(entry: unknown): AuthenticationMethod {
  if (!isRecord(entry) || typeof entry.id !== 'string' || typeof entry.type !== 'string') {
    throw new MfaError('bad_response', { status: 200 });
  }
  const { id, type, created_at, name } = entry;
  return {
    id: id.slice(0, 200),
    type: type.slice(0, 50),
    confirmed: entry.confirmed !== false,
    ...(typeof created_at === 'string' ? { created_at } : {}),
    ...(typeof name === 'string' ? { name: name.slice(0, 100) } : {}),
  };
}
