// The experience of signing in again with <mfa-otp-verify>: every state accessible in light and
// dark, keyboard-only sign-in with a code and with a recovery code, focus on what changed,
// announcements, small screens, and every word in the user's language, right-to-left included.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { en } from '../src/i18n/english.js';
import { stringsFor } from '../src/i18n/languages.js';
import { format, type MfaStrings } from '../src/i18n/strings.js';
import type { MfaOtpVerify, VerifyStep } from '../src/verify/define.js';
import { nextCode } from './helpers/enrolled-user.js';
import { phoneScreen, viewportRules } from './helpers/screen.js';
import { expireCodes, newestCode, newPhone, signingIn } from './helpers/sent-codes.js';
import { addFault, createTenant, expireTokens, untilRequests, userState, type TestTenant } from './helpers/tenant.js';
import {
  holdingRequests,
  isChallenge,
  isGrant,
  isList,
  parts,
  renderVerify,
  saveNewCodeAndFinish,
  shownNewCode,
  submitRecoveryCode,
  typeInto,
  untilEvent,
  untilStep,
  useRecoveryCode,
  part,
  wrongCodeFor,
  wrongRecoveryCode,
} from './helpers/verify.js';

/**
 * What has focus inside the element, by its part (or id), as a string: an assertion on elements
 * themselves would spend ages printing them when it fails.
 */
const focused = (el: MfaOtpVerify): string => {
  const active = el.shadowRoot!.activeElement;
  return active ? (active.getAttribute('part') ?? `#${active.id}`) : 'nothing';
};
const region = (el: MfaOtpVerify) => el.shadowRoot!.querySelector('[role=status]')!;
const announced = (el: MfaOtpVerify) => region(el).textContent!.trim();

