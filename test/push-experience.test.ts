// The experience of push with Guardian, setting it up and signing in with it: every new state
// accessible in light and dark, the waits said once (not on every poll), keyboard only, focus
// where the user acts, a 320 px screen, German and Arabic (right to left).
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MfaOtpEnroll } from '../src/index.js';
import { PUSH_POLL } from '../src/factors/push/push-poller.js';
import type { MfaOtpVerify } from '../src/verify/define.js';
import { holdingRequests, part, untilEvent, untilStep } from './helpers/element-core.js';
import { answerPush, pushUser, scanFor } from './helpers/guardian.js';
import { phoneScreen, viewportRules } from './helpers/screen.js';
import { createTenant, requestsTo, type TestTenant } from './helpers/tenant.js';
import { renderVerify } from './helpers/verify.js';
import { renderWidget } from './helpers/widget.js';

const TIMES = { ...PUSH_POLL };
const region = (el: HTMLElement) => el.shadowRoot!.querySelector('[role=status]')!;
const focused = (el: HTMLElement): string => {
  const active = el.shadowRoot!.activeElement;
  return active ? (active.getAttribute('part') ?? `#${active.id}`) : 'nothing';
};

/** Every message the polite live region says from now on, each time it is said. */
function listenToLiveRegion(el: HTMLElement): { readonly said: string[]; stop(): void } {
  const said: string[] = [];
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node.textContent?.trim()) said.push(node.textContent.trim());
  });
  observer.observe(region(el), { childList: true, subtree: true, characterData: true });
  return { said, stop: () => observer.disconnect() };
}

/** A part of the page in `lang`. */
function pageIn(lang: string): HTMLDivElement {
  const page = document.createElement('div');
  page.lang = lang;
  return page;
}

describe('experience of push with Guardian', () => {
  let tenant: TestTenant;
  before(async () => {
    await import('../src/locales/de.js');
    await import('../src/locales/ar.js');
  });
  beforeEach(async () => {
    Object.assign(PUSH_POLL, { intervalMs: 100, slowDownStepMs: 100, maxBackoffMs: 800 });
    tenant = await createTenant({ name: 'Push Co', pushPollIntervalMs: 0 });
  });
  afterEach(() => Object.assign(PUSH_POLL, TIMES));

  for (const theme of ['light', 'dark'] as const) {
    it(`passes axe in every new state, ${theme}`, async () => {
      const accessible = async (el: MfaOtpEnroll | MfaOtpVerify, state: string) => {
        await el.updateComplete;
        expect(getComputedStyle(el).colorScheme, state).to.equal(theme);
        await expect(el, state).to.be.accessible();
      };
      const enroll = await renderWidget(tenant, { factors: 'otp push' });
      enroll.el.theme = theme;
      await untilStep(enroll.el, 'choose');
      await accessible(enroll.el, 'choose, with push');
      (enroll.el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=factor-option]')[1]!).click();
      await untilStep(enroll.el, 'push-scan');
      await accessible(enroll.el, 'push-scan');

      const user = await pushUser(tenant);
      // The push held from the start: the fixture may return after it was sent.
      const network = holdingRequests();
      network.hold((url) => url.pathname.endsWith('/mfa/challenge'));
      const verify = await renderVerify(tenant, { user: { ...user }, fetch: network.fetch });
      verify.el.theme = theme;
      await untilStep(verify.el, 'sending-push');
      await accessible(verify.el, 'sending-push');
      network.release();
      await untilStep(verify.el, 'push-sent');
      await accessible(verify.el, 'push-sent');
      await answerPush(tenant, user.email, 'deny');
      await untilEvent(verify.events, 'verify-error');
      await accessible(verify.el, 'push-sent, denied');
    });
  }

  it('says the wait once, however many polls: enrolling and signing in', async () => {
    const { el, email } = await renderWidget(tenant, { factors: 'otp push' });
    await untilStep(el, 'choose');
    const live = listenToLiveRegion(el);
    (el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=factor-option]')[1]!).click();
    await untilStep(el, 'push-scan');
    const grants = async () => (await requestsTo(tenant, 'POST', '/oauth/token')).length;
    const before = await grants();
    await waitUntil(async () => (await grants()) >= before + 3, 'three polls', { timeout: 5000 });
    expect(live.said).to.deep.equal(['Scan the QR code with the Auth0 Guardian app.']);
    live.stop();
    await scanFor(tenant, email);
    await untilStep(el, 'new-recovery-code');

    const user = await pushUser(tenant);
    // The push is held until the live region is listened to: it may be sent before the fixture returns.
    const network = holdingRequests();
    network.hold((url) => url.pathname.endsWith('/mfa/challenge'));
    const verify = await renderVerify(tenant, { user: { ...user }, fetch: network.fetch });
    const said = listenToLiveRegion(verify.el);
    network.release();
    await untilStep(verify.el, 'push-sent');
    const polled = await grants();
    await waitUntil(async () => (await grants()) >= polled + 3, 'three polls', { timeout: 5000 });
    expect(said.said).to.deep.equal(['We sent a notification to your phone. Approve it to sign in.']);
    said.stop();
  });

  it('by keyboard alone: push from the list of methods, focus on what was sent, the app code instead', async () => {
    const user = await pushUser(tenant);
    const { el, events } = await renderVerify(tenant, { user: { ...user } });
    await untilStep(el, 'push-sent');
    part(el, 'other-methods')!.focus();
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'choose-method');
    expect(focused(el), 'the first method').to.equal('method-option');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' }); // the app
    await untilStep(el, 'code');
    expect(focused(el)).to.equal('code-input');
    await answerPush(tenant, user.email, 'approve').catch(() => undefined); // the push before was voided by leaving it: nothing signs in
    await new Promise((resolve) => setTimeout(resolve, 3 * PUSH_POLL.intervalMs));
    expect(events.filter((event) => event.type === 'verified'), 'a push left behind signs no one in').to.have.length(0);
  });

  it('fits a 320 px screen, setting up and signing in', async () => {
    const screen = phoneScreen(320);
    const { el } = await renderWidget(tenant, { factors: 'push', parentNode: screen });
    await untilStep(el, 'push-scan');
    expect(viewportRules(el)).to.deep.equal([]);
    expect(screen.scrollWidth, 'push-scan').to.be.at.most(screen.clientWidth);
    const user = await pushUser(tenant);
    const second = phoneScreen(320);
    const verify = await renderVerify(tenant, { user: { ...user }, parentNode: second });
    await untilStep(verify.el, 'push-sent');
    expect(second.scrollWidth, 'push-sent').to.be.at.most(second.clientWidth);
  });

  it('speaks German, and Arabic right to left', async () => {
    const german = await renderWidget(tenant, { factors: 'push', parentNode: pageIn('de') });
    await untilStep(german.el, 'push-scan');
    expect(part(german.el, 'get-guardian')!.textContent).to.not.equal('Get the Auth0 Guardian app');
    expect(part(german.el, 'get-guardian')!.textContent).to.contain('Guardian');
    const user = await pushUser(tenant);
    const arabic = await renderVerify(tenant, { user: { ...user }, parentNode: pageIn('ar') });
    await untilStep(arabic.el, 'push-sent');
    expect(getComputedStyle(part(arabic.el, 'base')!).direction).to.equal('rtl');
    expect(part(arabic.el, 'push-sent')!.textContent).to.not.contain('We sent');
  });
});
