// Phone, email and push on the My Account API of one stand-in tenant (the API contract §10):
// starting an enrollment (`POST /me/v1/authentication-methods` with `type` `phone`, `email` or
// `push-notification`) and verifying it (`POST {Location}/verify`): with the code sent to the
// outbox (`{auth_session, otp_code}`), or, for push, once the fake Guardian app has scanned the QR
// code (`{auth_session}`). The factors are the MFA API's (the same authenticators, the same
// outbox, limits and transactions). Where Auth0's status or wording is not recorded, the choice
// is marked "unconfirmed".

import { channelOf, deliver, destinationOf, pushBarcodeUri } from './delivery.js';
import { plausibleEmail, plausiblePhoneNumber } from './factors.js';
import { sendJson, sendProblem } from './http.js';
import { invalid, methodNotFound, methodUrl, expiredSession, rejectWhenBlocked } from './my-account-answers.js';

/** @typedef {import('./routes.js').Context} Context */
/** @typedef {import('./store.js').User} User */
/** @typedef {import('./store.js').AuthSession} AuthSession */

/**
 * Answer 429 with Retry-After when the destination has had the tenant's `messageLimit` messages
 * in the window (unconfirmed wording).
 * @param {Context} ctx
 * @param {string} destination
 */
function refuseWhenTooManyMessages(ctx, destination) {
  const wait = ctx.tenant.outbox.retryAfterSeconds(destination);
  if (wait <= 0) return false;
  sendProblem(ctx.res, 429, 'Too many messages were sent to this destination. Wait for some minutes before retrying.', { headers: { 'Retry-After': String(wait) } });
  return true;
}

/**
 * Start a phone, email or push enrollment (the tenant enables the factor; the caller checked):
 * - `{type:"phone", phone_number, preferred_authentication_method?}` (sms unless voice is asked;
 *   a channel the tenant's `phoneChannels` allows) and `{type:"email", email}`: an unconfirmed
 *   authenticator (the same one again for the same destination while unconfirmed) and a code to
 *   the outbox (the one sent before stops working); answers `{id, type, auth_session}`;
 * - `{type:"push-notification"}`: an unconfirmed push authenticator with its OTP authenticator
 *   (replacing one not confirmed yet); answers `{id, type, auth_session, barcode_uri}` (no
 *   `manual_input_code`: the SDK's typings make it optional, and a push enrollment has none).
 * With a `Location` header, as for totp; status the tenant's `myAccountEnrollStatus` (201 by
 * default; the API's OpenAPI description says 202). A number or address that can't be real: 400
 * with a validation error; past the destination's message limit: 429.
 * @param {Context} ctx
 * @param {User} user
 * @param {'phone' | 'email' | 'push-notification'} type
 * @param {Record<string, unknown>} body
 */
export function startOobEnrollment(ctx, user, type, body) {
  const { tenant, res } = ctx;
  /** @type {Parameters<typeof tenant.startOobEnrollment>[1]} */
  let factor;
  if (type === 'push-notification') {
    factor = { type };
  } else if (type === 'phone') {
    const { phone_number: number, preferred_authentication_method: preferred = 'sms' } = body;
    /** @type {{ detail: string, field: string }[]} */
    const errors = [];
    if (number === undefined || number === '') errors.push({ detail: 'phone_number is required.', field: 'phone_number' });
    else if (!plausiblePhoneNumber(number)) errors.push({ detail: 'The phone number is invalid.', field: 'phone_number' });
    if (typeof preferred !== 'string' || !tenant.phoneChannels.includes(preferred)) {
      errors.push({ detail: `preferred_authentication_method must be one of: ${tenant.phoneChannels.join(', ')}.`, field: 'preferred_authentication_method' });
    }
    if (errors.length > 0) return invalid(ctx, errors);
    factor = { type, phoneNumber: /** @type {string} */ (number), channel: /** @type {'sms' | 'voice'} */ (preferred) };
  } else {
    const { email } = body;
    if (email === undefined || email === '') return invalid(ctx, [{ detail: 'email is required.', field: 'email' }]);
    if (!plausibleEmail(email)) return invalid(ctx, [{ detail: 'The email address is invalid.', field: 'email' }]);
    factor = { type, email };
  }
  const destination = destinationOf(factor);
  if (destination !== undefined && refuseWhenTooManyMessages(ctx, destination)) return undefined;
  const { authenticator } = tenant.startOobEnrollment(user, factor, false);
  const channel = channelOf(authenticator);
  const tx = deliver(tenant, user, authenticator, { channel, purpose: 'enroll' });
  const authSession = tenant.startAuthSession(user, { methodId: authenticator.id, type, oobCode: tx.oobCode });
  /** @type {Record<string, unknown>} */
  const answer = { id: authenticator.id, type, auth_session: authSession };
  if (type === 'push-notification') answer.barcode_uri = pushBarcodeUri(tenant, user, tx, ctx.base);
  return sendJson(res, tenant.myAccountEnrollStatus, answer, { Location: methodUrl(ctx, authenticator.id) });
}

/**
 * Verify a phone, email or push enrollment whose auth_session is this user's, for this method,
 * and not expired (the caller checked). 200 with the method, `confirmed: true`, and the
 * auth_session is spent; else:
 * - phone, email: `otp_code` missing: 400 validation; the code sent has expired (5 minutes, or
 *   the control API's expire-codes): 400 "The otp_code has expired. …" (unconfirmed); wrong:
 *   403, as for totp, drawing on the user's bucket, the auth_session still good;
 * - push: not scanned yet: 400 "Authorization pending: …" (unconfirmed status and wording);
 * - the code or QR code replaced by a newer enrollment of the same destination, or the push
 *   enrollment expired: the expired-session answer (start again).
 * @param {Context} ctx
 * @param {User} user
 * @param {string} value the auth_session
 * @param {AuthSession} session
 * @param {Record<string, string>} params
 */
export function verifyOobEnrollment(ctx, user, value, session, params) {
  const { tenant } = ctx;
  const authenticator = tenant.findAuthenticator(user, session.methodId);
  if (!authenticator) {
    tenant.authSessions.delete(value);
    return methodNotFound(ctx); // removed (e.g. through the MFA API) since the enrollment started
  }
  const push = session.type === 'push-notification';
  if (!push && !params.otp_code) return invalid(ctx, [{ detail: 'otp_code is required.', field: 'otp_code' }]);
  const tx = session.oobCode === undefined ? undefined : tenant.oob.find(session.oobCode);
  if (!tx || (push && tenant.oob.isExpired(tx))) return expiredSession(ctx);
  if (push) {
    if (tx.status !== 'approved') return sendProblem(ctx.res, 400, 'Authorization pending: the enrollment has not been confirmed in the Guardian app yet.');
  } else {
    if (tenant.oob.isExpired(tx)) return sendProblem(ctx.res, 400, 'The otp_code has expired. Start the enrollment again to get a new one.');
    if (rejectWhenBlocked(ctx, user)) return undefined;
    if (params.otp_code !== tx.bindingCode) {
      tenant.spendAttempt(user);
      return sendProblem(ctx.res, 403, 'Invalid otp_code. The code is wrong or was already used.');
    }
  }
  tenant.oob.spend(tx);
  tenant.authSessions.delete(value);
  tenant.activate(user, authenticator);
  return sendJson(ctx.res, 200, tenant.describeMethod(user, authenticator.id));
}
