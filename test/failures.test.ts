import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/index.js';
import type { MfaOtpEnroll } from '../src/index.js';
import type { EnrollErrorDetail } from '../src/events.js';
import { addFault, createTenant, mfaToken, requestsTo, type TestTenant } from './helpers/tenant.js';
import { currentCode, part, renderWidget, saveCodesAndFinish, shownSecret, tick, typeCode, untilEvent, untilStep } from './helpers/widget.js';

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';

describe('failures and safety', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('refuses a barcode_uri that is not otpauth://totp/ and draws nothing', async () => {
    for (const barcode of ['javascript:alert(1)', 'https://evil.example/qr.png']) {
      await addFault(tenant, {
        method: 'POST',
        path: '/mfa/associate',
        status: 200,
        body: JSON.stringify({ authenticator_type: 'otp', secret: 'HJ6XM2DNERXDAVCUONGWKRTCMNTU6VDF', barcode_uri: barcode }),
      });
      const { el, events } = await renderWidget(tenant);
      const error = await untilEvent(events, 'enroll-error');
      expect(error.detail).to.include({ code: 'bad_response', step: 'loading', retryable: true });
      expect(part(el, 'qr')).to.equal(null);
      expect(part(el, 'app-link')).to.equal(null);
      expect(el.shadowRoot!.innerHTML).not.to.contain(barcode);
    }
  });

  it('explains a 5xx with an HTML body as a server problem, retryable', async () => {
    await addFault(tenant, { method: 'POST', path: '/mfa/associate', status: 503, body: '<html><body>Bad gateway</body></html>' });
    const { el, events } = await renderWidget(tenant);
    const error = await untilEvent(events, 'enroll-error');
    expect(error.detail).to.include({ code: 'server', status: 503, retryable: true });
    expect(part(el, 'error')!.textContent).to.contain('had a problem');
    part<HTMLButtonElement>(el, 'retry')!.click();
    await untilStep(el, 'scan');
  });

  it('shows server error text as text, never as HTML', async () => {
    const { el, events } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    await addFault(tenant, {
      method: 'POST',
      path: '/oauth/token',
      status: 400,
      body: JSON.stringify({ error: 'invalid_request', error_description: HOSTILE }),
    });
    typeCode(el, await currentCode(el));
    const error = await untilEvent(events, 'enroll-error');
    const detail = error.detail as EnrollErrorDetail;
    expect(detail).to.include({ code: 'request_failed', description: HOSTILE, retryable: false });
    await untilStep(el, 'scan');
    expect(part(el, 'error')!.textContent).to.contain(HOSTILE);
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(part(el, 'qr')).not.to.equal(null); // the user can still confirm
  });

  it('tells the site owner when the MFA grant is not enabled, and keeps the QR', async () => {
    const { el, events } = await renderWidget(tenant, { clientId: 'spa-without-mfa-grant' });
    await untilStep(el, 'scan');
    typeCode(el, await currentCode(el));
    const error = await untilEvent(events, 'enroll-error');
    expect(error.detail).to.include({ code: 'grant_not_allowed', status: 403, retryable: false });
    expect(part(el, 'error')!.textContent).to.contain('site owner');
    expect(part(el, 'qr')).not.to.equal(null);
  });

  it('gives up after the configured timeout with a retryable error, keeping the typed code', async () => {
    const { el, events } = await renderWidget(tenant, { timeout: 800 });
    await untilStep(el, 'scan');
    await addFault(tenant, { method: 'POST', path: '/oauth/token', status: 200, hang: true });
    const code = await currentCode(el);
    typeCode(el, code);
    const error = await untilEvent(events, 'enroll-error');
    expect(error.detail).to.include({ code: 'timeout', step: 'confirming', retryable: true });
    await untilStep(el, 'scan');
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.equal(code);
  });

  it('sends the confirm to token-url (a site backend) without a client ID or secret', async () => {
    await addFault(tenant, { method: 'POST', path: '/backend/confirm', status: 200, body: '{"ok":true}' });
    const { el, events } = await renderWidget(tenant, { clientId: '', tokenUrl: `${tenant.base}/backend/confirm` });
    await untilStep(el, 'scan');
    typeCode(el, await currentCode(el));
    await untilStep(el, 'recovery');
    await saveCodesAndFinish(el);
    const enrolled = await untilEvent(events, 'enrolled');
    expect(enrolled.detail).to.deep.equal({});
    const [call] = await requestsTo(tenant, 'POST', '/backend/confirm');
    expect(call!.bodyKeys.sort()).to.deep.equal(['grant_type', 'mfa_token', 'otp']);
  });

  it('reports configuration problems instead of sending tokens over plain http', async () => {
    const token = await mfaToken(tenant);
    const { el, events } = await renderWidget({ id: 'x', base: 'http://auth.example.com' }, { token });
    const error = await untilEvent(events, 'enroll-error');
    expect(error.detail).to.include({ code: 'config', step: 'idle', retryable: false });
    expect((error.detail as EnrollErrorDetail).message).to.contain('https://');
    expect(el.step).to.equal('error');
    expect(await requestsTo(tenant, 'POST', '/mfa/associate')).to.have.length(0);
  });

  it('moves a token given as an attribute into the property and removes the attribute', async () => {
    const token = await mfaToken(tenant);
    const el = await fixture<MfaOtpEnroll>(
      html`<mfa-otp-enroll domain=${tenant.base} client-id="demo-spa-client" mfa-token=${token}></mfa-otp-enroll>`,
    );
    expect(el.hasAttribute('mfa-token')).to.equal(false);
    expect(el.mfaToken).to.equal(token);
    await untilStep(el, 'scan');
    for (const attribute of el.getAttributeNames()) {
      expect(el.getAttribute(attribute)).not.to.contain(token);
      expect(el.getAttribute(attribute)).not.to.contain(shownSecret(el));
    }
  });

  it('aborts on removal and fires nothing afterwards', async () => {
    await addFault(tenant, { method: 'POST', path: '/mfa/associate', status: 200, delayMs: 400, body: '{}' });
    const { el, events } = await renderWidget(tenant);
    expect(el.step).to.equal('loading');
    el.parentElement!.remove();
    await tick(700);
    expect(events).to.have.length(0);
    expect(el.step).to.equal('idle');
  });

  it('forgets the secret, the codes and the tokens after Finish and on reset()', async () => {
    const { el, events } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    const secret = shownSecret(el);
    typeCode(el, await currentCode(el));
    await untilStep(el, 'recovery');
    const recovery = part(el, 'recovery-codes')!.textContent!.trim();
    await saveCodesAndFinish(el);
    await untilEvent(events, 'enrolled');
    await el.updateComplete;
    expect(el.shadowRoot!.innerHTML).not.to.contain(secret);
    expect(el.shadowRoot!.innerHTML).not.to.contain(recovery);
    expect(el.mfaToken).to.equal('');

    const second = await renderWidget(tenant);
    await untilStep(second.el, 'scan');
    const secondSecret = shownSecret(second.el);
    second.el.reset();
    await second.el.updateComplete;
    expect(second.el.step).to.equal('idle');
    expect(second.el.mfaToken).to.equal('');
    expect(second.el.shadowRoot!.innerHTML).not.to.contain(secondSecret);
  });

  it('stops showing the QR for a stale answer when the token changes mid-request', async () => {
    await addFault(tenant, { method: 'POST', path: '/mfa/associate', status: 200, delayMs: 300, body: '{}' });
    const { el, events } = await renderWidget(tenant);
    el.mfaToken = await mfaToken(tenant);
    await untilStep(el, 'scan');
    await tick(400);
    expect(events.map((e) => e.type)).to.deep.equal(['associated']);
    await waitUntil(() => el.step === 'scan');
  });
});
