// The stand-in tenant for the bench, driven from Node through its HTTP control API, as a test would.
import { startTenant } from '../tenant/server.js';

export const CLIENT_ID = 'demo-spa-client';

/** @returns {Promise<{ url: string, close(): Promise<void>, createTenant(): Promise<BenchTenant> }>} */
export async function startBenchTenant() {
  // 127.0.0.1, a free port: another origin than the pages on localhost.
  const server = await startTenant({ port: 0, host: '127.0.0.1' });
  return { url: server.url, close: () => server.close(), createTenant: () => createTenant(server.url) };
}

/**
 * @typedef {object} BenchTenant
 * @property {string} base the widget's `domain`
 * @property {() => Promise<string>} mfaToken a fresh user's mfa_token from the password grant
 * @property {(fault: object) => Promise<void>} addFault
 * @property {() => Promise<{ method: string, path: string }[]>} requests
 */

/** @returns {Promise<BenchTenant>} */
async function createTenant(url) {
  const control = async (path, init = {}) => {
    const response = await fetch(`${url}/__control/${path}`, {
      ...init,
      headers: init.body ? { 'Content-Type': 'application/json' } : {},
    });
    if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  const { id, base } = await (await control('tenants', { method: 'POST', body: '{}' })).json();
  let users = 0;
  return {
    base,
    async mfaToken() {
      // A new user each time: an mfa_token enrolls a user's first authenticator only.
      const response = await fetch(`${base}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          username: `bench${++users}@example.com`,
          password: 'demo-password',
          client_id: CLIENT_ID,
        }),
      });
      const body = await response.json();
      if (response.status !== 403 || typeof body.mfa_token !== 'string') {
        throw new Error(`password grant: expected 403 mfa_required, got ${response.status} ${JSON.stringify(body)}`);
      }
      return body.mfa_token;
    },
    async addFault(fault) {
      await control(`tenants/${id}/faults`, { method: 'POST', body: JSON.stringify(fault) });
    },
    async requests() {
      return (await control(`tenants/${id}/requests`)).json();
    },
  };
}
