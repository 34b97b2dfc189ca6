// The JOSE pieces the stand-in needs, over node:crypto only: RS256 JWTs signed with a key pair
// made at start (the private key never leaves the process, and is never written anywhere), its
// public JWK for /.well-known/jwks.json, JWK thumbprints (RFC 7638) and the verification of a
// compact JWS signed with the public key in its own header (what a DPoP proof is).

import { constants, createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';

/** @typedef {Record<string, unknown>} Claims */

/**
 * @typedef {object} Signer
 * @property {string} kid the key id in every JWT header, the public key's RFC 7638 thumbprint
 * @property {Record<string, string>} jwk the public key as published in the JWKS
 * @property {(payload: Claims, header?: Claims) => string} sign an RS256 compact JWS of `payload`
 */

/** @param {unknown} value */
export const encodeJson = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A fresh RSA-2048 key pair for RS256 (what Auth0 signs id_tokens with, and the only algorithm
 * Auth0's browser SDK accepts for them).
 * @returns {Signer}
 */
export function createSigner() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { n, e } = /** @type {{ n: string, e: string }} */ (publicKey.export({ format: 'jwk' }));
  const kid = /** @type {string} */ (jwkThumbprint({ kty: 'RSA', n, e }));
  return {
    kid,
    jwk: { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n, e },
    sign(payload, header = {}) {
      const input = `${encodeJson({ alg: 'RS256', typ: 'JWT', kid, ...header })}.${encodeJson(payload)}`;
      return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
    },
  };
}

/**
 * The RFC 7638 thumbprint of a public JWK: SHA-256 over the required members in lexicographic
 * order, base64url. Undefined for a key type it does not know.
 * @param {Record<string, unknown>} jwk
 * @returns {string | undefined}
 */
export function jwkThumbprint(jwk) {
  /** @type {Record<string, string[]>} */
  const required = { EC: ['crv', 'kty', 'x', 'y'], RSA: ['e', 'kty', 'n'], OKP: ['crv', 'kty', 'x'] };
  const members = required[String(jwk.kty)];
  if (!members || !members.every((m) => typeof jwk[m] === 'string')) return undefined;
  // JSON.stringify writes the members in insertion order, with no whitespace: RFC 7638's form.
  const canonical = JSON.stringify(Object.fromEntries(members.map((m) => [m, jwk[m]])));
  return createHash('sha256').update(canonical).digest('base64url');
}

/**
 * Split a compact JWS and decode its header and payload.
 * @param {string} token
 * @returns {{ header: Claims, payload: Claims, input: string, signature: Buffer } | undefined}
 */
export function decodeJws(token) {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[\w-]+$/.test(p))) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, input: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch {
    return undefined;
  }
}

/** @param {unknown} value @returns {value is Claims} */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

// Members that only a private JWK has.
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** The asymmetric algorithms accepted for a JWS verified with its own public key. */
export const PROOF_ALGORITHMS = ['ES256', 'RS256', 'PS256'];

/**
 * Verify a JWS signature with a public JWK. Answers what is wrong, or undefined when it verifies.
 * ES256 needs a P-256 key and a 64-byte (r‖s) signature; RS256 and PS256 an RSA key of 2048 bits
 * or more.
 * @param {string} alg
 * @param {Claims} jwk
 * @param {string} input the signed "header.payload"
 * @param {Buffer} signature
 * @returns {string | undefined}
 */
export function jwsProblem(alg, jwk, input, signature) {
  if (!PROOF_ALGORITHMS.includes(alg)) return `Unsupported algorithm: ${alg}`;
  if (PRIVATE_MEMBERS.some((m) => m in jwk)) return 'The jwk must be a public key';
  let key;
  try {
    key = createPublicKey({ key: /** @type {import('node:crypto').JsonWebKey} */ (jwk), format: 'jwk' });
  } catch {
    return 'The jwk is not a valid public key';
  }
  const details = key.asymmetricKeyDetails ?? {};
  const data = Buffer.from(input);
  if (alg === 'ES256') {
    if (key.asymmetricKeyType !== 'ec' || details.namedCurve !== 'prime256v1') return 'ES256 needs a P-256 key';
    if (signature.length !== 64) return 'Invalid signature';
    return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature) ? undefined : 'Invalid signature';
  }
  if (key.asymmetricKeyType !== 'rsa' || (details.modulusLength ?? 0) < 2048) return `${alg} needs an RSA key of at least 2048 bits`;
  const options = alg === 'PS256' ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : key;
  return verify('sha256', data, options, signature) ? undefined : 'Invalid signature';
}
