import { parseOtpauthUri } from '../core/otpauth.js';
import { isRecord } from '../core/records.js';
import { MfaError } from '../core/errors.js';
import type { Association } from '../core/ports.js';

const BASE32_SECRET = /^[A-Z2-7]{16,128}=*$/;
const MAX_RECOVERY_CODES = 50;

/** An associate answer, checked: anything the widget would not show as sent is a `bad_response`. */
export function readAssociation(body: unknown): Association {
  const refused = () => new MfaError('bad_response', { status: 200 });
  if (!isRecord(body) || typeof body.secret !== 'string' || typeof body.barcode_uri !== 'string') throw refused();
  const otpauth = parseOtpauthUri(body.barcode_uri);
  const secret = body.secret.replace(/\s+/g, '').toUpperCase();
  // The QR and the typed key must give the same codes, or the user is stuck.
  if (!otpauth || !BASE32_SECRET.test(secret) || otpauth.secret !== secret) throw refused();
  const codes = body.recovery_codes ?? [];
  if (!isRecoveryCodeList(codes)) throw refused();
  return { otpauth, recoveryCodes: codes };
}

export function isRecoveryCodeList(codes: unknown): codes is string[] {
  return (
    Array.isArray(codes) &&
    codes.length <= MAX_RECOVERY_CODES &&
    codes.every((code) => typeof code === 'string' && code.length > 0 && code.length <= 100)
  );
}
