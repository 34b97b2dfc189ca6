// Tests for the stand-in tenant: TOTP (RFC 6238 vectors), every endpoint and error, CORS, the
// control API and the CLI. Run with `node --test tenant/`.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { base32Decode, base32Encode, hotp, matchTotp, totp, verifyTotp } from './totp.js';
import { startTenant } from './server.js';
import { ENROLL_ANY, CLIENT, MFA_OTP, PAGE, associate, call, confirm, enroll, mfaApiToken, mfaToken, newTenant, passwordGrant, wrongCode } from './testkit.js';

// ---- totp.js --------------------------------------------------------------------------------

describe('totp.js', () => {
  it('base32 encodes and decodes the RFC 4648 vectors', () => {
    const vectors = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [plain, encoded] of vectors) {
      assert.equal(base32Encode(Buffer.from(plain)), encoded);
      assert.equal(base32Decode(encoded).toString(), plain);
    }
  });

  it('base32 decode ignores case, spaces, dashes and padding, and rejects bad characters', () => {
    assert.equal(base32Decode('mzxw 6ytb-oi======').toString(), 'foobar');
    assert.throws(() => base32Decode('MZ1W'), /Invalid base32/);
  });

  it('HOTP matches the RFC 4226 appendix D values', () => {
    const key = Buffer.from('12345678901234567890');
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expected.forEach((code, counter) => assert.equal(hotp(key, counter), code));
  });

  it('TOTP matches the RFC 6238 SHA1 test vectors (8 digits)', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    const vectors = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) assert.equal(totp(secret, { time: Number(seconds) * 1000, digits: 8 }), code);
  });

  it('TOTP defaults to 6 digits and 30 s steps', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    assert.equal(totp(secret, { time: 59_000 }), '287082');
    assert.equal(totp(secret, { time: 30_000 }), totp(secret, { time: 59_999 }));
  });

  it('verifyTotp accepts ±1 step and refuses ±2 steps and malformed codes', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    const time = 1_111_111_111_000;
    assert.ok(verifyTotp(secret, totp(secret, { time }), { time }));
    assert.ok(verifyTotp(secret, totp(secret, { time: time - 30_000 }), { time }));
    assert.ok(verifyTotp(secret, totp(secret, { time: time + 30_000 }), { time }));
    assert.ok(!verifyTotp(secret, totp(secret, { time: time - 60_000 }), { time }));
    assert.ok(!verifyTotp(secret, totp(secret, { time: time + 60_000 }), { time }));
    assert.ok(!verifyTotp(secret, '12345', { time }));
    assert.ok(!verifyTotp(secret, 'abcdef', { time }));
  });

  it('matchTotp tells which step matched, and only counts steps after `after`', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    const time = 1_111_111_111_000;
    const step = Math.floor(time / 30_000);
    assert.equal(matchTotp(secret, totp(secret, { time }), { time }), step);
    assert.equal(matchTotp(secret, totp(secret, { time: time - 30_000 }), { time }), step - 1);
    assert.equal(matchTotp(secret, totp(secret, { time: time + 30_000 }), { time }), step + 1);
    assert.equal(matchTotp(secret, totp(secret, { time }), { time, after: step - 1 }), step);
    assert.equal(matchTotp(secret, totp(secret, { time }), { time, after: step }), undefined);
    assert.equal(matchTotp(secret, totp(secret, { time: time + 30_000 }), { time, after: step }), step + 1);
    assert.equal(matchTotp(secret, totp(secret, { time: time - 60_000 }), { time }), undefined);
    assert.equal(matchTotp(secret, 'abcdef', { time }), undefined);
  });
});

// ---- the server -----------------------------------------------------------------------------

