// A self-signed TLS certificate for the stand-in's HTTPS listener, made at start with node:crypto
// and a small ASN.1 DER writer (Node has no X.509 generator). P-256 key, ecdsa-with-SHA256,
// a random serial, valid from an hour ago for a few days, subjectAltName for the loopback names.
// The private key stays in memory: nothing here touches the disk.

import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

// ---- DER (X.690) ----------------------------------------------------------------------------

/**
 * A TLV: tag, definite length, content.
 * @param {number} tag
 * @param {Buffer} content
 */
function tlv(tag, content) {
  const n = content.length;
  let length;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes = [];
    for (let rest = n; rest > 0; rest >>>= 8) bytes.unshift(rest & 0xff);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

/** @param {Buffer[]} items */
const sequence = (...items) => tlv(0x30, Buffer.concat(items));
/** @param {Buffer[]} items */
const set = (...items) => tlv(0x31, Buffer.concat(items));
/** An explicitly tagged [n]. @param {number} n @param {Buffer} content */
const explicit = (n, content) => tlv(0xa0 + n, content);
/** @param {Buffer} bytes an unsigned big-endian integer */
const integer = (bytes) => {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && bytes[start + 1] < 0x80) start += 1;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, trimmed[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
};
/** @param {Buffer} bytes */
const bitString = (bytes) => tlv(0x03, Buffer.concat([Buffer.from([0]), bytes]));
/** @param {Buffer} bytes */
const octetString = (bytes) => tlv(0x04, bytes);
/** @param {string} text */
const utf8String = (text) => tlv(0x0c, Buffer.from(text, 'utf8'));
const TRUE = tlv(0x01, Buffer.from([0xff]));

/** @param {string} dotted e.g. "1.2.840.10045.4.3.2" */
function oid(dotted) {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/**
 * UTCTime for years 1950–2049, GeneralizedTime after (RFC 5280 §4.1.2.5).
 * @param {Date} date
 */
function time(date) {
  const iso = date.toISOString(); // 2026-01-02T03:04:05.678Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, ''); // 20260102030405
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${digits}Z`));
}

/**
 * An IP address as the 4 or 16 bytes of a subjectAltName iPAddress.
 * @param {string} ip
 */
function ipBytes(ip) {
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  const [head, tail = ''] = ip.split('::');
  const groups = (/** @type {string} */ part) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = ip.includes('::') ? groups(tail) : [];
  const all = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return Buffer.from(all.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
}

// ---- the certificate ------------------------------------------------------------------------

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));

/**
 * @typedef {object} Certificate
 * @property {string} cert the certificate, PEM
 * @property {string} key its private key, PKCS#8 PEM (in memory only)
 * @property {string} spkiSha256 base64 SHA-256 of the public key's SubjectPublicKeyInfo: what
 *   Chromium's --ignore-certificate-errors-spki-list takes
 * @property {Date} notAfter
 */

/**
 * Make a self-signed certificate for local HTTPS.
 * @param {{ dnsNames?: string[], ips?: string[], days?: number, commonName?: string, now?: number }} [options]
 * @returns {Certificate}
 */
export function createCertificate(options = {}) {
  const { dnsNames = ['localhost'], ips = ['127.0.0.1', '::1'], days = 3, commonName = 'Stand-in Auth0 tenant (local)', now = Date.now() } = options;
  for (const ip of ips) if (!isIPv4(ip) && !isIPv6(ip)) throw new TypeError(`Not an IP address: ${ip}`);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const name = sequence(set(sequence(oid('2.5.4.3'), utf8String(commonName))));
  const notBefore = new Date(now - 60 * 60 * 1000); // an hour of slack for clocks
  const notAfter = new Date(now + days * 24 * 60 * 60 * 1000);
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x01; // positive, and never a leading zero to trim

  const altNames = sequence(
    ...dnsNames.map((dns) => tlv(0x82, Buffer.from(dns, 'ascii'))), // [2] dNSName
    ...ips.map((ip) => tlv(0x87, ipBytes(ip))), // [7] iPAddress
  );
  const extensions = sequence(
    sequence(oid('2.5.29.19'), TRUE, octetString(sequence())), // basicConstraints, critical: not a CA
    sequence(oid('2.5.29.15'), TRUE, octetString(tlv(0x03, Buffer.from([0x07, 0x80])))), // keyUsage, critical: digitalSignature
    sequence(oid('2.5.29.37'), octetString(sequence(oid('1.3.6.1.5.5.7.3.1')))), // extKeyUsage: serverAuth
    sequence(oid('2.5.29.17'), octetString(altNames)), // subjectAltName
    sequence(oid('2.5.29.14'), octetString(octetString(createHash('sha1').update(spki).digest()))), // subjectKeyIdentifier
  );
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    ECDSA_WITH_SHA256,
    name,
    sequence(time(notBefore), time(notAfter)),
    name,
    spki,
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey); // DER ECDSA-Sig-Value, as X.509 wants it
  const der = sequence(tbs, ECDSA_WITH_SHA256, bitString(signature));
  const body = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${body}-----END CERTIFICATE-----\n`,
    key: /** @type {string} */ (privateKey.export({ type: 'pkcs8', format: 'pem' })),
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
    notAfter,
  };
}
