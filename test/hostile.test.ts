// Every fault a server or network can throw at the widget, through the stand-in tenant over
// real HTTP: each gets a visible, specific message, an `enroll-error` with a stable code, and a
// way on. (Nothing escaping as an uncaught error is checked after every test by the helpers.)
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { waitUntil } from '@open-wc/testing';
import type { EnrollErrorDetail } from '../src/enroll/events.js';
import { OTPAUTH_URI as URI, SECRET } from './helpers/fixtures.js';
import { addFault, clearFaults, createTenant, expireTokens, mfaToken, requestsTo, type Fault, type TestTenant } from './helpers/tenant.js';
import { currentCode, part, renderWidget, shownSecret, typeCode, untilEvent, untilStep, wrongCode, type Widget } from './helpers/widget.js';

async function failingAssociate(tenant: TestTenant, fault: Omit<Fault, 'path' | 'method'>): Promise<Widget & { detail: EnrollErrorDetail }> {
  await addFault(tenant, { method: 'POST', path: '/mfa/associate', ...fault });
  const widget = await renderWidget(tenant);
  const detail = (await untilEvent(widget.events, 'enroll-error')).detail as EnrollErrorDetail;
  await untilStep(widget.el, 'error');
  expect(part(widget.el, 'error')!.textContent!.trim()).to.equal(detail.message);
  expect(part(widget.el, 'qr')).to.equal(null);
  return { ...widget, detail };
}

async function failingConfirm(tenant: TestTenant, fault: Omit<Fault, 'path' | 'method'>): Promise<Widget & { detail: EnrollErrorDetail }> {
  const widget = await renderWidget(tenant);
  await untilStep(widget.el, 'scan');
  await addFault(tenant, { method: 'POST', path: '/oauth/token', ...fault });
  typeCode(widget.el, await currentCode(widget.el));
  const detail = (await untilEvent(widget.events, 'enroll-error')).detail as EnrollErrorDetail;
  await widget.el.updateComplete;
  expect(part(widget.el, 'error')!.textContent!.trim()).to.equal(detail.message);
  return { ...widget, detail };
}

