// Tests for the stand-in's My Account API (the API contract, "My Account API"): a signed-in
// user's own sign-in methods at /me/v1/authentication-methods (list, get, rename, delete, enroll
// totp and recovery-code with Location and auth_session, verify), its state shared with the MFA
// API, problem documents, the bearer token's audience, scopes and DPoP binding, tokens for it
// from the token endpoint and the control API, CORS, faults and HTTPS. Run with
// `node --test tenant/`.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:https';
import { startTenant } from './server.js';
import { totp } from './totp.js';
import {
  ENROLL_ANY,
  PAGE,
  associate,
  authorizationCode,
  authorizeUrl,
  call,
  confirm,
  decodeJwt,
  dpopKey,
  dpopProof,
  enroll,
  exchangeCode,
  get,
  mfaApiToken,
  mfaToken,
  newTenant,
  passwordGrant,
  recover,
  refresh,
  userState,
  verifyJwt,
  wrongCode,
} from './testkit.js';

const ALL = 'read:me:authentication_methods create:me:authentication_methods update:me:authentication_methods delete:me:authentication_methods read:me:factors';
const PROBLEM = /^application\/problem\+json/;
const RECOVERY_CODE = /^[A-Z0-9]{24}$/;

/**
 * Assert a problem document: status, media type, shape; answers its body.
 * @param {{ status: number, headers: Headers, body: any, text: string }} res
 * @param {number} status
 * @param {RegExp} [detail]
 */
function assertProblem(res, status, detail) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type') ?? '', PROBLEM);
  assert.equal(res.body.status, status);
  assert.match(res.body.type, new RegExp(`^https://auth0\\.com/api-errors/A0E-${status}-\\d{4}$`));
  assert.equal(typeof res.body.title, 'string');
  assert.equal(typeof res.body.detail, 'string');
  if (detail) assert.match(res.body.detail, detail);
  return res.body;
}

