// Push with Auth0 Guardian, read the same way from every API: the enrollment's QR and oob_code,
// the challenge's oob_code, and what a refused poll means (a wait, or the user's denial).
import { isMfaError, MfaError } from '../core/errors.js';
import { MAX_URI_LENGTH } from '../core/otpauth.js';
import type { PushAnswer, PushRequest } from '../core/ports.js';
import { isRecord } from '../core/records.js';
import { isRecoveryCodeList } from './association.js';

const refused = () => new MfaError('bad_response', { status: 200 });

/**
 * A push enrollment's answer, checked: `barcode_uri` must be an `otpauth:` URI naming its
 * `enrollment_tx_id` (Guardian scans it; it carries no secret), with the `oob_code` (the MFA API)
 * or the enrollment's session (the My Account API's `auth_session`, passed as `oobCode`).
 */
export function readPushEnrollment(body: unknown, oobCode = isRecord(body) ? body.oob_code : undefined): PushRequest {
  if (!isRecord(body)) throw refused();
  const { barcode_uri: barcodeUri, recovery_codes: recoveryCodes = [] } = body;
  if (typeof barcodeUri !== 'string' || barcodeUri.length > MAX_URI_LENGTH || !/^otpauth:\/\//i.test(barcodeUri)) throw refused();
  if (!enrollmentTxId(barcodeUri)) throw refused();
  if (!isOobCode(oobCode) || !isRecoveryCodeList(recoveryCodes)) throw refused();
  return { oobCode, barcodeUri, recoveryCodes };
}

/** A push challenge's answer, checked: its `oob_code`. */
export function readPushChallenge(body: unknown): PushRequest {
  const oobCode = isRecord(body) ? body.oob_code : undefined;
  if (!isOobCode(oobCode)) throw refused();
  return { oobCode, recoveryCodes: [] };
}

/** The `enrollment_tx_id` a Guardian QR names, if it is a URL at all. */
function enrollmentTxId(uri: string): string | null {
  try {
    return new URL(uri).searchParams.get('enrollment_tx_id');
  } catch {
    return null;
  }
}

const isOobCode = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 4096;

/**
 * What a refused poll means. Not answered yet (`authorization_pending`, or the My Account API's
 * "Authorization pending") and asked too soon (`slow_down`) are waits; the user's denial is
 * `push_rejected`, whether Auth0 says `access_denied` (recorded) or `invalid_grant` (its
 * reference), both "MFA Authorization rejected."; anything else is the failure it is.
 */
export function pushWait(error: unknown): PushAnswer<never> {
  if (!isMfaError(error) || (error.status !== undefined && error.status >= 500)) throw error;
  const description = error.description ?? '';
  if (error.error === 'authorization_pending' || /authorization pending/i.test(description)) return { approved: false, slowDown: false };
  if (error.error === 'slow_down' || /slow down|polling (too fast|faster)/i.test(description)) return { approved: false, slowDown: true };
  if ((error.error === 'access_denied' && error.status !== 401) || /\breject/i.test(description)) {
    throw new MfaError('push_rejected', { status: error.status, error: error.error, description: error.description });
  }
  throw error;
}

/** A poll that answers the approval's result, or what its refusal means. */
export async function pollOnce<Result>(poll: () => Promise<Result>): Promise<PushAnswer<Result>> {
  try {
    return { approved: true, result: await poll() };
  } catch (error) {
    return pushWait(error);
  }
}
