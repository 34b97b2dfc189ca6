// The tenant settings for the shapes Auth0 answers differently from tenant to tenant (the API
// contract §5, §6): `mfaPolicy` ('per-app', the default: mfa_required lists the factors to enroll
// or challenge; 'global', a tenant-wide policy: no `mfa_requirements` at all) and
// `typedAuthenticators` (Auth0's feature flag: /mfa/authenticators rows carry the factor's `type`).
// Auth0's SDK decides on both (its MFA client needs the challenge list before 2.21.2, and keeps
// only rows with a `type`), so the elements are tested against each. Run with `node --test tenant/`.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTenant } from './server.js';
import { totp } from './totp.js';
import {
  ENROLL_ANY,
  MFA_AUDIENCE,
  associate,
  authorizationCode,
  call,
  challenge,
  confirm,
  enroll,
  exchangeCode,
  mfaToken,
  newTenant,
  passwordGrant,
  refresh,
} from './testkit.js';

describe('tenant settings mfaPolicy and typedAuthenticators', () => {
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
   * GET /mfa/authenticators with the user's mfa_token.
   * @param {string} base
   * @param {string} email
   * @returns {Promise<Record<string, unknown>[]>}
   */
  async function listed(base, email) {
    const res = await call(`${base}/mfa/authenticators`, { method: 'GET', token: await mfaToken(base, email) });
    assert.equal(res.status, 200);
    return res.body;
  }

  it('defaults to a per-app policy (enroll, then challenge lists) and rows without type', async () => {
    const { id, base } = await newTenant(url);
    const settings = (await call(`${url}/__control/tenants/${id}/settings`, { method: 'GET' })).body;
    assert.equal(settings.mfaPolicy, 'per-app');
    assert.equal(settings.typedAuthenticators, false);
    assert.deepEqual((await passwordGrant(base, 'perapp@example.com')).body.mfa_requirements, ENROLL_ANY);
    await enroll(base, 'perapp@example.com');
    assert.deepEqual((await passwordGrant(base, 'perapp@example.com')).body.mfa_requirements, { challenge: [{ type: 'otp' }] });
    const rows = await listed(base, 'perapp@example.com');
    assert.deepEqual(rows.map((row) => Object.keys(row)), [['id', 'authenticator_type', 'active'], ['id', 'authenticator_type', 'active']]);
  });

  describe("mfaPolicy 'global'", () => {
    it('answers mfa_required without mfa_requirements, before and after enrolling; the mfa_token enrolls and signs in as before', async () => {
      const { base } = await newTenant(url, { mfaPolicy: 'global' });
      const email = 'global@example.com';
      const first = await passwordGrant(base, email);
      assert.equal(first.status, 403);
      assert.deepEqual(Object.keys(first.body), ['error', 'error_description', 'mfa_token']);
      assert.equal(first.body.error, 'mfa_required');
      const added = await associate(base, first.body.mfa_token);
      assert.equal(added.status, 200);
      assert.equal((await confirm(base, first.body.mfa_token, totp(added.body.secret))).status, 200);

      const again = await passwordGrant(base, email);
      assert.deepEqual(Object.keys(again.body), ['error', 'error_description', 'mfa_token']);
      // A challenge without authenticator_id (what the elements send when the SDK can't list), then the grant.
      const challenged = await challenge(base, { mfa_token: again.body.mfa_token });
      assert.deepEqual([challenged.status, challenged.body], [200, { challenge_type: 'otp' }]);
      const signedIn = await confirm(base, again.body.mfa_token, totp(added.body.secret, { time: Date.now() + 30_000 }));
      assert.equal(signedIn.status, 200);
    });

    it('answers a challenge for a user with no authenticator with unsupported_challenge_type (where an app learns to enroll)', async () => {
      const { base } = await newTenant(url, { mfaPolicy: 'global' });
      const token = await mfaToken(base, 'global-new@example.com');
      const refused = await challenge(base, { mfa_token: token });
      assert.equal(refused.status, 401);
      assert.equal(refused.body.error, 'unsupported_challenge_type');
      // The same mfa_token still enrolls a first authenticator.
      assert.equal((await associate(base, token)).status, 200);
    });

    it('applies to the code and refresh grants (the SDK\'s path), and can be switched on a live tenant', async () => {
      const { id, base } = await newTenant(url);
      const { code, verifier } = await authorizationCode(base, 'global-sdk@example.com', { scope: 'openid offline_access' });
      const signedIn = await exchangeCode(base, code, verifier);
      assert.equal(signedIn.status, 200);
      const perApp = await refresh(base, signedIn.body.refresh_token, { audience: MFA_AUDIENCE });
      assert.equal(perApp.status, 403);
      assert.deepEqual(perApp.body.mfa_requirements, ENROLL_ANY);

      const changed = await call(`${url}/__control/tenants/${id}/settings`, { json: { mfaPolicy: 'global' } });
      assert.equal(changed.body.mfaPolicy, 'global');
      const global = await refresh(base, signedIn.body.refresh_token, { audience: MFA_AUDIENCE });
      assert.equal(global.status, 403);
      assert.deepEqual(Object.keys(global.body), ['error', 'error_description', 'mfa_token']);
    });
  });

  describe('typedAuthenticators', () => {
    it('gives every /mfa/authenticators row the factor type the challenge list names (otp, recovery-code)', async () => {
      const { base } = await newTenant(url, { typedAuthenticators: true });
      const email = 'typed@example.com';
      await enroll(base, email);
      const rows = await listed(base, email);
      assert.equal(rows.length, 2);
      for (const row of rows) assert.deepEqual(Object.keys(row), ['id', 'authenticator_type', 'active', 'type']);
      assert.deepEqual(
        rows.map((row) => [row.authenticator_type, row.type, row.active]),
        [
          ['otp', 'otp', true],
          ['recovery-code', 'recovery-code', true],
        ],
      );
      // The challenge list names the same factor: what the SDK filters the rows on.
      assert.deepEqual((await passwordGrant(base, email)).body.mfa_requirements, { challenge: [{ type: 'otp' }] });
    });

    it('is switched on and off on a live tenant (the default one too); bad settings are refused', async () => {
      const email = `typed-default-${Date.now()}@example.com`;
      await enroll(url, email);
      try {
        assert.equal((await call(`${url}/__control/tenants/default/settings`, { json: { typedAuthenticators: true } })).body.typedAuthenticators, true);
        assert.deepEqual((await listed(url, email)).map((row) => row.type), ['otp', 'recovery-code']);
      } finally {
        await call(`${url}/__control/tenants/default/settings`, { json: { typedAuthenticators: false } });
      }
      assert.deepEqual((await listed(url, email)).map((row) => 'type' in row), [false, false]);
      for (const bad of [{ mfaPolicy: 'always' }, { mfaPolicy: null }, { typedAuthenticators: 'yes' }]) {
        assert.equal((await call(`${url}/__control/tenants/default/settings`, { json: bad })).status, 400, JSON.stringify(bad));
        assert.equal((await call(`${url}/__control/tenants`, { json: bad })).status, 400, JSON.stringify(bad));
      }
    });
  });
});