describe('stand-in tenant server', () => {
  /** @type {Awaited<ReturnType<typeof startTenant>>} */
  let server;
  /** @type {string} */
  let url;

  before(async () => {
    server = await startTenant({ allowedOrigins: ['https://app.example'] });
    url = server.url;
  });
  after(() => server.close());

  describe('startTenant', () => {
    it('listens on 127.0.0.1 with a random port and a URL without trailing slash', () => {
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(server.tenants.get('default'));
    });

    it('names the default tenant "Stand-in Tenant" and serves it at the root', async () => {
      const token = await mfaToken(url, 'root@example.com');
      const res = await associate(url, token);
      assert.equal(res.status, 200);
      assert.match(res.body.barcode_uri, /^otpauth:\/\/totp\/Stand-in%20Tenant:root%40example\.com\?/);
    });
  });

  describe('POST /oauth/token, password grant', () => {
    it('answers 403 mfa_required with an opaque mfa_token and enroll requirements', async () => {
      const { base } = await newTenant(url);
      const res = await passwordGrant(base, 'new@example.com');
      assert.equal(res.status, 403);
      assert.equal(res.body.error, 'mfa_required');
      assert.equal(res.body.error_description, 'Multifactor authentication required');
      assert.ok(res.body.mfa_token.startsWith('Fe26.2*'));
      assert.deepEqual(res.body.mfa_requirements, ENROLL_ANY);
    });

    it('accepts a JSON body too', async () => {
      const { base } = await newTenant(url);
      const res = await call(`${base}/oauth/token`, { json: { grant_type: 'password', client_id: CLIENT, username: 'json@example.com', password: 'demo-password' } });
      assert.equal(res.status, 403);
      assert.equal(res.body.error, 'mfa_required');
    });

    it('answers challenge requirements once the user is enrolled', async () => {
      const { base } = await newTenant(url);
      await enroll(base, 'enrolled@example.com');
      const res = await passwordGrant(base, 'enrolled@example.com');
      assert.equal(res.status, 403);
      assert.deepEqual(res.body.mfa_requirements, { challenge: [{ type: 'otp' }] });
    });

    it('gives a not-yet-enrolled user an MFA-API access token for the {base}/mfa/ audience', async () => {
      const { base } = await newTenant(url);
      const res = await passwordGrant(base, 'api@example.com', { audience: `${base}/mfa/`, scope: 'enroll read:authenticators' });
      assert.equal(res.status, 200);
      assert.equal(typeof res.body.access_token, 'string');
      assert.deepEqual({ ...res.body, access_token: 'x' }, { access_token: 'x', expires_in: 600, scope: 'enroll read:authenticators', token_type: 'Bearer' });
    });

    it('accepts the audience under the Host the client used (localhost)', async () => {
      const { base } = await newTenant(url);
      const localBase = base.replace('127.0.0.1', 'localhost');
      const res = await passwordGrant(localBase, 'host@example.com', { audience: `${localBase}/mfa/`, scope: 'enroll' });
      assert.equal(res.status, 200);
    });

    it('answers mfa_required for another audience', async () => {
      const { base } = await newTenant(url);
      const res = await passwordGrant(base, 'other@example.com', { audience: 'https://api.example/' });
      assert.equal(res.status, 403);
      assert.equal(res.body.error, 'mfa_required');
    });

    it('refuses a wrong password with 403 invalid_grant', async () => {
      const { base } = await newTenant(url);
      const res = await passwordGrant(base, 'x@example.com', { password: 'nope' });
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'invalid_grant', error_description: 'Wrong email or password.' });
    });

    it('refuses a missing username with 400 invalid_request', async () => {
      const { base } = await newTenant(url);
      const res = await call(`${base}/oauth/token`, { form: { grant_type: 'password', client_id: CLIENT, password: 'demo-password' } });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { error: 'invalid_request', error_description: 'Missing required parameter: username' });
    });

    it('refuses an unknown client with 401 access_denied', async () => {
      const { base } = await newTenant(url);
      const res = await passwordGrant(base, 'x@example.com', { client_id: 'nobody' });
      assert.equal(res.status, 401);
      assert.deepEqual(res.body, { error: 'access_denied', error_description: 'Unauthorized' });
    });

    it('refuses a client_secret from a public client with 401 invalid_client', async () => {
      const { base } = await newTenant(url);
      const res = await passwordGrant(base, 'x@example.com', { client_secret: 'shh' });
      assert.equal(res.status, 401);
      assert.deepEqual(res.body, { error: 'invalid_client', error_description: 'Public clients must not send a client_secret' });
    });

    it('refuses other grant types with 400 unsupported_grant_type', async () => {
      const { base } = await newTenant(url);
      const res = await call(`${base}/oauth/token`, { form: { grant_type: 'client_credentials', client_id: CLIENT } });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { error: 'unsupported_grant_type', error_description: 'Unsupported grant type: client_credentials' });
    });

    it('refuses a missing grant_type and an unreadable body with 400 invalid_request', async () => {
      const { base } = await newTenant(url);
      const missing = await call(`${base}/oauth/token`, { form: { client_id: CLIENT } });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.error_description, 'Missing required parameter: grant_type');
      const broken = await call(`${base}/oauth/token`, { raw: '{not json', contentType: 'application/json' });
      assert.equal(broken.status, 400);
      assert.equal(broken.body.error, 'invalid_request');
      const plain = await call(`${base}/oauth/token`, { raw: 'grant_type=password', contentType: 'text/plain' });
      assert.equal(plain.status, 400);
      assert.equal(plain.body.error, 'invalid_request');
    });
  });

  describe('POST /mfa/associate', () => {
    it('adds an OTP authenticator: secret, barcode_uri and one recovery code', async () => {
      const { base } = await newTenant(url, { name: 'My Test Tenant' });
      const res = await associate(base, await mfaToken(base, 'user@example.com'));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.body.authenticator_type, 'otp');
      assert.match(res.body.secret, /^[A-Z2-7]{32}$/);
      assert.equal(res.body.barcode_uri, `otpauth://totp/My%20Test%20Tenant:user%40example.com?secret=${res.body.secret}&issuer=My%20Test%20Tenant&algorithm=SHA1&digits=6&period=30`);
      assert.equal(res.body.recovery_codes.length, 1);
      assert.match(res.body.recovery_codes[0], /^[A-Z0-9]{24}$/);
      assert.deepEqual(Object.keys(res.body), ['authenticator_type', 'secret', 'barcode_uri', 'recovery_codes']);
    });

    it('accepts an extra client_id in the body', async () => {
      const { base } = await newTenant(url);
      const token = await mfaToken(base, 'cid@example.com');
      const res = await call(`${base}/mfa/associate`, { json: { client_id: CLIENT, authenticator_types: ['otp'] }, token });
      assert.equal(res.status, 200);
    });

    it('omits recovery_codes when the tenant has them off', async () => {
      const { base } = await newTenant(url, { recoveryCodes: false });
      const res = await associate(base, await mfaToken(base, 'norc@example.com'));
      assert.equal(res.status, 200);
      assert.ok(!('recovery_codes' in res.body));
    });

    it('adds a new unconfirmed authenticator on each call; earlier ones stay', async () => {
      const { base, id } = await newTenant(url);
      const token = await mfaToken(base, 'twice@example.com');
      const first = await associate(base, token);
      const second = await associate(base, token);
      assert.notEqual(first.body.secret, second.body.secret);
      const user = await call(`${url}/__control/tenants/${id}/users/twice%40example.com`, { method: 'GET' });
      const otps = user.body.authenticators.filter((/** @type {any} */ a) => a.authenticator_type === 'otp');
      assert.equal(otps.length, 2);
      assert.ok(otps.every((/** @type {any} */ a) => a.active === false));
    });

    it('refuses a missing or unknown bearer with 401 invalid_token', async () => {
      const { base } = await newTenant(url);
      const none = await call(`${base}/mfa/associate`, { json: { authenticator_types: ['otp'] } });
      assert.equal(none.status, 401);
      assert.deepEqual(none.body, { error: 'invalid_token', error_description: 'Invalid MFA token' });
      const bad = await associate(base, 'Fe26.2**made-up');
      assert.equal(bad.status, 401);
      assert.deepEqual(bad.body, { error: 'invalid_token', error_description: 'Invalid MFA token' });
    });

    it('refuses an expired mfa_token with 401 expired_token', async () => {
      const { base, id } = await newTenant(url);
      const token = await mfaToken(base, 'late@example.com');
      assert.equal((await call(`${url}/__control/tenants/${id}/expire-tokens`)).status, 204);
      const res = await associate(base, token);
      assert.equal(res.status, 401);
      assert.deepEqual(res.body, { error: 'expired_token', error_description: 'mfa_token is expired' });
    });

    it('refuses an access token without enroll with 403 insufficient_scope', async () => {
      const { base } = await newTenant(url);
      const token = await mfaApiToken(base, 'scope@example.com', 'read:authenticators');
      const res = await associate(base, token);
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'insufficient_scope', error_description: 'Insufficient scope, expected any of: enroll' });
    });

    it('refuses bodies that are not JSON or do not ask for otp or oob with 400 invalid_request', async () => {
      const { base } = await newTenant(url);
      const token = await mfaToken(base, 'body@example.com');
      const cases = [
        [{ raw: 'authenticator_types=otp', contentType: 'application/x-www-form-urlencoded' }, /JSON/],
        [{ raw: '{oops', contentType: 'application/json' }, /JSON/],
        [{ json: {} }, /^Missing required parameter: authenticator_types$/],
        [{ json: { authenticator_types: 'otp' } }, /must be an array/],
        [{ json: { authenticator_types: [] } }, /must not be empty/],
        [{ json: { authenticator_types: ['oob'] } }, /^Missing required parameter: oob_channels$/],
        [{ json: { authenticator_types: ['otp', 'oob'] } }, /^Unsupported authenticator type$/],
      ];
      for (const [options, description] of cases) {
        const res = await call(`${base}/mfa/associate`, { ...options, token });
        assert.equal(res.status, 400, JSON.stringify(options));
        assert.equal(res.body.error, 'invalid_request');
        assert.match(res.body.error_description, /** @type {RegExp} */ (description));
      }
    });

    it('refuses an mfa_token of an enrolled user with 403 "User is already enrolled."', async () => {
      const { base } = await newTenant(url);
      const { token } = await enroll(base, 'done@example.com');
      const res = await associate(base, token);
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'access_denied', error_description: 'User is already enrolled.' });
    });

    it('lets an MFA-API access token with enroll add another authenticator, without recovery codes', async () => {
      const { base } = await newTenant(url);
      await enroll(base, 'more@example.com');
      // An enrolled user gets the MFA-API token through a challenge.
      const challenged = await passwordGrant(base, 'more@example.com', { audience: `${base}/mfa/`, scope: 'enroll read:authenticators' });
      assert.equal(challenged.status, 403);
      assert.deepEqual(challenged.body.mfa_requirements, { challenge: [{ type: 'otp' }] });
      const user = server.tenants.get(base.split('/').pop() ?? '')?.findUser('more@example.com');
      const secret = user?.authenticators.find((a) => a.active && a.type === 'otp')?.secret ?? '';
      // The enrollment used this step's code, and a code is accepted once only: use the next step's.
      const granted = await confirm(base, challenged.body.mfa_token, totp(secret, { time: Date.now() + 30_000 }));
      assert.equal(granted.status, 200);
      assert.equal(granted.body.scope, 'enroll read:authenticators');
      const res = await associate(base, granted.body.access_token);
      assert.equal(res.status, 200);
      assert.ok(!('recovery_codes' in res.body));
    });

    it('refuses a client_secret in the body with 401 invalid_client', async () => {
      const { base } = await newTenant(url);
      const token = await mfaToken(base, 'secret@example.com');
      const res = await call(`${base}/mfa/associate`, { json: { authenticator_types: ['otp'], client_id: CLIENT, client_secret: 'shh' }, token });
      assert.equal(res.status, 401);
      assert.equal(res.body.error, 'invalid_client');
    });
  });

  describe('POST /oauth/token, mfa-otp grant', () => {
    it('confirms with the right code: 200 tokens, OTP and recovery code active', async () => {
      const { base, id } = await newTenant(url);
      const token = await mfaToken(base, 'ok@example.com');
      const added = await associate(base, token);
      const res = await confirm(base, token, totp(added.body.secret));
      assert.equal(res.status, 200);
      assert.match(res.body.access_token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
      assert.match(res.body.id_token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
      assert.equal(res.body.expires_in, 86400);
      assert.equal(res.body.scope, 'openid profile');
      assert.equal(res.body.token_type, 'Bearer');
      assert.ok(!('refresh_token' in res.body));
      const payload = JSON.parse(Buffer.from(res.body.id_token.split('.')[1], 'base64url').toString());
      assert.equal(payload.email, 'ok@example.com');
      assert.equal(payload.aud, CLIENT);
      const user = await call(`${url}/__control/tenants/${id}/users/ok%40example.com`, { method: 'GET' });
      assert.deepEqual(user.body.authenticators.map((/** @type {any} */ a) => [a.authenticator_type, a.active]), [['otp', true], ['recovery-code', true]]);
    });

    it('accepts a JSON body', async () => {
      const { base } = await newTenant(url);
      const token = await mfaToken(base, 'jsonotp@example.com');
      const added = await associate(base, token);
      const res = await call(`${base}/oauth/token`, { json: { grant_type: MFA_OTP, client_id: CLIENT, mfa_token: token, otp: totp(added.body.secret) } });
      assert.equal(res.status, 200);
    });

    it('adds a refresh_token when the password grant asked for offline_access', async () => {
      const { base } = await newTenant(url);
      const token = await mfaToken(base, 'offline@example.com', { scope: 'openid profile offline_access' });
      const added = await associate(base, token);
      const res = await confirm(base, token, totp(added.body.secret));
      assert.equal(res.status, 200);
      assert.equal(typeof res.body.refresh_token, 'string');
    });

    it('confirms an earlier unconfirmed authenticator too, and only that one', async () => {
      const { base, id } = await newTenant(url);
      const token = await mfaToken(base, 'older@example.com');
      const first = await associate(base, token);
      await associate(base, token);
      const res = await confirm(base, token, totp(first.body.secret));
      assert.equal(res.status, 200);
      const user = await call(`${url}/__control/tenants/${id}/users/older%40example.com`, { method: 'GET' });
      const otps = user.body.authenticators.filter((/** @type {any} */ a) => a.authenticator_type === 'otp');
      assert.deepEqual(otps.map((/** @type {any} */ a) => a.active), [true, false]);
    });

    it('refuses a wrong code with 403 "Invalid otp_code."', async () => {
      const { base } = await newTenant(url);
      const token = await mfaToken(base, 'wrong@example.com');
      const added = await associate(base, token);
      const res = await confirm(base, token, wrongCode(added.body.secret));
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'invalid_grant', error_description: 'Invalid otp_code.' });
    });

    it('refuses missing otp or mfa_token with 400 invalid_request', async () => {
      const { base } = await newTenant(url);
      const token = await mfaToken(base, 'missing@example.com');
      const noOtp = await call(`${base}/oauth/token`, { form: { grant_type: MFA_OTP, client_id: CLIENT, mfa_token: token } });
      assert.equal(noOtp.status, 400);
      assert.deepEqual(noOtp.body, { error: 'invalid_request', error_description: 'Missing required parameter: otp' });
      const noToken = await call(`${base}/oauth/token`, { form: { grant_type: MFA_OTP, client_id: CLIENT, otp: '123456' } });
      assert.equal(noToken.status, 400);
      assert.deepEqual(noToken.body, { error: 'invalid_request', error_description: 'Missing required parameter: mfa_token' });
    });

    it('refuses an unknown mfa_token with 403 "Malformed mfa_token"', async () => {
      const { base } = await newTenant(url);
      const res = await confirm(base, 'Fe26.2**nope', '123456');
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'invalid_grant', error_description: 'Malformed mfa_token' });
    });

    it('refuses an expired mfa_token with 403 expired_token', async () => {
      const { base, id } = await newTenant(url);
      const token = await mfaToken(base, 'expired@example.com');
      const added = await associate(base, token);
      await call(`${url}/__control/tenants/${id}/expire-tokens`);
      const res = await confirm(base, token, totp(added.body.secret));
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'expired_token', error_description: 'mfa_token is expired' });
    });

    it('refuses an mfa_token of another client with 403 invalid_request', async () => {
      const { base } = await newTenant(url);
      const token = await mfaToken(base, 'client@example.com', { client_id: 'spa-without-mfa-grant' });
      const res = await confirm(base, token, '123456');
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'invalid_request', error_description: 'mfa_token not issued to this client' });
    });

    it('refuses a client without the MFA grant with 403 unauthorized_client', async () => {
      const { base } = await newTenant(url);
      const token = await mfaToken(base, 'nogrant@example.com', { client_id: 'spa-without-mfa-grant' });
      const res = await confirm(base, token, '123456', 'spa-without-mfa-grant');
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'unauthorized_client', error_description: `Grant type '${MFA_OTP}' not allowed for the client.` });
    });

    it('refuses an unknown client with 401 and a client_secret with 401 invalid_client', async () => {
      const { base } = await newTenant(url);
      const token = await mfaToken(base, 'who@example.com');
      const unknown = await confirm(base, token, '123456', 'nobody');
      assert.equal(unknown.status, 401);
      assert.deepEqual(unknown.body, { error: 'access_denied', error_description: 'Unauthorized' });
      const secret = await call(`${base}/oauth/token`, { form: { grant_type: MFA_OTP, client_id: CLIENT, client_secret: 'shh', mfa_token: token, otp: '123456' } });
      assert.equal(secret.status, 401);
      assert.deepEqual(secret.body, { error: 'invalid_client', error_description: 'Public clients must not send a client_secret' });
    });

    it('accepts an MFA-API access token of the same user as mfa_token', async () => {
      const { base } = await newTenant(url);
      const token = await mfaApiToken(base, 'viaapi@example.com', 'enroll');
      const added = await associate(base, token);
      assert.equal(added.status, 200);
      assert.equal(added.body.recovery_codes.length, 1);
      const res = await confirm(base, token, totp(added.body.secret));
      assert.equal(res.status, 200);
    });

    it('allows 10 failed attempts, then answers 429 too_many_attempts with Retry-After', async () => {
      const { base } = await newTenant(url);
      const token = await mfaToken(base, 'flood@example.com');
      const added = await associate(base, token);
      const wrong = wrongCode(added.body.secret);
      for (let i = 0; i < 10; i += 1) assert.equal((await confirm(base, token, wrong)).status, 403);
      const res = await call(`${base}/oauth/token`, { form: { grant_type: MFA_OTP, client_id: CLIENT, mfa_token: token, otp: totp(added.body.secret) }, origin: PAGE });
      assert.equal(res.status, 429);
      assert.deepEqual(res.body, { error: 'too_many_attempts', error_description: 'Too many failed attempts. Please try again later.' });
      const retry = Number(res.headers.get('retry-after'));
      assert.ok(retry > 0 && retry <= 360, String(retry));
      assert.equal(res.headers.get('access-control-expose-headers'), 'Retry-After');
    });
  });

  describe('/mfa/authenticators', () => {
    it('lists authenticators for an mfa_token', async () => {
      const { base } = await newTenant(url);
      const token = await mfaToken(base, 'list@example.com');
      await associate(base, token);
      const res = await call(`${base}/mfa/authenticators`, { method: 'GET', token });
      assert.equal(res.status, 200);
      assert.equal(res.body.length, 2);
      assert.match(res.body[0].id, /^totp\|dev_\w+$/);
      assert.deepEqual({ ...res.body[0], id: 'x' }, { id: 'x', authenticator_type: 'otp', active: false });
      assert.match(res.body[1].id, /^recovery-code\|dev_\w+$/);
      assert.deepEqual({ ...res.body[1], id: 'x' }, { id: 'x', authenticator_type: 'recovery-code', active: false });
    });

    it('lists for an access token with read:authenticators, refuses one without', async () => {
      const { base } = await newTenant(url);
      const reader = await mfaApiToken(base, 'reader@example.com', 'read:authenticators');
      assert.deepEqual((await call(`${base}/mfa/authenticators`, { method: 'GET', token: reader })).body, []);
      const enroller = await mfaApiToken(base, 'reader@example.com', 'enroll');
      const res = await call(`${base}/mfa/authenticators`, { method: 'GET', token: enroller });
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'insufficient_scope', error_description: 'Insufficient scope, expected any of: read:authenticators' });
    });

    it('refuses no bearer with 401', async () => {
      const { base } = await newTenant(url);
      const res = await call(`${base}/mfa/authenticators`, { method: 'GET' });
      assert.equal(res.status, 401);
      assert.equal(res.body.error, 'invalid_token');
    });

    it('deletes with remove:authenticators (204), refuses an mfa_token (403), 404s an unknown id', async () => {
      const { base } = await newTenant(url);
      const token = await mfaApiToken(base, 'remove@example.com', 'enroll read:authenticators remove:authenticators');
      await associate(base, token);
      const [otp] = (await call(`${base}/mfa/authenticators`, { method: 'GET', token })).body;

      const mfa = await mfaToken(base, 'remove@example.com');
      const refused = await call(`${base}/mfa/authenticators/${encodeURIComponent(otp.id)}`, { method: 'DELETE', token: mfa });
      assert.equal(refused.status, 403);
      assert.deepEqual(refused.body, { error: 'insufficient_scope', error_description: 'Insufficient scope, expected any of: remove:authenticators' });

      const res = await call(`${base}/mfa/authenticators/${encodeURIComponent(otp.id)}`, { method: 'DELETE', token });
      assert.equal(res.status, 204);
      assert.equal(res.text, '');
      const left = (await call(`${base}/mfa/authenticators`, { method: 'GET', token })).body;
      assert.ok(!left.some((/** @type {any} */ a) => a.id === otp.id));

      const again = await call(`${base}/mfa/authenticators/${encodeURIComponent(otp.id)}`, { method: 'DELETE', token });
      assert.equal(again.status, 404);
    });
  });

  describe('routing', () => {
    it('answers 404 not_found for unknown paths and unknown tenants', async () => {
      const res = await call(`${url}/nope`, { method: 'GET' });
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { error: 'not_found', error_description: 'Not found' });
      const tenant = await call(`${url}/tenants/unknown/oauth/token`, { form: {} });
      assert.equal(tenant.status, 404);
      assert.equal(tenant.body.error, 'not_found');
    });

    it('answers 405 for a wrong method', async () => {
      const { base } = await newTenant(url);
      for (const [method, path] of [['GET', '/oauth/token'], ['GET', '/mfa/associate'], ['POST', '/mfa/authenticators'], ['GET', '/mfa/authenticators/x']]) {
        const res = await call(`${base}${path}`, { method });
        assert.equal(res.status, 405, `${method} ${path}`);
        assert.equal(res.body.error, 'method_not_allowed');
        assert.ok(res.headers.get('allow'));
      }
    });

    it('answers 413 for bodies over 64 KiB', async () => {
      const { base } = await newTenant(url);
      const res = await call(`${base}/oauth/token`, { raw: 'x'.repeat(64 * 1024 + 1), contentType: 'application/x-www-form-urlencoded' });
      assert.equal(res.status, 413);
      assert.equal(res.body.error, 'payload_too_large');
      const fits = await call(`${base}/oauth/token`, { raw: 'x'.repeat(64 * 1024), contentType: 'application/x-www-form-urlencoded' });
      assert.equal(fits.status, 400);
    });

    it('keeps tenants isolated: one tenant\'s token means nothing to another', async () => {
      const a = await newTenant(url);
      const b = await newTenant(url);
      const token = await mfaToken(a.base, 'iso@example.com');
      assert.equal((await associate(a.base, token)).status, 200);
      assert.equal((await associate(b.base, token)).status, 401);
    });
  });

  describe('CORS', () => {
    it('echoes an allowed localhost origin with Vary and exposed Retry-After', async () => {
      const { base } = await newTenant(url);
      const res = await call(`${base}/oauth/token`, { form: {}, origin: 'http://127.0.0.1:5173' });
      assert.equal(res.headers.get('access-control-allow-origin'), 'http://127.0.0.1:5173');
      assert.equal(res.headers.get('vary'), 'Origin');
      assert.equal(res.headers.get('access-control-expose-headers'), 'Retry-After');
    });

    it('answers a preflight with 204 and the allowed methods, headers and max-age', async () => {
      const { base } = await newTenant(url);
      const res = await call(`${base}/mfa/associate`, {
        method: 'OPTIONS',
        origin: PAGE,
        headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), PAGE);
      assert.equal(res.headers.get('access-control-allow-methods'), 'GET, POST, DELETE, OPTIONS');
      assert.equal(res.headers.get('access-control-allow-headers'), 'Authorization, Content-Type, Auth0-Client, DPoP');
      assert.equal(res.headers.get('access-control-max-age'), '600');
    });

    it('gives a disallowed origin no Access-Control-Allow-Origin', async () => {
      const { base } = await newTenant(url);
      const res = await call(`${base}/oauth/token`, { form: {}, origin: 'https://evil.example' });
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      const preflight = await call(`${base}/oauth/token`, { method: 'OPTIONS', origin: 'https://evil.example' });
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    });

    it('adds options.allowedOrigins to the default', async () => {
      const res = await call(`${url}/oauth/token`, { form: {}, origin: 'https://app.example' });
      assert.equal(res.headers.get('access-control-allow-origin'), 'https://app.example');
    });

    it('lets a tenant\'s allowedOrigins replace the default', async () => {
      const { base } = await newTenant(url, { allowedOrigins: ['http://localhost:9999'] });
      const listed = await call(`${base}/oauth/token`, { form: {}, origin: 'http://localhost:9999' });
      assert.equal(listed.headers.get('access-control-allow-origin'), 'http://localhost:9999');
      const other = await call(`${base}/oauth/token`, { form: {}, origin: PAGE });
      assert.equal(other.headers.get('access-control-allow-origin'), null);
    });

    it('answers CORS on the control API', async () => {
      const preflight = await call(`${url}/__control/tenants`, { method: 'OPTIONS', origin: PAGE });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), PAGE);
      const res = await call(`${url}/__control/tenants`, { json: {}, origin: PAGE });
      assert.equal(res.status, 201);
      assert.equal(res.headers.get('access-control-allow-origin'), PAGE);
    });
  });

  describe('control API', () => {
    it('creates tenants with an id and a base under /tenants/<id>', async () => {
      const res = await call(`${url}/__control/tenants`, { json: { name: 'Acme', recoveryCodes: false, mfaTokenTtlSeconds: 60 } });
      assert.equal(res.status, 201);
      assert.equal(res.body.base, `${url}/tenants/${res.body.id}`);
      const tenant = server.tenants.get(res.body.id);
      assert.equal(tenant?.name, 'Acme');
      assert.equal(tenant?.mfaTokenTtlSeconds, 60);
    });

    it('refuses bad tenant settings with 400', async () => {
      for (const settings of [{ name: 3 }, { recoveryCodes: 'yes' }, { mfaTokenTtlSeconds: -1 }, { allowedOrigins: 'x' }]) {
        const res = await call(`${url}/__control/tenants`, { json: settings });
        assert.equal(res.status, 400, JSON.stringify(settings));
      }
    });

    it('logs requests with body key names only, and clears the log', async () => {
      const { base, id } = await newTenant(url);
      await passwordGrant(base, 'log@example.com');
      await call(`${base}/mfa/associate`, { method: 'OPTIONS', origin: PAGE });
      const log = await call(`${url}/__control/tenants/${id}/requests`, { method: 'GET' });
      assert.equal(log.status, 200);
      assert.deepEqual(log.body, [
        { method: 'POST', path: '/oauth/token', origin: null, contentType: 'application/x-www-form-urlencoded', bodyKeys: ['grant_type', 'client_id', 'username', 'password'], authorization: false },
        { method: 'OPTIONS', path: '/mfa/associate', origin: PAGE, contentType: null, bodyKeys: [], authorization: false },
      ]);
      assert.ok(!log.text.includes('demo-password'));
      assert.equal((await call(`${url}/__control/tenants/${id}/requests`, { method: 'DELETE' })).status, 204);
      assert.deepEqual((await call(`${url}/__control/tenants/${id}/requests`, { method: 'GET' })).body, []);
    });

    it('works for the default tenant by the id "default"', async () => {
      await call(`${url}/__control/tenants/default/requests`, { method: 'DELETE' });
      await call(`${url}/mfa/authenticators`, { method: 'GET', token: 'x' });
      const log = await call(`${url}/__control/tenants/default/requests`, { method: 'GET' });
      assert.deepEqual(log.body, [{ method: 'GET', path: '/mfa/authenticators', origin: null, contentType: null, bodyKeys: [], authorization: true }]);
    });

    it('serves a queued fault with CORS headers, `times` times, then the real answer', async () => {
      const { base, id } = await newTenant(url);
      const fault = { method: 'POST', path: '/oauth/token', status: 503, body: '{"error":"temporarily_unavailable"}', headers: { 'X-Fault': 'yes' }, times: 2 };
      assert.equal((await call(`${url}/__control/tenants/${id}/faults`, { json: fault })).status, 204);
      for (let i = 0; i < 2; i += 1) {
        const res = await call(`${base}/oauth/token`, { form: {}, origin: PAGE });
        assert.equal(res.status, 503);
        assert.deepEqual(res.body, { error: 'temporarily_unavailable' });
        assert.equal(res.headers.get('x-fault'), 'yes');
        assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
        assert.equal(res.headers.get('access-control-allow-origin'), PAGE);
      }
      assert.equal((await call(`${base}/oauth/token`, { form: {} })).status, 400);
    });

    it('does not spend a method-less fault on the preflight', async () => {
      const { base, id } = await newTenant(url);
      await call(`${url}/__control/tenants/${id}/faults`, { json: { path: '/mfa/associate', status: 500, body: 'boom' } });
      assert.equal((await call(`${base}/mfa/associate`, { method: 'OPTIONS', origin: PAGE })).status, 204);
      const res = await call(`${base}/mfa/associate`, { json: {} });
      assert.equal(res.status, 500);
      assert.equal(res.text, 'boom');
      assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    });

    it('delays a fault by delayMs', async () => {
      const { base, id } = await newTenant(url);
      await call(`${url}/__control/tenants/${id}/faults`, { json: { path: '/mfa/authenticators', status: 200, body: '[]', delayMs: 150 } });
      const started = Date.now();
      const res = await call(`${base}/mfa/authenticators`, { method: 'GET' });
      assert.equal(res.status, 200);
      assert.ok(Date.now() - started >= 140);
    });

    it('hangs on a hang fault until the client gives up', async () => {
      const { base, id } = await newTenant(url);
      await call(`${url}/__control/tenants/${id}/faults`, { json: { path: '/oauth/token', hang: true } });
      await assert.rejects(fetch(`${base}/oauth/token`, { method: 'POST', signal: AbortSignal.timeout(200) }), /aborted|timeout/i);
    });

    it('closes the connection without an answer on a drop fault', async () => {
      const { base, id } = await newTenant(url);
      await call(`${url}/__control/tenants/${id}/faults`, { json: { path: '/oauth/token', drop: true } });
      await assert.rejects(fetch(`${base}/oauth/token`, { method: 'POST' }), /fetch failed/);
      assert.equal((await call(`${base}/oauth/token`, { form: {} })).status, 400); // used up: answers again
    });

    it('clears faults with DELETE', async () => {
      const { base, id } = await newTenant(url);
      await call(`${url}/__control/tenants/${id}/faults`, { json: { path: '/oauth/token', status: 500 } });
      assert.equal((await call(`${url}/__control/tenants/${id}/faults`, { method: 'DELETE' })).status, 204);
      assert.equal((await call(`${base}/oauth/token`, { form: {} })).status, 400);
    });

    it('refuses bad faults with 400', async () => {
      const { id } = await newTenant(url);
      for (const fault of [{}, { path: 'x', status: 500 }, { path: '/x' }, { path: '/x', status: 700 }, { path: '/x', status: 500, times: 0 }, { path: '/x', status: 500, headers: { a: 1 } }]) {
        const res = await call(`${url}/__control/tenants/${id}/faults`, { json: fault });
        assert.equal(res.status, 400, JSON.stringify(fault));
      }
    });

    it('shows a user with their authenticators; 404 for unknown users and tenants', async () => {
      const { base, id } = await newTenant(url);
      await passwordGrant(base, 'Shown@Example.com');
      const res = await call(`${url}/__control/tenants/${id}/users/${encodeURIComponent('shown@example.com')}`, { method: 'GET' });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { email: 'Shown@Example.com', authenticators: [], recoveryCode: null, challenges: 0 });
      assert.equal((await call(`${url}/__control/tenants/${id}/users/nobody%40example.com`, { method: 'GET' })).status, 404);
      assert.equal((await call(`${url}/__control/tenants/nope/requests`, { method: 'GET' })).status, 404);
    });

    it('computes a TOTP code for browser tests', async () => {
      const secret = base32Encode(Buffer.from('12345678901234567890'));
      const res = await call(`${url}/__control/totp`, { json: { secret, time: 59_000 } });
      assert.deepEqual(res.body, { code: '287082' });
    });
  });
});

