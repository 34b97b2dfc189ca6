// DPoP proofs (RFC 9449 §4.3), at the token endpoint and with a DPoP-bound access token at a
// resource (the My Account API, §7.1): a compact JWS with typ "dpop+jwt", an asymmetric alg, the
// public key in its `jwk` header, signed with that key, naming the request's method (htm) and URL
// without query and fragment (htu), recent (iat), never seen before (jti), carrying the server's
// nonce when the tenant asks for one and, at a resource, the access token's hash (ath).

import { createHash } from 'node:crypto';
import { decodeJws, jwkThumbprint, jwsProblem } from './jose.js';

/** How far from the server's clock a proof's iat may be. */
export const DPOP_IAT_PAST_SECONDS = 300;
export const DPOP_IAT_FUTURE_SECONDS = 60;

/**
 * @typedef {object} ProofCheck
 * @property {string} method the request's method
 * @property {string} url the request's URL (query and fragment are ignored)
 * @property {number} now milliseconds
 * @property {(jti: string, until: number) => boolean} firstUse records a jti until `until` (ms);
 *   false when it was seen before
 * @property {(nonce: unknown) => boolean} [nonceOk] present when the tenant requires a nonce
 * @property {string} [accessToken] at a resource: the access token sent with the proof, whose
 *   SHA-256 (base64url) the proof's `ath` must be
 *
 * @typedef {{ ok: true, jkt: string } | { ok: false, error: 'invalid_dpop_proof' | 'use_dpop_nonce', description: string }} ProofResult
 */

/**
 * Check the DPoP header of a request. Every failure is `invalid_dpop_proof` except a missing or
 * stale nonce, which is `use_dpop_nonce` (the client retries with the nonce it is sent).
 * @param {string | string[]} header the DPoP header as Node parsed it
 * @param {ProofCheck} check
 * @returns {ProofResult}
 */
export function checkDpopProof(header, check) {
  /** @param {string} description @returns {ProofResult} */
  const bad = (description) => ({ ok: false, error: 'invalid_dpop_proof', description });
  // Node joins repeated headers with ", ": a JWS never contains a comma.
  if (Array.isArray(header) || header.includes(',')) return bad('Exactly one DPoP header is allowed');
  const jws = decodeJws(header.trim());
  if (!jws) return bad('The DPoP proof must be a compact JWS');
  const { header: head, payload } = jws;
  if (head.typ !== 'dpop+jwt') return bad('The DPoP proof must have typ "dpop+jwt"');
  if (typeof head.alg !== 'string') return bad('The DPoP proof must name its alg');
  const jwk = head.jwk;
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return bad('The DPoP proof must carry its public key as jwk');
  const problem = jwsProblem(head.alg, /** @type {Record<string, unknown>} */ (jwk), jws.input, jws.signature);
  if (problem) return bad(`DPoP proof: ${problem}`);
  const jkt = jwkThumbprint(/** @type {Record<string, unknown>} */ (jwk));
  if (!jkt) return bad('DPoP proof: unsupported key type');

  if (typeof payload.jti !== 'string' || payload.jti === '' || payload.jti.length > 256) return bad('The DPoP proof must have a jti');
  if (payload.htm !== check.method) return bad('The DPoP proof htm does not match the request method');
  if (typeof payload.htu !== 'string' || !sameTarget(payload.htu, check.url)) return bad('The DPoP proof htu does not match the request URL');
  if (typeof payload.iat !== 'number' || !Number.isFinite(payload.iat)) return bad('The DPoP proof must have a numeric iat');
  const now = check.now / 1000;
  if (payload.iat < now - DPOP_IAT_PAST_SECONDS || payload.iat > now + DPOP_IAT_FUTURE_SECONDS) return bad('The DPoP proof iat is too far from the current time');
  if (check.accessToken !== undefined && payload.ath !== createHash('sha256').update(check.accessToken).digest('base64url')) {
    return bad('The DPoP proof ath does not match the access token');
  }
  if (check.nonceOk && !check.nonceOk(payload.nonce)) {
    return { ok: false, error: 'use_dpop_nonce', description: 'Authorization server requires nonce in DPoP proof' };
  }
  // Last, so that a refused proof does not burn its jti (a nonce retry sends a new one anyway).
  const until = (payload.iat + DPOP_IAT_PAST_SECONDS + DPOP_IAT_FUTURE_SECONDS) * 1000;
  if (!check.firstUse(payload.jti, until)) return bad('The DPoP proof jti has been used before');
  return { ok: true, jkt };
}

/**
 * Whether two URLs name the same target, ignoring query and fragment (RFC 9449 §4.3 step 9),
 * after the usual normalisation (scheme and host case, default ports).
 * @param {string} a
 * @param {string} b
 */
function sameTarget(a, b) {
  try {
    const left = new URL(a);
    const right = new URL(b);
    return left.protocol === right.protocol && left.host === right.host && left.pathname === right.pathname;
  } catch {
    return false;
  }
}
