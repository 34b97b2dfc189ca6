// The MFA API's out-of-band factors on one stand-in tenant: enrolling a phone (codes by text
// message or voice call), an email address, or the Guardian app (push) through /mfa/associate;
// challenging them through /mfa/challenge; and the mfa-oob grant that confirms an enrollment or
// signs in: with the code the person received (`binding_code`), or, for push, polled until the
// fake Guardian app approves or rejects it (guardian.js). Statuses and wordings are Auth0's where
// recorded (go-auth0's recordings of a real tenant, strings Auth0's SDKs match); the others are
// marked "unconfirmed" here and * in tenant/README.md.

import { channelOf, deliver, destinationOf, pushBarcodeUri } from './delivery.js';
import { OOB_CHANNELS, plausibleEmail, plausiblePhoneNumber } from './factors.js';
import { sendError, sendJson } from './http.js';
import { mfaTokenUser, rejectWhenBlocked } from './mfa-checks.js';
import { completeMfa } from './oauth.js';

/** @typedef {import('./routes.js').Context} Context */
/** @typedef {import('./store.js').User} User */
/** @typedef {import('./store.js').Authenticator} Authenticator */
/** @typedef {import('./factors.js').OobChannel} OobChannel */

export const GRANT_MFA_OOB = 'http://auth0.com/oauth/grant-type/mfa-oob';

// ---- POST /mfa/associate with authenticator_types ["oob"] ---------------------------------------

/**
 * What is wrong with an oob associate body (`oob_channels`, and `phone_number` or `email`), as
 * an error and description, or the channel asked. A number that can't be real is
 * `invalid_phone_number` "The phone number is invalid." (the description a real app matches;
 * the code is Guardian's, unconfirmed on /mfa/associate); an email that can't be real is
 * `invalid_request` (unconfirmed).
 * @param {Record<string, unknown>} body
 * @returns {{ channel: OobChannel } | { error: string, description: string }}
 */
export function oobAssociateProblem(body) {
  const channels = body.oob_channels;
  if (channels === undefined) return { error: 'invalid_request', description: 'Missing required parameter: oob_channels' };
  if (!Array.isArray(channels) || channels.length === 0) return { error: 'invalid_request', description: 'oob_channels must be a non-empty array' };
  if (channels.some((c) => !OOB_CHANNELS.includes(c))) return { error: 'invalid_request', description: `oob_channels must be one of: ${OOB_CHANNELS.join(', ')}` };
  // Unconfirmed: the stand-in enrolls one channel per call (what Auth0's SDKs send).
  if (channels.length > 1) return { error: 'invalid_request', description: 'Only one oob_channel can be enrolled at a time' };
  const channel = /** @type {OobChannel} */ (channels[0]);
  if (channel === 'sms' || channel === 'voice') {
    if (body.phone_number === undefined || body.phone_number === '') return { error: 'invalid_request', description: 'Missing required parameter: phone_number' };
    if (!plausiblePhoneNumber(body.phone_number)) return { error: 'invalid_phone_number', description: 'The phone number is invalid.' };
  }
  if (channel === 'email' && body.email !== undefined && !plausibleEmail(body.email)) return { error: 'invalid_request', description: 'The email address is invalid.' };
  return { channel };
}

/**
 * Answer 429 with Retry-After when the destination has had the tenant's `messageLimit` messages
 * in the window. Unconfirmed status; the `error` and the SMS wording are those Auth0's answers
 * carry in two apps' error handling ("Too many SMS sent by the user. …").
 * @param {Context} ctx
 * @param {{ type: string, phoneNumber?: string, email?: string }} target where it would go (push: nowhere)
 * @param {OobChannel} channel
 * @returns {boolean} whether it answered
 */
