// Tests for DPoP at the stand-in's token endpoint (RFC 9449, as Auth0's SPA SDK uses it with
// useDpop): proofs checked (typ, alg, signature by the jwk in the header, htm, htu, iat, jti
// replay), access tokens bound to the key (token_type DPoP, cnf.jkt), refresh tokens and codes
// (dpop_jkt) bound to it, and server nonces (use_dpop_nonce with DPoP-Nonce) when a tenant asks
// for them. Run with `node --test tenant/`.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { startTenant } from './server.js';
import { jwkThumbprint } from './jose.js';
import { totp } from './totp.js';
import {
  CLIENT,
  MFA_AUDIENCE,
  MFA_OTP,
  PAGE,
  associate,
  authorizationCode,
  call,
  decodeJwt,
  dpopKey,
  dpopProof,
  exchangeCode,
  newTenant,
  refresh,
  requestLog,
  verifyJwt,
} from './testkit.js';

describe('DPoP at the token endpoint', () => {
  /** @type {Awaited<ReturnType<typeof startTenant>>} */
  let server;
  /** @type {string} */
  let url;
  let clock = Date.now();
  const seconds = () => Math.floor(clock / 1000);

  before(async () => {
    server = await startTenant({ now: () => clock });
    url = server.url;
  });
  after(() => server.close());

  /**
   * A proof for POST {base}/oauth/token at the server's time.
   * @param {ReturnType<typeof dpopKey>} key
   * @param {string} base
   * @param {{ htm?: string, htu?: string, iat?: number, header?: Record<string, unknown>, claims?: Record<string, unknown> }} [options]
   */
  const proofFor = (key, base, options = {}) => dpopProof(key, { htu: `${base}/oauth/token`, iat: seconds(), ...options });

  /**
   * A code ready to exchange, in a fresh tenant.
   * @param {Record<string, unknown>} [settings]
   * @param {Record<string, string>} [params]
   */
  async function freshCode(settings = {}, params = {}) {
    const { id, base } = await newTenant(url, settings);
    const { code, verifier } = await authorizationCode(base, 'dpop@example.com', params);
    return { id, base, code, verifier };
  }

  it('binds the tokens to a good ES256 proof\'s key: token_type DPoP, cnf.jkt the RFC 7638 thumbprint', async () => {
    const { id, base, code, verifier } = await freshCode();
    const key = dpopKey();
    assert.equal(jwkThumbprint(key.jwk), key.jkt);
    const res = await exchangeCode(base, code, verifier, {}, { dpop: proofFor(key, base) });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.token_type, 'DPoP');
    const access = await verifyJwt(base, res.body.access_token);
    assert.deepEqual(access.cnf, { jkt: key.jkt });
    assert.equal(decodeJwt(res.body.id_token).payload.cnf, undefined);
    const exchange = (await requestLog(url, id)).filter((r) => r.path === '/oauth/token');
    assert.deepEqual(exchange.map((r) => [r.dpop, r.tokenType, r.grantType, r.status]), [[true, 'DPoP', 'authorization_code', 200]]);
  });

  it('binds the refresh token to the key: a refresh needs a proof by the same key', async () => {
    const { base, code, verifier } = await freshCode();
    const key = dpopKey();
    const first = await exchangeCode(base, code, verifier, {}, { dpop: proofFor(key, base) });
    const bare = await refresh(base, first.body.refresh_token);
    assert.equal(bare.status, 400);
    assert.deepEqual(bare.body, { error: 'invalid_dpop_proof', error_description: 'The DPoP proof key does not match the key the refresh token is bound to' });
    const other = await refresh(base, first.body.refresh_token, {}, { dpop: proofFor(dpopKey(), base) });
    assert.equal(other.status, 400);
    const ok = await refresh(base, first.body.refresh_token, {}, { dpop: proofFor(key, base) });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.token_type, 'DPoP');
    assert.deepEqual(decodeJwt(ok.body.access_token).payload.cnf, { jkt: key.jkt });
  });

  it('accepts RS256 and PS256 proofs too', async () => {
    for (const alg of /** @type {const} */ (['RS256', 'PS256'])) {
      const { base, code, verifier } = await freshCode();
      const key = dpopKey(alg);
      const res = await exchangeCode(base, code, verifier, {}, { dpop: proofFor(key, base) });
      assert.equal(res.status, 200, `${alg}: ${res.text}`);
      assert.deepEqual(decodeJwt(res.body.access_token).payload.cnf, { jkt: key.jkt });
    }
  });

  it('gives no DPoP binding without a proof: token_type Bearer', async () => {
    const { base, code, verifier } = await freshCode();
    const res = await exchangeCode(base, code, verifier);
    assert.equal(res.body.token_type, 'Bearer');
    assert.equal(decodeJwt(res.body.access_token).payload.cnf, undefined);
    assert.equal((await refresh(base, res.body.refresh_token, {}, { dpop: proofFor(dpopKey(), base) })).status, 200, 'a Bearer family may refresh with a proof');
  });

  it('refuses bad proofs with 400 invalid_dpop_proof, and does not spend the code', async () => {
    const { base, code, verifier } = await freshCode();
    const key = dpopKey();
    const other = dpopKey();
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const privateJwk = privateKey.export({ format: 'jwk' });
    const [h, p] = proofFor(key, base).split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ typ: 'dpop+jwt', alg: 'none', jwk: key.jwk })).toString('base64url')}.${p}.`;
    const signedByOther = `${h}.${p}.${proofFor(other, base).split('.')[2]}`;
    /** @type {[string, string, string][]} */
    const cases = [
      ['not a JWS', 'abc.def', 'The DPoP proof must be a compact JWS'],
      ['unsigned', unsigned, 'The DPoP proof must be a compact JWS'],
      ['typ JWT', proofFor(key, base, { header: { typ: 'JWT' } }), 'The DPoP proof must have typ "dpop+jwt"'],
      ['alg HS256', proofFor(key, base, { header: { alg: 'HS256' } }), 'DPoP proof: Unsupported algorithm: HS256'],
      ['no jwk', proofFor(key, base, { header: { jwk: undefined } }), 'The DPoP proof must carry its public key as jwk'],
      ['a private jwk', proofFor(key, base, { header: { jwk: privateJwk } }), 'DPoP proof: The jwk must be a public key'],
      ['signed by another key', signedByOther, 'DPoP proof: Invalid signature'],
      ['htm GET', proofFor(key, base, { htm: 'GET' }), 'The DPoP proof htm does not match the request method'],
      ['htu elsewhere', proofFor(key, base, { htu: `${base}/oauth/revoke` }), 'The DPoP proof htu does not match the request URL'],
      ['htu another host', proofFor(key, base, { htu: `${base.replace('127.0.0.1', 'example.com')}/oauth/token` }), 'The DPoP proof htu does not match the request URL'],
      ['iat too old', proofFor(key, base, { iat: seconds() - 301 }), 'The DPoP proof iat is too far from the current time'],
      ['iat in the future', proofFor(key, base, { iat: seconds() + 61 }), 'The DPoP proof iat is too far from the current time'],
      ['no jti', proofFor(key, base, { claims: { jti: undefined } }), 'The DPoP proof must have a jti'],
      ['two proofs', `${proofFor(key, base)}, ${proofFor(key, base)}`, 'Exactly one DPoP header is allowed'],
    ];
    for (const [name, dpop, description] of cases) {
      const res = await exchangeCode(base, code, verifier, {}, { dpop });
      assert.equal(res.status, 400, name);
      assert.deepEqual(res.body, { error: 'invalid_dpop_proof', error_description: description }, name);
    }
    // The code was never looked at: it still works with a good proof (its htu may carry a query).
    const good = await exchangeCode(base, code, verifier, {}, { dpop: proofFor(key, base, { htu: `${base}/oauth/token?x=1#y` }) });
    assert.equal(good.status, 200, good.text);
  });

  it('refuses a replayed proof (same jti) with 400', async () => {
    const { base, code, verifier } = await freshCode();
    const key = dpopKey();
    const proof = proofFor(key, base);
    const first = await exchangeCode(base, code, verifier, {}, { dpop: proof });
    assert.equal(first.status, 200);
    const replay = await refresh(base, first.body.refresh_token, {}, { dpop: proof });
    assert.equal(replay.status, 400);
    assert.deepEqual(replay.body, { error: 'invalid_dpop_proof', error_description: 'The DPoP proof jti has been used before' });
  });

  it('binds a code to dpop_jkt: the exchange needs a proof by that key', async () => {
    const key = dpopKey();
    const { base, code, verifier } = await freshCode({}, { dpop_jkt: key.jkt });
    const bare = await exchangeCode(base, code, verifier);
    assert.equal(bare.status, 400);
    assert.deepEqual(bare.body, { error: 'invalid_dpop_proof', error_description: 'The DPoP proof key does not match the dpop_jkt sent to /authorize' });
    const second = await freshCode({}, { dpop_jkt: key.jkt });
    assert.equal((await exchangeCode(second.base, second.code, second.verifier, {}, { dpop: proofFor(dpopKey(), second.base) })).status, 400);
    const third = await freshCode({}, { dpop_jkt: key.jkt });
    assert.equal((await exchangeCode(third.base, third.code, third.verifier, {}, { dpop: proofFor(key, third.base) })).status, 200);
  });

  it('binds the MFA grants\' tokens too', async () => {
    const { base, code, verifier } = await freshCode({}, { audience: MFA_AUDIENCE });
    const key = dpopKey();
    const refused = await exchangeCode(base, code, verifier, {}, { dpop: proofFor(key, base) });
    assert.equal(refused.body.error, 'mfa_required');
    const added = await associate(base, refused.body.mfa_token);
    const res = await call(`${base}/oauth/token`, { form: { grant_type: MFA_OTP, client_id: CLIENT, mfa_token: refused.body.mfa_token, otp: totp(added.body.secret, { time: clock }) }, headers: { dpop: proofFor(key, base) } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.token_type, 'DPoP');
    assert.deepEqual(decodeJwt(res.body.access_token).payload.cnf, { jkt: key.jkt });
    assert.equal(decodeJwt(res.body.access_token).payload.aud, MFA_AUDIENCE);
  });

  describe('server nonces (tenant setting dpopNonce)', () => {
    it('answers use_dpop_nonce with a DPoP-Nonce header the browser may read; the retry with it succeeds and gets the nonce again', async () => {
      const { base, code, verifier } = await freshCode({ dpopNonce: true });
      const key = dpopKey();
      const first = await exchangeCode(base, code, verifier, {}, { dpop: proofFor(key, base), origin: PAGE });
      assert.equal(first.status, 400);
      assert.deepEqual(first.body, { error: 'use_dpop_nonce', error_description: 'Authorization server requires nonce in DPoP proof' });
      const nonce = first.headers.get('dpop-nonce');
      assert.match(nonce ?? '', /^[\w-]{32}$/);
      assert.equal(first.headers.get('access-control-expose-headers'), 'Retry-After, DPoP-Nonce');
      const retry = await exchangeCode(base, code, verifier, {}, { dpop: proofFor(key, base, { claims: { nonce } }), origin: PAGE });
      assert.equal(retry.status, 200, retry.text);
      assert.equal(retry.body.token_type, 'DPoP');
      assert.equal(retry.headers.get('dpop-nonce'), nonce);
      const wrong = await refresh(base, retry.body.refresh_token, {}, { dpop: proofFor(key, base, { claims: { nonce: 'made-up' } }) });
      assert.equal(wrong.body.error, 'use_dpop_nonce');
    });

    it('rotates the nonce every 5 minutes and accepts the one before', async () => {
      const { base, code, verifier } = await freshCode({ dpopNonce: true });
      const key = dpopKey();
      const nonce = (await exchangeCode(base, code, verifier, {}, { dpop: proofFor(key, base) })).headers.get('dpop-nonce');
      clock += 5 * 60 * 1000;
      const later = await authorizationCode(base, 'later@example.com');
      const late = await exchangeCode(base, later.code, later.verifier, {}, { dpop: proofFor(key, base, { claims: { nonce } }) });
      assert.equal(late.status, 200, 'the previous nonce still counts');
      assert.notEqual(late.headers.get('dpop-nonce'), nonce);
      clock += 5 * 60 * 1000;
      const stale = await refresh(base, late.body.refresh_token, {}, { dpop: proofFor(key, base, { claims: { nonce } }) });
      assert.equal(stale.body.error, 'use_dpop_nonce');
    });

    it('asks nothing of requests without a proof, and sends no DPoP-Nonce when the setting is off', async () => {
      const { base, code, verifier } = await freshCode({ dpopNonce: true });
      const res = await exchangeCode(base, code, verifier, {}, { origin: PAGE });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('dpop-nonce'), null);
      const off = await freshCode();
      const bound = await exchangeCode(off.base, off.code, off.verifier, {}, { dpop: proofFor(dpopKey(), off.base), origin: PAGE });
      assert.equal(bound.status, 200);
      assert.equal(bound.headers.get('dpop-nonce'), null);
      assert.equal(bound.headers.get('access-control-expose-headers'), 'Retry-After');
    });
  });

  it('lets a browser send DPoP and Auth0-Client headers cross-origin (preflight)', async () => {
    const { base } = await newTenant(url);
    for (const path of ['/oauth/token', '/mfa/associate', '/mfa/authenticators', '/mfa/challenge']) {
      const res = await call(`${base}${path}`, { method: 'OPTIONS', origin: PAGE, headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'auth0-client, content-type, dpop' } });
      assert.equal(res.status, 204);
      const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
      for (const header of ['auth0-client', 'content-type', 'dpop', 'authorization']) assert.ok(allowed.includes(header), `${path}: ${header}`);
    }
  });
});
