import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MfaOtpEnroll } from '../src/index.js';
import { addFault, createTenant, mfaToken, requestsTo, tenantUrl, userState, type TestTenant } from './helpers/tenant.js';
import { currentCode, part, renderWidget, saveCodesAndFinish, shownSecret, typeCode, untilEvent, untilStep, wrongCode } from './helpers/widget.js';
import type { EnrolledDetail, EnrollErrorDetail } from '../src/enroll/events.js';

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
    expect(associated.detail).to.deep.equal({ authenticatorType: 'otp', factor: 'otp', hasRecoveryCodes: true });
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
    await untilStep(el, 'new-recovery-code');

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
    await untilStep(el, 'new-recovery-code');
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
    await untilStep(el, 'new-recovery-code');
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
    await untilStep(el, 'new-recovery-code');
    const grants = (await requestsTo(tenant, 'POST', '/oauth/token')).filter((r) => r.bodyKeys.includes('otp'));
    expect(grants).to.have.length(1);
  });

  it('starts over when the host sets a new token', async () => {
    const { el, events } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    const first = shownSecret(el);
    el.mfaToken = await mfaToken(tenant);
    await waitUntil(() => el.step === 'scan' && shownSecret(el) !== first, 'no new secret');
    expect(events.filter((e) => e.type === 'associated')).to.have.length(2);
    expect(await requestsTo(tenant, 'POST', '/mfa/associate')).to.have.length(2);
  });

  it('reports "User is already enrolled" for a user with an active authenticator', async () => {
    const first = await renderWidget(tenant);
    await untilStep(first.el, 'scan');
    typeCode(first.el, await currentCode(first.el));
    await untilStep(first.el, 'new-recovery-code');

    const again = await renderWidget(tenant, { email: first.email });
    const error = await untilEvent(again.events, 'enroll-error');
    expect(error.detail).to.include({ code: 'already_enrolled', step: 'loading', retryable: false });
    expect(again.el.step).to.equal('error');
    expect(part(again.el, 'error')!.textContent).to.contain('already set up');
    expect(part(again.el, 'retry')).to.equal(null);
    await expect(again.el).to.be.accessible();
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
    await untilStep(el, 'new-recovery-code');
    await saveCodesAndFinish(el);
    await untilEvent(events, 'enrolled');
  });

  it('confirms through token-url (a site backend) without a client ID or secret, accepting any answer', async () => {
    await addFault(tenant, { method: 'POST', path: '/backend/confirm', status: 200, body: '{"ok":true}' });
    const { el, events } = await renderWidget(tenant, { clientId: '', tokenUrl: `${tenant.base}/backend/confirm` });
    await untilStep(el, 'scan');
    typeCode(el, await currentCode(el));
    await untilStep(el, 'new-recovery-code');
    await saveCodesAndFinish(el);
    const enrolled = await untilEvent(events, 'enrolled');
    expect(enrolled.detail).to.deep.equal({ factor: 'otp' });
    const [call] = await requestsTo(tenant, 'POST', '/backend/confirm');
    expect(call!.bodyKeys.sort()).to.deep.equal(['grant_type', 'mfa_token', 'otp']);
  });

  it('reports a configuration problem, saying what to change, instead of sending a token over plain http', async () => {
    const token = await mfaToken(tenant);
    const { el, events } = await renderWidget({ id: 'x', base: 'http://auth.example.com' }, { token });
    const error = await untilEvent(events, 'enroll-error');
    expect(error.detail).to.include({ code: 'config', step: 'idle', retryable: false });
    expect((error.detail as EnrollErrorDetail).message).to.contain('Use https://');
    expect(el.step).to.equal('error');
    expect(await requestsTo(tenant, 'POST', '/mfa/associate')).to.have.length(0);
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