describe('hostile conditions: associate', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('an expired token: says the session expired, and a new token starts over', async () => {
    const token = await mfaToken(tenant);
    await expireTokens(tenant);
    const { el, events } = await renderWidget(tenant, { token });
    const detail = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(detail).to.include({ code: 'expired_token', status: 401, step: 'loading', retryable: false });
    expect(part(el, 'error')!.textContent).to.contain('expired');
    el.mfaToken = await mfaToken(tenant);
    await untilStep(el, 'scan');
  });

  it('a malformed token', async () => {
    const { detail } = await failingAssociate(tenant, {
      status: 401,
      body: JSON.stringify({ error: 'invalid_token', error_description: 'Invalid MFA token' }),
    });
    expect(detail).to.include({ code: 'invalid_token', retryable: false });
  });

  it('429 with Retry-After', async () => {
    const { detail } = await failingAssociate(tenant, {
      status: 429,
      body: JSON.stringify({ error: 'too_many_attempts', error_description: 'Too many requests' }),
      headers: { 'Retry-After': '30' },
    });
    expect(detail).to.include({ code: 'rate_limited', status: 429, retryable: true, retryAfter: 30 });
  });

  const serverErrors: [string, number, string][] = [
    ['502 with an empty body', 502, ''],
    ['503 with an HTML body', 503, '<html><body>Bad gateway</body></html>'],
  ];
  for (const [what, status, body] of serverErrors) {
    it(`${what}: a server problem, retryable, and Try again works`, async () => {
      const { el, detail } = await failingAssociate(tenant, { status, body });
      expect(detail).to.include({ code: 'server', status, retryable: true });
      expect(detail.message).to.contain('had a problem');
      part<HTMLButtonElement>(el, 'retry')!.click();
      await untilStep(el, 'scan');
    });
  }

  const badBodies: [string, string][] = [
    ['200 that is not JSON', 'OK'],
    ['200 HTML', '<html><body>Welcome</body></html>'],
    ['200 JSON without a secret', JSON.stringify({ barcode_uri: URI })],
    ['200 JSON without a barcode_uri', JSON.stringify({ secret: SECRET })],
    ['200 JSON with a numeric secret', JSON.stringify({ secret: 1234, barcode_uri: URI })],
    ['200 JSON with recovery_codes as a string', JSON.stringify({ secret: SECRET, barcode_uri: URI, recovery_codes: 'X' })],
    ['200 JSON null', 'null'],
    ['a javascript: barcode_uri', JSON.stringify({ secret: SECRET, barcode_uri: 'javascript:alert(document.domain)' })],
    ['an https: barcode_uri', JSON.stringify({ secret: SECRET, barcode_uri: `https://evil.example/?${URI}` })],
    ['an absurdly long barcode_uri', JSON.stringify({ secret: SECRET, barcode_uri: `${URI}&x=${'A'.repeat(10_000)}` })],
  ];
  for (const [what, body] of badBodies) {
    it(`${what}: refused as bad_response, nothing drawn`, async () => {
      const { el, detail } = await failingAssociate(tenant, { status: 200, body });
      expect(detail).to.include({ code: 'bad_response', step: 'loading', retryable: true });
      expect(part(el, 'app-link')).to.equal(null);
      expect(el.shadowRoot!.querySelector('a[href^="javascript"], a[href^="https"]')).to.equal(null);
    });
  }

  it('a dropped connection: retryable network error, then a retry works', async () => {
    // Chromium silently resends a request when a reused connection drops, on each pooled
    // connection (up to 6 per host) and then a new one: drop more often than that, and clear
    // what is left before the retry.
    const { el, detail } = await failingAssociate(tenant, { drop: true, times: 10 });
    expect(detail).to.include({ code: 'network', retryable: true });
    await clearFaults(tenant);
    part<HTMLButtonElement>(el, 'retry')!.click();
    await untilStep(el, 'scan');
  });

  it('a CORS refusal (origin not allowed): network error with a retry', async () => {
    const closed = await createTenant({ allowedOrigins: ['https://someone-else.example'] });
    const token = await fetch(`${closed.base}/oauth/token`, { method: 'POST' }).then(
      () => 'unreachable',
      () => 'refused',
    );
    expect(token, 'the browser itself refuses this tenant').to.equal('refused');
    const { el, events } = await renderWidget(closed, { token: 'Fe26.2**whatever' });
    const detail = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(detail).to.include({ code: 'network', retryable: true });
    expect(detail).not.to.have.property('status');
    expect(part(el, 'retry')).not.to.equal(null);
  });
});

