// Tests for codes by text message, voice call and email on the stand-in's MFA API (the API
// contract §9, issue 20): enrolling a phone or an email through /mfa/associate, the code in the
// outbox the control API serves, confirming and signing in with the mfa-oob grant, challenges
// that void the code before, expiry, the per-destination message limit, the rows
// /mfa/authenticators lists, and mfa_requirements from the tenant's factors.
// Run with `node --test tenant/`.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  associate,
  associateOob,
  authenticatorRows,
  call,
  challenge,
  confirm,
  enroll,
  enrollPhone,
  lastCode,
  mfaApiToken,
  mfaToken,
  newTenant,
  oobGrant,
  outbox,
  passwordGrant,
  serversWithClock,
  userState,
} from './testkit.js';

const PHONE = '+15551238730';
const SIX_DIGITS = /^\d{6}$/;

/**
 * Rows of GET /mfa/authenticators without their (random) ids.
 * @param {Record<string, unknown>[]} list
 */
const withoutIds = (list) => list.map(({ id, ...row }) => (assert.equal(typeof id, 'string'), row));

describe('codes by text message, voice call and email (MFA API)', () => {
  const servers = serversWithClock();

  describe('enrolling', () => {
    it('enrolls a phone by SMS: the answer as recorded, the code in the outbox; mfa-oob with it confirms the phone and the recovery code and answers tokens', async () => {
      const { id, base } = await newTenant(servers.url);
      const email = 'sms@example.com';
      const token = await mfaToken(base, email);
      const added = await associateOob(base, token, { oob_channels: ['sms'], phone_number: PHONE });
      assert.equal(added.status, 200, added.text);
      assert.deepEqual(Object.keys(added.body), ['authenticator_type', 'binding_method', 'recovery_codes', 'oob_channel', 'oob_code']);
      assert.deepEqual([added.body.authenticator_type, added.body.binding_method, added.body.oob_channel], ['oob', 'prompt', 'sms']);
      assert.match(added.body.recovery_codes[0], /^[A-Z0-9]{24}$/);
      assert.match(added.body.oob_code, /^Fe26\.2\*/);

      const [message, ...others] = await outbox(servers.url, id);
      assert.equal(others.length, 0);
      assert.deepEqual({ ...message, id: undefined, time: undefined }, {
        id: undefined,
        time: undefined,
        to: PHONE,
        channel: 'sms',
        purpose: 'enroll',
        code: message.code,
        text: `${message.code} is your verification code for Stand-in Tenant. Please enter this code to verify your enrollment.`,
      });
      assert.match(message.code, SIX_DIGITS);
      assert.ok(Math.abs(Date.parse(message.time) - Date.now()) < 5000);

      const pending = await authenticatorRows(base, email);
      assert.deepEqual(withoutIds(pending), [
        { authenticator_type: 'oob', active: false, oob_channel: 'sms', name: 'XXXXXXXX8730' },
        { authenticator_type: 'oob', active: false, oob_channel: 'voice', name: 'XXXXXXXX8730' },
        { authenticator_type: 'recovery-code', active: false },
      ]);
      assert.match(pending[0].id, /^sms\|dev_\w{16}$/);
      assert.equal(pending[1].id, pending[0].id.replace('sms|', 'voice|'), 'one phone, one tail');
      const done = await oobGrant(base, token, added.body.oob_code, message.code);
      assert.equal(done.status, 200, done.text);
      assert.ok(done.body.access_token && done.body.id_token);
      assert.deepEqual((await authenticatorRows(base, email)).map((r) => r.active), [true, true, true]);
      assert.equal((await userState(servers.url, id, email)).recoveryCode, added.body.recovery_codes[0]);
      assert.deepEqual((await passwordGrant(base, email)).body.mfa_requirements, { challenge: [{ type: 'phone' }] });
      assert.equal((await oobGrant(base, token, added.body.oob_code, message.code)).body.error_description, 'Malformed oob_code', 'a code works once');
    });

    it('enrolls by voice (the call reads the digits) and an email (the user\'s own address when none is given, or the one given)', async () => {
      const { id, base } = await newTenant(servers.url);
      const voice = await associateOob(base, await mfaToken(base, 'voice@example.com'), { oob_channels: ['voice'], phone_number: '+447700900123' });
      assert.equal(voice.status, 200, voice.text);
      assert.equal(voice.body.oob_channel, 'voice');
      const [call1] = await outbox(servers.url, id);
      assert.deepEqual([call1.to, call1.channel], ['+447700900123', 'voice']);
      const digits = call1.code.split('').join(', ');
      assert.equal(call1.text, `Your verification code for Stand-in Tenant is ${digits}. Once again: ${digits}.`);

      const own = await associateOob(base, await mfaToken(base, 'Own.Address@Example.com'), { oob_channels: ['email'] });
      assert.equal(own.status, 200, own.text);
      assert.deepEqual([own.body.oob_channel, own.body.binding_method], ['email', 'prompt']);
      const [mail] = await outbox(servers.url, id);
      assert.deepEqual([mail.to, mail.channel], ['own.address@example.com', 'email']);
      assert.equal((await authenticatorRows(base, 'Own.Address@Example.com'))[0].name, 'Own.A******@Exam*******');

      const given = await associateOob(base, await mfaToken(base, 'given@example.com'), { oob_channels: ['email'], email: 'user@example.com' });
      assert.equal(given.status, 200);
      assert.equal((await outbox(servers.url, id))[0].to, 'user@example.com');
      const listed = await authenticatorRows(base, 'given@example.com');
      assert.deepEqual(withoutIds(listed), [
        { authenticator_type: 'oob', active: false, oob_channel: 'email', name: '****@exam*******' },
        { authenticator_type: 'recovery-code', active: false },
      ]);
      assert.match(listed[0].id, /^email\|dev_/);
    });

    it('refuses a number that cannot be real with 400 invalid_phone_number, an address with 400 invalid_request, and bad oob_channels; nothing is sent', async () => {
      const { id, base } = await newTenant(servers.url);
      const token = await mfaToken(base, 'bad@example.com');
      for (const phone_number of ['5551238730', '+1555123873', '+15551238730 ', '+1 555 123 8730', '+0123456789', '+1234567', '+1234567890123456', 15551238730]) {
        const res = await associateOob(base, token, { oob_channels: ['sms'], phone_number });
        assert.equal(res.status, 400, String(phone_number));
        assert.deepEqual(res.body, { error: 'invalid_phone_number', error_description: 'The phone number is invalid.' }, String(phone_number));
      }
      const cases = [
        [{ oob_channels: ['sms'] }, 'Missing required parameter: phone_number'],
        [{ oob_channels: ['voice'], phone_number: '' }, 'Missing required parameter: phone_number'],
        [{ oob_channels: ['email'], email: 'not-an-address' }, 'The email address is invalid.'],
        [{ oob_channels: ['email'], email: 'a@b' }, 'The email address is invalid.'],
        [{}, 'Missing required parameter: oob_channels'],
        [{ oob_channels: [] }, 'oob_channels must be a non-empty array'],
        [{ oob_channels: ['fax'] }, 'oob_channels must be one of: sms, voice, email, auth0'],
        [{ oob_channels: ['sms', 'voice'], phone_number: PHONE }, 'Only one oob_channel can be enrolled at a time'],
      ];
      for (const [body, description] of cases) {
        const res = await associateOob(base, token, /** @type {Record<string, unknown>} */ (body));
        assert.deepEqual([res.status, res.body], [400, { error: 'invalid_request', error_description: description }], JSON.stringify(body));
      }
      assert.deepEqual(await outbox(servers.url, id), []);
      assert.deepEqual((await userState(servers.url, id, 'bad@example.com')).authenticators, []);
    });

    it('a second associate for the same number sends a new code to the same authenticator and voids the first; another number is another authenticator', async () => {
      const { id, base } = await newTenant(servers.url);
      const email = 'again@example.com';
      const token = await mfaToken(base, email);
      const first = await associateOob(base, token, { oob_channels: ['sms'], phone_number: PHONE });
      const firstCode = await lastCode(servers.url, id, PHONE);
      const second = await associateOob(base, token, { oob_channels: ['voice'], phone_number: PHONE });
      assert.equal(second.status, 200);
      assert.equal(second.body.oob_channel, 'voice');
      const secondCode = await lastCode(servers.url, id, PHONE);
      assert.equal((await authenticatorRows(base, email)).length, 3, 'still one phone (two rows) and the recovery code');
      assert.deepEqual((await oobGrant(base, token, first.body.oob_code, firstCode)).body, { error: 'invalid_grant', error_description: 'Malformed oob_code' });
      const stale = await oobGrant(base, token, second.body.oob_code, firstCode);
      assert.deepEqual(stale.body, { error: 'invalid_grant', error_description: 'Invalid binding_code.' }, 'the first message\'s code is void');
      await associateOob(base, token, { oob_channels: ['sms'], phone_number: '+15551230000' });
      assert.equal((await authenticatorRows(base, email)).length, 5);
      const done = await oobGrant(base, token, second.body.oob_code, secondCode);
      assert.equal(done.status, 200, done.text);
      const active = (await authenticatorRows(base, email)).filter((r) => r.active).map((r) => r.name);
      assert.deepEqual(active, ['XXXXXXXX8730', 'XXXXXXXX8730', undefined]);
      assert.equal((await userState(servers.url, id, email)).recoveryCode, second.body.recovery_codes[0], 'the code issued with the confirmed associate');
    });
  });

  describe('the mfa-oob grant', () => {
    it('a wrong binding code is invalid_grant "Invalid binding_code." (the tenant\'s mfaErrorStatus) and the oob_code stays good; no binding code is invalid_request', async () => {
      const { id, base } = await newTenant(servers.url);
      const token = await mfaToken(base, 'wrong@example.com');
      const added = await associateOob(base, token, { oob_channels: ['sms'], phone_number: PHONE });
      await call(`${servers.url}/__control/tenants/${id}/settings`, { json: { mfaErrorStatus: 401 } });
      const code = await lastCode(servers.url, id, PHONE);
      const wrong = code === '000000' ? '000001' : '000000';
      assert.deepEqual(await oobGrant(base, token, added.body.oob_code, wrong).then((r) => [r.status, r.body]), [401, { error: 'invalid_grant', error_description: 'Invalid binding_code.' }]);
      assert.deepEqual(await oobGrant(base, token, added.body.oob_code).then((r) => [r.status, r.body]), [400, { error: 'invalid_request', error_description: 'binding_code is required' }]);
      assert.deepEqual(await oobGrant(base, token, 'not-a-code', code).then((r) => [r.status, r.body]), [401, { error: 'invalid_grant', error_description: 'Malformed oob_code' }]);
      const missing = await call(`${base}/oauth/token`, { form: { grant_type: 'http://auth0.com/oauth/grant-type/mfa-oob', client_id: 'demo-spa-client', mfa_token: token } });
      assert.deepEqual(missing.body, { error: 'invalid_request', error_description: 'Missing required parameter: oob_code' });
      const otherClient = await call(`${base}/oauth/token`, { form: { grant_type: 'http://auth0.com/oauth/grant-type/mfa-oob', client_id: 'spa-without-mfa-grant', mfa_token: token, oob_code: added.body.oob_code, binding_code: code } });
      assert.deepEqual([otherClient.status, otherClient.body.error], [403, 'unauthorized_client']);
      assert.equal((await oobGrant(base, token, added.body.oob_code, code)).status, 200);
    });

    it('wrong binding codes draw on the bucket OTP codes draw on: past 10, 429 too_many_attempts, for the right code too', async () => {
      const { id, base } = await newTenant(servers.url);
      const email = 'bucket@example.com';
      const token = await mfaToken(base, email);
      const added = await associateOob(base, token, { oob_channels: ['email'] });
      const code = await lastCode(servers.url, id, email);
      const wrong = code === '111111' ? '222222' : '111111';
      for (let i = 0; i < 9; i += 1) assert.equal((await oobGrant(base, token, added.body.oob_code, wrong)).status, 403);
      assert.equal((await confirm(base, token, '123456')).status, 403, 'a wrong OTP code spends the tenth attempt');
      const blocked = await oobGrant(base, token, added.body.oob_code, code);
      assert.equal(blocked.status, 429);
      assert.equal(blocked.body.error, 'too_many_attempts');
      assert.match(blocked.headers.get('retry-after') ?? '', /^\d+$/);
    });

    it('a code expires after 5 minutes: expired_token "oob_code is expired"; the control API expires sent codes at once; another user\'s oob_code is Malformed', async () => {
      const { id, base } = await newTenant(servers.timedUrl);
      const token = await mfaToken(base, 'late@example.com');
      const added = await associateOob(base, token, { oob_channels: ['sms'], phone_number: PHONE });
      const code = await lastCode(servers.timedUrl, id, PHONE);
      servers.advance(5 * 60 * 1000 - 1000);
      const other = await mfaToken(base, 'other@example.com');
      assert.deepEqual((await oobGrant(base, other, added.body.oob_code, code)).body, { error: 'invalid_grant', error_description: 'Malformed oob_code' });
      const stillGood = await associateOob(base, await mfaToken(base, 'in-time@example.com'), { oob_channels: ['sms'], phone_number: '+15551230001' });
      servers.advance(1000);
      assert.deepEqual(await oobGrant(base, token, added.body.oob_code, code).then((r) => [r.status, r.body]), [403, { error: 'expired_token', error_description: 'oob_code is expired' }]);

      const expire = await call(`${servers.timedUrl}/__control/tenants/${id}/expire-codes`, { method: 'POST' });
      assert.equal(expire.status, 204);
      const inTime = await mfaToken(base, 'in-time@example.com');
      assert.equal((await oobGrant(base, inTime, stillGood.body.oob_code, await lastCode(servers.timedUrl, id, '+15551230001'))).body.error, 'expired_token');
      // A new challenge sends a new, good code.
      const again = await associateOob(base, inTime, { oob_channels: ['sms'], phone_number: '+15551230001' });
      assert.equal((await oobGrant(base, inTime, again.body.oob_code, await lastCode(servers.timedUrl, id, '+15551230001'))).status, 200);
    });
  });

  describe('challenges', () => {
    it('challenges an enrolled phone by either row: a new code by that channel, binding_method prompt; a new challenge voids the code before; a code signs in once', async () => {
      const { id, base } = await newTenant(servers.url);
      const email = 'challenge@example.com';
      await enrollPhone(servers.url, id, base, email);
      const token = await mfaToken(base, email);
      const listed = (await call(`${base}/mfa/authenticators`, { method: 'GET', token })).body;
      const [sms, voice] = listed;
      assert.match(sms.id, /^sms\|dev_/);
      assert.equal(voice.id, sms.id.replace('sms|', 'voice|'), 'the same tail');

      const byVoice = await challenge(base, { mfa_token: token, challenge_type: 'oob', authenticator_id: voice.id });
      assert.equal(byVoice.status, 200, byVoice.text);
      assert.deepEqual(Object.keys(byVoice.body), ['challenge_type', 'oob_code', 'binding_method']);
      assert.deepEqual([byVoice.body.challenge_type, byVoice.body.binding_method], ['oob', 'prompt']);
      const [called] = await outbox(servers.url, id);
      assert.deepEqual([called.channel, called.purpose, called.to], ['voice', 'challenge', PHONE]);
      assert.equal(called.text, `Your verification code for Stand-in Tenant is ${called.code.split('').join(', ')}. Once again: ${called.code.split('').join(', ')}.`);

      const bySms = await challenge(base, { mfa_token: token, challenge_type: 'oob', authenticator_id: sms.id });
      const [texted] = await outbox(servers.url, id);
      assert.deepEqual([texted.channel, texted.text], ['sms', `${texted.code} is your verification code for Stand-in Tenant.`]);
      assert.deepEqual((await oobGrant(base, token, byVoice.body.oob_code, called.code)).body, { error: 'invalid_grant', error_description: 'Malformed oob_code' });
      const signedIn = await oobGrant(base, token, bySms.body.oob_code, texted.code);
      assert.equal(signedIn.status, 200, signedIn.text);
      assert.equal((await oobGrant(base, token, bySms.body.oob_code, texted.code)).body.error_description, 'Malformed oob_code');
      assert.equal((await userState(servers.url, id, email)).challenges, 2);
    });

    it('without authenticator_id: OTP before the others; challenge_type oob: the first oob row; unknown ids, other types\' ids and unconfirmed ones are 400', async () => {
      const { id, base } = await newTenant(servers.url);
      const email = 'both@example.com';
      const apiToken = await mfaApiToken(base, email, 'enroll');
      await enroll(base, email);
      const added = await call(`${servers.url}/__control/tenants/${id}/users/${encodeURIComponent(email)}/methods`, { json: { type: 'email' } });
      assert.equal(added.status, 201);
      const token = await mfaToken(base, email);
      const any = await call(`${base}/mfa/challenge`, { json: { client_id: 'demo-spa-client', mfa_token: token } });
      assert.deepEqual(any.body, { challenge_type: 'otp' });
      const oob = await challenge(base, { mfa_token: token, challenge_type: 'oob' });
      assert.equal(oob.body.challenge_type, 'oob');
      assert.equal((await outbox(servers.url, id))[0].to, email);
      const otpRow = (await call(`${base}/mfa/authenticators`, { method: 'GET', token })).body.find((/** @type {any} */ r) => r.authenticator_type === 'otp');
      for (const authenticator_id of ['email|dev_nope', otpRow.id]) {
        const res = await challenge(base, { mfa_token: token, challenge_type: 'oob', authenticator_id });
        assert.deepEqual([res.status, res.body], [400, { error: 'invalid_request', error_description: 'Invalid authenticator_id.' }]);
      }
      assert.equal((await associateOob(base, apiToken, { oob_channels: ['sms'], phone_number: PHONE })).status, 200);
      const pending = (await call(`${base}/mfa/authenticators`, { method: 'GET', token })).body.find((/** @type {any} */ r) => r.oob_channel === 'sms');
      assert.equal(pending.active, false);
      assert.equal((await challenge(base, { mfa_token: token, challenge_type: 'oob', authenticator_id: pending.id })).status, 400);
    });

    it('limits messages per destination: past messageLimit in messageWindowSeconds, 429 with Retry-After, for associate and challenge alike; other destinations go on; the window passes', async () => {
      const { id, base } = await newTenant(servers.timedUrl, { messageLimit: 2, messageWindowSeconds: 60 });
      const token = await mfaToken(base, 'limit@example.com');
      assert.equal((await associateOob(base, token, { oob_channels: ['sms'], phone_number: PHONE })).status, 200);
      servers.advance(10_000);
      const second = await associateOob(base, token, { oob_channels: ['sms'], phone_number: PHONE });
      assert.equal(second.status, 200);
      const refused = await associateOob(base, token, { oob_channels: ['sms'], phone_number: PHONE });
      assert.equal(refused.status, 429);
      assert.deepEqual(refused.body, { error: 'invalid_request', error_description: 'Too many SMS sent by the user. Wait for some minutes before retrying.' });
      assert.equal(refused.headers.get('retry-after'), '50');
      assert.equal((await associateOob(base, token, { oob_channels: ['voice'], phone_number: PHONE })).body.error_description, 'Too many voice calls made to the user. Wait for some minutes before retrying.');
      assert.equal((await outbox(servers.timedUrl, id)).length, 2, 'nothing sent when refused');
      assert.equal((await associateOob(base, token, { oob_channels: ['sms'], phone_number: '+15551230002' })).status, 200, 'another number');
      servers.advance(50_000);
      const confirmed = await associateOob(base, token, { oob_channels: ['sms'], phone_number: PHONE });
      assert.equal(confirmed.status, 200, 'the first message has left the window');
      assert.equal((await oobGrant(base, token, confirmed.body.oob_code, await lastCode(servers.timedUrl, id, PHONE))).status, 200);

      const again = await mfaToken(base, 'limit@example.com');
      const row = (await call(`${base}/mfa/authenticators`, { method: 'GET', token: again })).body[0];
      assert.equal((await challenge(base, { mfa_token: again, challenge_type: 'oob', authenticator_id: row.id })).status, 429, 'two messages in the window already');
      servers.advance(60_000);
      assert.equal((await challenge(base, { mfa_token: again, challenge_type: 'oob', authenticator_id: row.id })).status, 200);
      assert.equal((await call(`${servers.timedUrl}/__control/tenants/${id}/outbox`, { method: 'DELETE' })).status, 204);
      assert.deepEqual(await outbox(servers.timedUrl, id), []);
    });
  });

  describe('the list, the factors, removal', () => {
    it('lists a phone once when the tenant delivers by one channel (phoneChannels), which associate then requires; typedAuthenticators adds type phone / email', async () => {
      const { id, base } = await newTenant(servers.url, { phoneChannels: ['sms'], typedAuthenticators: true });
      const email = 'one-channel@example.com';
      const token = await mfaToken(base, email);
      assert.deepEqual((await associateOob(base, token, { oob_channels: ['voice'], phone_number: PHONE })).body, { error: 'invalid_request', error_description: 'Phone messages by voice are not enabled for this tenant.' });
      await enrollPhone(servers.url, id, base, email);
      await call(`${servers.url}/__control/tenants/${id}/users/${encodeURIComponent(email)}/methods`, { json: { type: 'email' } });
      const listed = await authenticatorRows(base, email);
      assert.deepEqual(listed.map((r) => [r.authenticator_type, r.oob_channel, r.name, r.type]), [
        ['oob', 'sms', 'XXXXXXXX8730', 'phone'],
        ['recovery-code', undefined, undefined, 'recovery-code'],
        ['oob', 'email', 'one-c******@exam*******', 'email'],
      ]);
      assert.deepEqual(Object.keys(listed[0]), ['id', 'authenticator_type', 'active', 'oob_channel', 'name', 'type']);
      assert.deepEqual((await passwordGrant(base, email)).body.mfa_requirements, { challenge: [{ type: 'phone' }, { type: 'email' }] });
    });

    it('mfa_requirements lists the factors the tenant enables (`factors`, in its order) and the user\'s among them; associate refuses the others', async () => {
      const { id, base } = await newTenant(servers.url, { factors: ['phone', 'otp'] });
      const email = 'factors@example.com';
      const apiToken = await mfaApiToken(base, email, 'enroll');
      assert.deepEqual((await passwordGrant(base, email)).body.mfa_requirements, { enroll: [{ type: 'phone' }, { type: 'otp' }] });
      const token = await mfaToken(base, email);
      assert.deepEqual((await associateOob(base, token, { oob_channels: ['email'] })).body, { error: 'invalid_request', error_description: 'The email factor is not enabled for this tenant.' });
      assert.deepEqual((await associateOob(base, token, { oob_channels: ['auth0'] })).body.error_description, 'The push-notification factor is not enabled for this tenant.');
      await enroll(base, email);
      assert.deepEqual((await passwordGrant(base, email)).body.mfa_requirements, { challenge: [{ type: 'otp' }] });
      const added = await associateOob(base, apiToken, { oob_channels: ['sms'], phone_number: PHONE });
      assert.equal(added.status, 200, added.text);
      assert.equal('recovery_codes' in added.body, false, 'not a first factor');
      assert.equal((await oobGrant(base, apiToken, added.body.oob_code, await lastCode(servers.url, id, PHONE))).status, 200);
      assert.deepEqual((await passwordGrant(base, email)).body.mfa_requirements, { challenge: [{ type: 'phone' }, { type: 'otp' }] });
      await call(`${servers.url}/__control/tenants/${id}/settings`, { json: { factors: ['otp'] } });
      assert.deepEqual((await associate(base, apiToken)).status, 200);
      assert.deepEqual((await passwordGrant(base, email)).body.mfa_requirements, { challenge: [{ type: 'otp' }] }, 'a factor disabled since is not offered');
      await call(`${servers.url}/__control/tenants/${id}/settings`, { json: { factors: ['email'] } });
      assert.deepEqual((await passwordGrant(base, email)).body.mfa_requirements, { challenge: [{ type: 'otp' }, { type: 'phone' }] }, 'none of the user\'s enabled: those they have');
      assert.deepEqual((await associate(base, apiToken)).body.error_description, 'The otp factor is not enabled for this tenant.');
    });

    it('an mfa_token enrolls a first factor only ("User is already enrolled."); an unconfirmed phone does not count', async () => {
      const { id, base } = await newTenant(servers.url);
      const email = 'first@example.com';
      const token = await mfaToken(base, email);
      await associateOob(base, token, { oob_channels: ['sms'], phone_number: PHONE });
      assert.deepEqual((await passwordGrant(base, email)).body.mfa_requirements?.enroll?.[0], { type: 'otp' }, 'not enrolled until confirmed');
      assert.equal((await associateOob(base, token, { oob_channels: ['email'] })).status, 200);
      await oobGrant(base, token, (await associateOob(base, token, { oob_channels: ['sms'], phone_number: PHONE })).body.oob_code, await lastCode(servers.url, id, PHONE));
      const refused = await associateOob(base, await mfaToken(base, email), { oob_channels: ['email'] });
      assert.deepEqual([refused.status, refused.body], [403, { error: 'access_denied', error_description: 'User is already enrolled.' }]);
    });

    it('the control API gives users real phone, email and push factors (push with its OTP authenticator), confirmed or not; checks what it is given', async () => {
      const { id, base } = await newTenant(servers.url);
      const email = 'given-factors@example.com';
      const give = (/** @type {Record<string, unknown>} */ body) => call(`${servers.url}/__control/tenants/${id}/users/${encodeURIComponent(email)}/methods`, { json: body });
      const phone = await give({ type: 'phone', phone_number: '+447700900123', preferred_authentication_method: 'voice', name: 'Mobile' });
      assert.equal(phone.status, 201, phone.text);
      assert.deepEqual([phone.body.type, phone.body.phone_number, phone.body.preferred_authentication_method, phone.body.name, phone.body.confirmed], ['phone', '+447700900123', 'voice', 'Mobile', true]);
      const push = await give({ type: 'push-notification', confirmed: false });
      assert.equal(push.body.confirmed, false);
      assert.deepEqual((await authenticatorRows(base, email)).map((r) => [r.authenticator_type, r.oob_channel, r.active]), [
        ['oob', 'sms', true],
        ['oob', 'voice', true],
        ['oob', 'auth0', false],
        ['otp', undefined, false],
      ]);
      assert.deepEqual((await passwordGrant(base, email)).body.mfa_requirements, { challenge: [{ type: 'phone' }] });
      for (const bad of [{ type: 'phone', phone_number: '12345' }, { type: 'phone', preferred_authentication_method: 'fax' }, { type: 'email', email: 'x' }, { type: 'email', verified: 'yes' }, { type: 'phone', verified: true }, { type: 'sms' }]) {
        assert.equal((await give(bad)).status, 400, JSON.stringify(bad));
      }
    });

    it('serves the outbox newest first, by destination (?to=, any case) and channel (?channel=); discovery lists the mfa-oob grant', async () => {
      const { id, base } = await newTenant(servers.url);
      await associateOob(base, await mfaToken(base, 'a@example.com'), { oob_channels: ['sms'], phone_number: PHONE });
      await associateOob(base, await mfaToken(base, 'B@Example.com'), { oob_channels: ['email'] });
      await associateOob(base, await mfaToken(base, 'a@example.com'), { oob_channels: ['voice'], phone_number: PHONE });
      assert.deepEqual((await outbox(servers.url, id)).map((m) => [m.to, m.channel]), [[PHONE, 'voice'], ['b@example.com', 'email'], [PHONE, 'sms']]);
      assert.deepEqual((await outbox(servers.url, id, { to: 'b@EXAMPLE.com' })).map((m) => m.channel), ['email']);
      assert.deepEqual((await outbox(servers.url, id, { channel: 'sms' })).map((m) => m.to), [PHONE]);
      assert.equal((await call(`${servers.url}/__control/tenants/${id}/outbox`, { method: 'POST' })).status, 405);
      const discovery = await call(`${base}/.well-known/openid-configuration`, { method: 'GET' });
      assert.ok(discovery.body.grant_types_supported.includes('http://auth0.com/oauth/grant-type/mfa-oob'));
    });

    it('removes a phone by either of its rows (remove:authenticators); the email Auth0 made from a verified address cannot be removed', async () => {
      const { id, base } = await newTenant(servers.url);
      const email = 'remove@example.com';
      const token = await mfaApiToken(base, email, 'read:authenticators remove:authenticators');
      await enrollPhone(servers.url, id, base, email);
      const control = (/** @type {Record<string, unknown>} */ body) => call(`${servers.url}/__control/tenants/${id}/users/${encodeURIComponent(email)}/methods`, { json: body });
      assert.equal((await control({ type: 'email', verified: true })).status, 201);
      const list = async () => (await call(`${base}/mfa/authenticators`, { method: 'GET', token })).body;
      const [, voice, , mail] = await list();
      assert.equal(voice.oob_channel, 'voice');
      assert.equal((await call(`${base}/mfa/authenticators/${encodeURIComponent(voice.id)}`, { method: 'DELETE', token })).status, 204);
      assert.deepEqual((await list()).map((/** @type {any} */ r) => r.oob_channel ?? r.authenticator_type), ['recovery-code', 'email']);
      const refused = await call(`${base}/mfa/authenticators/${encodeURIComponent(mail.id)}`, { method: 'DELETE', token });
      assert.deepEqual([refused.status, refused.body], [400, { error: 'invalid_request', error_description: 'The email authenticator of a verified email address cannot be deleted.' }]);
      assert.equal((await call(`${base}/mfa/authenticators/${encodeURIComponent(voice.id)}`, { method: 'DELETE', token })).status, 404);
    });
  });
});
