// The experience of setting up codes by text, call and email with <mfa-otp-enroll>: every new
// state accessible in light and dark, keyboard only with focus where the user is asked for
// something, the sent code and its resend wait announced once, and a 320 px screen.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MfaOtpEnroll } from '../src/index.js';
import type { EnrollStep } from '../src/enroll/enroll-session.js';
import { untilMessage } from './helpers/outbox.js';
import { phoneScreen, viewportRules } from './helpers/screen.js';
import { chooseCountry, otherCode, send, shortResendWait, typeDestination, US_NUMBER } from './helpers/sent-code.js';
import { createTenant, type TestTenant } from './helpers/tenant.js';
import { holdingRequests } from './helpers/element-core.js';
import { part, parts, renderWidget, saveCodesAndFinish, typeCode, untilEvent, untilStep } from './helpers/widget.js';

/** What has focus inside the element, by its part (or id): a string prints quickly when it fails. */
const focused = (el: MfaOtpEnroll): string => {
  const active = el.shadowRoot!.activeElement;
  return active ? (active.getAttribute('part') ?? `#${active.id}`) : 'nothing';
};
/** The factor of the focused choice. */
const focusedChoice = (el: MfaOtpEnroll): string => (el.shadowRoot!.activeElement as HTMLButtonElement | null)?.value ?? 'nothing';
const region = (el: MfaOtpEnroll) => el.shadowRoot!.querySelector('[role=status]')!;
const isGrant = (url: URL) => url.pathname.endsWith('/oauth/token');
const isAssociate = (url: URL) => url.pathname.endsWith('/mfa/associate');

/**
 * Every message the polite live region says from now on: each is a new node in it (the announcer
 * keys them), so a message said again, or said every second, is counted each time.
 */
function listenToLiveRegion(el: MfaOtpEnroll): { readonly said: string[]; stop(): void } {
  const said: string[] = [];
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        const text = node.textContent?.trim();
        if (text) said.push(text);
      }
    }
  });
  observer.observe(region(el), { childList: true, subtree: true, characterData: true });
  return { said, stop: () => observer.disconnect() };
}

