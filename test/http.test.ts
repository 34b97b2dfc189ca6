// One request to the tenant (src/auth0/http.ts): given up after the configured time, or at once
// when its caller no longer wants it, whatever the browser's garbage collector does meanwhile.
import { expect } from '@open-wc/testing';
import { send } from '../src/auth0/http.js';
import { isMfaError } from '../src/core/errors.js';
import { addFault, createTenant, requestsTo, type TestTenant } from './helpers/tenant.js';

/** Keeps the garbage collector busy until `stop()`, as a page that does other work would. */
function collectingGarbage(): { stop(): void } {
  // 200,000 small objects every 20 ms, dropped at once.
  const interval = setInterval(() => Array.from({ length: 200000 }, (_, i) => ({ i })), 20);
  return { stop: () => clearInterval(interval) };
}

/** How a call to `send` ended: its error, or that it answered. */
async function outcome(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
    return 'answered';
  } catch (error) {
    return error;
  }
}

describe('one request', () => {
  let tenant: TestTenant;
  let url: URL;
  beforeEach(async () => {
    tenant = await createTenant();
    url = new URL(`${tenant.base}/mfa/authenticators`);
    await addFault(tenant, { method: 'GET', path: '/mfa/authenticators', hang: true });
  });

  // WebKit collected a signal made by AbortSignal.any() that only fetch held: the timeout then
  // never reached the request, and the element waited for ever.
  it('an answer that never comes is a timeout after the configured time, while garbage is collected', async () => {
    const garbage = collectingGarbage();
    const started = Date.now();
    try {
      const error = await outcome(send(globalThis.fetch, url, { method: 'GET' }, { signal: new AbortController().signal, timeout: 800 }));
      expect(isMfaError(error) && error.code, String(error)).to.equal('timeout');
    } finally {
      garbage.stop();
    }
    const took = Date.now() - started;
    expect(took).to.be.at.least(800);
    expect(took, 'given up in time').to.be.below(4000);
  });

  it('its caller’s abort ends it at once, with the caller’s reason', async () => {
    const caller = new AbortController();
    const reason = new Error('no longer wanted');
    const pending = outcome(send(globalThis.fetch, url, { method: 'GET' }, { signal: caller.signal, timeout: 30000 }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    caller.abort(reason);
    expect(await pending).to.equal(reason);
    expect(Date.now() - started).to.be.below(1000);
  });

  it('is not sent when its caller has already given up', async () => {
    const reason = new Error('gone');
    expect(await outcome(send(globalThis.fetch, url, { method: 'GET' }, { signal: AbortSignal.abort(reason), timeout: 30000 }))).to.equal(reason);
    expect(await requestsTo(tenant, 'GET', '/mfa/authenticators')).to.have.length(0);
  });
});
