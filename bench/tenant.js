// The stand-in tenant for the bench, driven from Node through its HTTP control API, as a test would.
import { startTenant } from '../tenant/server.js';
import { totp } from '../tenant/totp.js';

export const CLIENT_ID = 'demo-spa-client';

/** @returns {Promise<{ url: string, close(): Promise<void>, createTenant(settings?: object): Promise<BenchTenant> }>} */
export async function startBenchTenant() {
  // 127.0.0.1, a free port: another origin than the pages on localhost.
  const server = await startTenant({ port: 0, host: '127.0.0.1' });
  return { url: server.url, close: () => server.close(), createTenant: (settings) => createTenant(server.url, settings) };
}

/**
 * @typedef {object} BenchTenant
 * @property {string} base the widget's `domain`
 * @property {() => Promise<string>} mfaToken a fresh user's mfa_token from the password grant
 * @property {() => Promise<{ token: string, code: string }>} signInAgain a fresh user who enrolled
 *   an app (through the API): the mfa_token of their next sign-in, and their app's next code
 * @property {(fault: object) => Promise<void>} addFault
 * @property {() => Promise<{ method: string, path: string }[]>} requests
 */

/** @returns {Promise<BenchTenant>} */
async function createTenant(url, settings = {}) {
  const control = async (path, init = {}) => {
    const response = await fetch(`${url}/__control/${path}`, {
      ...init,
      headers: init.body ? { 'Content-Type': 'application/json' } : {},
    });
    if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  const { id, base } = await (await control('tenants', { method: 'POST', body: JSON.stringify(settings) })).json();
  let users = 0;
  const passwordGrant = async (username) => {
    const response = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', username, password: 'demo-password', client_id: CLIENT_ID }),
    });
    const body = await response.json();
    if (response.status !== 403 || typeof body.mfa_token !== 'string') {
      throw new Error(`password grant: expected 403 mfa_required, got ${response.status} ${JSON.stringify(body)}`);
    }
    return body.mfa_token;
  };
  return {
    base,
    // A new user each time: an mfa_token enrolls a user's first authenticator only.
    mfaToken: () => passwordGrant(`bench${++users}@example.com`),
    async signInAgain() {
      const email = `bench${++users}@example.com`;
      const token = await passwordGrant(email);
      const associated = await fetch(`${base}/mfa/associate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ authenticator_types: ['otp'] }),
      });
      const { secret } = await associated.json();
      const confirmed = await fetch(`${base}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp', client_id: CLIENT_ID, mfa_token: token, otp: totp(secret) }),
      });
      if (!confirmed.ok) throw new Error(`enrollment: ${confirmed.status} ${await confirmed.text()}`);
      // Enrolling used the current code: the app's next one is within the tenant's window.
      return { token: await passwordGrant(email), code: totp(secret, { time: Date.now() + 30_000 }) };
    },
    async addFault(fault) {
      await control(`tenants/${id}/faults`, { method: 'POST', body: JSON.stringify(fault) });
    },
    async requests() {
      return (await control(`tenants/${id}/requests`)).json();
    },
  };
}
