import { expect, waitUntil } from '@open-wc/testing';
import type { EnrolledDetail } from '../src/enroll/events.js';
import { PUSH_POLL } from '../src/factors/push/push-poller.js';
import { scanFor } from './helpers/guardian.js';
import { createTenant, requestsTo, type TestTenant } from './helpers/tenant.js';
import { part, parts, renderWidget, saveCodesAndFinish, untilEvent, untilStep } from './helpers/widget.js';

// Setting up push with Auth0 Guardian in <mfa-otp-enroll>, against the stand-in over HTTP: its
// fake Guardian scans the QR. The polls are shortened (PUSH_POLL) so the tests take seconds.

const TIMES = { ...PUSH_POLL };

describe('<mfa-otp-enroll> with push (Auth0 Guardian)', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    Object.assign(PUSH_POLL, { intervalMs: 100, slowDownStepMs: 100, maxBackoffMs: 800 });
    tenant = await createTenant({ name: 'Push Co', pushPollIntervalMs: 0 });
  });
  afterEach(() => Object.assign(PUSH_POLL, TIMES));

  const grants = async () => (await requestsTo(tenant, 'POST', '/oauth/token')).length;

  it('shows the QR for Guardian, waits until Guardian confirms the scan, then the recovery code, and enrolled with factor push', async () => {
    const { el, events, email } = await renderWidget(tenant, { factors: 'push' });
    await untilStep(el, 'push-scan');
    expect(part(el, 'qr')).to.not.equal(null);
    expect(part<HTMLAnchorElement>(el, 'get-guardian')!.href).to.match(/^https:\/\/auth0\.com\//);
    expect(part(el, 'push-waiting')!.textContent).to.equal('Waiting for the Guardian app to confirm…');
    expect(el.shadowRoot!.querySelector('h2, h1')?.textContent?.trim()).to.equal('Set up Auth0 Guardian');
    const associated = (await untilEvent(events, 'associated')) as CustomEvent;
    expect(associated.detail).to.deep.equal({ authenticatorType: 'oob', factor: 'push', hasRecoveryCodes: true });
    await waitUntil(async () => (await grants()) >= 2, 'polled while not scanned', { timeout: 5000 });
    expect(el.step, 'still waiting: nothing scanned').to.equal('push-scan');

    await scanFor(tenant, email);
    await untilStep(el, 'new-recovery-code');
    await saveCodesAndFinish(el);
    const enrolled = (await untilEvent(events, 'enrolled')) as CustomEvent<EnrolledDetail>;
    expect(enrolled.detail.factor).to.equal('push');
    expect(enrolled.detail.accessToken).to.be.a('string');
    expect(part(el, 'done')!.textContent).to.equal('Push notifications are set up.');
    const after = await grants();
    await new Promise((resolve) => setTimeout(resolve, 4 * PUSH_POLL.intervalMs));
    expect(await grants(), 'no poll after the approval').to.equal(after);
  });

  it('offers push among the choices, with its hint', async () => {
    const { el } = await renderWidget(tenant, { factors: 'otp push' });
    await untilStep(el, 'choose');
    const options = parts<HTMLButtonElement>(el, 'factor-option');
    expect(options.map((o) => o.value)).to.deep.equal(['otp', 'push']);
    expect(options[1]!.textContent!.trim()).to.equal('Push notification');
    options[1]!.click();
    await untilStep(el, 'push-scan');
    part<HTMLButtonElement>(el, 'choose-another')!.click();
    await untilStep(el, 'choose');
    const polls = await grants();
    await new Promise((resolve) => setTimeout(resolve, 4 * PUSH_POLL.intervalMs));
    expect(await grants(), 'no poll once the step is left').to.equal(polls);
  });

  it('makes no poll while the element is out of the page, and goes on when it is back', async () => {
    const { el, email } = await renderWidget(tenant, { factors: 'push' });
    await untilStep(el, 'push-scan');
    const parent = el.parentElement!;
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, PUSH_POLL.intervalMs / 2));
    const away = await grants();
    await new Promise((resolve) => setTimeout(resolve, 5 * PUSH_POLL.intervalMs));
    expect(await grants(), 'removed: no poll').to.equal(away);
    parent.append(el);
    await scanFor(tenant, email);
    await untilStep(el, 'new-recovery-code');
  });

  it('a QR left unscanned past its time ends as an expired enrollment; Try again shows a new QR', async () => {
    PUSH_POLL.lifetimeMs = 350;
    const { el, events } = await renderWidget(tenant, { factors: 'push' });
    await untilStep(el, 'push-scan');
    const error = (await untilEvent(events, 'enroll-error')) as CustomEvent;
    expect(error.detail).to.include({ code: 'expired_enrollment', step: 'push-scan', retryable: true });
    await untilStep(el, 'error');
    PUSH_POLL.lifetimeMs = TIMES.lifetimeMs;
    part<HTMLButtonElement>(el, 'retry')!.click();
    await untilStep(el, 'push-scan');
    expect(await requestsTo(tenant, 'POST', '/mfa/associate')).to.have.length(2);
  });
});
