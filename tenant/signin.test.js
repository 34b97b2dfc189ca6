// Tests for signing in again once enrolled (the API contract, "Sign in with an enrolled
// authenticator"): POST /mfa/challenge, the mfa-otp grant accepting a code once only, the
// mfa-recovery-code grant, and what the control API shows of them. Run with `node --test tenant/`.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { totp } from './totp.js';
import { startTenant } from './server.js';
import {
  CLIENT,
  MFA_RECOVERY_CODE,
  PAGE,
  associate,
  call,
  challenge,
  confirm,
  enroll,
  mfaToken,
  newTenant,
  passwordGrant,
  recover,
  userState,
  wrongCode,
} from './testkit.js';

const RECOVERY_CODE = /^[A-Z0-9]{24}$/;

/**
 * The user's active OTP authenticator id, as GET /mfa/authenticators lists it for an mfa_token.
 * @param {string} base
 * @param {string} token
 * @returns {Promise<string>}
 */
async function activeOtpId(base, token) {
  const res = await call(`${base}/mfa/authenticators`, { method: 'GET', token });
  assert.equal(res.status, 200);
  const otp = res.body.find((/** @type {any} */ a) => a.authenticator_type === 'otp' && a.active);
  assert.ok(otp, JSON.stringify(res.body));
  return otp.id;
}

