// TOTP (RFC 6238) over HMAC-SHA1 and RFC 4648 base32, using only node:crypto.
// The stand-in tenant verifies codes with these; tests use them to type the right code.

import { createHmac, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Base32-encode bytes (RFC 4648 alphabet, no padding).
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function base32Encode(bytes) {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1; // keep only the unread bits so the number stays small
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Base32-decode (RFC 4648). Case-insensitive; ignores spaces, dashes and '=' padding,
 * because people paste secrets grouped in fours.
 * @param {string} text
 * @returns {Buffer}
 */
export function base32Decode(text) {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  /** @type {number[]} */
  const out = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new TypeError(`Invalid base32 character: ${JSON.stringify(char)}`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
      buffer &= (1 << bits) - 1;
    }
  }
  return Buffer.from(out);
}

/**
 * HOTP (RFC 4226) for one counter value.
 * @param {Uint8Array} key
 * @param {number} counter
 * @param {number} digits
 * @returns {string}
 */
export function hotp(key, counter, digits = 6) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * The TOTP code for a base32 secret at a given time.
 * @param {string} secretBase32
 * @param {{ time?: number, step?: number, digits?: number }} [options]
 *   time in milliseconds since the epoch (default now), step in seconds.
 * @returns {string}
 */
export function totp(secretBase32, { time = Date.now(), step = 30, digits = 6 } = {}) {
  return hotp(base32Decode(secretBase32), Math.floor(time / 1000 / step), digits);
}

/**
 * Which time step `code` is the TOTP of, within ±window steps of `time` and later than `after`
 * (a step already used, so that a code is accepted once only). When several steps in the window
 * match, the latest one. Undefined when none does.
 * @param {string} secretBase32
 * @param {string} code
 * @param {{ time?: number, window?: number, step?: number, digits?: number, after?: number }} [options]
 *   after: only steps greater than this count (default: any step)
 * @returns {number | undefined} the matching step (counter)
 */
export function matchTotp(secretBase32, code, { time = Date.now(), window = 1, step = 30, digits = 6, after = -1 } = {}) {
  if (typeof code !== 'string' || !new RegExp(`^\\d{${digits}}$`).test(code)) return undefined;
  const key = base32Decode(secretBase32);
  const counter = Math.floor(time / 1000 / step);
  /** @type {number | undefined} */
  let matched;
  // Check every step in the window (no early exit) so timing does not reveal which one matched.
  for (let delta = -window; delta <= window; delta += 1) {
    const candidate = counter + delta;
    if (candidate < 0) continue;
    const expected = Buffer.from(hotp(key, candidate, digits));
    if (timingSafeEqual(expected, Buffer.from(code)) && candidate > after) matched = candidate;
  }
  return matched;
}

/**
 * Whether `code` is the TOTP for `secret` within ±window steps of `time`.
 * @param {string} secretBase32
 * @param {string} code
 * @param {{ time?: number, window?: number, step?: number, digits?: number }} [options]
 * @returns {boolean}
 */
export function verifyTotp(secretBase32, code, options = {}) {
  return matchTotp(secretBase32, code, options) !== undefined;
}