// ---- time-dependent behaviour, on a server with a hand-moved clock -----------------------------

describe('stand-in tenant with a controlled clock', () => {
  let clock = Date.UTC(2030, 0, 1);
  /** @type {Awaited<ReturnType<typeof startTenant>>} */
  let server;
  before(async () => {
    server = await startTenant({ now: () => clock });
  });
  after(() => server.close());

  it('expires mfa_tokens after mfaTokenTtlSeconds', async () => {
    const { base } = await newTenant(server.url, { mfaTokenTtlSeconds: 60 });
    const token = await mfaToken(base, 'ttl@example.com');
    assert.equal((await associate(base, token)).status, 200);
    clock += 60_000;
    assert.equal((await associate(base, token)).body.error, 'expired_token');
  });

  it('refills one failed attempt every 6 minutes', async () => {
    const { base } = await newTenant(server.url);
    const token = await mfaToken(base, 'refill@example.com', { scope: 'openid' });
    const { body } = await associate(base, token);
    for (let i = 0; i < 10; i += 1) assert.equal((await confirm(base, token, wrongCode(body.secret, clock))).status, 403);
    const blocked = await confirm(base, token, totp(body.secret, { time: clock }));
    assert.equal(blocked.status, 429);
    assert.equal(blocked.headers.get('retry-after'), '360');
    clock += 6 * 60_000;
    // The mfa_token (10 minutes) is still valid; one attempt is back.
    assert.equal((await confirm(base, token, wrongCode(body.secret, clock))).status, 403);
    assert.equal((await confirm(base, token, totp(body.secret, { time: clock }))).status, 429);
  });

  it('verifies codes against the server clock with ±1 step', async () => {
    const { base } = await newTenant(server.url);
    const token = await mfaToken(base, 'window@example.com');
    const { body } = await associate(base, token);
    assert.equal((await confirm(base, token, totp(body.secret, { time: clock - 60_000 }))).status, 403);
    assert.equal((await confirm(base, token, totp(body.secret, { time: clock - 30_000 }))).status, 200);
  });
});

describe('close()', () => {
  it('ends hanging connections quickly', async () => {
    const server = await startTenant();
    const { id, base } = await newTenant(server.url);
    await call(`${server.url}/__control/tenants/${id}/faults`, { json: { path: '/oauth/token', hang: true } });
    const pending = fetch(`${base}/oauth/token`, { method: 'POST' }).then(() => 'answered', () => 'failed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await server.close();
    assert.ok(Date.now() - started < 1000);
    assert.equal(await pending, 'failed');
  });
});

describe('cli.js', () => {
  it('prints the listening line and stops on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('./cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, '--port', '0', '--origin', 'https://app.example'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) resolve(undefined);
      });
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const match = /^Stand-in tenant listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(out);
    assert.ok(match, out);
    const res = await call(`${match[1]}/oauth/token`, { form: {}, origin: 'https://app.example' });
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://app.example');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });
});