describe('signing in again', () => {
  /** @type {Awaited<ReturnType<typeof startTenant>>} */
  let server;
  /** @type {string} */
  let url;
  // A hand-moved clock: TOTP steps are then certain (no step boundary in the middle of a test).
  let clock = Date.UTC(2030, 0, 1, 12);

  before(async () => {
    server = await startTenant({ now: () => clock });
    url = server.url;
  });
  after(() => server.close());

  /** Move the clock to the next 30 s step, so that a fresh code can be accepted. */
  const nextStep = () => {
    clock += 30_000;
  };

  /**
   * A tenant with an enrolled user, and a fresh mfa_token from signing in again.
   * @param {string} email
   * @param {Record<string, unknown>} [settings]
   */
  async function enrolledUser(email, settings = {}) {
    const { id, base } = await newTenant(url, settings);
    const enrolled = await enroll(base, email, clock);
    nextStep();
    const token = await mfaToken(base, email);
    return { id, base, token, secret: enrolled.secret, recoveryCode: enrolled.recoveryCode ?? '' };
  }

  /**
   * The failed-attempt bucket's count of a user, read from the process.
   * @param {string} id
   * @param {string} email
   */
  const attemptsLeft = (id, email) => server.tenants.get(id)?.findUser(email)?.attempts.left;

  describe('POST /mfa/challenge', () => {
    it('answers 200 {"challenge_type":"otp"} for an active OTP authenticator, records it, and the code then signs in', async () => {
      const { id, base, token, secret } = await enrolledUser('challenge@example.com');
      const authenticatorId = await activeOtpId(base, token);
      const res = await challenge(base, { mfa_token: token, authenticator_id: authenticatorId });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.deepEqual(res.body, { challenge_type: 'otp' });
      assert.equal((await userState(url, id, 'challenge@example.com')).challenges, 1);
      const signedIn = await confirm(base, token, totp(secret, { time: clock }));
      assert.equal(signedIn.status, 200);
      assert.equal(typeof signedIn.body.access_token, 'string');
    });

    it('accepts a form body, a list of challenge types that includes otp, and no authenticator_id', async () => {
      const { id, base, token } = await enrolledUser('form@example.com');
      const form = await call(`${base}/mfa/challenge`, { form: { client_id: CLIENT, mfa_token: token, challenge_type: 'otp', authenticator_id: await activeOtpId(base, token) } });
      assert.equal(form.status, 200);
      assert.deepEqual(form.body, { challenge_type: 'otp' });
      const list = await challenge(base, { mfa_token: token, challenge_type: 'oob otp' });
      assert.equal(list.status, 200);
      assert.deepEqual(list.body, { challenge_type: 'otp' });
      const none = await call(`${base}/mfa/challenge`, { json: { client_id: CLIENT, mfa_token: token } });
      assert.equal(none.status, 200);
      assert.equal((await userState(url, id, 'form@example.com')).challenges, 3);
    });

    it('is not needed: the mfa-otp grant signs in without a challenge', async () => {
      const { id, base, token, secret } = await enrolledUser('skip@example.com');
      assert.equal((await confirm(base, token, totp(secret, { time: clock }))).status, 200);
      assert.equal((await userState(url, id, 'skip@example.com')).challenges, 0);
    });

    it('refuses an unknown or missing client with 401 access_denied, a client_secret with 401 invalid_client', async () => {
      const { base, token } = await enrolledUser('client@example.com');
      const unknown = await challenge(base, { mfa_token: token, client_id: 'nobody' });
      assert.equal(unknown.status, 401);
      assert.deepEqual(unknown.body, { error: 'access_denied', error_description: 'Unauthorized' });
      const missing = await call(`${base}/mfa/challenge`, { json: { mfa_token: token, challenge_type: 'otp' } });
      assert.equal(missing.status, 401);
      assert.deepEqual(missing.body, { error: 'access_denied', error_description: 'Unauthorized' });
      const secret = await challenge(base, { mfa_token: token, client_secret: 'shh' });
      assert.equal(secret.status, 401);
      assert.deepEqual(secret.body, { error: 'invalid_client', error_description: 'Public clients must not send a client_secret' });
    });

    it('refuses a missing mfa_token with 400, an unknown one with 403 "Malformed mfa_token", an expired one with 403 expired_token', async () => {
      const { id, base, token } = await enrolledUser('token@example.com');
      const missing = await challenge(base, {});
      assert.equal(missing.status, 400);
      assert.deepEqual(missing.body, { error: 'invalid_request', error_description: 'Missing required parameter: mfa_token' });
      const malformed = await challenge(base, { mfa_token: 'Fe26.2**nope' });
      assert.equal(malformed.status, 403);
      assert.deepEqual(malformed.body, { error: 'invalid_grant', error_description: 'Malformed mfa_token' });
      await call(`${url}/__control/tenants/${id}/expire-tokens`);
      const expired = await challenge(base, { mfa_token: token });
      assert.equal(expired.status, 403);
      assert.deepEqual(expired.body, { error: 'expired_token', error_description: 'mfa_token is expired' });
      assert.equal((await userState(url, id, 'token@example.com')).challenges, 0);
    });

    it('refuses an mfa_token of another client with 403 invalid_request', async () => {
      const { base } = await enrolledUser('other@example.com');
      const token = await mfaToken(base, 'other@example.com', { client_id: 'spa-without-mfa-grant' });
      const res = await challenge(base, { mfa_token: token });
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'invalid_request', error_description: 'mfa_token not issued to this client' });
    });

    it('refuses challenge types other than otp, and a user without an active OTP authenticator, with 401 unsupported_challenge_type', async () => {
      const { id, base, token } = await enrolledUser('oob@example.com');
      const oob = await challenge(base, { mfa_token: token, challenge_type: 'oob' });
      assert.equal(oob.status, 401);
      assert.deepEqual(oob.body, { error: 'unsupported_challenge_type', error_description: 'User does not have any enrolled authenticator with the supported challenge type (oob)' });
      const other = await challenge(base, { mfa_token: token, challenge_type: 'push' });
      assert.equal(other.status, 401);
      assert.equal(other.body.error, 'unsupported_challenge_type');

      const fresh = await mfaToken(base, 'new@example.com');
      await associate(base, fresh); // unconfirmed: not enrolled yet
      const notEnrolled = await challenge(base, { mfa_token: fresh });
      assert.equal(notEnrolled.status, 401);
      assert.deepEqual(notEnrolled.body, { error: 'unsupported_challenge_type', error_description: 'User does not have any enrolled authenticator with the supported challenge type (otp)' });
      assert.equal((await userState(url, id, 'oob@example.com')).challenges, 0);
    });

    it('refuses an authenticator_id that is unknown, unconfirmed or not OTP with 400 invalid_request', async () => {
      const { id, base, token } = await enrolledUser('which@example.com');
      const user = server.tenants.get(id)?.findUser('which@example.com');
      assert.ok(user);
      const pending = server.tenants.get(id)?.addOtpAuthenticator(user, false).authenticator.id;
      const recovery = user.authenticators.find((a) => a.type === 'recovery-code')?.id;
      for (const authenticatorId of ['totp|dev_unknown', pending, recovery]) {
        const res = await challenge(base, { mfa_token: token, authenticator_id: authenticatorId });
        assert.equal(res.status, 400, String(authenticatorId));
        assert.deepEqual(res.body, { error: 'invalid_request', error_description: 'Invalid authenticator_id.' });
      }
      assert.equal((await userState(url, id, 'which@example.com')).challenges, 0);
    });

    it('refuses an unreadable body with 400 and other methods with 405', async () => {
      const { base } = await newTenant(url);
      const broken = await call(`${base}/mfa/challenge`, { raw: '{oops', contentType: 'application/json' });
      assert.equal(broken.status, 400);
      assert.equal(broken.body.error, 'invalid_request');
      const get = await call(`${base}/mfa/challenge`, { method: 'GET' });
      assert.equal(get.status, 405);
      assert.equal(get.headers.get('allow'), 'POST, OPTIONS');
    });

    it('answers cross-origin: a preflight, then the challenge with Access-Control-Allow-Origin', async () => {
      const { base, token } = await enrolledUser('cors@example.com');
      const preflight = await call(`${base}/mfa/challenge`, {
        method: 'OPTIONS',
        origin: PAGE,
        headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, auth0-client' },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), PAGE);
      assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /\bPOST\b/);
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Content-Type/);
      const res = await challenge(base, { mfa_token: token }, PAGE);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), PAGE);
      const evil = await challenge(base, { mfa_token: token }, 'https://evil.example');
      assert.equal(evil.headers.get('access-control-allow-origin'), null);
    });
  });

  describe('mfa-otp grant: a code is accepted once only', () => {
    it('refuses the code the enrollment used, on signing in again within its window', async () => {
      const { base } = await newTenant(url);
      const { secret } = await enroll(base, 'reuse@example.com', clock);
      const token = await mfaToken(base, 'reuse@example.com');
      const res = await confirm(base, token, totp(secret, { time: clock }));
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'invalid_grant', error_description: 'Invalid otp_code.' });
    });

    it('refuses a replayed code, and codes of earlier steps, then accepts the next step\'s', async () => {
      const { id, base, token, secret } = await enrolledUser('replay@example.com');
      const code = totp(secret, { time: clock });
      assert.equal((await confirm(base, token, code)).status, 200);
      const again = await mfaToken(base, 'replay@example.com');
      const replayed = await confirm(base, again, code);
      assert.equal(replayed.status, 403);
      assert.deepEqual(replayed.body, { error: 'invalid_grant', error_description: 'Invalid otp_code.' });
      assert.equal(attemptsLeft(id, 'replay@example.com'), 9, 'a replayed code is a failed attempt');
      // The step before was never used, but it is older than the one accepted.
      assert.equal((await confirm(base, again, totp(secret, { time: clock - 30_000 }))).status, 403);
      // Within the window, the next step's code is still new.
      assert.equal((await confirm(base, again, totp(secret, { time: clock + 30_000 }))).status, 200);
      nextStep();
      assert.equal((await confirm(base, await mfaToken(base, 'replay@example.com'), totp(secret, { time: clock }))).status, 403);
      nextStep();
      assert.equal((await confirm(base, await mfaToken(base, 'replay@example.com'), totp(secret, { time: clock }))).status, 200);
    });
  });

  describe('POST /oauth/token, mfa-recovery-code grant', () => {
    it('signs in with the recovery code: the tokens plus a new recovery_code; the old one is spent', async () => {
      const { id, base, token, recoveryCode } = await enrolledUser('recover@example.com');
      assert.match(recoveryCode, RECOVERY_CODE);
      assert.equal((await userState(url, id, 'recover@example.com')).recoveryCode, recoveryCode);

      const res = await recover(base, token, recoveryCode);
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body), ['access_token', 'id_token', 'expires_in', 'scope', 'token_type', 'recovery_code']);
      assert.match(res.body.access_token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
      assert.equal(res.body.expires_in, 86400);
      assert.equal(res.body.scope, 'openid profile');
      assert.equal(res.body.token_type, 'Bearer');
      const fresh = res.body.recovery_code;
      assert.match(fresh, RECOVERY_CODE);
      assert.notEqual(fresh, recoveryCode);
      assert.equal((await userState(url, id, 'recover@example.com')).recoveryCode, fresh);

      const spent = await recover(base, await mfaToken(base, 'recover@example.com'), recoveryCode);
      assert.equal(spent.status, 403);
      assert.deepEqual(spent.body, { error: 'invalid_grant', error_description: 'Invalid recovery code.' });

      // The new one works next time, sent as JSON; and is spent in turn.
      const next = await call(`${base}/oauth/token`, { json: { grant_type: MFA_RECOVERY_CODE, client_id: CLIENT, mfa_token: await mfaToken(base, 'recover@example.com'), recovery_code: fresh } });
      assert.equal(next.status, 200);
      assert.match(next.body.recovery_code, RECOVERY_CODE);
      assert.notEqual(next.body.recovery_code, fresh);
    });

    it('with recoveryCodeRotation off, answers the tokens without a new code, and the user has no recovery code left', async () => {
      const { id, base, token, secret, recoveryCode } = await enrolledUser('no-rotation@example.com', { recoveryCodeRotation: false });
      const res = await recover(base, token, recoveryCode);
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body), ['access_token', 'id_token', 'expires_in', 'scope', 'token_type']);
      assert.equal((await userState(url, id, 'no-rotation@example.com')).recoveryCode, null);
      const again = await passwordGrant(base, 'no-rotation@example.com');
      const list = await call(`${base}/mfa/authenticators`, { method: 'GET', token: again.body.mfa_token });
      assert.deepEqual(list.body.map((/** @type {any} */ a) => [a.authenticator_type, a.active]), [['otp', true]]);
      const spent = await recover(base, again.body.mfa_token, recoveryCode);
      assert.deepEqual([spent.status, spent.body.error], [403, 'invalid_grant']);
      assert.equal((await confirm(base, again.body.mfa_token, totp(secret, { time: clock }))).status, 200);
    });

    it('leaves the user enrolled: mfa_requirements is challenge, both authenticators stay active, the OTP still works', async () => {
      const { base, token, secret, recoveryCode } = await enrolledUser('still@example.com');
      assert.equal((await recover(base, token, recoveryCode)).status, 200);
      const again = await passwordGrant(base, 'still@example.com');
      assert.equal(again.status, 403);
      assert.deepEqual(again.body.mfa_requirements, { challenge: [{ type: 'otp' }] });
      const list = await call(`${base}/mfa/authenticators`, { method: 'GET', token: again.body.mfa_token });
      assert.deepEqual(list.body.map((/** @type {any} */ a) => [a.authenticator_type, a.active]), [['otp', true], ['recovery-code', true]]);
      assert.equal((await confirm(base, again.body.mfa_token, totp(secret, { time: clock }))).status, 200);
    });

    it('gives tokens for the MFA API when the password grant asked for it, and a refresh_token for offline_access', async () => {
      const { base, recoveryCode } = await enrolledUser('api@example.com');
      const token = await mfaToken(base, 'api@example.com', { audience: `${base}/mfa/`, scope: 'enroll read:authenticators offline_access' });
      const res = await recover(base, token, recoveryCode);
      assert.equal(res.status, 200);
      assert.equal(res.body.expires_in, 600);
      assert.equal(res.body.scope, 'enroll read:authenticators offline_access');
      assert.equal(typeof res.body.refresh_token, 'string');
      assert.match(res.body.recovery_code, RECOVERY_CODE);
      const added = await associate(base, res.body.access_token);
      assert.equal(added.status, 200);
    });

    it('matches the stored code exactly: lower case, dashes or spaces are wrong codes', async () => {
      const { id, base, token, recoveryCode } = await enrolledUser('exact@example.com');
      const variants = [recoveryCode.toLowerCase(), recoveryCode.replace(/(.{4})(?!$)/g, '$1-'), recoveryCode.replace(/(.{4})(?!$)/g, '$1 '), ` ${recoveryCode}`, recoveryCode.slice(1)];
      for (const variant of variants) {
        const res = await recover(base, token, variant);
        assert.equal(res.status, 403, variant);
        assert.deepEqual(res.body, { error: 'invalid_grant', error_description: 'Invalid recovery code.' });
      }
      assert.equal((await userState(url, id, 'exact@example.com')).recoveryCode, recoveryCode, 'a wrong code spends nothing');
      assert.equal((await recover(base, token, recoveryCode)).status, 200);
    });

    it('refuses the code of an unconfirmed enrollment, and a user without recovery codes', async () => {
      const { id, base } = await newTenant(url);
      const token = await mfaToken(base, 'pending@example.com');
      const added = await associate(base, token);
      const code = added.body.recovery_codes[0];
      assert.equal((await userState(url, id, 'pending@example.com')).recoveryCode, null, 'not usable before the confirm');
      assert.equal((await recover(base, token, code)).body.error_description, 'Invalid recovery code.');

      const none = await enrolledUser('none@example.com', { recoveryCodes: false });
      assert.equal((await userState(url, none.id, 'none@example.com')).recoveryCode, null);
      const res = await recover(none.base, none.token, 'MZCRK3YX5V3AKNNYY6JEBQCL');
      assert.equal(res.status, 403);
      assert.equal(res.body.error, 'invalid_grant');
    });

    it('spends an attempt per wrong code, from the same bucket as OTP codes: 10 wrong of either give 429 with Retry-After', async () => {
      const { id, base, token, secret, recoveryCode } = await enrolledUser('bucket@example.com');
      assert.equal((await recover(base, token, 'AAAAAAAAAAAAAAAAAAAAAAAA')).status, 403);
      assert.equal(attemptsLeft(id, 'bucket@example.com'), 9);
      for (let i = 0; i < 4; i += 1) assert.equal((await confirm(base, token, wrongCode(secret, clock))).status, 403);
      for (let i = 0; i < 5; i += 1) assert.equal((await recover(base, token, 'AAAAAAAAAAAAAAAAAAAAAAAA')).status, 403);
      assert.equal(attemptsLeft(id, 'bucket@example.com'), 0);

      const blocked = await call(`${base}/oauth/token`, { form: { grant_type: MFA_RECOVERY_CODE, client_id: CLIENT, mfa_token: token, recovery_code: recoveryCode }, origin: PAGE });
      assert.equal(blocked.status, 429);
      assert.deepEqual(blocked.body, { error: 'too_many_attempts', error_description: 'Too many failed attempts. Please try again later.' });
      assert.equal(blocked.headers.get('retry-after'), '360');
      assert.equal(blocked.headers.get('access-control-expose-headers'), 'Retry-After');
      assert.equal((await confirm(base, token, totp(secret, { time: clock }))).status, 429);
      assert.equal((await userState(url, id, 'bucket@example.com')).recoveryCode, recoveryCode, 'a blocked request spends no code');

      clock += 6 * 60_000; // one attempt back; the mfa_token (10 minutes) still valid
      const res = await recover(base, token, recoveryCode);
      assert.equal(res.status, 200);
    });

    it('refuses a client without the MFA grant with 403 unauthorized_client', async () => {
      const { base, recoveryCode } = await enrolledUser('nogrant@example.com');
      const token = await mfaToken(base, 'nogrant@example.com', { client_id: 'spa-without-mfa-grant' });
      const res = await recover(base, token, recoveryCode, 'spa-without-mfa-grant');
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'unauthorized_client', error_description: `Grant type '${MFA_RECOVERY_CODE}' not allowed for the client.` });
    });

    it('refuses missing parameters with 400, an unknown client with 401, a client_secret with 401 invalid_client', async () => {
      const { base, token, recoveryCode } = await enrolledUser('params@example.com');
      const noCode = await call(`${base}/oauth/token`, { form: { grant_type: MFA_RECOVERY_CODE, client_id: CLIENT, mfa_token: token } });
      assert.equal(noCode.status, 400);
      assert.deepEqual(noCode.body, { error: 'invalid_request', error_description: 'Missing required parameter: recovery_code' });
      const noToken = await call(`${base}/oauth/token`, { form: { grant_type: MFA_RECOVERY_CODE, client_id: CLIENT, recovery_code: recoveryCode } });
      assert.equal(noToken.status, 400);
      assert.deepEqual(noToken.body, { error: 'invalid_request', error_description: 'Missing required parameter: mfa_token' });
      const unknown = await recover(base, token, recoveryCode, 'nobody');
      assert.equal(unknown.status, 401);
      assert.deepEqual(unknown.body, { error: 'access_denied', error_description: 'Unauthorized' });
      const secret = await call(`${base}/oauth/token`, { form: { grant_type: MFA_RECOVERY_CODE, client_id: CLIENT, client_secret: 'shh', mfa_token: token, recovery_code: recoveryCode } });
      assert.equal(secret.status, 401);
      assert.deepEqual(secret.body, { error: 'invalid_client', error_description: 'Public clients must not send a client_secret' });
    });

    it('refuses an unknown mfa_token with 403 "Malformed mfa_token" and an expired one with 403 expired_token, spending no code', async () => {
      const { id, base, token, recoveryCode } = await enrolledUser('late@example.com');
      const malformed = await recover(base, 'Fe26.2**nope', recoveryCode);
      assert.equal(malformed.status, 403);
      assert.deepEqual(malformed.body, { error: 'invalid_grant', error_description: 'Malformed mfa_token' });
      await call(`${url}/__control/tenants/${id}/expire-tokens`);
      const expired = await recover(base, token, recoveryCode);
      assert.equal(expired.status, 403);
      assert.deepEqual(expired.body, { error: 'expired_token', error_description: 'mfa_token is expired' });
      assert.equal((await userState(url, id, 'late@example.com')).recoveryCode, recoveryCode);
    });
  });

  describe('control API', () => {
    it('shows the current recovery code and the challenge count, and no TOTP secret', async () => {
      const { id, base, token, secret, recoveryCode } = await enrolledUser('shown@example.com');
      await challenge(base, { mfa_token: token });
      const res = await call(`${url}/__control/tenants/${id}/users/shown%40example.com`, { method: 'GET' });
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body), ['email', 'authenticators', 'recoveryCode', 'challenges']);
      assert.equal(res.body.recoveryCode, recoveryCode);
      assert.equal(res.body.challenges, 1);
      assert.deepEqual(Object.keys(res.body.authenticators[0]), ['id', 'authenticator_type', 'active']);
      assert.ok(!res.text.includes(secret));
    });
  });
});
