// The out-of-band transactions of one stand-in tenant: each `oob_code` Auth0 hands out, with what
// it stands for. A code sent by text message, voice call or email (its six-digit binding code);
// a push request waiting in the Guardian app (pending, approved or rejected); a push enrollment
// waiting for its QR code to be scanned (its `enrollment_tx_id`). Each lasts 5 minutes; a new one
// for the same authenticator voids the one before ("a new oob_code replaces the old one").

import { randomBytes, randomInt } from 'node:crypto';

/**
 * @typedef {import('./factors.js').OobChannel} OobChannel
 *
 * @typedef {object} OobTransaction
 * @property {string} oobCode opaque, shaped like Auth0's iron-sealed ones
 * @property {string} id a short handle for the control API (never the oob_code)
 * @property {string} email the user's
 * @property {string} authenticatorId the authenticator it confirms or challenges
 * @property {OobChannel} channel
 * @property {'enroll' | 'challenge'} purpose
 * @property {string} [bindingCode] sms, voice, email: the six digits sent
 * @property {'pending' | 'approved' | 'rejected'} [status] push: what the Guardian app said
 * @property {string} [enrollmentTxId] a push enrollment: what its QR code carries
 * @property {number} createdAt milliseconds
 * @property {number} expiresAt milliseconds
 * @property {number} [lastPollAt] push: when the token endpoint was last polled with it
 */

/** How long a sent code, a push request or a push enrollment stays good (Auth0: 5 minutes). */
export const OOB_TTL_MS = 5 * 60 * 1000;
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** @param {number} length */
function base62(length) {
  let out = '';
  for (let i = 0; i < length; i += 1) out += BASE62[randomInt(BASE62.length)];
  return out;
}

/** A six-digit code, as Auth0's messages carry. */
export const sixDigits = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export class OobTransactions {
  /** @param {() => number} now */
  constructor(now) {
    this.now = now;
    /** @type {Map<string, OobTransaction>} by oob_code */
    this.byCode = new Map();
  }

  /**
   * Start a transaction for an authenticator; any earlier one of the same authenticator is void.
   * sms, voice and email get a binding code; push (`auth0`) a pending status, and an
   * `enrollment_tx_id` when enrolling.
   * @param {{ email: string, authenticatorId: string, channel: OobChannel, purpose: 'enroll' | 'challenge' }} what
   * @returns {OobTransaction}
   */
  start({ email, authenticatorId, channel, purpose }) {
    this.voidFor(authenticatorId);
    const now = this.now();
    const oobCode = `Fe26.2*SERVER_1*${randomBytes(32).toString('hex')}*${randomBytes(16).toString('base64url')}*${randomBytes(96).toString('base64url')}*${now + OOB_TTL_MS}*${randomBytes(32).toString('hex')}*${randomBytes(32).toString('base64url')}`;
    /** @type {OobTransaction} */
    const tx = { oobCode, id: base62(12), email, authenticatorId, channel, purpose, createdAt: now, expiresAt: now + OOB_TTL_MS };
    if (channel === 'auth0') {
      tx.status = 'pending';
      if (purpose === 'enroll') tx.enrollmentTxId = base62(32);
    } else {
      tx.bindingCode = sixDigits();
    }
    this.byCode.set(oobCode, tx);
    return tx;
  }

  /**
   * The transaction of an oob_code, if it was issued and has not been voided or spent (expired
   * ones are still found: the grant says they expired).
   * @param {string} oobCode
   */
  find(oobCode) {
    return this.byCode.get(oobCode);
  }

  /** @param {OobTransaction} tx */
  isExpired(tx) {
    return this.now() >= tx.expiresAt;
  }

  /**
   * Forget a transaction: it was used, or its authenticator is gone.
   * @param {OobTransaction} tx
   */
  spend(tx) {
    this.byCode.delete(tx.oobCode);
  }

  /**
   * Void every transaction of an authenticator (a new one replaces them, or it was removed).
   * @param {string} authenticatorId
   */
  voidFor(authenticatorId) {
    for (const [code, tx] of this.byCode) if (tx.authenticatorId === authenticatorId) this.byCode.delete(code);
  }

  /** Expire every transaction now (control API): codes sent, push requests, push enrollments. */
  expireAll() {
    const now = this.now();
    for (const tx of this.byCode.values()) tx.expiresAt = Math.min(tx.expiresAt, now);
  }

  /**
   * Push transactions still waiting in the Guardian app (not expired), newest first.
   * @param {'enroll' | 'challenge'} purpose
   * @param {{ email?: string }} [filter] only this user's
   */
  pushWaiting(purpose, { email } = {}) {
    const now = this.now();
    return [...this.byCode.values()]
      .filter((tx) => tx.channel === 'auth0' && tx.purpose === purpose && tx.status === 'pending' && now < tx.expiresAt && (!email || tx.email.toLowerCase() === email.toLowerCase()))
      .reverse();
  }

  /**
   * A push transaction by the control API's handle, its oob_code or its enrollment_tx_id.
   * @param {{ id?: string, oobCode?: string, enrollmentTxId?: string }} key
   */
  findPush({ id, oobCode, enrollmentTxId }) {
    for (const tx of this.byCode.values()) {
      if (tx.channel !== 'auth0') continue;
      if ((id && tx.id === id) || (oobCode && tx.oobCode === oobCode) || (enrollmentTxId && tx.enrollmentTxId === enrollmentTxId)) return tx;
    }
    return undefined;
  }
}