describe('hostile conditions: confirm', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('Malformed mfa_token: the session must be renewed', async () => {
    const { el, detail } = await failingConfirm(tenant, {
      status: 403,
      body: JSON.stringify({ error: 'invalid_grant', error_description: 'Malformed mfa_token' }),
    });
    expect(detail).to.include({ code: 'invalid_token', step: 'confirming', retryable: false });
    await untilStep(el, 'error');
  });

  it('an expired mfa_token: says so and drops the QR', async () => {
    const widget = await renderWidget(tenant);
    await untilStep(widget.el, 'scan');
    const code = await currentCode(widget.el);
    await expireTokens(tenant);
    typeCode(widget.el, code);
    const detail = (await untilEvent(widget.events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(detail).to.include({ code: 'expired_token', step: 'confirming', retryable: false });
    await untilStep(widget.el, 'error');
    expect(part(widget.el, 'qr')).to.equal(null);
    expect(part(widget.el, 'error')!.textContent).to.contain('expired');
  });

  it('the MFA grant not enabled for the application: tells the site owner, keeps the QR', async () => {
    const { el, events } = await renderWidget(tenant, { clientId: 'spa-without-mfa-grant' });
    await untilStep(el, 'scan');
    typeCode(el, await currentCode(el));
    const detail = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(detail).to.include({ code: 'grant_not_allowed', status: 403, retryable: false });
    expect(part(el, 'error')!.textContent).to.contain('site owner');
    expect(part(el, 'qr')).not.to.equal(null);
  });

  it('too_many_attempts with Retry-After: submit disabled until it passes, the QR kept', async () => {
    const { el, detail } = await failingConfirm(tenant, {
      status: 429,
      body: JSON.stringify({ error: 'too_many_attempts', error_description: 'Too many failed attempts.' }),
      headers: { 'Retry-After': '2' },
    });
    expect(detail).to.include({ code: 'rate_limited', retryAfter: 2, retryable: true });
    await untilStep(el, 'scan');
    const submit = part<HTMLButtonElement>(el, 'submit')!;
    expect(submit.disabled).to.equal(true);
    expect(el.shadowRoot!.textContent).to.contain('Try again in 2 seconds');
    expect(shownSecret(el)).to.match(/^[A-Z2-7]{32}$/);
    const grants = async () => (await requestsTo(tenant, 'POST', '/oauth/token')).filter((r) => r.bodyKeys.includes('otp')).length;
    const sentBefore = await grants();
    typeCode(el, await currentCode(el)); // ignored while cooling down: nothing is sent
    await el.updateComplete;
    expect(el.step).to.equal('scan');
    expect(await grants()).to.equal(sentBefore);
    await waitUntil(() => !part<HTMLButtonElement>(el, 'submit')!.disabled, 'submit enabled again once Retry-After passed', { timeout: 5000 });
    typeCode(el, await currentCode(el));
    await untilStep(el, 'new-recovery-code');
  });

  it('the tenant’s own bucket: the eleventh wrong code is rate limited, with a distinct message', async () => {
    const { el, events } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    const wrong = await wrongCode(el);
    for (let attempt = 1; attempt <= 11; attempt++) {
      typeCode(el, wrong);
      await untilEvent(events, 'enroll-error', attempt);
      await untilStep(el, 'scan');
    }
    const last = events.filter((e) => e.type === 'enroll-error').at(-1)!.detail as EnrollErrorDetail;
    expect(last).to.include({ code: 'rate_limited', status: 429, retryable: true });
    expect(last.retryAfter).to.be.a('number').greaterThan(0);
    expect(part<HTMLButtonElement>(el, 'submit')!.disabled).to.equal(true);
    expect(part(el, 'error')!.textContent).to.contain('Too many attempts');
    expect(part(el, 'qr')).not.to.equal(null);
  });

  it('an answer that never comes: a retryable timeout after the configured time, the typed code kept', async () => {
    const { el, events } = await renderWidget(tenant, { timeout: 800 });
    await untilStep(el, 'scan');
    await addFault(tenant, { method: 'POST', path: '/oauth/token', status: 200, hang: true });
    const code = await currentCode(el);
    typeCode(el, code);
    const detail = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(detail).to.include({ code: 'timeout', step: 'confirming', retryable: true });
    await untilStep(el, 'scan');
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.equal(code);
  });

  it('a 500 with an HTML body: retryable, the typed code kept', async () => {
    const { el, detail } = await failingConfirm(tenant, { status: 500, body: '<h1>Internal Server Error</h1>' });
    expect(detail).to.include({ code: 'server', status: 500, retryable: true });
    await untilStep(el, 'scan');
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.have.length(6);
    part<HTMLButtonElement>(el, 'submit')!.click();
    await untilStep(el, 'new-recovery-code');
  });

  it('a dropped connection: retryable, the typed code kept', async () => {
    const { el, detail } = await failingConfirm(tenant, { drop: true, times: 10 });
    expect(detail).to.include({ code: 'network', retryable: true });
    await untilStep(el, 'scan');
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.have.length(6);
  });

  it('offline: says so, keeps everything, and works once back online [cdp]', async () => {
    const { el, events } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    // The browser's own offline switch would also cut this page off from the test runner:
    // fail the tenant's requests at the network layer and report offline instead.
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    await executeServerCommand('block-tenant', true);
    try {
      typeCode(el, await currentCode(el));
      const detail = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
      expect(detail).to.include({ code: 'network', retryable: true });
      expect(part(el, 'error')!.textContent).to.contain('offline');
      await untilStep(el, 'scan');
      expect(part(el, 'qr')).not.to.equal(null);
    } finally {
      await executeServerCommand('block-tenant', false);
      delete (navigator as { onLine?: boolean }).onLine;
    }
    part<HTMLButtonElement>(el, 'submit')!.click();
    await untilStep(el, 'new-recovery-code');
  });
});
