// Helpers shared by the stand-in tenant's tests: call the server, make tenants, sign in,
// enroll. Not a test file itself (the name matches none of node --test's patterns).

import assert from 'node:assert/strict';
import { constants, createHash, createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { after, before } from 'node:test';
import { startTenant } from './server.js';
import { totp } from './totp.js';

export const MFA_OTP = 'http://auth0.com/oauth/grant-type/mfa-otp';
export const MFA_OOB = 'http://auth0.com/oauth/grant-type/mfa-oob';
export const MFA_RECOVERY_CODE = 'http://auth0.com/oauth/grant-type/mfa-recovery-code';
export const CLIENT = 'demo-spa-client';
export const PAGE = 'http://localhost:8000'; // a typical test-runner page origin
/** What mfa_required asks of a user with no factor on a tenant with every factor enabled (the default). */
export const ENROLL_ANY = { enroll: [{ type: 'otp' }, { type: 'phone' }, { type: 'email' }, { type: 'push-notification' }] };

/**
 * @typedef {{ method?: string, json?: unknown, form?: Record<string, string>, raw?: string,
 *   contentType?: string, token?: string, origin?: string, headers?: Record<string, string> }} CallOptions
 */

/**
 * Call the server and read the answer.
 * @param {string} url
 * @param {CallOptions} [options]
 */
export async function call(url, { method = 'POST', json, form, raw, contentType, token, origin, headers = {} } = {}) {
  /** @type {Record<string, string>} */
  const h = { ...headers };
  let body;
  if (json !== undefined) {
    h['content-type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form) {
    h['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  } else if (raw !== undefined) {
    body = raw;
  }
  if (contentType) h['content-type'] = contentType;
  if (token) h.authorization = `Bearer ${token}`;
  if (origin) h.origin = origin;
  const res = await fetch(url, { method, headers: h, body });
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  return { status: res.status, headers: res.headers, body: data, text };
}

/**
 * A fresh isolated tenant.
 * @param {string} serverUrl
 * @param {Record<string, unknown>} [settings]
 * @returns {Promise<{ id: string, base: string }>}
 */
export async function newTenant(serverUrl, settings = {}) {
  const res = await call(`${serverUrl}/__control/tenants`, { json: settings });
  assert.equal(res.status, 201);
  return res.body;
}

/**
 * Password grant; returns the raw answer.
 * @param {string} base
 * @param {string} email
 * @param {Record<string, string>} [extra]
 */
export function passwordGrant(base, email, extra = {}) {
  return call(`${base}/oauth/token`, { form: { grant_type: 'password', client_id: CLIENT, username: email, password: 'demo-password', ...extra } });
}

/**
 * The mfa_token of a password grant.
 * @param {string} base
 * @param {string} email
 * @param {Record<string, string>} [extra]
 * @returns {Promise<string>}
 */
export async function mfaToken(base, email, extra = {}) {
  const res = await passwordGrant(base, email, extra);
  assert.equal(res.status, 403);
  return res.body.mfa_token;
}

/**
 * @param {string} base
 * @param {string} token
 */
export function associate(base, token) {
  return call(`${base}/mfa/associate`, { json: { authenticator_types: ['otp'] }, token });
}

/**
 * @param {string} base
 * @param {string} token
 * @param {string} otp
 * @param {string} [clientId]
 */
export function confirm(base, token, otp, clientId = CLIENT) {
  return call(`${base}/oauth/token`, { form: { grant_type: MFA_OTP, client_id: clientId, mfa_token: token, otp } });
}

/**
 * A six-digit code that is wrong for `secret` at `time` and its neighbours.
 * @param {string} secret
 * @param {number} [time]
 */
export function wrongCode(secret, time = Date.now()) {
  const valid = new Set([-1, 0, 1].map((d) => totp(secret, { time: time + d * 30_000 })));
  let n = 123456;
  while (valid.has(String(n))) n += 1;
  return String(n);
}

/**
 * Sign in, add an OTP authenticator and confirm it with the code for `time` (the server's clock).
 * @param {string} base
 * @param {string} email
 * @param {number} [time]
 * @returns {Promise<{ token: string, secret: string, recoveryCode: string | undefined }>}
 */
export async function enroll(base, email, time = Date.now()) {
  const token = await mfaToken(base, email);
  const added = await associate(base, token);
  assert.equal(added.status, 200);
  const done = await confirm(base, token, totp(added.body.secret, { time }));
  assert.equal(done.status, 200);
  return { token, secret: added.body.secret, recoveryCode: added.body.recovery_codes?.[0] };
}

/**
 * The mfa-recovery-code grant, form-encoded.
 * @param {string} base
 * @param {string} token
 * @param {string} recoveryCode
 * @param {string} [clientId]
 */
export function recover(base, token, recoveryCode, clientId = CLIENT) {
  return call(`${base}/oauth/token`, { form: { grant_type: MFA_RECOVERY_CODE, client_id: clientId, mfa_token: token, recovery_code: recoveryCode } });
}

/**
 * POST /mfa/challenge with a JSON body, as Auth0's SDKs send it.
 * @param {string} base
 * @param {Record<string, unknown>} body
 * @param {string} [origin]
 */
export function challenge(base, body, origin) {
  return call(`${base}/mfa/challenge`, { json: { client_id: CLIENT, challenge_type: 'otp', ...body }, origin });
}

/**
 * A user as the control API shows them.
 * @param {string} serverUrl
 * @param {string} tenantId
 * @param {string} email
 * @returns {Promise<{ email: string, authenticators: { id: string, authenticator_type: string, active: boolean }[], recoveryCode: string | null, challenges: number }>}
 */
export async function userState(serverUrl, tenantId, email) {
  const res = await call(`${serverUrl}/__control/tenants/${tenantId}/users/${encodeURIComponent(email)}`, { method: 'GET' });
  assert.equal(res.status, 200);
  return res.body;
}

/**
 * @param {string} base
 * @param {string} email
 * @param {string} scope
 */
export async function mfaApiToken(base, email, scope) {
  const res = await passwordGrant(base, email, { audience: `${base}/mfa/`, scope });
  assert.equal(res.status, 200);
  return res.body.access_token;
}

// ---- browser sign-in, codes, tokens (the authorization code flow, as Auth0's SDK runs it) ----

export const MFA_AUDIENCE = 'https://api.stand-in.example/'; // every tenant's default MFA audience
export const CALLBACK = 'http://localhost:8000/callback';

/** A PKCE pair (S256). */
export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/**
 * GET without following redirects.
 * @param {string} url
 * @param {{ cookie?: string, headers?: Record<string, string> }} [options]
 */
export async function get(url, { cookie, headers = {} } = {}) {
  const res = await fetch(url, { redirect: 'manual', headers: { ...headers, ...(cookie ? { cookie } : {}) } });
  return { status: res.status, headers: res.headers, text: await res.text(), location: res.headers.get('location') };
}

/**
 * An /authorize URL with what the SDK sends (override or drop parameters with `params`;
 * `undefined` drops one).
 * @param {string} base
 * @param {Record<string, string | undefined>} [params]
 */
export function authorizeUrl(base, params = {}) {
  const all = { client_id: CLIENT, response_type: 'code', response_mode: 'query', redirect_uri: CALLBACK, scope: 'openid profile offline_access', state: 'state-1', nonce: 'nonce-1', code_challenge: pkce().challenge, code_challenge_method: 'S256', ...params };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(all)) if (value !== undefined) query.set(key, value);
  return `${base}/authorize?${query}`;
}

/**
 * The login page's pending-request id, from its HTML.
 * @param {string} html
 */
export function loginId(html) {
  const match = /name="login" value="([^"]+)"/.exec(html);
  assert.ok(match, html);
  return match[1];
}

