import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MfaOtpEnroll } from '../src/index.js';
import { addFault, createTenant, requestsTo, tenantUrl, userState, type TestTenant } from './helpers/tenant.js';
import { currentCode, part, renderWidget, saveCodesAndFinish, shownSecret, typeCode, untilEvent, untilStep, wrongCode } from './helpers/widget.js';
import type { EnrolledDetail, EnrollErrorDetail } from '../src/events.js';

describe('enrollment against the stand-in tenant', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant({ name: 'Test Tenant' });
  });

  it('talks to a tenant on another origin', () => {
    expect(new URL(tenantUrl).origin).not.to.equal(location.origin);
  });

  it('associates once and shows the QR, the grouped secret, the app link and the code input', async () => {
    const { el, events, email } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    const associated = await untilEvent(events, 'associated');
    expect(associated.detail).to.deep.equal({ authenticatorType: 'otp', hasRecoveryCodes: true });
    expect(associated.bubbles && associated.composed).to.equal(true);
    expect(el.getAttribute('step')).to.equal('scan');

    const secret = shownSecret(el);
    expect(secret).to.match(/^[A-Z2-7]{32}$/);
    expect(part(el, 'secret')!.querySelector('.groups')!.textContent).to.match(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const link = part<HTMLAnchorElement>(el, 'app-link')!;
    expect(link.getAttribute('href')).to.equal(
      `otpauth://totp/Test%20Tenant:${encodeURIComponent(email)}?secret=${secret}&issuer=Test%20Tenant&algorithm=SHA1&digits=6&period=30`,
    );
    const input = part<HTMLInputElement>(el, 'code-input')!;
    // Attributes, not IDL properties: Firefox reflects `autocomplete` as '' for one-time-code.
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    // The QR is named by the instruction above it.
    const qrLabel = el.shadowRoot!.getElementById(part(el, 'qr')!.getAttribute('aria-labelledby')!);
    expect(qrLabel!.textContent).to.contain('Scan');

    const associates = await requestsTo(tenant, 'POST', '/mfa/associate');
    expect(associates).to.have.length(1);
    expect(associates[0]!.authorization).to.equal(true);
    expect(associates[0]!.origin).to.equal(location.origin);
    await expect(el).to.be.accessible();
  });

  it('confirms a real TOTP code, shows the recovery code, and fires enrolled only after Finish', async () => {
    const { el, events, email } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    typeCode(el, await currentCode(el));
    await untilStep(el, 'recovery');

    const codes = [...part(el, 'recovery-codes')!.querySelectorAll('li')].map((li) => li.textContent!.trim());
    expect(codes).to.have.length(1);
    expect(codes[0]).to.match(/^[A-Z0-9]{24}$/);
    expect(events.filter((e) => e.type === 'enrolled')).to.have.length(0);
    const finish = part<HTMLButtonElement>(el, 'finish')!;
    expect(finish.disabled).to.equal(true);
    await expect(el).to.be.accessible();

    part<HTMLInputElement>(el, 'recovery-ack')!.click();
    await el.updateComplete;
    expect(finish.disabled).to.equal(false);
    finish.click();

    const enrolled = await untilEvent(events, 'enrolled');
    const detail = enrolled.detail as EnrolledDetail;
    expect(detail.accessToken).to.be.a('string').with.length.greaterThan(0);
    expect(detail.idToken).to.be.a('string');
    expect(detail.tokenType).to.equal('Bearer');
    expect(detail.expiresIn).to.be.a('number');
    expect(enrolled.bubbles && enrolled.composed).to.equal(true);
    expect(el.step).to.equal('done');
    expect(part(el, 'done')!.textContent).to.contain('set up');
    await expect(el).to.be.accessible();

    const user = await userState(tenant, email);
    expect(user.authenticators.find((a) => a.authenticator_type === 'otp')!.active).to.equal(true);

    const confirms = await requestsTo(tenant, 'POST', '/oauth/token');
    const confirm = confirms.at(-1)!;
    expect(confirm.contentType).to.contain('application/x-www-form-urlencoded');
    expect(confirm.bodyKeys.sort()).to.deep.equal(['client_id', 'grant_type', 'mfa_token', 'otp']);
  });

  it('fires enrolled right after the confirm when there are no recovery codes', async () => {
    const noCodes = await createTenant({ recoveryCodes: false });
    const { el, events } = await renderWidget(noCodes);
    await untilStep(el, 'scan');
    expect((await untilEvent(events, 'associated')).detail.hasRecoveryCodes).to.equal(false);
    typeCode(el, await currentCode(el));
    const enrolled = await untilEvent(events, 'enrolled');
    expect((enrolled.detail as EnrolledDetail).accessToken).to.be.a('string');
    expect(el.step).to.equal('done');
    expect(part(el, 'recovery-codes')).to.equal(null);
  });

  it('accepts a pasted "123 456" and submits with the button', async () => {
    const { el, events } = await renderWidget(tenant, { email: undefined });
    await untilStep(el, 'scan');
    const code = await currentCode(el);
    const input = part<HTMLInputElement>(el, 'code-input')!;
    input.value = `${code.slice(0, 3)} ${code.slice(3, 5)}`;
    input.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    expect(input.value).to.equal(code.slice(0, 5));
    typeCode(el, `${code.slice(0, 3)} ${code.slice(3)}`);
    await untilStep(el, 'recovery');
    expect(events.filter((e) => e.type === 'enroll-error')).to.have.length(0);
  });

  it('after a wrong code keeps the QR and secret, clears the code, explains, and lets the user retry', async () => {
    const { el, events } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    const secret = shownSecret(el);
    const qr = part(el, 'qr')!.outerHTML;
    typeCode(el, await wrongCode(el));
    const error = await untilEvent(events, 'enroll-error');
    const detail = error.detail as EnrollErrorDetail;
    expect(detail).to.include({ code: 'invalid_code', step: 'confirming', retryable: true, status: 403 });
    expect(detail.description).to.equal('Invalid otp_code.');
    await untilStep(el, 'scan');
    expect(part(el, 'error')!.textContent).to.contain('clock');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(shownSecret(el)).to.equal(secret);
    expect(part(el, 'qr')!.outerHTML).to.equal(qr);
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.equal('');
    expect(part(el, 'code-input')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();

    typeCode(el, await currentCode(el));
    await untilStep(el, 'recovery');
    expect(part(el, 'error')!.textContent!.trim()).to.equal('');
  });

  it('tells the user to enter every digit before sending anything', async () => {
    const { el, events } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    typeCode(el, '123');
    part<HTMLButtonElement>(el, 'submit')!.click();
    const error = await untilEvent(events, 'enroll-error');
    expect(error.detail).to.include({ code: 'incomplete_code', retryable: true });
    expect(part(el, 'error')!.textContent).to.contain('6 digits');
    expect(await requestsTo(tenant, 'POST', '/oauth/token')).to.have.length(1); // the sign-in only
  });

  it('sends one confirm for a double submit (auto-submit, Enter and a double click)', async () => {
    const { el } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    typeCode(el, await currentCode(el)); // the sixth digit submits by itself
    const form = el.shadowRoot!.querySelector('form')!;
    form.requestSubmit(); // Enter
    part<HTMLButtonElement>(el, 'submit')!.click();
    part<HTMLButtonElement>(el, 'submit')!.click();
    await untilStep(el, 'recovery');
    const grants = (await requestsTo(tenant, 'POST', '/oauth/token')).filter((r) => r.bodyKeys.includes('otp'));
    expect(grants).to.have.length(1);
  });

  it('reports an expired mfa_token on confirm and drops the QR', async () => {
    const { el, events } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    const code = await currentCode(el);
    const { expireTokens } = await import('./helpers/tenant.js');
    await expireTokens(tenant);
    typeCode(el, code);
    const error = await untilEvent(events, 'enroll-error');
    expect(error.detail).to.include({ code: 'expired_token', step: 'confirming', retryable: false });
    await untilStep(el, 'error');
    expect(part(el, 'qr')).to.equal(null);
    expect(part(el, 'error')!.textContent).to.contain('expired');
    await expect(el).to.be.accessible();
  });

  it('starts over when the host sets a new token', async () => {
    const { el, events } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    const first = shownSecret(el);
    const { mfaToken } = await import('./helpers/tenant.js');
    el.mfaToken = await mfaToken(tenant);
    await waitUntil(() => el.step === 'scan' && shownSecret(el) !== first, 'no new secret');
    expect(events.filter((e) => e.type === 'associated')).to.have.length(2);
    expect(await requestsTo(tenant, 'POST', '/mfa/associate')).to.have.length(2);
  });

  it('keeps one associate per token when moved in the DOM or re-rendered', async () => {
    const { el } = await renderWidget(tenant);
    const parent = el.parentElement!;
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el); // moved while the associate is in flight
    parent.append(el);
    await untilStep(el, 'scan');
    const token = el.mfaToken;
    el.mfaToken = token; // a framework re-render setting the same values
    el.domain = String(el.domain);
    el.requestUpdate();
    await el.updateComplete;
    other.append(el);
    await el.updateComplete;
    expect(el.step).to.equal('scan');
    expect(await requestsTo(tenant, 'POST', '/mfa/associate')).to.have.length(1);
    other.remove();
  });

  it('reports "User is already enrolled" for a user with an active authenticator', async () => {
    const first = await renderWidget(tenant);
    await untilStep(first.el, 'scan');
    typeCode(first.el, await currentCode(first.el));
    await untilStep(first.el, 'recovery');

    const again = await renderWidget(tenant, { email: first.email });
    const error = await untilEvent(again.events, 'enroll-error');
    expect(error.detail).to.include({ code: 'already_enrolled', step: 'loading', retryable: false });
    expect(again.el.step).to.equal('error');
    expect(part(again.el, 'error')!.textContent).to.contain('already set up');
    expect(part(again.el, 'retry')).to.equal(null);
    await expect(again.el).to.be.accessible();
  });

  it('reports an invalid token on associate', async () => {
    const { el, events } = await renderWidget(tenant, { token: 'Fe26.2*not-a-real-token' });
    const error = await untilEvent(events, 'enroll-error');
    expect(error.detail).to.include({ code: 'invalid_token', status: 401, step: 'loading', retryable: false });
    expect(el.step).to.equal('error');
  });

  it('reports a network failure as retryable and recovers with Try again', async () => {
    const { el, events } = await renderWidget({ id: 'none', base: 'http://127.0.0.1:9' }, { token: 'Fe26.2*x' });
    const error = await untilEvent(events, 'enroll-error');
    expect(error.detail).to.include({ code: 'network', step: 'loading', retryable: true });
    expect(error.detail).not.to.have.property('status');
    expect(part(el, 'error')!.textContent).to.contain('connection');
    expect(part(el, 'retry')).not.to.equal(null);
    await expect(el).to.be.accessible();

    const { mfaToken } = await import('./helpers/tenant.js');
    const token = await mfaToken(tenant);
    el.domain = tenant.base;
    el.mfaToken = token;
    await untilStep(el, 'scan');
  });

  it('rate-limits after ten wrong codes with a distinct message', async () => {
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

  it('enrolls with an MFA-API access token instead of an mfa_token', async () => {
    const { signIn, newEmail } = await import('./helpers/tenant.js');
    const email = newEmail();
    const { status, body } = await signIn(tenant, email, {
      audience: `${tenant.base}/mfa/`,
      scope: 'enroll read:authenticators',
    });
    expect(status).to.equal(200);
    const { el, events } = await renderWidget(tenant, { email, token: body.access_token as string, useAccessToken: true });
    await untilStep(el, 'scan');
    typeCode(el, await currentCode(el));
    await untilStep(el, 'recovery');
    await saveCodesAndFinish(el);
    await untilEvent(events, 'enrolled');
  });

  it('is accessible while idle, loading and confirming, and reflects each step', async () => {
    const idle = await fixture<MfaOtpEnroll>(html`<mfa-otp-enroll></mfa-otp-enroll>`);
    expect(idle.getAttribute('step')).to.equal('idle');
    await expect(idle).to.be.accessible();

    await addFault(tenant, { method: 'POST', path: '/mfa/associate', status: 200, delayMs: 500, body: '{}' });
    const { el, events } = await renderWidget(tenant);
    expect(el.getAttribute('step')).to.equal('loading');
    await expect(el).to.be.accessible();
    await untilEvent(events, 'enroll-error');
    part<HTMLButtonElement>(el, 'retry')!.click();
    await untilStep(el, 'scan');

    await addFault(tenant, { method: 'POST', path: '/oauth/token', status: 400, delayMs: 500, body: '{}' });
    typeCode(el, await currentCode(el));
    await el.updateComplete;
    expect(el.getAttribute('step')).to.equal('confirming');
    expect(part(el, 'submit')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    await untilStep(el, 'scan');
  });
});
