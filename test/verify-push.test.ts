import { expect, waitUntil } from '@open-wc/testing';
import { PUSH_POLL } from '../src/factors/push/push-poller.js';
import { RESEND_WAIT } from '../src/factors/sent-code/resend-countdown.js';
import type { VerifiedDetail, VerifyErrorDetail } from '../src/verify/define.js';
import { part, parts, untilEvent, untilStep } from './helpers/element-core.js';
import { answerPush, pushUser, waitingInGuardian } from './helpers/guardian.js';
import { totp } from './helpers/totp.js';
import { createTenant, requestsTo, type TestTenant } from './helpers/tenant.js';
import { renderVerify } from './helpers/verify.js';

// Signing in with push in <mfa-otp-verify>, against the stand-in over HTTP: its fake Guardian
// approves or denies. The polls and the resend wait are shortened so the tests take seconds.

const TIMES = { ...PUSH_POLL };
const RESEND = RESEND_WAIT.ms;

describe('<mfa-otp-verify> with push (Auth0 Guardian)', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    Object.assign(PUSH_POLL, { intervalMs: 100, slowDownStepMs: 100, maxBackoffMs: 800 });
    tenant = await createTenant({ name: 'Push Co', pushPollIntervalMs: 0 });
  });
  afterEach(() => {
    Object.assign(PUSH_POLL, TIMES);
    RESEND_WAIT.ms = RESEND;
  });

  const polls = async () => (await requestsTo(tenant, 'POST', '/oauth/token')).length;

  it('starts with push: sends the notification, waits, and signs in once approved (method push)', async () => {
    const user = await pushUser(tenant);
    const { el, events } = await renderVerify(tenant, { user: { ...user } });
    await untilStep(el, 'push-sent');
    expect(part(el, 'push-sent')!.textContent).to.equal('We sent a notification to your phone. Approve it to sign in.');
    expect(part(el, 'push-waiting')!.textContent).to.equal('Waiting for you to approve on your phone…');
    expect(part<HTMLButtonElement>(el, 'resend')!.disabled, 'another only after the wait').to.equal(true);
    expect(part(el, 'use-code'), 'the Guardian app code is the way in without a tap').to.not.equal(null);
    const before = await polls();
    await waitUntil(async () => (await polls()) >= before + 2, 'polled', { timeout: 5000 });
    expect((await waitingInGuardian(tenant)).requests).to.have.length(1);

    await answerPush(tenant, user.email, 'approve');
    const verified = (await untilEvent(events, 'verified')).detail as VerifiedDetail;
    expect(verified.method).to.equal('push');
    expect(verified.accessToken).to.be.a('string');
    await untilStep(el, 'done');
    const after = await polls();
    await new Promise((resolve) => setTimeout(resolve, 4 * PUSH_POLL.intervalMs));
    expect(await polls(), 'no poll after signing in').to.equal(after);
  });

  for (const pushRejection of ['access_denied', 'invalid_grant'] as const) {
    it(`a denial (${pushRejection}) says so, stops polling, and another may be sent at once`, async () => {
      tenant = await createTenant({ pushPollIntervalMs: 0, pushRejection });
      const user = await pushUser(tenant);
      const { el, events } = await renderVerify(tenant, { user: { ...user } });
      await untilStep(el, 'push-sent');
      await answerPush(tenant, user.email, 'deny');
      const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
      expect(error).to.include({ code: 'push_rejected', step: 'push-sent', retryable: true });
      expect(part(el, 'error')!.textContent).to.contain('denied on your phone');
      expect(el.step).to.equal('push-sent');
      expect(part(el, 'push-waiting'), 'no longer said to be waiting').to.equal(null);
      expect(part(el, 'push-sent'), 'no longer asked to approve').to.equal(null);
      const after = await polls();
      await new Promise((resolve) => setTimeout(resolve, 4 * PUSH_POLL.intervalMs));
      expect(await polls(), 'no poll after a denial').to.equal(after);
      part<HTMLButtonElement>(el, 'resend')!.click();
      await waitUntil(async () => (await waitingInGuardian(tenant)).requests.length === 1, 'a new request waits in Guardian');
      await answerPush(tenant, user.email, 'approve');
      expect(((await untilEvent(events, 'verified')).detail as VerifiedDetail).method).to.equal('push');
    });
  }

  it('"Enter a code from Guardian instead" signs in with the app code Auth0 enrolled with push', async () => {
    const user = await pushUser(tenant);
    const { el, events } = await renderVerify(tenant, { user: { ...user } });
    await untilStep(el, 'push-sent');
    part<HTMLButtonElement>(el, 'use-code')!.click();
    await untilStep(el, 'code');
    const input = part<HTMLInputElement>(el, 'code-input')!;
    input.value = await totp(user.secret);
    input.dispatchEvent(new InputEvent('input'));
    expect(((await untilEvent(events, 'verified')).detail as VerifiedDetail).method).to.equal('otp');
  });

  it('lists push among the methods, and sends another push after the wait', async () => {
    RESEND_WAIT.ms = 300;
    const user = await pushUser(tenant);
    const { el } = await renderVerify(tenant, { user: { ...user } });
    await untilStep(el, 'push-sent');
    part<HTMLButtonElement>(el, 'other-methods')!.click();
    await untilStep(el, 'choose-method');
    expect(parts(el, 'method-option').map((option) => option.textContent!.trim())).to.deep.equal(['Notification to the Auth0 Guardian app', 'Authenticator app', 'Recovery code']);
    part<HTMLButtonElement>(el, 'back')!.click();
    await untilStep(el, 'push-sent');
    await waitUntil(() => !part<HTMLButtonElement>(el, 'resend')!.disabled, 'the resend wakes', { timeout: 3000 });
    part<HTMLButtonElement>(el, 'resend')!.click();
    await waitUntil(async () => (await requestsTo(tenant, 'POST', '/mfa/challenge')).length === 2, 'a second challenge');
    await answerPush(tenant, user.email, 'approve');
    await untilStep(el, 'done');
  });

  it('a push left unanswered past its time says it expired; another may be sent', async () => {
    PUSH_POLL.lifetimeMs = 350;
    const user = await pushUser(tenant);
    const { el, events } = await renderVerify(tenant, { user: { ...user } });
    await untilStep(el, 'push-sent');
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error).to.include({ code: 'expired_code', step: 'push-sent' });
    expect(part(el, 'error')!.textContent).to.equal('The notification expired. Send a new one.');
    expect(part(el, 'push-sent'), 'no longer asked to approve').to.equal(null);
    expect(part<HTMLButtonElement>(el, 'resend')!.disabled).to.equal(false);
  });

  it('makes no poll while the element is out of the page', async () => {
    const user = await pushUser(tenant);
    const { el } = await renderVerify(tenant, { user: { ...user } });
    await untilStep(el, 'push-sent');
    const parent = el.parentElement!;
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, PUSH_POLL.intervalMs / 2));
    const away = await polls();
    await new Promise((resolve) => setTimeout(resolve, 5 * PUSH_POLL.intervalMs));
    expect(await polls(), 'removed: no poll').to.equal(away);
    parent.append(el);
    await answerPush(tenant, user.email, 'approve');
    await untilStep(el, 'done');
  });
});
