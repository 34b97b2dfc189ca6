// Tests for phone, email and push on the stand-in's My Account API (the API contract §10):
// enrolling each (`POST /me/v1/authentication-methods` with an auth_session and a Location),
// verifying with the code from the outbox or after the fake Guardian app's scan, the methods both
// APIs then list, switching a phone between sms and voice, removing (not a verified email),
// /me/v1/factors and the settings that play Auth0's variants. Run with `node --test tenant/`.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTenant } from './server.js';
import { call, challenge, enroll, guardian, lastCode, mfaToken, newTenant, oobGrant, outbox, passwordGrant } from './testkit.js';

const PHONE = '+15551238730';
const PROBLEM = /^application\/problem\+json/;

describe('phone, email and push on the My Account API', () => {
  /** @type {Awaited<ReturnType<typeof startTenant>>} */
  let server;
  /** @type {string} */
  let url;

  before(async () => {
    server = await startTenant();
    url = server.url;
  });
  after(() => server.close());

  /**
   * A tenant, a user and a My Account token with every scope.
   * @param {Record<string, unknown>} [settings]
   * @param {string} [email]
   */
  async function signedIn(settings = {}, email = 'me@example.com') {
    const { id, base } = await newTenant(url, settings);
    const res = await call(`${url}/__control/tenants/${id}/my-account-tokens`, { json: { email } });
    assert.equal(res.status, 200);
    return { id, base, email, token: /** @type {string} */ (res.body.access_token) };
  }

  /**
   * POST /me/v1/authentication-methods.
   * @param {string} base
   * @param {string} token
   * @param {Record<string, unknown>} body
   */
  const start = (base, token, body) => call(`${base}/me/v1/authentication-methods`, { json: body, token });

  /**
   * POST {Location}/verify.
   * @param {string} location
   * @param {string} token
   * @param {Record<string, unknown>} body
   */
  const verify = (location, token, body) => call(`${location}/verify`, { json: body, token });

  /**
   * The methods the My Account API lists.
   * @param {string} base
   * @param {string} token
   * @returns {Promise<any[]>}
   */
  async function methods(base, token) {
    return (await call(`${base}/me/v1/authentication-methods`, { method: 'GET', token })).body.authentication_methods;
  }

  /**
   * Assert a problem document with its status and detail.
   * @param {{ status: number, headers: Headers, body: any, text: string }} res
   * @param {number} status
   * @param {string} detail
   */
  function assertProblem(res, status, detail) {
    assert.equal(res.status, status, res.text);
    assert.match(res.headers.get('content-type') ?? '', PROBLEM);
    assert.equal(res.body.detail, detail);
    return res.body;
  }

  describe('phone', () => {
    it('enrolls a phone: 201 {id, type, auth_session} with Location, the code in the outbox; verifying with it confirms the phone, which both APIs list', async () => {
      const { id, base, email, token } = await signedIn();
      const started = await start(base, token, { type: 'phone', phone_number: PHONE, preferred_authentication_method: 'voice' });
      assert.equal(started.status, 201, started.text);
      assert.deepEqual(Object.keys(started.body), ['id', 'type', 'auth_session']);
      assert.match(started.body.id, /^phone\|dev_\w{16}$/);
      assert.equal(started.body.type, 'phone');
      const location = /** @type {string} */ (started.headers.get('location'));
      assert.equal(location, `${base}/me/v1/authentication-methods/${encodeURIComponent(started.body.id)}`);
      const [message] = await outbox(url, id);
      assert.deepEqual([message.to, message.channel, message.purpose], [PHONE, 'voice', 'enroll']);

      const listedBefore = (await methods(base, token)).find((m) => m.type === 'phone');
      assert.deepEqual(listedBefore, { id: started.body.id, type: 'phone', confirmed: false, created_at: listedBefore.created_at, usage: ['secondary'], phone_number: PHONE, preferred_authentication_method: 'voice' });
      const done = await verify(location, token, { auth_session: started.body.auth_session, otp_code: message.code });
      assert.equal(done.status, 200, done.text);
      assert.deepEqual(done.body, { ...listedBefore, confirmed: true });
      const rows = (await call(`${base}/mfa/authenticators`, { method: 'GET', token: await mfaToken(base, email) })).body;
      assert.deepEqual(rows.map((/** @type {any} */ r) => [r.id, r.oob_channel, r.active, r.name]), [
        [started.body.id.replace('phone|', 'sms|'), 'sms', true, 'XXXXXXXX8730'],
        [started.body.id.replace('phone|', 'voice|'), 'voice', true, 'XXXXXXXX8730'],
      ]);
      assertProblem(await verify(location, token, { auth_session: started.body.auth_session, otp_code: message.code }), 400, 'The auth_session is invalid or has expired. Start the enrollment again.');
      assert.deepEqual((await passwordGrant(base, email)).body.mfa_requirements, { challenge: [{ type: 'phone' }] });
    });

    it('a wrong code is 403 and leaves the auth_session good; an expired code (expire-codes) is 400 naming it; a second start for the same number voids the first code', async () => {
      const { id, base, token } = await signedIn();
      const first = await start(base, token, { type: 'phone', phone_number: PHONE });
      const location = /** @type {string} */ (first.headers.get('location'));
      const code = await lastCode(url, id, PHONE);
      assert.equal((await outbox(url, id))[0].channel, 'sms', 'sms unless voice is asked');
      const wrong = code === '000000' ? '000001' : '000000';
      assertProblem(await verify(location, token, { auth_session: first.body.auth_session, otp_code: wrong }), 403, 'Invalid otp_code. The code is wrong or was already used.');
      assert.equal((await call(`${url}/__control/tenants/${id}/expire-codes`, { method: 'POST' })).status, 204);
      assertProblem(await verify(location, token, { auth_session: first.body.auth_session, otp_code: code }), 400, 'The otp_code has expired. Start the enrollment again to get a new one.');

      const second = await start(base, token, { type: 'phone', phone_number: PHONE });
      assert.equal(second.body.id, first.body.id, 'the same unconfirmed phone');
      assertProblem(await verify(location, token, { auth_session: first.body.auth_session, otp_code: code }), 400, 'The auth_session is invalid or has expired. Start the enrollment again.');
      assert.equal((await verify(location, token, { auth_session: second.body.auth_session, otp_code: await lastCode(url, id, PHONE) })).status, 200);
      assert.equal((await methods(base, token)).filter((m) => m.type === 'phone').length, 1);
    });

    it('refuses a number that cannot be real, a channel the tenant lacks, and past the message limit 429 with Retry-After', async () => {
      const { id, base, token } = await signedIn({ phoneChannels: ['sms'], messageLimit: 1 });
      const bad = assertProblem(await start(base, token, { type: 'phone', phone_number: '555 123' }), 400, 'Invalid request payload.');
      assert.deepEqual(bad.validation_errors, [{ detail: 'The phone number is invalid.', field: 'phone_number' }]);
      const none = assertProblem(await start(base, token, { type: 'phone', preferred_authentication_method: 'voice' }), 400, 'Invalid request payload.');
      assert.deepEqual(none.validation_errors, [
        { detail: 'phone_number is required.', field: 'phone_number' },
        { detail: 'preferred_authentication_method must be one of: sms.', field: 'preferred_authentication_method' },
      ]);
      assert.equal((await start(base, token, { type: 'phone', phone_number: PHONE })).status, 201);
      const limited = assertProblem(await start(base, token, { type: 'phone', phone_number: PHONE }), 429, 'Too many messages were sent to this destination. Wait for some minutes before retrying.');
      assert.equal(limited.status, 429);
      assert.equal((await start(base, token, { type: 'phone', phone_number: PHONE })).headers.get('retry-after'), '3600');
      assert.equal((await outbox(url, id)).length, 1);
    });

    it('PATCH switches a phone between sms and voice (a challenge without an authenticator_id goes by it); a channel the tenant lacks, or another type, is 400', async () => {
      const { id, base, email, token } = await signedIn();
      await call(`${url}/__control/tenants/${id}/users/${encodeURIComponent(email)}/methods`, { json: { type: 'phone', phone_number: PHONE } });
      const phone = (await methods(base, token)).find((m) => m.type === 'phone');
      const path = `${base}/me/v1/authentication-methods/${encodeURIComponent(phone.id)}`;
      const voice = await call(path, { method: 'PATCH', json: { preferred_authentication_method: 'voice', name: 'Desk phone' }, token });
      assert.equal(voice.status, 200, voice.text);
      assert.deepEqual([voice.body.preferred_authentication_method, voice.body.name], ['voice', 'Desk phone']);
      const mfa = await mfaToken(base, email);
      assert.equal((await challenge(base, { mfa_token: mfa, challenge_type: 'oob' })).status, 200);
      assert.equal((await outbox(url, id))[0].channel, 'voice', 'the preferred channel');
      assert.equal((await call(path, { method: 'PATCH', json: { preferred_authentication_method: 'sms' }, token })).body.preferred_authentication_method, 'sms');
      assert.equal((await challenge(base, { mfa_token: mfa, challenge_type: 'oob' })).status, 200);
      assert.equal((await outbox(url, id))[0].channel, 'sms');
      await call(`${url}/__control/tenants/${id}/settings`, { json: { phoneChannels: ['sms'] } });
      const refused = await call(path, { method: 'PATCH', json: { preferred_authentication_method: 'voice' }, token });
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body.validation_errors, [{ detail: 'preferred_authentication_method must be sms, for a phone method only.', field: 'preferred_authentication_method' }]);
      const email2 = await call(`${url}/__control/tenants/${id}/users/${encodeURIComponent(email)}/methods`, { json: { type: 'email' } });
      const notPhone = await call(`${base}/me/v1/authentication-methods/${encodeURIComponent(email2.body.id)}`, { method: 'PATCH', json: { preferred_authentication_method: 'sms' }, token });
      assert.equal(notPhone.status, 400);
    });
  });

  describe('email', () => {
    it('enrolls an email with the code sent to it; a verified email Auth0 made cannot be deleted (400), an enrolled one can, and goes from the MFA API too', async () => {
      const { id, base, email, token } = await signedIn();
      const started = await start(base, token, { type: 'email', email: 'Work@Example.com' });
      assert.equal(started.status, 201, started.text);
      assert.deepEqual(Object.keys(started.body), ['id', 'type', 'auth_session']);
      const location = /** @type {string} */ (started.headers.get('location'));
      const done = await verify(location, token, { auth_session: started.body.auth_session, otp_code: await lastCode(url, id, 'work@example.com') });
      assert.equal(done.status, 200, done.text);
      assert.deepEqual([done.body.type, done.body.email, done.body.confirmed], ['email', 'Work@Example.com', true]);
      assertProblem(await start(base, token, { type: 'email', email: 'nope' }), 400, 'Invalid request payload.');
      assert.deepEqual((await start(base, token, { type: 'email' })).body.validation_errors, [{ detail: 'email is required.', field: 'email' }]);

      const verified = await call(`${url}/__control/tenants/${id}/users/${encodeURIComponent(email)}/methods`, { json: { type: 'email', verified: true } });
      assert.equal(verified.body.email, email);
      const remove = (/** @type {string} */ methodId) => call(`${base}/me/v1/authentication-methods/${encodeURIComponent(methodId)}`, { method: 'DELETE', token });
      assertProblem(await remove(verified.body.id), 400, 'The email authentication method of a verified email address cannot be deleted.');
      assert.equal((await remove(started.body.id)).status, 204);
      const rows = (await call(`${base}/mfa/authenticators`, { method: 'GET', token: await mfaToken(base, email) })).body;
      assert.deepEqual(rows.map((/** @type {any} */ r) => r.id), [verified.body.id]);
    });
  });

  describe('push', () => {
    it('enrolls push: {id, type, auth_session, barcode_uri}; verify before the scan is 400 "Authorization pending…", after it confirms push and its totp', async () => {
      const { id, base, email, token } = await signedIn();
      const started = await start(base, token, { type: 'push-notification' });
      assert.equal(started.status, 201, started.text);
      assert.deepEqual(Object.keys(started.body), ['id', 'type', 'auth_session', 'barcode_uri']);
      assert.match(started.body.id, /^push\|dev_/);
      const location = /** @type {string} */ (started.headers.get('location'));
      assertProblem(await verify(location, token, { auth_session: started.body.auth_session }), 400, 'Authorization pending: the enrollment has not been confirmed in the Guardian app yet.');
      assert.deepEqual((await methods(base, token)).map((m) => [m.type, m.confirmed]), [['password', undefined], ['push-notification', false], ['totp', false]]);
      const scanned = await guardian(url, id, 'scan', { barcodeUri: started.body.barcode_uri });
      assert.equal(scanned.status, 200);
      const done = await verify(location, token, { auth_session: started.body.auth_session });
      assert.equal(done.status, 200, done.text);
      assert.deepEqual([done.body.id, done.body.type, done.body.confirmed], [started.body.id, 'push-notification', true]);
      assert.deepEqual((await methods(base, token)).map((m) => [m.type, m.confirmed]), [['password', undefined], ['push-notification', true], ['totp', true]]);

      const mfa = await mfaToken(base, email);
      const asked = await challenge(base, { mfa_token: mfa, challenge_type: 'oob' });
      await guardian(url, id, 'approve', { email });
      assert.equal((await oobGrant(base, mfa, asked.body.oob_code)).status, 200, 'the push works for signing in');
      assert.equal((await call(`${base}/me/v1/authentication-methods/${encodeURIComponent(started.body.id)}`, { method: 'DELETE', token })).status, 204);
      assert.deepEqual((await methods(base, token)).map((m) => m.type), ['password'], 'with its totp');
    });
  });

  describe('the tenant\'s factors and variants', () => {
    it('/me/v1/factors and the types enrolled follow the tenant\'s factors; myAccountEnrollStatus plays 200 and 202', async () => {
      const { id, base, token } = await signedIn({ factors: ['email', 'otp'], recoveryCodes: false, myAccountEnrollStatus: 202 });
      const factors = await call(`${base}/me/v1/factors`, { method: 'GET', token });
      assert.deepEqual(factors.body, { factors: [{ type: 'email', usage: ['secondary'] }, { type: 'totp', usage: ['secondary'] }] });
      const refused = await start(base, token, { type: 'phone', phone_number: PHONE });
      assert.deepEqual(refused.body.validation_errors, [{ detail: 'Authentication method type not supported: phone.', field: 'type' }]);
      assert.equal((await start(base, token, { type: 'email', email: 'a@example.com' })).status, 202);
      assert.equal((await start(base, token, { type: 'totp' })).status, 202);
      await call(`${url}/__control/tenants/${id}/settings`, { json: { myAccountEnrollStatus: 200 } });
      assert.equal((await start(base, token, { type: 'totp' })).status, 200);
    });

    it('an enrolled user\'s phone from the MFA API shows here, and one enrolled here signs in on the MFA API', async () => {
      const { id, base, email, token } = await signedIn();
      await enroll(base, email);
      const started = await start(base, token, { type: 'phone', phone_number: PHONE });
      await verify(/** @type {string} */ (started.headers.get('location')), token, { auth_session: started.body.auth_session, otp_code: await lastCode(url, id, PHONE) });
      const again = await passwordGrant(base, email);
      assert.deepEqual(again.body.mfa_requirements, { challenge: [{ type: 'otp' }, { type: 'phone' }] });
      const row = (await call(`${base}/mfa/authenticators`, { method: 'GET', token: again.body.mfa_token })).body.find((/** @type {any} */ r) => r.oob_channel === 'voice');
      const asked = await challenge(base, { mfa_token: again.body.mfa_token, challenge_type: 'oob', authenticator_id: row.id });
      assert.equal((await oobGrant(base, again.body.mfa_token, asked.body.oob_code, await lastCode(url, id, PHONE))).status, 200);
    });
  });
});
