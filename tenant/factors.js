// The factors a stand-in tenant can enable and what Auth0 shows of them: which factors exist,
// whether a phone number or an email address is plausible, how the MFA API masks them, and the
// rows /mfa/authenticators lists for each authenticator. Plain functions, no state.
//
// Shapes from recordings of real tenants (go-auth0's test recordings, Auth0.swift's fixtures):
// a phone is listed once per channel the tenant delivers by ("sms|dev_X" and "voice|dev_X", the
// same tail, the same masked `name`), an email with its masked address, push ("push|dev_X") with
// no name at all.

/** The factors a tenant may enable, as `mfa_requirements` names them (the `factors` setting). */
export const FACTORS = ['otp', 'phone', 'email', 'push-notification'];
/** The channels a phone can be reached by (the `phoneChannels` setting). */
export const PHONE_CHANNELS = ['sms', 'voice'];
/** The channels `/mfa/associate` takes in `oob_channels`; `auth0` is push (Guardian). */
export const OOB_CHANNELS = ['sms', 'voice', 'email', 'auth0'];

/**
 * @typedef {'otp' | 'recovery-code' | 'phone' | 'email' | 'push-notification'} FactorType
 * @typedef {'sms' | 'voice' | 'email' | 'auth0'} OobChannel
 */

/**
 * The factor an `oob_channels` entry enrolls.
 * @param {OobChannel} channel
 * @returns {FactorType}
 */
export function factorOfChannel(channel) {
  if (channel === 'email') return 'email';
  if (channel === 'auth0') return 'push-notification';
  return 'phone';
}

/**
 * Whether a phone number is one a real phone could have: E.164 (`+`, a country code that does not
 * start with 0, 8 to 15 digits in all, nothing else), and for North America (+1) exactly ten
 * digits after the country code. Fictional ranges (555-01xx) pass: Auth0 cannot tell either.
 * @param {unknown} value
 * @returns {value is string}
 */
export function plausiblePhoneNumber(value) {
  if (typeof value !== 'string' || !/^\+[1-9]\d{7,14}$/.test(value)) return false;
  return !value.startsWith('+1') || value.length === 12;
}

/**
 * Whether an email address is plausible: one `@`, something before it, a dotted domain after it,
 * no spaces, at most 254 characters.
 * @param {unknown} value
 * @returns {value is string}
 */
export function plausibleEmail(value) {
  return typeof value === 'string' && value.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
}

/**
 * A phone number as the MFA API names it: every character but the last four as "X"
 * ("+15551238730" → "XXXXXXXX8730", the API contract's example; a recorded 13-character one
 * shows nine X).
 * @param {string} number E.164
 */
export function maskPhoneNumber(number) {
  return 'X'.repeat(Math.max(0, number.length - 4)) + number.slice(-4);
}

/**
 * An email address as the MFA API names it (unconfirmed rule, fitted to the two recorded names,
 * "****@exam*******" and "example******@gmai*****"): the local part's last six characters (all
 * of it when shorter) and all of the domain but its first four as "*".
 * @param {string} email
 */
export function maskEmail(email) {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const shown = Math.max(0, local.length - 6);
  return `${local.slice(0, shown)}${'*'.repeat(local.length - shown)}@${domain.slice(0, 4)}${'*'.repeat(Math.max(0, domain.length - 4))}`;
}

/**
 * The tail of an authenticator id ("phone|dev_X" → "dev_X").
 * @param {string} id
 */
export const idTail = (id) => id.slice(id.indexOf('|') + 1);

/**
 * @typedef {object} FactorAuthenticator the fields of an authenticator the rows are made from
 * @property {string} id
 * @property {FactorType} type
 * @property {boolean} active
 * @property {string} [phoneNumber]
 * @property {string} [email]
 */

/**
 * The rows GET /mfa/authenticators lists for one authenticator: one for OTP and the recovery
 * code, one per channel the tenant delivers by for a phone (ids "sms|dev_X", "voice|dev_X"), one
 * for an email (masked address) and one for push (`oob_channel` "auth0", no name). With the
 * tenant's `typedAuthenticators` each row also carries `type`, the factor's name.
 * @param {FactorAuthenticator} authenticator
 * @param {{ phoneChannels: string[], typed: boolean }} tenant
 * @returns {Record<string, unknown>[]}
 */
export function mfaApiRows(authenticator, { phoneChannels, typed }) {
  const { id, type, active } = authenticator;
  /** @type {Record<string, unknown>[]} */
  let rows;
  if (type === 'phone') {
    const name = maskPhoneNumber(authenticator.phoneNumber ?? '');
    rows = PHONE_CHANNELS.filter((channel) => phoneChannels.includes(channel)).map((channel) => ({ id: `${channel}|${idTail(id)}`, authenticator_type: 'oob', active, oob_channel: channel, name }));
  } else if (type === 'email') {
    rows = [{ id, authenticator_type: 'oob', active, oob_channel: 'email', name: maskEmail(authenticator.email ?? '') }];
  } else if (type === 'push-notification') {
    rows = [{ id, authenticator_type: 'oob', active, oob_channel: 'auth0' }];
  } else {
    rows = [{ id, authenticator_type: type, active }];
  }
  return typed ? rows.map((row) => ({ ...row, type })) : rows;
}

/**
 * The channel a row of GET /mfa/authenticators challenges by, for oob rows.
 * @param {Record<string, unknown>} row
 * @returns {OobChannel | undefined}
 */
export function rowChannel(row) {
  return row.authenticator_type === 'oob' ? /** @type {OobChannel} */ (row.oob_channel) : undefined;
}