describe('the My Account API', () => {
  /** @type {Awaited<ReturnType<typeof startTenant>>} */
  let server;
  /** @type {string} */
  let url;
  // A hand-moved clock: TOTP steps are then certain.
  let clock = Date.UTC(2030, 0, 1, 12);
  const seconds = () => Math.floor(clock / 1000);
  const nextStep = () => {
    clock += 30_000;
  };

  before(async () => {
    server = await startTenant({ now: () => clock, https: { port: 0 } });
    url = server.url;
  });
  after(() => server.close());

  /**
   * A My Account token from the control API.
   * @param {string} id tenant id
   * @param {string} email
   * @param {Record<string, unknown>} [extra] scope, expiresIn, jkt
   * @returns {Promise<string>}
   */
  async function meToken(id, email, extra = {}) {
    const res = await call(`${url}/__control/tenants/${id}/my-account-tokens`, { json: { email, ...extra } });
    assert.equal(res.status, 200, res.text);
    return res.body.access_token;
  }

  /**
   * A call to /me/v1/… (GET unless json is given, then POST).
   * @param {string} base
   * @param {string} path below /me/v1
   * @param {import('./testkit.js').CallOptions} [options]
   */
  const me = (base, path, options = {}) => call(`${base}/me/v1${path}`, { method: options.json === undefined ? 'GET' : 'POST', ...options });

  /**
   * The MFA API's list for a user, through an mfa_token (which may list).
   * @param {string} base
   * @param {string} email
   * @returns {Promise<{ id: string, authenticator_type: string, active: boolean }[]>}
   */
  async function mfaList(base, email) {
    const res = await call(`${base}/mfa/authenticators`, { method: 'GET', token: await mfaToken(base, email) });
    assert.equal(res.status, 200);
    return res.body;
  }

  /**
   * A tenant with a user enrolled through the MFA API, and a token with every My Account scope.
   * @param {Record<string, unknown>} [settings]
   */
  async function enrolledUser(settings = {}) {
    const { id, base } = await newTenant(url, settings);
    const email = 'me@example.com';
    const enrolled = await enroll(base, email, clock);
    nextStep();
    return { id, base, email, ...enrolled, token: await meToken(id, email) };
  }

  /**
   * Start a TOTP enrollment; answers the answer, its Location and the secret.
   * @param {string} base
   * @param {string} token
   * @param {import('./testkit.js').CallOptions} [options]
   */
  async function startTotp(base, token, options = {}) {
    const res = await me(base, '/authentication-methods', { json: { type: 'totp' }, token, ...options });
    assert.equal(res.status, 201, res.text);
    return { res, location: /** @type {string} */ (res.headers.get('location')), secret: res.body.manual_input_code };
  }

  describe('list and get', () => {
    it('lists the password, the MFA API\'s OTP authenticator as totp (same id) and the recovery code', async () => {
      const { base, email, token } = await enrolledUser();
      const mfa = await mfaList(base, email);
      const res = await me(base, '/authentication-methods', { token });
      assert.equal(res.status, 200, res.text);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const methods = res.body.authentication_methods;
      assert.equal(methods.length, 3);
      const [password, otp, recovery] = methods;
      assert.deepEqual(Object.keys(password).sort(), ['created_at', 'id', 'identity_user_id', 'type', 'usage']);
      assert.match(password.id, /^password\|/);
      assert.equal(password.type, 'password');
      assert.deepEqual(password.usage, ['primary']);
      const user = decodeJwt(token).payload.sub;
      assert.equal(`auth0|${password.identity_user_id}`, user);
      assert.deepEqual(otp, { id: mfa[0].id, type: 'totp', confirmed: true, created_at: new Date(clock - 30_000).toISOString(), usage: ['secondary'] });
      assert.match(otp.id, /^totp\|dev_/);
      assert.deepEqual(recovery, { id: mfa[1].id, type: 'recovery-code', confirmed: true, created_at: recovery.created_at, usage: ['secondary'] });
      const only = await me(base, '/authentication-methods?type=totp', { token });
      assert.deepEqual(only.body.authentication_methods, [otp]);
    });

    it('lists an enrollment not yet confirmed (through either API) with confirmed:false', async () => {
      const { id, base } = await newTenant(url);
      const email = 'pending@example.com';
      const added = await associate(base, await mfaToken(base, email));
      assert.equal(added.status, 200);
      const token = await meToken(id, email);
      const { location } = await startTotp(base, token);
      const mine = decodeURIComponent(location.split('/').pop() ?? '');
      const mfa = await mfaList(base, email);
      assert.deepEqual(mfa.map((a) => [a.authenticator_type, a.active]), [['otp', false], ['recovery-code', false], ['otp', false]]);
      assert.equal(mfa[2].id, mine);
      const listed = (await me(base, '/authentication-methods', { token })).body.authentication_methods;
      assert.deepEqual(listed.map((/** @type {any} */ m) => [m.id, m.type, m.confirmed]), [
        [listed[0].id, 'password', undefined],
        [mfa[0].id, 'totp', false],
        [mfa[1].id, 'recovery-code', false],
        [mine, 'totp', false],
      ]);
    });

    it('gets one method by its url-encoded id; an unknown id is a 404 problem', async () => {
      const { base, token } = await enrolledUser();
      const [, otp] = (await me(base, '/authentication-methods', { token })).body.authentication_methods;
      const res = await me(base, `/authentication-methods/${encodeURIComponent(otp.id)}`, { token });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, otp);
      assertProblem(await me(base, `/authentication-methods/${encodeURIComponent('totp|dev_nope')}`, { token }), 404, /not found/i);
      assertProblem(await me(base, '/authentication-methods/%E0%A4%A', { token }), 404);
      assertProblem(await me(base, '/nothing-here', { token }), 404, /GET \/me\/v1\/nothing-here/);
    });

    it('answers 405 as a problem document with Allow', async () => {
      const { base, token } = await enrolledUser();
      const res = await me(base, '/authentication-methods', { method: 'DELETE', token });
      assertProblem(res, 405);
      assert.equal(res.headers.get('allow'), 'GET, POST, OPTIONS');
    });
  });

  describe('delete', () => {
    it('deletes a totp method: 204, then gone from both APIs; the next sign-in must enroll again', async () => {
      const { base, email, token } = await enrolledUser();
      const [, otp] = (await me(base, '/authentication-methods', { token })).body.authentication_methods;
      const res = await me(base, `/authentication-methods/${encodeURIComponent(otp.id)}`, { method: 'DELETE', token });
      assert.equal(res.status, 204);
      assert.equal(res.text, '');
      assertProblem(await me(base, `/authentication-methods/${encodeURIComponent(otp.id)}`, { token }), 404);
      assert.equal((await me(base, '/authentication-methods', { token })).body.authentication_methods.some((/** @type {any} */ m) => m.id === otp.id), false);
      assert.equal((await mfaList(base, email)).some((a) => a.id === otp.id), false);
      const again = await passwordGrant(base, email);
      assert.equal(again.status, 403);
      assert.deepEqual(again.body.mfa_requirements, ENROLL_ANY);
      assertProblem(await me(base, `/authentication-methods/${encodeURIComponent(otp.id)}`, { method: 'DELETE', token }), 404);
    });

    it('refuses without delete:me:authentication_methods (403 naming the scope); a read-only token still lists', async () => {
      const { id, base, email } = await enrolledUser();
      const readOnly = await meToken(id, email, { scope: 'read:me:authentication_methods' });
      const list = await me(base, '/authentication-methods', { token: readOnly });
      assert.equal(list.status, 200);
      const otp = list.body.authentication_methods[1];
      const res = await me(base, `/authentication-methods/${encodeURIComponent(otp.id)}`, { method: 'DELETE', token: readOnly, origin: PAGE });
      const problem = assertProblem(res, 403, /delete:me:authentication_methods/);
      assert.equal(problem.title, 'Forbidden');
      assert.equal(problem.detail, 'Insufficient scope, expected any of: delete:me:authentication_methods');
      assert.match(res.headers.get('www-authenticate') ?? '', /error="insufficient_scope"/);
      assert.equal(res.headers.get('access-control-allow-origin'), PAGE);
      assert.equal((await mfaList(base, email)).some((a) => a.id === otp.id), true, 'still there');
      assertProblem(await me(base, '/authentication-methods', { json: { type: 'totp' }, token: readOnly }), 403, /create:me:authentication_methods/);
      const none = await meToken(id, email, { scope: 'delete:me:authentication_methods' });
      assertProblem(await me(base, '/authentication-methods', { token: none }), 403, /read:me:authentication_methods/);
    });

    it('refuses to delete the password', async () => {
      const { base, token } = await enrolledUser();
      const [password] = (await me(base, '/authentication-methods', { token })).body.authentication_methods;
      assertProblem(await me(base, `/authentication-methods/${encodeURIComponent(password.id)}`, { method: 'DELETE', token }), 400, /password/);
    });
  });

  describe('enroll totp', () => {
    it('answers 201 with the QR URI, the key, an auth_session and an absolute same-origin Location, exposed by CORS', async () => {
      const { base, email, token } = await enrolledUser();
      const { res, location, secret } = await startTotp(base, token, { origin: PAGE });
      assert.deepEqual(Object.keys(res.body).sort(), ['auth_session', 'barcode_uri', 'id', 'manual_input_code', 'type']);
      assert.match(res.body.id, /^totp\|dev_/);
      assert.equal(res.body.type, 'totp');
      assert.match(secret, /^[A-Z2-7]{32}$/);
      const uri = new URL(res.body.barcode_uri);
      assert.equal(uri.protocol, 'otpauth:');
      assert.equal(uri.searchParams.get('secret'), secret);
      assert.equal(uri.host, 'totp');
      assert.equal(decodeURIComponent(uri.pathname.slice(1)), `Stand-in Tenant:${email}`);
      assert.match(res.body.auth_session, /^Fe26\.2\*\*/);
      assert.equal(location, `${base}/me/v1/authentication-methods/${encodeURIComponent(res.body.id)}`);
      assert.equal(new URL(location).origin, new URL(base).origin);
      // What the SDK does with it: the id from the last segment.
      assert.equal(decodeURIComponent(location.split('/').pop() ?? ''), res.body.id);
      assert.equal(res.headers.get('access-control-allow-origin'), PAGE);
      assert.match(res.headers.get('access-control-expose-headers') ?? '', /(^|, )Location(,|$)/);
      assert.match(res.headers.get('access-control-expose-headers') ?? '', /(^|, )Retry-After(,|$)/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
    });

    it('verifies with a real code at {Location}/verify: confirmed in both APIs, the auth_session spent, the code used once', async () => {
      const { base, email, token } = await enrolledUser();
      const { res: started, location, secret } = await startTotp(base, token);
      const id = started.body.id;
      const code = totp(secret, { time: clock });
      const res = await call(`${location}/verify`, { json: { auth_session: started.body.auth_session, otp_code: code }, token });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body, { id, type: 'totp', confirmed: true, created_at: new Date(clock).toISOString(), usage: ['secondary'] });
      assert.deepEqual((await mfaList(base, email)).find((a) => a.id === id), { id, authenticator_type: 'otp', active: true });
      // The auth_session is single use.
      nextStep();
      const again = await call(`${location}/verify`, { json: { auth_session: started.body.auth_session, otp_code: totp(secret, { time: clock }) }, token });
      assertProblem(again, 400, /auth_session/);
      // The code the verify accepted is not accepted again by the mfa-otp grant.
      clock -= 30_000;
      const grant = await confirm(base, await mfaToken(base, email), code);
      assert.equal(grant.status, 403);
      assert.equal(grant.body.error_description, 'Invalid otp_code.');
      nextStep();
      nextStep();
      assert.equal((await confirm(base, await mfaToken(base, email), totp(secret, { time: clock }))).status, 200, 'the new authenticator signs in');
    });

    it('answers a wrong code with a problem naming the code, keeps the auth_session, and shares the attempt bucket (429 with Retry-After)', async () => {
      const { base, email, token } = await enrolledUser();
      const first = await startTotp(base, token);
      const session = first.res.body.auth_session;
      const wrong = await call(`${first.location}/verify`, { json: { auth_session: session, otp_code: wrongCode(first.secret, clock) }, token });
      assertProblem(wrong, 403, /\botp_code\b/);
      assert.match(wrong.body.detail, /\bcode\b/);
      const ok = await call(`${first.location}/verify`, { json: { auth_session: session, otp_code: totp(first.secret, { time: clock }) }, token });
      assert.equal(ok.status, 200, 'the auth_session outlived the wrong code');

      const second = await startTotp(base, token);
      const body = { auth_session: second.res.body.auth_session, otp_code: wrongCode(second.secret, clock) };
      for (let i = 0; i < 9; i += 1) assert.equal((await call(`${second.location}/verify`, { json: body, token })).status, 403);
      const blocked = await call(`${second.location}/verify`, { json: { ...body, otp_code: totp(second.secret, { time: clock }) }, token, origin: PAGE });
      assertProblem(blocked, 429, /try again later/i);
      const retry = Number(blocked.headers.get('retry-after'));
      assert.ok(retry > 0 && retry <= 360, String(retry));
      assert.match(blocked.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
      const grant = await confirm(base, await mfaToken(base, email), '000000');
      assert.equal(grant.status, 429, 'the MFA API\'s grant draws on the same bucket');
      clock += retry * 1000;
      nextStep();
      const third = await startTotp(base, token);
      const later = await call(`${third.location}/verify`, { json: { auth_session: third.res.body.auth_session, otp_code: totp(third.secret, { time: clock }) }, token });
      assert.equal(later.status, 200, 'an attempt is back after Retry-After');
    });

    it('refuses an expired auth_session, another user\'s, and one for another method', async () => {
      const { id, base, token } = await enrolledUser();
      const first = await startTotp(base, token);
      const second = await startTotp(base, token);
      const mixed = await call(`${first.location}/verify`, { json: { auth_session: second.res.body.auth_session, otp_code: totp(first.secret, { time: clock }) }, token });
      assertProblem(mixed, 400, /auth_session/);
      const otherUser = await enroll(base, 'other@example.com', clock);
      assert.ok(otherUser);
      const otherToken = await meToken(id, 'other@example.com');
      const stolen = await call(`${first.location}/verify`, { json: { auth_session: first.res.body.auth_session, otp_code: totp(first.secret, { time: clock }) }, token: otherToken });
      assertProblem(stolen, 404, /not found/i);
      clock += 5 * 60 * 1000;
      const late = await call(`${first.location}/verify`, { json: { auth_session: first.res.body.auth_session, otp_code: totp(first.secret, { time: clock }) }, token });
      assertProblem(late, 400, /expired/);
    });

    it('with myAccountProblems "auth0-fixtures": a spent or expired auth_session is 404 A0E-404-0001, a validation error A0E-400-0003 with pointers', async () => {
      const { id, base, token } = await enrolledUser();
      assert.equal((await call(`${url}/__control/tenants/${id}/settings`, { json: { myAccountProblems: 'auth0-fixtures' } })).status, 200);
      const pending = await startTotp(base, token);
      const missing = await call(`${pending.location}/verify`, { json: { otp_code: totp(pending.secret, { time: clock }) }, token });
      const invalid = assertProblem(missing, 400, /^Invalid request payload input$/);
      assert.equal(invalid.type, 'https://auth0.com/api-errors/A0E-400-0003');
      assert.equal(invalid.title, 'Validation Error');
      assert.deepEqual(invalid.validation_errors, [{ detail: 'auth_session is required.', pointer: '/auth_session' }]);
      assert.equal((await call(`${url}/__control/tenants/${id}/expire-auth-sessions`)).status, 204);
      const late = await call(`${pending.location}/verify`, { json: { auth_session: pending.res.body.auth_session, otp_code: totp(pending.secret, { time: clock }) }, token });
      const expired = assertProblem(late, 404, /^Invalid or expired session$/);
      assert.equal(expired.type, 'https://auth0.com/api-errors/A0E-404-0001');
      assert.equal(expired.title, 'Not Found');
    });

    it('expires the auth_sessions alone on request (control API): the token still lists, the enrollment must start again', async () => {
      const { id, base, token } = await enrolledUser();
      const pending = await startTotp(base, token);
      assert.equal((await call(`${url}/__control/tenants/${id}/expire-auth-sessions`)).status, 204);
      assert.equal((await me(base, '/authentication-methods', { token })).status, 200);
      const late = await call(`${pending.location}/verify`, { json: { auth_session: pending.res.body.auth_session, otp_code: totp(pending.secret, { time: clock }) }, token });
      assertProblem(late, 400, /auth_session .*expired/);
      const again = await startTotp(base, token);
      const confirmed = await call(`${again.location}/verify`, { json: { auth_session: again.res.body.auth_session, otp_code: totp(again.secret, { time: clock }) }, token });
      assert.equal(confirmed.status, 200);
    });

    it('makes a first factor for a user with none: the next sign-in is asked for a challenge', async () => {
      const { id, base } = await newTenant(url);
      const email = 'fresh@example.com';
      const token = await meToken(id, email);
      assert.deepEqual((await passwordGrant(base, email)).body.mfa_requirements, ENROLL_ANY);
      const { res: started, location, secret } = await startTotp(base, token);
      assert.equal((await call(`${location}/verify`, { json: { auth_session: started.body.auth_session, otp_code: totp(secret, { time: clock }) }, token })).status, 200);
      assert.deepEqual((await passwordGrant(base, email)).body.mfa_requirements, { challenge: [{ type: 'otp' }] });
    });
  });

  describe('recovery code', () => {
    it('answers a new code that replaces the old one only once verified; the MFA API\'s grant then takes the new one only', async () => {
      const { id, base, email, token, recoveryCode } = await enrolledUser();
      assert.match(recoveryCode ?? '', RECOVERY_CODE);
      const started = await me(base, '/authentication-methods', { json: { type: 'recovery-code' }, token, origin: PAGE });
      assert.equal(started.status, 201, started.text);
      assert.deepEqual(Object.keys(started.body).sort(), ['auth_session', 'id', 'recovery_code', 'type']);
      const fresh = started.body.recovery_code;
      assert.match(fresh, RECOVERY_CODE);
      assert.notEqual(fresh, recoveryCode);
      const location = /** @type {string} */ (started.headers.get('location'));
      const recoveryId = (await mfaList(base, email)).find((a) => a.authenticator_type === 'recovery-code')?.id;
      assert.equal(location, `${base}/me/v1/authentication-methods/${encodeURIComponent(recoveryId ?? '')}`);
      assert.equal(started.body.id, recoveryId);

      // Until verify, the old code stays: the grant takes it (and hands out its successor).
      assert.equal((await userState(url, id, email)).recoveryCode, recoveryCode);
      const used = await recover(base, await mfaToken(base, email), /** @type {string} */ (recoveryCode));
      assert.equal(used.status, 200, used.text);
      const successor = used.body.recovery_code;

      const verified = await call(`${location}/verify`, { json: { auth_session: started.body.auth_session }, token });
      assert.equal(verified.status, 200, verified.text);
      assert.deepEqual(verified.body, { id: recoveryId, type: 'recovery-code', confirmed: true, created_at: verified.body.created_at, usage: ['secondary'] });
      assert.equal((await userState(url, id, email)).recoveryCode, fresh);
      const stale = await recover(base, await mfaToken(base, email), successor);
      assert.equal(stale.status, 403);
      assert.equal(stale.body.error, 'invalid_grant');
      assert.equal((await recover(base, await mfaToken(base, email), fresh)).status, 200);
      assertProblem(await call(`${location}/verify`, { json: { auth_session: started.body.auth_session }, token }), 400, /auth_session/);
    });

    it('gives a user without one a recovery code; a tenant without recovery codes refuses the type', async () => {
      const { id, base } = await newTenant(url);
      const token = await meToken(id, 'nocode@example.com');
      const started = await me(base, '/authentication-methods', { json: { type: 'recovery-code' }, token });
      assert.equal(started.status, 201);
      const location = /** @type {string} */ (started.headers.get('location'));
      assertProblem(await call(location, { method: 'GET', token }), 404);
      assert.equal((await call(`${location}/verify`, { json: { auth_session: started.body.auth_session }, token })).status, 200);
      assert.equal((await userState(url, id, 'nocode@example.com')).recoveryCode, started.body.recovery_code);
      const off = await newTenant(url, { recoveryCodes: false });
      const offToken = await meToken(off.id, 'nocode@example.com');
      const refused = assertProblem(await me(off.base, '/authentication-methods', { json: { type: 'recovery-code' }, token: offToken }), 400);
      assert.equal(refused.validation_errors[0].field, 'type');
    });
  });

  describe('bad bodies', () => {
    it('answers 400 problems with validation_errors naming the field', async () => {
      const { base, token } = await enrolledUser();
      const path = '/authentication-methods';
      assertProblem(await me(base, path, { method: 'POST', raw: 'type=totp', contentType: 'application/x-www-form-urlencoded', token }), 400, /JSON/);
      assertProblem(await me(base, path, { method: 'POST', raw: '{nope', contentType: 'application/json', token }), 400, /JSON/);
      const missing = assertProblem(await me(base, path, { json: {}, token }), 400);
      assert.deepEqual(missing.validation_errors, [{ detail: 'type is required.', field: 'type' }]);
      for (const type of ['passkey', 'sms', 42]) {
        const res = assertProblem(await me(base, path, { json: { type }, token }), 400);
        assert.equal(res.validation_errors[0].field, 'type');
      }
      const { res: started, location } = await startTotp(base, token);
      const noSession = assertProblem(await call(`${location}/verify`, { json: { otp_code: '123456' }, token }), 400);
      assert.equal(noSession.validation_errors[0].field, 'auth_session');
      const noCode = assertProblem(await call(`${location}/verify`, { json: { auth_session: started.body.auth_session }, token }), 400);
      assert.equal(noCode.validation_errors[0].field, 'otp_code');
      assertProblem(await call(`${base}/me/v1/authentication-methods/${encodeURIComponent('totp|dev_unknown')}/verify`, { json: { auth_session: started.body.auth_session, otp_code: '123456' }, token }), 404);
    });
  });

  describe('the bearer token', () => {
    it('refuses a missing, malformed or unknown token with 401 Unauthorized and a challenge', async () => {
      const { base, token } = await enrolledUser();
      const missing = await me(base, '/authentication-methods');
      const problem = assertProblem(missing, 401);
      assert.equal(problem.type, 'https://auth0.com/api-errors/A0E-401-0001');
      assert.equal(problem.title, 'Unauthorized');
      assert.equal(missing.headers.get('www-authenticate'), 'Bearer');
      assertProblem(await me(base, '/authentication-methods', { headers: { authorization: `Basic ${token}` } }), 401);
      const unknown = await me(base, '/authentication-methods', { token: 'not-a-token' });
      assertProblem(unknown, 401, /invalid token/i);
      assert.match(unknown.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
      assert.doesNotMatch(unknown.body.detail, /scope|expired/i);
    });

    it('refuses an expired token with a detail that says so', async () => {
      const { id, base, email } = await enrolledUser();
      const short = await meToken(id, email, { expiresIn: 60 });
      assert.equal((await me(base, '/authentication-methods', { token: short })).status, 200);
      clock += 61_000;
      assertProblem(await me(base, '/authentication-methods', { token: short }), 401, /expired/);
      const long = await meToken(id, email);
      assert.equal((await call(`${url}/__control/tenants/${id}/expire-tokens`)).status, 204);
      assertProblem(await me(base, '/authentication-methods', { token: long }), 401, /expired/);
    });

    it('refuses tokens for other audiences: the MFA API\'s, the default audience\'s, another tenant\'s My Account', async () => {
      const { id, base } = await newTenant(url);
      const mfa = await mfaApiToken(base, 'aud@example.com', 'enroll read:authenticators');
      assertProblem(await me(base, '/authentication-methods', { token: mfa }), 401);
      const { code, verifier } = await authorizationCode(base, 'aud@example.com');
      const userinfo = (await exchangeCode(base, code, verifier)).body.access_token;
      assertProblem(await me(base, '/authentication-methods', { token: userinfo }), 401, /audience/);
      const other = await newTenant(url);
      const foreign = await meToken(other.id, 'aud@example.com');
      assertProblem(await me(base, '/authentication-methods', { token: foreign }), 401, /audience/);
      // and a My Account token is no MFA API token either
      const own = await meToken(id, 'aud@example.com');
      assert.equal((await call(`${base}/mfa/authenticators`, { method: 'GET', token: own })).status, 401);
      assert.equal((await associate(base, own)).status, 401);
    });
  });

  describe('tokens from the token endpoint', () => {
    it('password grant: a user with no factor gets the scopes asked for the /me/ audience; an enrolled one does MFA first', async () => {
      const { base } = await newTenant(url);
      const audience = `${base}/me/`;
      const fresh = await passwordGrant(base, 'pw@example.com', { audience, scope: 'openid read:me:authentication_methods' });
      assert.equal(fresh.status, 200, fresh.text);
      const claims = await verifyJwt(base, fresh.body.access_token);
      assert.equal(claims.aud, audience);
      assert.equal(claims.scope, 'openid read:me:authentication_methods');
      assert.equal((await me(base, '/authentication-methods', { token: fresh.body.access_token })).status, 200);
      assertProblem(await me(base, '/authentication-methods', { json: { type: 'totp' }, token: fresh.body.access_token }), 403, /create:me:authentication_methods/);

      const { secret } = await enroll(base, 'mfa@example.com', clock);
      nextStep();
      const refused = await passwordGrant(base, 'mfa@example.com', { audience, scope: ALL });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error, 'mfa_required');
      const done = await confirm(base, refused.body.mfa_token, totp(secret, { time: clock }));
      assert.equal(done.status, 200, done.text);
      assert.equal(decodeJwt(done.body.access_token).payload.aud, audience);
      assert.equal((await me(base, '/authentication-methods', { json: { type: 'totp' }, token: done.body.access_token })).status, 201);
    });

    it('refresh grant with audience and scope (the SDK\'s useMrrt): mfa_required for an enrolled user until the login did MFA', async () => {
      const { base } = await newTenant(url);
      const { secret } = await enroll(base, 'mrrt@example.com', clock);
      nextStep();
      const { code, verifier } = await authorizationCode(base, 'mrrt@example.com');
      const signedIn = await exchangeCode(base, code, verifier);
      assert.equal(signedIn.status, 200);
      const audience = `${base}/me/`;
      const asked = { audience, scope: 'openid profile offline_access create:me:authentication_methods' };
      const refused = await refresh(base, signedIn.body.refresh_token, asked);
      assert.equal(refused.status, 403, refused.text);
      assert.equal(refused.body.error, 'mfa_required');
      assert.deepEqual(refused.body.mfa_requirements, { challenge: [{ type: 'otp' }] });
      const done = await confirm(base, refused.body.mfa_token, totp(secret, { time: clock }));
      assert.equal(done.status, 200, done.text);
      assert.equal(decodeJwt(done.body.access_token).payload.aud, audience);
      assert.equal(done.body.scope, asked.scope);
      assert.equal((await me(base, '/authentication-methods', { json: { type: 'totp' }, token: done.body.access_token })).status, 201);
      const later = await refresh(base, done.body.refresh_token, asked);
      assert.equal(later.status, 200, 'the login did MFA: no more mfa_required');
    });

    it('code grant and prompt=none with the /me/ audience: at once for a user with no factor, after MFA for an enrolled one', async () => {
      const { base } = await newTenant(url);
      const audience = `${base}/me/`;
      const params = { audience, scope: 'openid read:me:authentication_methods' };
      const { code, verifier } = await authorizationCode(base, 'code@example.com', params);
      const res = await exchangeCode(base, code, verifier);
      assert.equal(res.status, 200, res.text);
      assert.equal((await me(base, '/authentication-methods', { token: res.body.access_token })).status, 200);

      await enroll(base, 'code2@example.com', clock);
      const enrolled = await authorizationCode(base, 'code2@example.com', params);
      const refused = await exchangeCode(base, enrolled.code, enrolled.verifier);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error, 'mfa_required');
      const silent = await get(authorizeUrl(base, { ...params, prompt: 'none' }), { cookie: enrolled.cookie });
      const answer = new URL(/** @type {string} */ (silent.location)).searchParams;
      assert.equal(answer.get('error'), 'login_required');
      assert.equal(answer.get('error_description'), 'Multifactor authentication required');
    });
  });

  describe('rename, factors, methods from the control API', () => {
    it('renames a totp method (update:me:authentication_methods); refuses the password', async () => {
      const { id, base, email, token } = await enrolledUser();
      const [password, otp] = (await me(base, '/authentication-methods', { token })).body.authentication_methods;
      const path = `/authentication-methods/${encodeURIComponent(otp.id)}`;
      const renamed = await me(base, path, { method: 'PATCH', json: { name: 'Work phone' }, token });
      assert.equal(renamed.status, 200, renamed.text);
      assert.equal(renamed.body.name, 'Work phone');
      assert.equal((await me(base, path, { token })).body.name, 'Work phone');
      assertProblem(await me(base, `/authentication-methods/${encodeURIComponent(password.id)}`, { method: 'PATCH', json: { name: 'x' }, token }), 400);
      assertProblem(await me(base, path, { method: 'PATCH', json: { name: '' }, token }), 400);
      const noUpdate = await meToken(id, email, { scope: 'read:me:authentication_methods' });
      assertProblem(await me(base, path, { method: 'PATCH', json: { name: 'y' }, token: noUpdate }), 403, /update:me:authentication_methods/);
    });

    it('lists the factors with read:me:factors', async () => {
      const { base, token } = await enrolledUser();
      const res = await me(base, '/factors', { token });
      assert.equal(res.status, 200);
      const secondary = (/** @type {string[]} */ types) => types.map((type) => ({ type, usage: ['secondary'] }));
      assert.deepEqual(res.body, { factors: secondary(['totp', 'phone', 'email', 'push-notification', 'recovery-code']) });
    });

    it('gives users methods through the control API: phone and email as factors both APIs list, a passkey My Account only; they can be deleted', async () => {
      const { id, base, email, token } = await enrolledUser();
      const add = (/** @type {Record<string, unknown>} */ body) => call(`${url}/__control/tenants/${id}/users/${encodeURIComponent(email)}/methods`, { json: body });
      const phone = await add({ type: 'phone', phone_number: '+15551234567', name: 'Mobile' });
      assert.equal(phone.status, 201, phone.text);
      assert.deepEqual(phone.body, { id: phone.body.id, type: 'phone', confirmed: true, created_at: new Date(clock).toISOString(), usage: ['secondary'], phone_number: '+15551234567', preferred_authentication_method: 'sms', name: 'Mobile' });
      const mail = await add({ type: 'email', confirmed: false });
      assert.equal(mail.body.email, email);
      assert.equal(mail.body.confirmed, false);
      const passkey = await add({ type: 'passkey' });
      assert.deepEqual(passkey.body.usage, ['primary']);
      assert.equal('confirmed' in passkey.body, false);
      assert.equal((await add({ type: 'sms' })).status, 400);
      assert.equal((await add({ type: 'phone', email: 'x' })).status, 400);
      const types = (await me(base, '/authentication-methods', { token })).body.authentication_methods.map((/** @type {any} */ m) => m.type);
      assert.deepEqual(types, ['password', 'totp', 'recovery-code', 'phone', 'email', 'passkey']);
      const rows = await mfaList(base, email);
      assert.deepEqual(rows.map((/** @type {any} */ r) => [r.authenticator_type, r.oob_channel, r.active]), [
        ['otp', undefined, true],
        ['recovery-code', undefined, true],
        ['oob', 'sms', true],
        ['oob', 'voice', true],
        ['oob', 'email', false],
      ], 'phone and email are factors; the passkey is not');
      const voice = await me(base, `/authentication-methods/${encodeURIComponent(phone.body.id)}`, { method: 'PATCH', json: { preferred_authentication_method: 'voice' }, token });
      assert.equal(voice.body.preferred_authentication_method, 'voice');
      assert.equal((await me(base, `/authentication-methods/${encodeURIComponent(phone.body.id)}`, { method: 'DELETE', token })).status, 204);
      assert.equal((await me(base, '/authentication-methods', { token })).body.authentication_methods.length, 5);
    });

    it('mints tokens with exactly the scopes asked, and checks its input', async () => {
      const { id } = await newTenant(url);
      const res = await call(`${url}/__control/tenants/${id}/my-account-tokens`, { json: { email: 'mint@example.com', scope: 'read:me:authentication_methods' } });
      assert.equal(res.status, 200);
      assert.equal(res.body.scope, 'read:me:authentication_methods');
      assert.equal(res.body.token_type, 'Bearer');
      assert.equal(res.body.audience, `${url}/tenants/${id}/me/`);
      const claims = await verifyJwt(`${url}/tenants/${id}`, res.body.access_token);
      assert.equal(claims.aud, res.body.audience);
      assert.equal(claims.scope, 'read:me:authentication_methods');
      const all = await call(`${url}/__control/tenants/${id}/my-account-tokens`, { json: { email: 'mint@example.com' } });
      assert.equal(all.body.scope, ALL);
      for (const bad of [{}, { email: 'a@b.c', scope: 3 }, { email: 'a@b.c', expiresIn: 0 }, { email: 'a@b.c', jkt: 'short' }]) {
        assert.equal((await call(`${url}/__control/tenants/${id}/my-account-tokens`, { json: bad })).status, 400);
      }
    });
  });

  describe('faults, CORS', () => {
    it('serves queued faults on /me/v1/authentication-methods* (CORS headers kept)', async () => {
      const { id, base, token } = await enrolledUser();
      const fault = { path: '/me/v1/authentication-methods*', status: 503, body: JSON.stringify({ type: 'x', status: 503, title: 'Service Unavailable', detail: 'down' }) };
      assert.equal((await call(`${url}/__control/tenants/${id}/faults`, { json: fault })).status, 204);
      const failed = await me(base, '/authentication-methods', { json: { type: 'totp' }, token });
      assert.equal(failed.status, 503);
      assert.equal(failed.body.detail, 'down');
      assert.equal((await me(base, '/authentication-methods', { token })).status, 200, 'one fault, used by the POST');
      await call(`${url}/__control/tenants/${id}/faults`, { json: { ...fault, method: 'DELETE', times: 2 } });
      const del = await me(base, `/authentication-methods/${encodeURIComponent('totp|dev_x')}`, { method: 'DELETE', token, origin: PAGE });
      assert.equal(del.status, 503);
      assert.equal(del.body.detail, 'down');
      assert.equal(del.headers.get('access-control-allow-origin'), PAGE);
      assert.match(del.headers.get('access-control-expose-headers') ?? '', /Location/);
      const preflight = await me(base, '/authentication-methods/x', { method: 'OPTIONS', origin: PAGE, headers: { 'access-control-request-method': 'DELETE' } });
      assert.equal(preflight.status, 204, 'a fault without OPTIONS leaves the preflight alone');
      assert.equal((await me(base, `/authentication-methods/${encodeURIComponent('totp|dev_x')}`, { method: 'DELETE', token })).status, 503);
      assertProblem(await me(base, `/authentication-methods/${encodeURIComponent('totp|dev_x')}`, { method: 'DELETE', token }), 404);
    });

    it('answers a preflight for DELETE and PATCH with Authorization, Content-Type, DPoP; other APIs keep their lists', async () => {
      const { base } = await newTenant(url);
      const res = await me(base, `/authentication-methods/${encodeURIComponent('totp|dev_x')}`, {
        method: 'OPTIONS',
        origin: PAGE,
        headers: { 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'authorization, dpop' },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), PAGE);
      assert.equal(res.headers.get('access-control-allow-methods'), 'GET, POST, PATCH, DELETE, OPTIONS');
      assert.equal(res.headers.get('access-control-allow-headers'), 'Authorization, Content-Type, Auth0-Client, DPoP');
      assert.equal(res.headers.get('access-control-expose-headers'), 'Retry-After, Location, WWW-Authenticate, DPoP-Nonce');
      const mfa = await call(`${base}/mfa/authenticators`, { method: 'OPTIONS', origin: PAGE });
      assert.equal(mfa.headers.get('access-control-allow-methods'), 'GET, POST, DELETE, OPTIONS');
      assert.equal(mfa.headers.get('access-control-expose-headers'), 'Retry-After');
      const evil = await me(base, '/authentication-methods', { method: 'OPTIONS', origin: 'https://evil.example' });
      assert.equal(evil.headers.get('access-control-allow-origin'), null);
    });
  });

  describe('DPoP-bound tokens', () => {
    /**
     * A proof for a /me/ request at the server's time, with the token's hash.
     * @param {ReturnType<typeof dpopKey>} key
     * @param {string} htu
     * @param {string} token
     * @param {{ htm?: string, claims?: Record<string, unknown> }} [options]
     */
    const proof = (key, htu, token, { htm = 'GET', claims = {} } = {}) => dpopProof(key, { htu, htm, iat: seconds(), claims: { ath: createHash('sha256').update(token).digest('base64url'), ...claims } });

    it('needs the DPoP scheme and a proof by the bound key naming the request and the token (ath)', async () => {
      const { id, base } = await newTenant(url);
      const key = dpopKey();
      const minted = await call(`${url}/__control/tenants/${id}/my-account-tokens`, { json: { email: 'dpop@example.com', jkt: key.jkt } });
      assert.equal(minted.body.token_type, 'DPoP');
      const token = minted.body.access_token;
      assert.deepEqual(decodeJwt(token).payload.cnf, { jkt: key.jkt });
      const list = `${base}/me/v1/authentication-methods`;
      const dpop = (/** @type {Record<string, string>} */ headers) => call(list, { method: 'GET', headers: { authorization: `DPoP ${token}`, ...headers } });

      const bearer = await call(list, { method: 'GET', token, headers: { dpop: proof(key, list, token) } });
      assertProblem(bearer, 401, /DPoP/);
      assert.match(bearer.headers.get('www-authenticate') ?? '', /^DPoP error="invalid_token"/);
      assertProblem(await dpop({}), 401, /proof/);
      assertProblem(await dpop({ dpop: proof(key, list, token, { claims: { ath: undefined } }) }), 401, /ath/);
      assertProblem(await dpop({ dpop: proof(key, list, 'another token') }), 401, /ath/);
      assertProblem(await dpop({ dpop: proof(key, `${base}/me/v1/factors`, token) }), 401, /htu/);
      assertProblem(await dpop({ dpop: proof(key, list, token, { htm: 'POST' }) }), 401, /htm/);
      assertProblem(await dpop({ dpop: proof(dpopKey(), list, token) }), 401, /key/);
      const good = proof(key, `${list}?type=totp`, token);
      const ok = await dpop({ dpop: good });
      assert.equal(ok.status, 200, ok.text);
      assertProblem(await dpop({ dpop: good }), 401, /jti/);
      const wrongScheme = await call(list, { method: 'GET', headers: { authorization: `DPoP ${await meToken(id, 'dpop@example.com')}` } });
      assertProblem(wrongScheme, 401, /not DPoP-bound/);
    });

    it('accepts a token bound at the token endpoint, and asks for the server nonce when the tenant does', async () => {
      const { base } = await newTenant(url, { dpopNonce: true });
      const key = dpopKey();
      const audience = `${base}/me/`;
      const { code, verifier } = await authorizationCode(base, 'nonce@example.com', { audience, scope: 'openid read:me:authentication_methods' });
      const tokenUrl = `${base}/oauth/token`;
      const first = await exchangeCode(base, code, verifier, {}, { dpop: dpopProof(key, { htu: tokenUrl, iat: seconds() }) });
      const nonce = first.headers.get('dpop-nonce');
      const issued = await exchangeCode(base, code, verifier, {}, { dpop: dpopProof(key, { htu: tokenUrl, iat: seconds(), claims: { nonce } }) });
      assert.equal(issued.status, 200, issued.text);
      assert.equal(issued.body.token_type, 'DPoP');
      const token = issued.body.access_token;
      const list = `${base}/me/v1/authentication-methods`;
      const without = await call(list, { method: 'GET', origin: PAGE, headers: { authorization: `DPoP ${token}`, dpop: proof(key, list, token) } });
      assertProblem(without, 401);
      assert.match(without.headers.get('www-authenticate') ?? '', /error="use_dpop_nonce"/);
      const fresh = without.headers.get('dpop-nonce');
      assert.match(fresh ?? '', /^[\w-]{32}$/);
      assert.match(without.headers.get('access-control-expose-headers') ?? '', /WWW-Authenticate/);
      const withNonce = await call(list, { method: 'GET', headers: { authorization: `DPoP ${token}`, dpop: proof(key, list, token, { claims: { nonce: fresh } }) } });
      assert.equal(withNonce.status, 200, withNonce.text);
    });
  });

  describe('over HTTPS', () => {
    /**
     * A JSON request over HTTPS trusting the stand-in's certificate.
     * @param {string} target
     * @param {{ method?: string, token?: string, json?: unknown }} [options]
     * @returns {Promise<{ status: number, headers: import('node:http').IncomingHttpHeaders, body: any }>}
     */
    const secure = (target, { method = 'GET', token, json } = {}) =>
      new Promise((resolve, reject) => {
        /** @type {Record<string, string>} */
        const headers = {};
        if (token) headers.authorization = `Bearer ${token}`;
        if (json !== undefined) headers['content-type'] = 'application/json';
        const req = request(target, { method, headers, ca: server.certificate?.pem, agent: false }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : null }));
        });
        req.on('error', reject);
        req.end(json === undefined ? undefined : JSON.stringify(json));
      });

    it('serves the same API on the HTTPS listener: Location on the HTTPS origin, verify there', async () => {
      const created = await call(`${url}/__control/tenants`, { json: {} });
      const { id, httpsBase } = created.body;
      const token = await meToken(id, 'tls@example.com');
      const started = await secure(`${httpsBase}/me/v1/authentication-methods`, { method: 'POST', token, json: { type: 'totp' } });
      assert.equal(started.status, 201);
      const location = String(started.headers.location);
      assert.equal(location, `${httpsBase}/me/v1/authentication-methods/${encodeURIComponent(started.body.id)}`);
      assert.ok(location.startsWith('https://'));
      const verified = await secure(`${location}/verify`, { method: 'POST', token, json: { auth_session: started.body.auth_session, otp_code: totp(started.body.manual_input_code, { time: clock }) } });
      assert.equal(verified.status, 200);
      assert.equal(verified.body.confirmed, true);
      const list = await secure(`${httpsBase}/me/v1/authentication-methods`, { token });
      assert.deepEqual(list.body.authentication_methods.map((/** @type {any} */ m) => m.type), ['password', 'totp']);
      // A token asked for under the HTTPS audience (what the SDK asks: https://{domain}/me/).
      const grant = await passwordGrant(`${url}/tenants/${id}`, 'tls2@example.com', { audience: `${httpsBase}/me/`, scope: 'read:me:authentication_methods' });
      assert.equal(grant.status, 200, grant.text);
      assert.equal((await secure(`${httpsBase}/me/v1/authentication-methods`, { token: grant.body.access_token })).status, 200);
      assert.equal((await secure(`${httpsBase}/me/v1/authentication-methods`, { token: 'nope' })).status, 401);
    });
  });
});