describe('experience of codes by text, call and email', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant({ name: 'Example Co' });
  });
  shortResendWait(3000);

  // `theme` decides the palette in every browser (media emulation only works over the DevTools protocol).
  for (const theme of ['light', 'dark'] as const) {
    it(`passes axe in every new state, ${theme}`, async () => {
      const accessible = async (el: MfaOtpEnroll, state: string, step: EnrollStep) => {
        await el.updateComplete;
        expect(el.step, state).to.equal(step);
        expect(getComputedStyle(el).colorScheme, state).to.equal(theme);
        await expect(el, state).to.be.accessible();
      };
      const network = holdingRequests();
      const { el, events } = await renderWidget(tenant, { factors: 'otp sms email', fetch: network.fetch });
      el.theme = theme;
      await untilStep(el, 'choose');
      await accessible(el, 'choose', 'choose');

      parts<HTMLButtonElement>(el, 'factor-option')[2]!.click();
      await untilStep(el, 'destination');
      await accessible(el, 'destination, email', 'destination');
      typeDestination(el, 'email-input', 'not an address');
      send(el);
      await untilEvent(events, 'enroll-error');
      await accessible(el, 'destination, email refused', 'destination');
      part<HTMLButtonElement>(el, 'choose-another')!.click();
      await untilStep(el, 'choose');

      parts<HTMLButtonElement>(el, 'factor-option')[1]!.click();
      await untilStep(el, 'destination');
      await accessible(el, 'destination, phone', 'destination');
      typeDestination(el, 'phone-input', '12');
      send(el);
      await untilEvent(events, 'enroll-error', 2);
      await accessible(el, 'destination, phone refused', 'destination');

      typeDestination(el, 'phone-input', US_NUMBER.typed);
      network.hold(isAssociate);
      send(el);
      await accessible(el, 'sending', 'sending');
      network.release();
      await untilStep(el, 'code-sent');
      expect(part<HTMLButtonElement>(el, 'resend')!.disabled, 'the countdown runs').to.equal(true);
      await accessible(el, 'code-sent, with the countdown', 'code-sent');

      const { code } = await untilMessage(tenant, US_NUMBER.e164);
      typeCode(el, otherCode(code));
      await untilEvent(events, 'enroll-error', 3);
      await untilStep(el, 'code-sent');
      await accessible(el, 'code-sent, after a wrong code', 'code-sent');

      await waitUntil(() => !part<HTMLButtonElement>(el, 'resend')!.disabled, 'the resend button stays disabled', { timeout: 5000 });
      network.hold(isAssociate);
      part<HTMLButtonElement>(el, 'resend')!.click();
      await accessible(el, 'resending', 'resending');
      network.release();
      await untilEvent(events, 'associated', 2);
      const { code: second } = await untilMessage(tenant, US_NUMBER.e164, 2);

      network.hold(isGrant);
      typeCode(el, second);
      await accessible(el, 'confirming-code', 'confirming-code');
      network.release();
      await untilStep(el, 'new-recovery-code');
      await saveCodesAndFinish(el);
      await untilStep(el, 'done');
      await accessible(el, 'done, text messages', 'done');
    });
  }

  it('sets up text messages with the keyboard alone: Tab and Enter to choose, the number, Enter to send, the code', async () => {
    const { el, events } = await renderWidget(tenant, { factors: 'otp sms' });
    await untilStep(el, 'choose');
    expect(focused(el), 'nothing taken before the user gets there').to.equal('nothing');
    await sendKeys({ press: 'Tab' });
    expect(focusedChoice(el), 'the app comes first').to.equal('otp');
    await sendKeys({ press: 'Tab' });
    expect(focusedChoice(el)).to.equal('sms');
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'destination');
    expect(focused(el), 'the number field on entering the step').to.equal('phone-input');

    await sendKeys({ type: '555 123 8730' });
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'code-sent');
    expect(focused(el), 'the code field once the code is sent').to.equal('code-input');

    const { code } = await untilMessage(tenant, US_NUMBER.e164);
    await sendKeys({ type: otherCode(code) });
    await untilEvent(events, 'enroll-error');
    await untilStep(el, 'code-sent');
    expect(focused(el), 'back in the code field after a wrong code').to.equal('code-input');
    expect(part(el, 'code-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(part(el, 'code-input')!.getAttribute('aria-describedby')).to.contain('error');

    await sendKeys({ type: code });
    await untilStep(el, 'new-recovery-code');
    expect(focused(el)).to.equal('#recovery-heading');
  });

  it('puts focus in the email field on entering it, and on the first choice after "Choose another way"', async () => {
    const { el } = await renderWidget(tenant, { factors: 'otp email' });
    await untilStep(el, 'choose');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'destination');
    expect(focused(el)).to.equal('email-input');

    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('send');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('choose-another');
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'choose');
    expect(focused(el)).to.equal('factor-option');
    expect(focusedChoice(el), 'the first choice').to.equal('otp');
  });

  it('says "Code sent." and the resend wait once, not every second of the countdown; "New code sent" after a resend', async () => {
    const { el, events } = await renderWidget(tenant, { factors: 'sms' });
    await untilStep(el, 'destination');
    const live = listenToLiveRegion(el);
    try {
      typeDestination(el, 'phone-input', US_NUMBER.typed);
      send(el);
      await untilStep(el, 'code-sent');
      await untilEvent(events, 'associated');
      const resend = part<HTMLButtonElement>(el, 'resend')!;
      expect(resend.closest('[aria-live], [role=status], [role=alert]'), 'the ticking button is in no live region').to.equal(null);
      // The countdown runs on screen (3, 2, 1) for over two seconds; the region says one thing.
      await waitUntil(() => resend.textContent!.trim() === 'Send a new code in 3 s', 'the countdown starts at 3 s');
      await waitUntil(() => resend.textContent!.trim() === 'Send a new code in 1 s', 'the countdown reaches 1 s', { timeout: 5000 });
      expect(live.said).to.deep.equal(['Code sent. You can ask for a new code in 3 seconds.']);

      await waitUntil(() => !resend.disabled, 'the resend button wakes', { timeout: 5000 });
      resend.click();
      await untilEvent(events, 'associated', 2);
      await el.updateComplete;
      expect(live.said).to.deep.equal([
        'Code sent. You can ask for a new code in 3 seconds.',
        'New code sent. The one before no longer works. You can ask for a new code in 3 seconds.',
      ]);
    } finally {
      live.stop();
    }
  });

  it('fits a 320 px wide screen: the number with the longest country names, and the sent code', async () => {
    const screen = phoneScreen(320);
    const { el } = await renderWidget(tenant, { factors: 'otp sms', parentNode: screen });
    await untilStep(el, 'choose');
    const fits = (state: string) => {
      expect(screen.scrollWidth, state).to.be.at.most(screen.clientWidth);
      const base = part(el, 'base')!;
      expect(base.scrollWidth, state).to.be.at.most(base.clientWidth);
    };
    expect(viewportRules(el), 'laid out by the width it gets alone').to.deep.equal([]);
    fits('choose');
    parts<HTMLButtonElement>(el, 'factor-option')[1]!.click();
    await untilStep(el, 'destination');
    const select = part<HTMLSelectElement>(el, 'country')!;
    const longest = [...select.options].reduce((a, b) => (b.text.length > a.text.length ? b : a));
    expect(longest.text.length, 'a long name is in the list').to.be.greaterThan(30);
    chooseCountry(el, longest.value);
    await el.updateComplete;
    fits('destination, the longest country chosen');
    expect(select.getBoundingClientRect().right).to.be.at.most(part(el, 'base')!.getBoundingClientRect().right + 0.5);

    typeDestination(el, 'phone-input', '+1 555 123 8730');
    send(el);
    await untilStep(el, 'code-sent');
    fits('code-sent');
  });
});
