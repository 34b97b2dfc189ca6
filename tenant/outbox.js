// Where a stand-in tenant "sends" the codes Auth0 would send by text message, voice call or
// email: nothing leaves the process. The control API serves the messages (GET …/outbox) so
// tests can read a code as a person would read their phone. A per-destination limit refuses a
// message past `messageLimit` in `messageWindowSeconds`, as Auth0 limits messages to one number.

import { randomBytes } from 'node:crypto';

/**
 * @typedef {'sms' | 'voice' | 'email'} MessageChannel
 * @typedef {'enroll' | 'challenge'} MessagePurpose
 *
 * @typedef {object} Message
 * @property {string} id
 * @property {string} to a phone number (E.164) or an email address
 * @property {MessageChannel} channel
 * @property {MessagePurpose} purpose an enrollment's first code, or a sign-in's
 * @property {string} text as the person would read (or hear) it
 * @property {string} code the six digits in it, so that tests need not parse the text
 * @property {number} at milliseconds
 */

/** How many messages the outbox keeps (the oldest go first). */
const KEEP = 1000;

/**
 * The text of a message, after Auth0's default templates for phone messages ("{code} is your
 * verification code for {tenant}. Please enter this code to verify your enrollment.");
 * the voice call reads the digits one by one. Unconfirmed beyond the gist.
 * @param {MessageChannel} channel
 * @param {MessagePurpose} purpose
 * @param {string} code
 * @param {string} tenantName
 */
export function messageText(channel, purpose, code, tenantName) {
  const enrolling = purpose === 'enroll' ? ' Please enter this code to verify your enrollment.' : '';
  if (channel === 'voice') return `Your verification code for ${tenantName} is ${code.split('').join(', ')}. Once again: ${code.split('').join(', ')}.`;
  return `${code} is your verification code for ${tenantName}.${enrolling}`;
}

export class Outbox {
  /**
   * @param {() => number} now
   * @param {() => { limit: number, windowMs: number }} limits the tenant's current settings
   */
  constructor(now, limits) {
    this.now = now;
    this.limits = limits;
    /** @type {Message[]} oldest first */
    this.messages = [];
  }

  /**
   * Seconds until a message may go to `to`, or 0 when one may go now: past `limit` messages to
   * the same destination in the last `windowMs`, the wait until the oldest of them leaves the
   * window.
   * @param {string} to
   */
  retryAfterSeconds(to) {
    const { limit, windowMs } = this.limits();
    const since = this.now() - windowMs;
    const recent = this.messages.filter((m) => m.to === to && m.at > since);
    if (recent.length < limit) return 0;
    const oldest = recent[recent.length - limit];
    return Math.max(1, Math.ceil((oldest.at + windowMs - this.now()) / 1000));
  }

  /**
   * "Send" a code: the message goes to the outbox.
   * @param {{ to: string, channel: MessageChannel, purpose: MessagePurpose, code: string, tenantName: string }} what
   * @returns {Message}
   */
  send({ to, channel, purpose, code, tenantName }) {
    /** @type {Message} */
    const message = { id: randomBytes(6).toString('hex'), to, channel, purpose, text: messageText(channel, purpose, code, tenantName), code, at: this.now() };
    this.messages.push(message);
    if (this.messages.length > KEEP) this.messages.splice(0, this.messages.length - KEEP);
    return message;
  }

  /**
   * The messages, newest first, as the control API shows them, optionally only those to one
   * destination or by one channel.
   * @param {{ to?: string | null, channel?: string | null }} [filter]
   */
  list({ to, channel } = {}) {
    return this.messages
      .filter((m) => (!to || m.to.toLowerCase() === to.toLowerCase()) && (!channel || m.channel === channel))
      .reverse()
      .map(({ id, to: dest, channel: ch, purpose, text, code, at }) => ({ id, to: dest, channel: ch, purpose, text, code, time: new Date(at).toISOString() }));
  }

  /** Forget every message (the per-destination counts start again). */
  clear() {
    this.messages.length = 0;
  }
}
