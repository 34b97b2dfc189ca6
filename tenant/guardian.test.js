// Tests for push with Auth0 Guardian on the stand-in (the API contract §9, issue 21): enrolling
// push through /mfa/associate (its QR code, the OTP authenticator that comes with it), the fake
// Guardian app on the control API (scan, approve, deny, the list of what waits), polling the
// mfa-oob grant (authorization_pending, slow_down, the rejection, tokens) and expiry.
// Run with `node --test tenant/`.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { totp } from './totp.js';
import {
  associateOob,
  authenticatorRows,
  call,
  challenge,
  confirm,
  guardian,
  mfaApiToken,
  mfaToken,
  newTenant,
  oobGrant,
  passwordGrant,
  serversWithClock,
  userState,
} from './testkit.js';

const PENDING = { error: 'authorization_pending', error_description: 'Authorization pending: please repeat the request in a few seconds.' };
const REJECTED = { error: 'access_denied', error_description: 'MFA Authorization rejected.' };

describe('push with Guardian', () => {
  const servers = serversWithClock();

  /**
   * What the fake Guardian app shows as waiting.
   * @param {string} serverUrl
   * @param {string} id
   */
  async function waiting(serverUrl, id) {
    const res = await call(`${serverUrl}/__control/tenants/${id}/guardian`, { method: 'GET' });
    assert.equal(res.status, 200);
    return res.body;
  }

  /**
   * Sign a user in, enroll push and scan it; answers the OTP secret the scan gave.
   * @param {string} id
   * @param {string} base
   * @param {string} email
   */
  async function enrollPush(id, base, email) {
    const token = await mfaToken(base, email);
    const added = await associateOob(base, token, { oob_channels: ['auth0'] });
    assert.equal(added.status, 200, added.text);
    const scanned = await guardian(servers.url, id, 'scan', { barcodeUri: added.body.barcode_uri });
    assert.equal(scanned.status, 200, scanned.text);
    assert.equal((await oobGrant(base, token, added.body.oob_code)).status, 200);
    return /** @type {string} */ (scanned.body.secret);
  }

  describe('enrolling', () => {
    it('associate answers the QR code (enrollment_tx_id, base_url), an oob_code and a recovery code, no binding_method; push and an OTP authenticator wait unconfirmed', async () => {
      const { id, base } = await newTenant(servers.url, { pushPollIntervalMs: 0 });
      const email = 'push@example.com';
      const added = await associateOob(base, await mfaToken(base, email), { oob_channels: ['auth0'] });
      assert.equal(added.status, 200, added.text);
      assert.deepEqual(Object.keys(added.body), ['authenticator_type', 'barcode_uri', 'recovery_codes', 'oob_channel', 'oob_code']);
      assert.deepEqual([added.body.authenticator_type, added.body.oob_channel], ['oob', 'auth0']);
      const qr = new URL(added.body.barcode_uri);
      assert.equal(`${qr.protocol}//${qr.host}${qr.pathname}`, 'otpauth://totp/Stand-in%20Tenant:push%40example.com');
      assert.deepEqual([...qr.searchParams.keys()], ['enrollment_tx_id', 'base_url']);
      assert.match(qr.searchParams.get('enrollment_tx_id') ?? '', /^[A-Za-z0-9]{32}$/);
      assert.equal(qr.searchParams.get('base_url'), base);

      const listed = await authenticatorRows(base, email);
      assert.deepEqual(listed.map(({ id: _, ...row }) => row), [
        { authenticator_type: 'oob', active: false, oob_channel: 'auth0' },
        { authenticator_type: 'otp', active: false },
        { authenticator_type: 'recovery-code', active: false },
      ]);
      assert.match(listed[0].id, /^push\|dev_/);
      const { enrollments, requests } = await waiting(servers.url, id);
      assert.deepEqual(requests, []);
      assert.deepEqual(enrollments.map((/** @type {any} */ e) => [e.enrollmentTxId, e.email]), [[qr.searchParams.get('enrollment_tx_id'), email]]);
    });

    it('polling before the scan is 400 authorization_pending (as recorded); after the scan the poll answers tokens, push, its OTP and the recovery code are confirmed, and the OTP signs in', async () => {
      const { id, base } = await newTenant(servers.url, { pushPollIntervalMs: 0 });
      const email = 'scan@example.com';
      const token = await mfaToken(base, email);
      const added = await associateOob(base, token, { oob_channels: ['auth0'] });
      const early = await oobGrant(base, token, added.body.oob_code);
      assert.deepEqual([early.status, early.body], [400, PENDING]);
      assert.equal((await oobGrant(base, token, added.body.oob_code, '123456')).body.error, 'authorization_pending', 'a binding code changes nothing for push');

      const scanned = await guardian(servers.url, id, 'scan', { barcodeUri: added.body.barcode_uri });
      assert.equal(scanned.status, 200, scanned.text);
      assert.deepEqual(Object.keys(scanned.body), ['email', 'id', 'secret']);
      assert.equal(scanned.body.email, email);
      assert.match(scanned.body.secret, /^[A-Z2-7]{32}$/);
      assert.deepEqual((await waiting(servers.url, id)).enrollments, []);
      const done = await oobGrant(base, token, added.body.oob_code);
      assert.equal(done.status, 200, done.text);
      assert.ok(done.body.access_token);
      assert.deepEqual((await authenticatorRows(base, email)).map((r) => r.active), [true, true, true]);
      assert.equal((await userState(servers.url, id, email)).recoveryCode, added.body.recovery_codes[0]);

      const again = await passwordGrant(base, email);
      assert.deepEqual(again.body.mfa_requirements, { challenge: [{ type: 'otp' }, { type: 'push-notification' }] });
      assert.equal((await confirm(base, again.body.mfa_token, totp(scanned.body.secret, { time: Date.now() + 30_000 }))).status, 200, 'Guardian\'s codes work');
    });

    it('the OTP half is confirmed by the scan only, not by a code; a new associate replaces an unconfirmed push enrollment', async () => {
      const { id, base } = await newTenant(servers.url, { pushPollIntervalMs: 0 });
      const email = 'replace@example.com';
      const token = await mfaToken(base, email);
      const first = await associateOob(base, token, { oob_channels: ['auth0'] });
      const peek = await guardian(servers.url, id, 'scan', { enrollmentTxId: 'not-one' });
      assert.deepEqual([peek.status, peek.body.error], [404, 'not_found']);
      const second = await associateOob(base, token, { oob_channels: ['auth0'] });
      assert.equal((await authenticatorRows(base, email)).length, 3, 'one push, one OTP, the recovery code');
      const stale = await guardian(servers.url, id, 'scan', { barcodeUri: first.body.barcode_uri });
      assert.equal(stale.status, 404, 'the first QR code is void');
      assert.equal((await oobGrant(base, token, first.body.oob_code)).body.error_description, 'Malformed oob_code');
      const scanned = await guardian(servers.url, id, 'scan', { email });
      assert.equal(scanned.status, 200);
      assert.equal((await guardian(servers.url, id, 'scan', { barcodeUri: second.body.barcode_uri })).status, 409, 'scanned once');
      assert.equal((await oobGrant(base, token, second.body.oob_code)).status, 200);
    });

    it('an OTP code alone does not confirm the OTP half of an unscanned push enrollment', async () => {
      const { base, id } = await newTenant(servers.url);
      const email = 'half@example.com';
      const token = await mfaToken(base, email);
      const added = await associateOob(base, token, { oob_channels: ['auth0'] });
      const tenant = servers.server.tenants.get(id);
      const user = tenant?.findUser(email);
      const secret = user?.authenticators.find((a) => a.type === 'otp')?.secret;
      assert.ok(secret);
      const refused = await confirm(base, token, totp(secret));
      assert.deepEqual([refused.status, refused.body.error], [403, 'invalid_grant']);
      assert.deepEqual((await authenticatorRows(base, email)).map((r) => r.active), [false, false, false]);
      assert.ok(added.body.oob_code);
    });
  });

  describe('challenges and the poll', () => {
    it('challenge answers an oob_code without binding_method; approved (by email) the poll answers tokens once; rejected (by id from the list) it answers access_denied on every poll', async () => {
      const { id, base } = await newTenant(servers.url, { pushPollIntervalMs: 0 });
      const email = 'approve@example.com';
      await enrollPush(id, base, email);
      const token = await mfaToken(base, email);
      const push = (await call(`${base}/mfa/authenticators`, { method: 'GET', token })).body.find((/** @type {any} */ r) => r.oob_channel === 'auth0');
      const asked = await challenge(base, { mfa_token: token, challenge_type: 'oob', authenticator_id: push.id });
      assert.equal(asked.status, 200, asked.text);
      assert.deepEqual(Object.keys(asked.body), ['challenge_type', 'oob_code']);
      assert.deepEqual((await oobGrant(base, token, asked.body.oob_code)).body, PENDING);
      const { requests } = await waiting(servers.url, id);
      assert.deepEqual(requests.map((/** @type {any} */ r) => [r.email, r.authenticatorId]), [[email, push.id]]);
      assert.equal(JSON.stringify(requests).includes(asked.body.oob_code), false, 'the list shows no oob_code');
      const approved = await guardian(servers.url, id, 'approve', { email });
      assert.deepEqual(approved.body, { id: requests[0].id, email, status: 'approved' });
      const signedIn = await oobGrant(base, token, asked.body.oob_code);
      assert.equal(signedIn.status, 200, signedIn.text);
      assert.ok(signedIn.body.id_token);
      assert.equal((await oobGrant(base, token, asked.body.oob_code)).body.error_description, 'Malformed oob_code', 'once');

      const denied = await challenge(base, { mfa_token: token, challenge_type: 'oob', authenticator_id: push.id });
      const [request] = (await waiting(servers.url, id)).requests;
      assert.deepEqual((await guardian(servers.url, id, 'deny', { id: request.id })).body, { id: request.id, email, status: 'rejected' });
      for (let i = 0; i < 2; i += 1) {
        const polled = await oobGrant(base, token, denied.body.oob_code);
        assert.deepEqual([polled.status, polled.body], [400, REJECTED]);
      }
      assert.deepEqual((await waiting(servers.url, id)).requests, []);
      assert.equal((await guardian(servers.url, id, 'approve', { id: request.id })).status, 409, 'already rejected');
    });

    it('pushRejection invalid_grant plays Auth0\'s reference; approve and deny take an oobCode; 404 when nothing waits; bad bodies are 400', async () => {
      const { id, base } = await newTenant(servers.url, { pushPollIntervalMs: 0, pushRejection: 'invalid_grant' });
      const email = 'reference@example.com';
      await enrollPush(id, base, email);
      const token = await mfaToken(base, email);
      const asked = await challenge(base, { mfa_token: token, challenge_type: 'oob' });
      assert.equal((await guardian(servers.url, id, 'deny', { oobCode: asked.body.oob_code })).status, 200);
      const polled = await oobGrant(base, token, asked.body.oob_code);
      assert.deepEqual([polled.status, polled.body], [400, { error: 'invalid_grant', error_description: 'MFA Authorization rejected.' }]);
      assert.deepEqual((await guardian(servers.url, id, 'approve', { email })).status, 404);
      assert.deepEqual((await guardian(servers.url, id, 'approve', {})).body, { error: 'invalid_request', error_description: 'Name the push request: id, oobCode or email' });
      assert.equal((await guardian(servers.url, id, 'scan', { barcodeUri: 'not a uri' })).status, 400);
      assert.equal((await call(`${servers.url}/__control/tenants/${id}/guardian/approve`, { method: 'GET' })).status, 405);
    });

    it('answers slow_down to a poll sooner than pushPollIntervalMs (5 s by default) after the one before', async () => {
      const { id, base } = await newTenant(servers.timedUrl);
      assert.equal((await call(`${servers.timedUrl}/__control/tenants/${id}/settings`, { method: 'GET' })).body.pushPollIntervalMs, 5000);
      const token = await mfaToken(base, 'slow@example.com');
      const added = await associateOob(base, token, { oob_channels: ['auth0'] });
      assert.deepEqual((await oobGrant(base, token, added.body.oob_code)).body, PENDING);
      servers.advance(4999);
      const fast = await oobGrant(base, token, added.body.oob_code);
      assert.deepEqual([fast.status, fast.body], [400, { error: 'slow_down', error_description: 'You are polling faster than allowed. Wait at least 5 seconds between requests.' }]);
      servers.advance(5000);
      assert.deepEqual((await oobGrant(base, token, added.body.oob_code)).body, PENDING);
      assert.equal((await guardian(servers.timedUrl, id, 'scan', { email: 'slow@example.com' })).status, 200);
      servers.advance(5000);
      assert.equal((await oobGrant(base, token, added.body.oob_code)).status, 200);
    });

    it('a push request and an enrollment expire after 5 minutes: the poll answers expired_token, the control API 410; a new challenge voids the request before', async () => {
      const { id, base } = await newTenant(servers.timedUrl, { pushPollIntervalMs: 0 });
      const email = 'expire@example.com';
      const token = await mfaToken(base, email);
      const added = await associateOob(base, token, { oob_channels: ['auth0'] });
      servers.advance(5 * 60 * 1000);
      assert.deepEqual(await oobGrant(base, token, added.body.oob_code).then((r) => [r.status, r.body]), [403, { error: 'expired_token', error_description: 'oob_code is expired' }]);
      assert.deepEqual((await guardian(servers.timedUrl, id, 'scan', { barcodeUri: added.body.barcode_uri })).body, { error: 'expired', error_description: 'The push enrollment has expired' });
      assert.deepEqual((await waiting(servers.timedUrl, id)).enrollments, []);

      const fresh = await associateOob(base, await mfaToken(base, email), { oob_channels: ['auth0'] });
      await guardian(servers.timedUrl, id, 'scan', { barcodeUri: fresh.body.barcode_uri });
      const signIn = await mfaToken(base, email);
      assert.equal((await oobGrant(base, await mfaToken(base, email), fresh.body.oob_code)).status, 200);
      const first = await challenge(base, { mfa_token: signIn, challenge_type: 'oob' });
      const second = await challenge(base, { mfa_token: signIn, challenge_type: 'oob' });
      assert.equal((await oobGrant(base, signIn, first.body.oob_code)).body.error_description, 'Malformed oob_code');
      assert.equal((await guardian(servers.timedUrl, id, 'approve', { oobCode: first.body.oob_code })).status, 404);
      const expire = await call(`${servers.timedUrl}/__control/tenants/${id}/expire-codes`, { method: 'POST' });
      assert.equal(expire.status, 204);
      assert.equal((await guardian(servers.timedUrl, id, 'approve', { oobCode: second.body.oob_code })).status, 410);
      assert.equal((await oobGrant(base, signIn, second.body.oob_code)).body.error, 'expired_token');
      const third = await challenge(base, { mfa_token: await mfaToken(base, email), challenge_type: 'oob' });
      assert.equal((await call(`${servers.timedUrl}/__control/tenants/${id}/expire-tokens`, { method: 'POST' })).status, 204);
      assert.equal((await guardian(servers.timedUrl, id, 'approve', { oobCode: third.body.oob_code })).status, 410, 'expire-tokens expires oob_codes too');
    });
  });

  describe('removal', () => {
    it('removing push removes its OTP authenticator, and removing that OTP authenticator removes push', async () => {
      const { id, base } = await newTenant(servers.url, { pushPollIntervalMs: 0 });
      for (const [email, which] of /** @type {const} */ ([['by-push@example.com', 'oob'], ['by-otp@example.com', 'otp']])) {
        const token = await mfaApiToken(base, email, 'read:authenticators remove:authenticators');
        await enrollPush(id, base, email);
        const listed = (await call(`${base}/mfa/authenticators`, { method: 'GET', token })).body;
        const target = listed.find((/** @type {any} */ r) => r.authenticator_type === which);
        assert.equal((await call(`${base}/mfa/authenticators/${encodeURIComponent(target.id)}`, { method: 'DELETE', token })).status, 204);
        const left = (await call(`${base}/mfa/authenticators`, { method: 'GET', token })).body;
        assert.deepEqual(left.map((/** @type {any} */ r) => r.authenticator_type), ['recovery-code'], which);
      }
    });
  });
});