export function rejectWhenTooManyMessages(ctx, target, channel) {
  const to = destinationOf(target);
  const wait = to === undefined ? 0 : ctx.tenant.outbox.retryAfterSeconds(to);
  if (wait <= 0) return false;
  const what = { sms: 'Too many SMS sent by the user.', voice: 'Too many voice calls made to the user.', email: 'Too many emails sent to the user.', auth0: '' }[channel];
  sendError(ctx.res, 429, 'invalid_request', `${what} Wait for some minutes before retrying.`, { 'Retry-After': String(wait) });
  return true;
}

/**
 * Enroll an out-of-band factor (the body already checked by oobAssociateProblem): a phone by
 * `sms` or `voice`, an `email` (the user's own address when none is given, as Auth0's SDKs
 * document), or push (`auth0`). Sends the code (or, for push, answers the QR code) and answers
 * `{authenticator_type:"oob", binding_method:"prompt", recovery_codes?, oob_channel, oob_code}`
 * (push: `barcode_uri` instead of `binding_method`), the key order of recorded answers. Enrolling
 * the same destination again while unconfirmed sends a new code to the same authenticator (the
 * old code stops working); a new push enrollment replaces an unconfirmed one. Recovery codes only
 * with a first factor, as for OTP.
 * @param {Context} ctx
 * @param {User} user
 * @param {OobChannel} channel
 * @param {Record<string, unknown>} body
 * @param {boolean} enrolled whether the user has a confirmed factor already
 */
export function associateOob(ctx, user, channel, body, enrolled) {
  const { tenant, res } = ctx;
  const withRecoveryCode = tenant.recoveryCodes && !enrolled;
  /** @type {Parameters<typeof tenant.startOobEnrollment>[1]} */
  let factor;
  if (channel === 'auth0') factor = { type: 'push-notification' };
  else if (channel === 'email') factor = { type: 'email', email: typeof body.email === 'string' ? body.email : user.email };
  else factor = { type: 'phone', phoneNumber: /** @type {string} */ (body.phone_number), channel };
  if (rejectWhenTooManyMessages(ctx, factor, channel)) return undefined;
  const added = tenant.startOobEnrollment(user, factor, withRecoveryCode);
  const tx = deliver(tenant, user, added.authenticator, { channel, purpose: 'enroll' });
  /** @type {Record<string, unknown>} */
  const answer = { authenticator_type: 'oob' };
  if (channel === 'auth0') answer.barcode_uri = pushBarcodeUri(tenant, user, tx, ctx.base);
  else answer.binding_method = 'prompt';
  if (added.recoveryCode) answer.recovery_codes = [added.recoveryCode];
  answer.oob_channel = channel;
  answer.oob_code = tx.oobCode;
  return sendJson(res, 200, answer);
}

// ---- POST /mfa/challenge for an oob authenticator ---------------------------------------------

/**
 * Challenge an active phone (by the channel of the row named), email or push authenticator:
 * a new code to the outbox (429 past the destination's limit) or a new push request, either
 * voiding the one before. Answers `{challenge_type:"oob", oob_code, binding_method:"prompt"}`;
 * push: no `binding_method` (as recorded).
 * @param {Context} ctx
 * @param {User} user
 * @param {Authenticator} authenticator
 * @param {OobChannel | undefined} rowChannel the channel of the MFA API row named (a phone's)
 */
export function challengeOob(ctx, user, authenticator, rowChannel) {
  const { tenant, res } = ctx;
  const channel = channelOf(authenticator, rowChannel);
  if (channel !== 'auth0' && rejectWhenTooManyMessages(ctx, authenticator, channel)) return undefined;
  const tx = deliver(tenant, user, authenticator, { channel, purpose: 'challenge' });
  tenant.recordChallenge(user, authenticator);
  return sendJson(res, 200, channel === 'auth0' ? { challenge_type: 'oob', oob_code: tx.oobCode } : { challenge_type: 'oob', oob_code: tx.oobCode, binding_method: 'prompt' });
}

// ---- POST /oauth/token, grant mfa-oob -----------------------------------------------------------