describe('sign-in experience', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  // `theme` decides the palette in every browser (media emulation only works over the DevTools protocol).
  for (const theme of ['light', 'dark'] as const) {
    it(`passes axe in every state, ${theme}`, async () => {
      const accessible = async (el: MfaOtpVerify, state: string, step: VerifyStep) => {
        await el.updateComplete;
        expect(el.step, state).to.equal(step);
        expect(getComputedStyle(el).colorScheme, state).to.equal(theme);
        await expect(el, state).to.be.accessible();
      };
      const idle = await fixture<MfaOtpVerify>(html`<mfa-otp-verify theme=${theme}></mfa-otp-verify>`);
      await accessible(idle, 'idle', 'idle');

      const network = holdingRequests();
      network.hold(isList);
      await addFault(tenant, { method: 'GET', path: '/mfa/authenticators', status: 503, body: '' });
      const { el, events, user } = await renderVerify(tenant, { fetch: network.fetch });
      el.theme = theme;
      await accessible(el, 'loading', 'loading');
      network.release();
      await untilEvent(events, 'verify-error');
      await accessible(el, 'error', 'error');
      part<HTMLButtonElement>(el, 'retry')!.click();
      await untilStep(el, 'code');
      await accessible(el, 'code', 'code');

      const wrong = await wrongCodeFor(user);
      network.hold(isGrant);
      typeInto(el, 'code-input', wrong);
      await accessible(el, 'verifying a code', 'verifying');
      network.release();
      await untilEvent(events, 'verify-error', 2);
      await untilStep(el, 'code');
      await accessible(el, 'wrong code', 'code');

      await useRecoveryCode(el);
      await accessible(el, 'recovery-code', 'recovery-code');
      await submitRecoveryCode(el, wrongRecoveryCode(user));
      await untilEvent(events, 'verify-error', 3);
      await untilStep(el, 'recovery-code');
      await accessible(el, 'wrong recovery code', 'recovery-code');

      network.hold(isGrant);
      await submitRecoveryCode(el, user.recoveryCode);
      await accessible(el, 'verifying a recovery code', 'verifying');
      network.release();
      await untilStep(el, 'new-recovery-code');
      await accessible(el, 'new-recovery-code', 'new-recovery-code');
      await saveNewCodeAndFinish(el);
      await untilStep(el, 'done');
      await accessible(el, 'done', 'done');
    });
  }

  it('signs in with the keyboard alone, with the code from the app', async () => {
    const { el, events, user } = await renderVerify(tenant);
    await untilStep(el, 'code');
    expect(focused(el), 'the code input once it is ready').to.equal('code-input');
    await sendKeys({ type: await nextCode(user) });
    await untilEvent(events, 'verified');
    await untilStep(el, 'done');
    expect(focused(el), 'the success message, so focus is not lost').to.equal('done');
  });

  it('signs in with the keyboard alone, with a recovery code, through to Finish', async () => {
    const { el, events, user } = await renderVerify(tenant);
    await untilStep(el, 'code');
    expect(focused(el)).to.equal('code-input');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('submit');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('use-recovery-code');
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'recovery-code');
    expect(focused(el), 'the recovery input after the switch').to.equal('recovery-input');
    await sendKeys({ type: user.recoveryCode.toLowerCase().match(/.{4}/g)!.join(' ') });
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'new-recovery-code');
    expect(focused(el), 'the new code’s heading').to.equal('#recovery-heading');
    expect(el.shadowRoot!.activeElement!.textContent).to.equal('Save your new recovery code');

    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await sendKeys({ press: 'Tab' });
      order.push(focused(el));
    }
    expect(order, 'Finish is skipped while disabled').to.deep.equal(['copy-codes', 'download-codes', 'print-codes', 'recovery-ack']);
    await sendKeys({ type: ' ' }); // 'Space' is not a key name Firefox's driver knows
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('finish');
    await sendKeys({ press: 'Enter' });
    expect((await untilEvent(events, 'verified')).detail.method).to.equal('recovery-code');
    await untilStep(el, 'done');
    expect(focused(el)).to.equal('done');
  });

  it('puts focus back in the field after a wrong code, and after a wrong recovery code, each described by the alert', async () => {
    const { el, events, user } = await renderVerify(tenant);
    await untilStep(el, 'code');
    const wrong = await wrongCodeFor(user);
    await sendKeys({ type: wrong });
    await untilEvent(events, 'verify-error');
    await untilStep(el, 'code');
    expect(focused(el)).to.equal('code-input');
    expect(part(el, 'code-input')!.getAttribute('aria-describedby')!.split(' ')).to.include('error');
    part(el, 'submit')!.focus(); // pasted, then Verify pressed: focus left the field
    typeInto(el, 'code-input', wrong);
    await untilEvent(events, 'verify-error', 2);
    await untilStep(el, 'code');
    expect(focused(el), 'back in the field from elsewhere').to.equal('code-input');

    await useRecoveryCode(el);
    part(el, 'submit')!.focus(); // pressed with the mouse: focus left the field
    await submitRecoveryCode(el, wrongRecoveryCode(user));
    await untilEvent(events, 'verify-error', 3);
    await untilStep(el, 'recovery-code');
    expect(focused(el)).to.equal('recovery-input');
    expect(part(el, 'recovery-input')!.getAttribute('aria-describedby')!.split(' ')).to.include('error');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
  });

  it('moves focus into the field of the other path on each switch', async () => {
    const { el } = await renderVerify(tenant);
    await untilStep(el, 'code');
    part<HTMLButtonElement>(el, 'use-recovery-code')!.focus();
    part<HTMLButtonElement>(el, 'use-recovery-code')!.click();
    await untilStep(el, 'recovery-code');
    expect(focused(el)).to.equal('recovery-input');
    part<HTMLButtonElement>(el, 'use-code')!.focus();
    part<HTMLButtonElement>(el, 'use-code')!.click();
    await untilStep(el, 'code');
    expect(focused(el), 'the code input after switching back').to.equal('code-input');
  });

  it('moves focus to the message when a failure ends the sign-in with focus inside', async () => {
    const { el, events, user } = await renderVerify(tenant);
    await untilStep(el, 'code');
    part(el, 'code-input')!.focus();
    // The challenge behind the field is answered first: expired before it, the sign-in would end
    // there, before any code is typed (a slow machine did that once).
    await untilRequests(tenant, 'POST', '/mfa/challenge', 1);
    await expireTokens(tenant);
    typeInto(el, 'code-input', await nextCode(user));
    await untilEvent(events, 'verify-error');
    await untilStep(el, 'error');
    expect(focused(el)).to.equal('error');
  });

  it('leaves focus where the user is when it is elsewhere on the page', async () => {
    const page = await fixture<HTMLInputElement>(html`<input aria-label="Search" />`);
    page.focus();
    const { el, user } = await renderVerify(tenant);
    await untilStep(el, 'code');
    expect(document.activeElement === page, 'no caret stolen when the code prompt appears').to.equal(true);
    typeInto(el, 'code-input', await nextCode(user));
    await untilStep(el, 'done');
    expect(document.activeElement === page, 'nor when the sign-in ends').to.equal(true);
  });

  it('with no recovery code left: the heading takes focus and is announced, axe passes light and dark, Continue by keyboard', async () => {
    const lastCode = await createTenant({ recoveryCodeRotation: false });
    const { el, events, user } = await renderVerify(lastCode);
    await untilStep(el, 'code');
    await useRecoveryCode(el);
    await submitRecoveryCode(el, user.recoveryCode);
    await untilStep(el, 'recovery-code-used-up');
    expect(focused(el)).to.equal('#recovery-heading');
    expect(announced(el)).to.equal('You have no recovery code now');
    for (const theme of ['light', 'dark'] as const) {
      el.theme = theme;
      await el.updateComplete;
      expect(getComputedStyle(el).colorScheme).to.equal(theme);
      await expect(el, theme).to.be.accessible();
    }
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('finish');
    await sendKeys({ press: 'Enter' });
    await untilEvent(events, 'verified');
    expect(el.step).to.equal('done');
  });

  it('announces each step in the polite live region, but not a switch of paths', async () => {
    const { el, events, user } = await renderVerify(tenant);
    await untilStep(el, 'code');
    const status = region(el);
    expect(status.getAttribute('aria-live')).not.to.equal('assertive');
    expect(announced(el)).to.equal('Open your authenticator app and enter the code it shows for this account.');
    const before = status.firstElementChild;
    await useRecoveryCode(el);
    part<HTMLButtonElement>(el, 'use-code')!.click();
    await untilStep(el, 'code');
    expect(status.firstElementChild === before, 'nothing new said on a switch: focus lands on the field').to.equal(true);

    typeInto(el, 'code-input', await wrongCodeFor(user));
    expect(el.step).to.equal('verifying');
    await el.updateComplete;
    expect(announced(el)).to.equal('Verifying…');
    await untilEvent(events, 'verify-error');
    await useRecoveryCode(el);
    await submitRecoveryCode(el, user.recoveryCode);
    await untilStep(el, 'new-recovery-code');
    expect(announced(el)).to.equal('Save your new recovery code');

    const clipboard = navigator.clipboard;
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => undefined } });
    try {
      part<HTMLButtonElement>(el, 'copy-codes')!.click();
      await untilAnnounced(el, 'Copied.');
    } finally {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard });
    }
    await saveNewCodeAndFinish(el);
    await untilStep(el, 'done');
    expect(announced(el)).to.equal('You’re signed in.');
    expect(el.shadowRoot!.querySelectorAll('[role=status]')).to.have.length(1);
    expect(region(el) === status, 'the same region throughout').to.equal(true);
  });

  it('fits a 320 px wide screen without sideways scrolling, on both paths and with the new code', async () => {
    const screen = phoneScreen(320);
    const { el, user } = await renderVerify(tenant, { parentNode: screen });
    const fits = (state: string) => {
      expect(screen.scrollWidth, state).to.be.at.most(screen.clientWidth);
      const base = part(el, 'base')!;
      expect(base.scrollWidth, state).to.be.at.most(base.clientWidth);
      expect(el.getBoundingClientRect().right, state).to.be.at.most(screen.getBoundingClientRect().right);
    };
    await untilStep(el, 'code');
    expect(viewportRules(el), 'laid out by the width it gets alone').to.deep.equal([]);
    fits('code');
    await useRecoveryCode(el);
    typeInto(el, 'recovery-input', user.recoveryCode.match(/.{4}/g)!.join(' - '));
    await el.updateComplete;
    fits('recovery');
    part<HTMLButtonElement>(el, 'submit')!.click();
    await untilStep(el, 'new-recovery-code');
    fits('new-recovery-code');
    const code = part(el, 'new-recovery-code')!;
    expect(code.scrollWidth, 'the new code fits').to.be.at.most(code.clientWidth);
  });
});