/**
 * Post the login page's form.
 * @param {string} base
 * @param {Record<string, string>} form
 */
export async function postLogin(base, form) {
  const res = await fetch(`${base}/u/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('stand_in_session_'));
  return { status: res.status, headers: res.headers, text: await res.text(), location: res.headers.get('location'), setCookie: cookie, cookie: cookie?.split(';')[0] };
}

/**
 * Sign in through /authorize and the login page; answers the code, the session cookie and the
 * PKCE verifier.
 * @param {string} base
 * @param {string} email
 * @param {Record<string, string | undefined>} [params] /authorize parameters
 */
export async function authorizationCode(base, email, params = {}) {
  const { verifier, challenge } = pkce();
  const page = await get(authorizeUrl(base, { code_challenge: challenge, ...params }));
  assert.equal(page.status, 200, page.text);
  const done = await postLogin(base, { login: loginId(page.text), email, password: 'demo-password' });
  assert.equal(done.status, 302, done.text);
  const location = new URL(/** @type {string} */ (done.location));
  const code = location.searchParams.get('code');
  assert.ok(code, location.href);
  return { code, verifier, cookie: /** @type {string} */ (done.cookie), location };
}

/**
 * The authorization_code grant, form-encoded as the SDK sends it.
 * @param {string} base
 * @param {string} code
 * @param {string} verifier
 * @param {Record<string, string>} [extra]
 * @param {Record<string, string>} [headers]
 */
export function exchangeCode(base, code, verifier, extra = {}, headers = {}) {
  return call(`${base}/oauth/token`, { form: { grant_type: 'authorization_code', client_id: CLIENT, code, code_verifier: verifier, redirect_uri: CALLBACK, ...extra }, headers });
}

/**
 * The refresh_token grant.
 * @param {string} base
 * @param {string} refreshToken
 * @param {Record<string, string>} [extra] e.g. audience and scope (multi-resource refresh)
 * @param {Record<string, string>} [headers]
 */
export function refresh(base, refreshToken, extra = {}, headers = {}) {
  return call(`${base}/oauth/token`, { form: { grant_type: 'refresh_token', client_id: CLIENT, refresh_token: refreshToken, redirect_uri: CALLBACK, ...extra }, headers });
}

/**
 * Header and payload of a JWT, unverified.
 * @param {string} token
 * @returns {{ header: Record<string, any>, payload: Record<string, any> }}
 */
export function decodeJwt(token) {
  const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  return { header, payload };
}

/**
 * Verify an RS256 JWT with the tenant's JWKS (as a client would) and answer its payload.
 * @param {string} base
 * @param {string} token
 * @returns {Promise<Record<string, any>>}
 */
export async function verifyJwt(base, token) {
  const { header, payload } = decodeJwt(token);
  assert.equal(header.alg, 'RS256');
  const keys = (await call(`${base}/.well-known/jwks.json`, { method: 'GET' })).body.keys;
  const jwk = keys.find((/** @type {any} */ k) => k.kid === header.kid);
  assert.ok(jwk, `no key ${header.kid} in the JWKS`);
  const [h, p, s] = token.split('.');
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  assert.ok(verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url')), 'the signature verifies with the JWKS key');
  return payload;
}

/**
 * A key pair for DPoP proofs.
 * @param {'ES256' | 'RS256' | 'PS256'} [alg]
 */
export function dpopKey(alg = 'ES256') {
  const { privateKey, publicKey } = alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = /** @type {Record<string, string>} */ (publicKey.export({ format: 'jwk' }));
  const members = alg === 'ES256' ? ['crv', 'kty', 'x', 'y'] : ['e', 'kty', 'n'];
  const jkt = createHash('sha256').update(JSON.stringify(Object.fromEntries(members.map((m) => [m, jwk[m]])))).digest('base64url');
  return { alg, privateKey, jwk, jkt };
}

/**
 * A DPoP proof (RFC 9449) signed with `key`; `header` and `claims` override or add members
 * (`undefined` drops one).
 * @param {ReturnType<typeof dpopKey>} key
 * @param {{ htu: string, htm?: string, iat?: number, header?: Record<string, unknown>, claims?: Record<string, unknown> }} options
 */
export function dpopProof(key, { htu, htm = 'POST', iat = Math.floor(Date.now() / 1000), header = {}, claims = {} }) {
  const head = { typ: 'dpop+jwt', alg: key.alg, jwk: key.jwk, ...header };
  const body = { jti: randomBytes(12).toString('base64url'), htm, htu, iat, ...claims };
  const input = `${Buffer.from(JSON.stringify(head)).toString('base64url')}.${Buffer.from(JSON.stringify(body)).toString('base64url')}`;
  const algorithm = key.alg === 'ES256' ? { key: key.privateKey, dsaEncoding: /** @type {const} */ ('ieee-p1363') } : key.alg === 'PS256' ? { key: key.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : key.privateKey;
  return `${input}.${sign('sha256', Buffer.from(input), algorithm).toString('base64url')}`;
}

/**
 * The request log with its detail (status, dpop, auth0Client, grantType, audience, tokenType).
 * @param {string} serverUrl
 * @param {string} tenantId
 * @returns {Promise<any[]>}
 */
export async function requestLog(serverUrl, tenantId) {
  const res = await call(`${serverUrl}/__control/tenants/${tenantId}/requests?detail=1`, { method: 'GET' });
  assert.equal(res.status, 200);
  return res.body;
}

// ---- codes by text, voice and email; push (the outbox, the fake Guardian) --------------------

/**
 * Two servers for the tests of a file or a describe block, started before them and closed after
 * them: `server` on the real clock, and `timed`, whose clock the tests move with `advance(ms)`.
 * Read `url` and `timedUrl` inside the tests (they are set once the servers listen).
 */
export function serversWithClock() {
  let clock = Date.now();
  const servers = {
    /** @type {Awaited<ReturnType<typeof startTenant>>} */
    server: /** @type {any} */ (undefined),
    /** @type {Awaited<ReturnType<typeof startTenant>>} */
    timed: /** @type {any} */ (undefined),
    url: '',
    timedUrl: '',
    /** @param {number} ms */
    advance(ms) {
      clock += ms;
    },
  };
  before(async () => {
    servers.server = await startTenant();
    servers.timed = await startTenant({ now: () => clock });
    servers.url = servers.server.url;
    servers.timedUrl = servers.timed.url;
  });
  after(async () => {
    await servers.server.close();
    await servers.timed.close();
  });
  return servers;
}

/**
 * The user's rows on GET /mfa/authenticators, read with a fresh mfa_token of theirs.
 * @param {string} base
 * @param {string} email
 * @returns {Promise<any[]>}
 */
export async function authenticatorRows(base, email) {
  const res = await call(`${base}/mfa/authenticators`, { method: 'GET', token: await mfaToken(base, email) });
  assert.equal(res.status, 200);
  return res.body;
}

/**
 * POST /mfa/associate for an out-of-band factor: `{ authenticator_types: ['oob'], ...body }`.
 * @param {string} base
 * @param {string} token
 * @param {Record<string, unknown>} body e.g. `{ oob_channels: ['sms'], phone_number: '+15551234567' }`
 */
export function associateOob(base, token, body) {
  return call(`${base}/mfa/associate`, { json: { authenticator_types: ['oob'], ...body }, token });
}

/**
 * The mfa-oob grant, form-encoded as the SDK sends it; no binding code for push.
 * @param {string} base
 * @param {string} token the mfa_token
 * @param {string} oobCode
 * @param {string} [bindingCode]
 */
export function oobGrant(base, token, oobCode, bindingCode) {
  return call(`${base}/oauth/token`, { form: { grant_type: MFA_OOB, client_id: CLIENT, mfa_token: token, oob_code: oobCode, ...(bindingCode === undefined ? {} : { binding_code: bindingCode }) } });
}

/**
 * The tenant's outbox, newest first (GET /__control/tenants/<id>/outbox).
 * @param {string} serverUrl
 * @param {string} tenantId
 * @param {{ to?: string, channel?: string }} [filter]
 * @returns {Promise<{ id: string, to: string, channel: string, purpose: string, text: string, code: string, time: string }[]>}
 */
export async function outbox(serverUrl, tenantId, filter = {}) {
  const query = new URLSearchParams(/** @type {Record<string, string>} */ (filter));
  const res = await call(`${serverUrl}/__control/tenants/${tenantId}/outbox?${query}`, { method: 'GET' });
  assert.equal(res.status, 200);
  return res.body;
}

/**
 * The code of the newest message to a destination, as the person would read it.
 * @param {string} serverUrl
 * @param {string} tenantId
 * @param {string} to
 */
export async function lastCode(serverUrl, tenantId, to) {
  const [message] = await outbox(serverUrl, tenantId, { to });
  assert.ok(message, `no message to ${to}`);
  return message.code;
}

/**
 * The fake Guardian app: POST /__control/tenants/<id>/guardian/<scan|approve|deny>.
 * @param {string} serverUrl
 * @param {string} tenantId
 * @param {'scan' | 'approve' | 'deny'} step
 * @param {Record<string, unknown>} body
 */
export function guardian(serverUrl, tenantId, step, body) {
  return call(`${serverUrl}/__control/tenants/${tenantId}/guardian/${step}`, { json: body });
}

/**
 * Sign in, enroll a phone by SMS and confirm it with the code sent; answers the mfa_token used
 * and what the enrollment answered.
 * @param {string} serverUrl
 * @param {string} tenantId
 * @param {string} base
 * @param {string} email
 * @param {string} [phoneNumber]
 */
export async function enrollPhone(serverUrl, tenantId, base, email, phoneNumber = '+15551238730') {
  const token = await mfaToken(base, email);
  const added = await associateOob(base, token, { oob_channels: ['sms'], phone_number: phoneNumber });
  assert.equal(added.status, 200, added.text);
  const done = await oobGrant(base, token, added.body.oob_code, await lastCode(serverUrl, tenantId, phoneNumber));
  assert.equal(done.status, 200, done.text);
  return { token, recoveryCode: added.body.recovery_codes?.[0] };
}