/**
 * The mfa-oob grant: `mfa_token`, `oob_code`, and `binding_code` for a code that was sent.
 * - unknown, voided (a newer code was sent), spent or another user's oob_code: `invalid_grant`
 *   "Malformed oob_code" (a wording a real app matches; unconfirmed for the voided case);
 * - after 5 minutes (or the control API's expire-codes): `expired_token` "oob_code is expired"
 *   (after "mfa_token is expired", the pattern Auth0's MFA errors follow; unconfirmed);
 * - sms, voice, email: no binding_code: 400 `invalid_request` "binding_code is required"
 *   (unconfirmed); a wrong one: `invalid_grant` "Invalid binding_code." (the string Auth0's
 *   Android and Swift SDKs match), drawing on the user's bucket shared with OTP and recovery
 *   codes, the oob_code still good; the right one: tokens, once;
 * - push: polled without a binding code: 400 `slow_down` when polled again sooner than the
 *   tenant's `pushPollIntervalMs` (unconfirmed wording), 400 `authorization_pending`
 *   "Authorization pending: please repeat the request in a few seconds." (recorded) until the
 *   fake Guardian app answers, then tokens, or 400 "MFA Authorization rejected." with the
 *   tenant's `pushRejection` error (`access_denied` as recorded, or `invalid_grant` as Auth0's
 *   reference says), again on every poll until it expires.
 * Statuses of `invalid_grant` and `expired_token` follow the tenant's `mfaErrorStatus`, as for
 * the mfa-otp grant. An enrollment's oob_code confirms the authenticator (push: with its OTP
 * authenticator) and the recovery code issued with it.
 * @param {Context} ctx
 * @param {Record<string, string>} params
 * @param {string} clientId
 */
export function mfaOobGrant(ctx, params, clientId) {
  const { res, tenant } = ctx;
  for (const name of ['mfa_token', 'oob_code']) {
    if (!params[name]) return sendError(res, 400, 'invalid_request', `Missing required parameter: ${name}`);
  }
  const auth = mfaTokenUser(ctx, params.mfa_token, clientId);
  if (!auth) return undefined;
  const { user } = auth;
  const tx = tenant.oob.find(params.oob_code);
  const authenticator = tx && tx.email === user.email ? tenant.findAuthenticator(user, tx.authenticatorId) : undefined;
  if (!tx || !authenticator) return sendError(res, tenant.mfaErrorStatus, 'invalid_grant', 'Malformed oob_code');
  if (tenant.oob.isExpired(tx)) return sendError(res, tenant.mfaErrorStatus, 'expired_token', 'oob_code is expired');

  if (tx.channel === 'auth0') {
    const now = tenant.now();
    const tooSoon = tx.lastPollAt !== undefined && now - tx.lastPollAt < tenant.pushPollIntervalMs;
    tx.lastPollAt = now;
    if (tooSoon) {
      const seconds = Math.ceil(tenant.pushPollIntervalMs / 1000);
      return sendError(res, 400, 'slow_down', `You are polling faster than allowed. Wait at least ${seconds} second${seconds === 1 ? '' : 's'} between requests.`);
    }
    if (tx.status === 'pending') return sendError(res, 400, 'authorization_pending', 'Authorization pending: please repeat the request in a few seconds.');
    if (tx.status === 'rejected') return sendError(res, 400, tenant.pushRejection, 'MFA Authorization rejected.');
  } else {
    if (!params.binding_code) return sendError(res, 400, 'invalid_request', 'binding_code is required');
    if (rejectWhenBlocked(ctx, user)) return undefined;
    if (params.binding_code !== tx.bindingCode) {
      tenant.spendAttempt(user);
      return sendError(res, tenant.mfaErrorStatus, 'invalid_grant', 'Invalid binding_code.');
    }
  }
  tenant.oob.spend(tx);
  if (tx.purpose === 'enroll') tenant.activate(user, authenticator);
  return sendJson(res, 200, completeMfa(ctx, auth.token, user, clientId));
}