async function untilAnnounced(el: MfaOtpVerify, message: string): Promise<void> {
  const { waitUntil } = await import('@open-wc/testing');
  await waitUntil(() => announced(el) === message, `"${message}" not announced (got "${announced(el)}")`);
}

describe('sign-in in other languages', () => {
  let tenant: TestTenant;
  before(async () => {
    await import('../src/locales/de.js');
    await import('../src/locales/ar.js');
  });
  beforeEach(async () => {
    tenant = await createTenant();
  });

  /** Every string of a table, as the element shows it. */
  const shown = (table: MfaStrings) =>
    new Set(
      [...Object.values(table), ...Object.values(table.errors)]
        .filter((value): value is string => typeof value === 'string')
        .map((value) => format(value, { digits: 6, seconds: 30 })),
    );
  /** The element's visible text nodes that are not in `words`, codes aside. */
  const untranslated = (el: MfaOtpVerify, words: Set<string>) => {
    const walker = document.createTreeWalker(el.shadowRoot!, NodeFilter.SHOW_TEXT);
    const found: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent!.trim();
      if (text && node.parentElement?.localName !== 'style' && !words.has(text) && !/^[A-Z0-9]{24}$/.test(text)) found.push(text);
    }
    return found;
  };

  it('says every word in German, in every state', async () => {
    const de = stringsFor('de')!;
    const german = shown(de);
    const network = holdingRequests();
    network.hold(isList);
    const { el, events, user } = await renderVerify(tenant, { fetch: network.fetch });
    el.setAttribute('lang', 'de');
    await el.updateComplete;
    const inGerman = (state: string) => expect(untranslated(el, german), state).to.deep.equal([]);
    inGerman('loading');
    expect(el.shadowRoot!.textContent).to.contain(de.verifyLoading);
    network.release();
    await untilStep(el, 'code');
    inGerman('code');
    expect(part(el, 'heading')!.textContent!.trim()).to.equal(de.verifyHeading);
    expect(part(el, 'use-recovery-code')!.textContent!.trim()).to.equal(de.useRecoveryCode);
    expect(part<HTMLInputElement>(el, 'code-input')!.labels![0]!.textContent).to.equal(format(de.codeLabel, { digits: 6 }));

    typeInto(el, 'code-input', await wrongCodeFor(user));
    await untilEvent(events, 'verify-error');
    await untilStep(el, 'code');
    inGerman('wrong code');
    expect(part(el, 'error')!.textContent).to.equal(de.errors.invalid_code);

    await useRecoveryCode(el);
    inGerman('recovery');
    expect(part(el, 'use-code')!.textContent!.trim()).to.equal(de.useCode);
    await submitRecoveryCode(el, 'zu kurz');
    await untilEvent(events, 'verify-error', 2);
    await el.updateComplete;
    inGerman('recovery code of the wrong shape');
    expect(part(el, 'error')!.textContent).to.equal(de.errors.invalid_recovery_code);

    await submitRecoveryCode(el, user.recoveryCode);
    await untilStep(el, 'new-recovery-code');
    inGerman('new-recovery-code');
    expect(el.shadowRoot!.querySelector('#recovery-heading')!.textContent).to.equal(de.newRecoveryHeading);
    await saveNewCodeAndFinish(el);
    await untilStep(el, 'done');
    inGerman('done');
    expect(part(el, 'done')!.textContent).to.equal(de.verified);
  });

  it('says it in German and Arabic when no recovery code is left', async () => {
    const lastCode = await createTenant({ recoveryCodeRotation: false });
    for (const lang of ['de', 'ar']) {
      const table = stringsFor(lang)!;
      const { el, user } = await renderVerify(lastCode);
      el.setAttribute('lang', lang);
      await untilStep(el, 'code');
      await useRecoveryCode(el);
      await submitRecoveryCode(el, user.recoveryCode);
      await untilStep(el, 'recovery-code-used-up');
      expect(untranslated(el, shown(table)), lang).to.deep.equal([]);
      expect(part(el, 'recovery-code-used-up')!.textContent, lang).to.equal(table.recoveryCodeUsedUpIntro);
      expect(part(el, 'finish')!.textContent!.trim(), lang).to.equal(table.continue);
      expect(getComputedStyle(part(el, 'base')!).direction, lang).to.equal(lang === 'ar' ? 'rtl' : 'ltr');
    }
  });

  it('lays out Arabic right to left, keeping both code fields and the new code left to right', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="ar"></div>`);
    const { el, user } = await renderVerify(tenant);
    wrapper.append(el);
    await untilStep(el, 'code');
    const ar = stringsFor('ar')!;
    const base = part(el, 'base')!;
    expect(base.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(base).direction).to.equal('rtl');
    expect(part(el, 'heading')!.textContent!.trim()).to.equal(ar.verifyHeading);
    expect(part(el, 'code-input')!.getAttribute('dir')).to.equal('ltr');
    expect(getComputedStyle(part(el, 'code-input')!).direction).to.equal('ltr');
    await expect(el).to.be.accessible();

    await useRecoveryCode(el);
    expect(part(el, 'recovery-input')!.getAttribute('dir')).to.equal('ltr');
    expect(getComputedStyle(part(el, 'recovery-input')!).direction).to.equal('ltr');
    expect(part(el, 'use-code')!.textContent!.trim()).to.equal(ar.useCode);
    await submitRecoveryCode(el, user.recoveryCode);
    await untilStep(el, 'new-recovery-code');
    expect(getComputedStyle(part(el, 'new-recovery-code')!).direction).to.equal('ltr');
    expect(shownNewCode(el)).to.match(/^[A-Z0-9]{24}$/);
    await expect(el).to.be.accessible();
  });
});

describe('sign-in experience with codes sent by text, call or email', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  const tail = (phone: string) => `••••${phone.slice(-4)}`;
  const button = (el: MfaOtpVerify, name: string) => part<HTMLButtonElement>(el, name)!;
  /** Opens "Use another method" and picks the option whose words contain `label`. */
  async function choose(el: MfaOtpVerify, label: string): Promise<void> {
    button(el, 'other-methods').click();
    await untilStep(el, 'choose-method');
    parts<HTMLButtonElement>(el, 'method-option').find((option) => option.textContent!.includes(label))!.click();
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`passes axe in every state of a sent code and of the list of methods, ${theme}`, async () => {
      const accessible = async (el: MfaOtpVerify, state: string, step: VerifyStep) => {
        await el.updateComplete;
        expect(el.step, state).to.equal(step);
        expect(getComputedStyle(el).colorScheme, state).to.equal(theme);
        await expect(el, state).to.be.accessible();
      };
      const phone = newPhone();
      const { user, token } = await signingIn(tenant, { app: true, phone, email: 'axe@example.com' });
      const network = holdingRequests();
      const { el, events } = await renderVerify(tenant, { user, token, fetch: network.fetch });
      el.theme = theme;
      await untilStep(el, 'code');
      button(el, 'other-methods').click();
      await untilStep(el, 'choose-method');
      await accessible(el, 'the list, from the app', 'choose-method');

      network.hold(isChallenge);
      parts<HTMLButtonElement>(el, 'method-option')[1]!.click();
      await untilStep(el, 'sending-code');
      expect(focused(el), 'where the code goes, while it does').to.equal('sent-to');
      await accessible(el, 'sending a text message', 'sending-code');
      network.release();
      await untilStep(el, 'code-sent');
      await accessible(el, 'a text message sent', 'code-sent');
      const text = await newestCode(tenant, phone);
      typeInto(el, 'code-input', text === '000000' ? '111111' : '000000');
      await untilEvent(events, 'verify-error');
      await untilStep(el, 'code-sent');
      await accessible(el, 'a wrong sent code', 'code-sent');

      await choose(el, 'Voice call');
      await untilStep(el, 'code-sent');
      await accessible(el, 'a call placed', 'code-sent');
      await expireCodes(tenant);
      typeInto(el, 'code-input', await newestCode(tenant, phone, 2));
      await untilEvent(events, 'verify-error', 2);
      await untilStep(el, 'code-sent');
      await accessible(el, 'a code that ran out', 'code-sent');
      await addFault(tenant, { method: 'POST', path: '/mfa/challenge', status: 429, body: '{"error":"too_many_messages"}', headers: { 'Retry-After': '40' } });
      button(el, 'resend').click();
      await untilEvent(events, 'verify-error', 3);
      await accessible(el, 'another code refused by the message limit', 'code-sent');
      expect(button(el, 'resend').textContent!.trim()).to.match(/^Call again in (39|40) s$/);

      await choose(el, 'Email');
      await untilStep(el, 'code-sent');
      network.hold(isGrant);
      typeInto(el, 'code-input', await newestCode(tenant, 'axe@example.com'));
      await accessible(el, 'verifying a sent code', 'verifying');
      network.release();
      await untilStep(el, 'done');

      await addFault(tenant, { method: 'POST', path: '/mfa/challenge', status: 503, body: '' });
      const failed = await signingIn(tenant, { phone: newPhone(), email: 'axe2@example.com' });
      const second = await renderVerify(tenant, failed);
      second.el.theme = theme;
      await untilEvent(second.events, 'verify-error');
      await accessible(second.el, 'a text message that could not be sent', 'error');
      expect(part(second.el, 'other-methods')).not.to.equal(null);
    });
  }

  it('fits a 320 px wide screen: a call placed, a long address in the list, a failed send', async () => {
    const screen = phoneScreen(320);
    const phone = newPhone();
    const address = 'a.rather.long.address.for.signing.in@subdomain.example-company.com';
    const { user, token } = await signingIn(tenant, { phone, phoneChannel: 'voice', email: address });
    const voiceId = (await userState(tenant, user.email)).authenticators.find((a) => a.id.startsWith('voice|'))!.id;
    const { el } = await renderVerify(tenant, { user, token, authenticatorId: voiceId, parentNode: screen });
    const fits = (state: string) => {
      expect(screen.scrollWidth, state).to.be.at.most(screen.clientWidth);
      const base = part(el, 'base')!;
      expect(base.scrollWidth, state).to.be.at.most(base.clientWidth);
      for (const option of parts(el, 'method-option')) expect(option.scrollWidth, `${state}: ${option.textContent}`).to.be.at.most(option.clientWidth);
    };
    await untilStep(el, 'code-sent');
    expect(part(el, 'sent-to')!.textContent).to.contain('calling');
    fits('a call placed');
    button(el, 'other-methods').click();
    await untilStep(el, 'choose-method');
    fits('the list');
    await addFault(tenant, { method: 'POST', path: '/mfa/challenge', status: 400, body: JSON.stringify({ error: 'invalid_request', error_description: 'x'.repeat(120) }) });
    parts<HTMLButtonElement>(el, 'method-option').find((option) => option.textContent!.includes('Email to'))!.click();
    await untilStep(el, 'error');
    fits('a failed send');
  });

  it('shows a sent code and the list in German and in Arabic, right to left with the number left to right', async () => {
    await import('../src/locales/de.js');
    await import('../src/locales/ar.js');
    for (const lang of ['de', 'ar']) {
      // The language's words, English where it has none yet.
      const table = { ...en, ...stringsFor(lang)! };
      const screen = phoneScreen(320);
      screen.lang = lang;
      const phone = newPhone();
      const { user, token } = await signingIn(tenant, { app: true, phone });
      const { el, events } = await renderVerify(tenant, { user, token, parentNode: screen });
      await untilStep(el, 'code');
      expect(part(el, 'other-methods')!.textContent!.trim(), lang).to.equal(table.otherMethods);
      button(el, 'other-methods').click();
      await untilStep(el, 'choose-method');
      expect(el.shadowRoot!.querySelector('#methods-heading')!.textContent, lang).to.equal(table.methodsHeading);
      const shown = parts(el, 'method-option').map((option) => option.textContent!.replace(/\s+/g, ' ').trim());
      expect(shown, lang).to.deep.equal([
        table.appMethod,
        format(table.smsTo, { destination: tail(phone) }),
        format(table.voiceTo, { destination: tail(phone) }),
        table.recoveryMethod,
      ]);
      expect(part(el, 'back')!.textContent!.trim(), lang).to.equal(table.back);
      for (const destination of el.shadowRoot!.querySelectorAll('.destination')) expect(getComputedStyle(destination).direction, lang).to.equal('ltr');
      await expect(el, lang).to.be.accessible();

      parts<HTMLButtonElement>(el, 'method-option')[1]!.click();
      await untilStep(el, 'code-sent');
      const base = part(el, 'base')!;
      expect(getComputedStyle(base).direction, lang).to.equal(lang === 'ar' ? 'rtl' : 'ltr');
      expect(part(el, 'sent-to')!.textContent, lang).to.equal(format(table.sentTo, { destination: tail(phone) }));
      const destination = part(el, 'sent-to')!.querySelector('.destination')!;
      expect(destination.getAttribute('dir'), lang).to.equal('ltr');
      expect(getComputedStyle(destination).direction, lang).to.equal('ltr');
      expect(getComputedStyle(part(el, 'code-input')!).direction, lang).to.equal('ltr');
      expect(part<HTMLInputElement>(el, 'code-input')!.labels![0]!.textContent, lang).to.equal(format(table.sentCodeLabel, { digits: 6 }));
      expect([30, 29].map((seconds) => format(table.resendIn, { seconds })), lang).to.include(part(el, 'resend')!.textContent!.trim());
      expect(screen.scrollWidth, lang).to.be.at.most(screen.clientWidth);
      await expect(el, lang).to.be.accessible();
      const code = await newestCode(tenant, phone);
      typeInto(el, 'code-input', code === '000000' ? '111111' : '000000');
      await untilEvent(events, 'verify-error');
      await untilStep(el, 'code-sent');
      expect(part(el, 'error')!.textContent, lang).to.equal(table.wrongSentCode);
    }
  });
});
