import { isMfaError, MfaError } from '../core/errors.js';
import { isRecord } from '../core/records.js';
import type { SentCode } from '../core/ports.js';
import { isRecoveryCodeList } from './association.js';

/** An answer that sent a code (an oob associate or challenge), checked: its `oob_code`, and any recovery codes. */
export function readSentCode(body: unknown): SentCode {
  const refused = () => new MfaError('bad_response', { status: 200 });
  if (!isRecord(body)) throw refused();
  const oobCode = body.oob_code;
  const recoveryCodes = body.recovery_codes ?? [];
  if (typeof oobCode !== 'string' || !oobCode || oobCode.length > 4096 || !isRecoveryCodeList(recoveryCodes)) throw refused();
  return { oobCode, recoveryCodes };
}

/**
 * A refusal to send to a destination, as the user can act on it. Auth0 does not document what
 * associate answers for a number it can't use (Guardian's `invalid_phone_number` is one guess),
 * so any other 4xx the widget has no words for means "check what you typed", except a factor
 * or a channel the tenant has not enabled, which no retyping fixes.
 */
export function destinationRefused(error: unknown): unknown {
  if (!isMfaError(error) || error.code !== 'request_failed' || !error.status || error.status >= 500) return error;
  // A factor or a way of sending the tenant has not enabled: no retyping fixes it.
  if (/not (enabled|allowed|supported)|preferred_authentication_method|oob_channel/i.test(error.description ?? '')) return error;
  return new MfaError('invalid_destination', { status: error.status, error: error.error, description: error.description });
}
