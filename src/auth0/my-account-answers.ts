// The My Account API's answers, read the same way whether they come over `fetch` or through
// Auth0's SDK: anything the elements would not use as sent is a `bad_response`.
import { definedOnly, isRecord } from '../core/records.js';
import type { Destination, Factor } from '../core/factors.js';
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
  const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : undefined);
  return definedOnly({
    id: entry.id.slice(0, 200),
    type: entry.type.slice(0, 50),
    confirmed: entry.confirmed !== false,
    created_at: text(entry.created_at, 40),
    name: text(entry.name, 100),
    phone_number: text(entry.phone_number, 40),
    preferred_authentication_method: text(entry.preferred_authentication_method, 20),
    email: text(entry.email, 254),
  });
}

/** `GET /me/v1/factors`' list as the factors the elements enroll: `totp` is the app, `phone` both ways of sending. */
export function readFactorList(body: unknown): Factor[] {
  const list = isRecord(body) && Array.isArray(body.factors) ? body.factors : Array.isArray(body) ? body : undefined;
  if (!list) throw new MfaError('bad_response', { status: 200 });
  const types = list.filter(isRecord).map((factor) => factor.type);
  const typeOf = { otp: 'totp', sms: 'phone', voice: 'phone', email: 'email', push: 'push-notification' } as const;
  return (['otp', 'sms', 'voice', 'email', 'push'] as const).filter((factor) => types.includes(typeOf[factor]));
}

/** The start of a phone or email enrollment, as the API's body names it. */
export function enrollmentOf(destination: Destination): Record<string, string> {
  return destination.factor === 'email'
    ? { type: 'email', email: destination.email }
    : { type: 'phone', phone_number: destination.phoneNumber, preferred_authentication_method: destination.factor };
}
