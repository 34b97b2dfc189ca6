// Sending what Auth0 sends out of band, for both APIs (the MFA API's associate and challenge, the
// My Account API's enrollments): a six-digit code by text message, voice call or email into the
// outbox, or a push request to the fake Guardian app, each behind a fresh oob_code that voids the
// one before for the same authenticator; and the QR code of a push enrollment.

/** @typedef {import('./store.js').Tenant} Tenant */
/** @typedef {import('./store.js').User} User */
/** @typedef {import('./store.js').Authenticator} Authenticator */
/** @typedef {import('./oob-transactions.js').OobTransaction} OobTransaction */
/** @typedef {import('./factors.js').OobChannel} OobChannel */

/**
 * Where an authenticator's messages go, as the per-destination limit counts them: its phone
 * number, or its email address in lower case. Push has none.
 * @param {{ type: string, phoneNumber?: string, email?: string }} authenticator
 */
export function destinationOf(authenticator) {
  if (authenticator.type === 'phone') return authenticator.phoneNumber;
  if (authenticator.type === 'email') return authenticator.email?.toLowerCase();
  return undefined;
}

/**
 * The channel a challenge or an enrollment of an authenticator goes by: a phone's preferred one
 * unless one is named (the MFA API's row), email, or push (`auth0`).
 * @param {Authenticator} authenticator
 * @param {OobChannel} [named]
 * @returns {OobChannel}
 */
export function channelOf(authenticator, named) {
  if (authenticator.type === 'phone') return named ?? authenticator.preferredChannel ?? 'sms';
  return authenticator.type === 'email' ? 'email' : 'auth0';
}

/**
 * Start an oob transaction for an authenticator (voiding the one before) and send what it needs:
 * the code to the outbox for sms, voice and email; nothing for push, whose request waits in the
 * fake Guardian app (or, when enrolling, for its QR code to be scanned). The caller has checked
 * the per-destination limit.
 * @param {Tenant} tenant
 * @param {User} user
 * @param {Authenticator} authenticator
 * @param {{ channel: OobChannel, purpose: 'enroll' | 'challenge' }} how
 * @returns {OobTransaction}
 */
export function deliver(tenant, user, authenticator, { channel, purpose }) {
  const tx = tenant.oob.start({ email: user.email, authenticatorId: authenticator.id, channel, purpose });
  const to = destinationOf(authenticator);
  if (channel !== 'auth0' && to !== undefined && tx.bindingCode !== undefined) {
    tenant.outbox.send({ to, channel, purpose, code: tx.bindingCode, tenantName: tenant.name });
  }
  return tx;
}

/**
 * The QR code of a push enrollment, as a real tenant answered it: `otpauth://totp/{tenant}:{email}`
 * with the `enrollment_tx_id` the Guardian app presents and the `base_url` of the tenant's
 * Guardian service (here the tenant's own base: the fake Guardian is the control API).
 * @param {Tenant} tenant
 * @param {User} user
 * @param {OobTransaction} tx
 * @param {string} base the tenant's base URL as the client called it
 */
export function pushBarcodeUri(tenant, user, tx, base) {
  const label = `${encodeURIComponent(tenant.name)}:${encodeURIComponent(user.email)}`;
  return `otpauth://totp/${label}?enrollment_tx_id=${tx.enrollmentTxId}&base_url=${encodeURIComponent(base)}`;
}
