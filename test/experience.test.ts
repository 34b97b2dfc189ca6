// The experience: every state accessible in light and dark, keyboard-only enrollment with focus
// in the right places, announcements, small screens, and the recovery-code tools.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { MfaOtpEnroll } from '../src/index.js';
import { phoneScreen, viewportRules } from './helpers/screen.js';
import { addFault, createTenant, expireTokens, type TestTenant } from './helpers/tenant.js';
import { currentCode, hasCdp, part, renderWidget, shownSecret, typeCode, untilEvent, untilStep } from './helpers/widget.js';

const focused = (el: MfaOtpEnroll) => el.shadowRoot!.activeElement;
const announced = (el: MfaOtpEnroll) => el.shadowRoot!.querySelector('[role=status]')!.textContent!.trim();

describe('experience', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant({ name: 'Example Co' });
  });
  afterEach(async () => {
    if (hasCdp) await emulateMedia({ colorScheme: 'light' });
  });

  // The dark palette is the same whether the user's setting or the host's `theme` picks it;
  // `theme` works in every browser, media emulation only where the DevTools protocol does.
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`passes axe in every state, ${colorScheme}`, async () => {
      const idle = await fixture<MfaOtpEnroll>(html`<mfa-otp-enroll theme=${colorScheme}></mfa-otp-enroll>`);
      await expect(idle, 'idle').to.be.accessible();

      await addFault(tenant, { method: 'POST', path: '/mfa/associate', status: 503, delayMs: 300, body: '' });
      const { el, events } = await renderWidget(tenant);
      el.theme = colorScheme;
      await expect(el, 'loading').to.be.accessible();
      await untilEvent(events, 'enroll-error');
      await expect(el, 'error').to.be.accessible();
      part<HTMLButtonElement>(el, 'retry')!.click();
      await untilStep(el, 'scan');
      await expect(el, 'scan').to.be.accessible();
      part<HTMLDetailsElement>(el, 'manual')!.open = true;
      await expect(el, 'scan, manual entry open').to.be.accessible();

      await addFault(tenant, { method: 'POST', path: '/oauth/token', status: 403, delayMs: 300, body: JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid otp_code.' }) });
      typeCode(el, await currentCode(el));
      await el.updateComplete;
      await expect(el, 'confirming').to.be.accessible();
      await untilEvent(events, 'enroll-error', 2);
      await untilStep(el, 'scan');
      await expect(el, 'wrong code').to.be.accessible();
      typeCode(el, await currentCode(el));
      await untilStep(el, 'new-recovery-code');
      await expect(el, 'new-recovery-code').to.be.accessible();
      part<HTMLInputElement>(el, 'recovery-ack')!.click();
      await el.updateComplete;
      part<HTMLButtonElement>(el, 'finish')!.click();
      await untilStep(el, 'done');
      await expect(el, 'done').to.be.accessible();
    });
  }

  it('enrolls with the keyboard alone, focus following each step', async () => {
    const { el, events } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    await untilEvent(events, 'associated');
    expect(focused(el), 'the code input when scanning starts').to.equal(part(el, 'code-input'));
    await sendKeys({ type: await currentCode(el) });
    await untilStep(el, 'new-recovery-code');
    expect(focused(el)?.id, 'the recovery heading after the confirm').to.equal('recovery-heading');

    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await sendKeys({ press: 'Tab' });
      order.push(focused(el)?.getAttribute('part') ?? '');
    }
    expect(order, 'Finish is skipped while disabled').to.deep.equal(['copy-codes', 'download-codes', 'print-codes', 'recovery-ack']);
    await sendKeys({ type: ' ' }); // 'Space' is not a key name Firefox's driver knows
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.getAttribute('part')).to.equal('finish');
    await sendKeys({ press: 'Enter' });
    await untilEvent(events, 'enrolled');
    expect(focused(el)?.id, 'the success message, so focus is not lost').to.equal('done');
  });

  it('after a wrong code: focus back in the input, described by the alert', async () => {
    const { el, events } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    await sendKeys({ type: '000000' });
    await untilEvent(events, 'enroll-error');
    await untilStep(el, 'scan');
    expect(focused(el)).to.equal(part(el, 'code-input'));
    expect(part(el, 'code-input')!.getAttribute('aria-describedby')).to.contain('error');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
  });

  it('moves focus to the message when a failure ends the step', async () => {
    const { el, events } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    part(el, 'code-input')!.focus();
    await expireTokens(tenant);
    typeCode(el, await currentCode(el));
    await untilEvent(events, 'enroll-error');
    await untilStep(el, 'error');
    await el.updateComplete;
    expect(focused(el)).to.equal(part(el, 'error'));
  });

  it('announces step changes in a polite live region', async () => {
    const { el } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    expect(announced(el)).to.contain('Scan the QR code');
    const region = el.shadowRoot!.querySelector('[role=status]')!;
    const before = region.firstElementChild;
    typeCode(el, await currentCode(el));
    await untilStep(el, 'new-recovery-code');
    expect(announced(el)).to.equal('Save your recovery code');
    // Each message is a new node in the same region: said even when the words repeat.
    expect(el.shadowRoot!.querySelector('[role=status]')).to.equal(region);
    expect(region.firstElementChild).not.to.equal(before);
  });

  it('shows the key with account, issuer, algorithm, digits and interval under "Can’t scan?"', async () => {
    const { el, email } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    const manual = part<HTMLDetailsElement>(el, 'manual')!;
    expect(manual.open).to.equal(false);
    manual.querySelector('summary')!.click();
    await el.updateComplete;
    expect(manual.open).to.equal(true);
    const pairs = [...manual.querySelectorAll('dt')].map((dt) => [dt.textContent!.trim(), dt.nextElementSibling!.textContent!.trim()]);
    expect(Object.fromEntries(pairs.slice(1))).to.deep.equal({
      Account: email,
      Issuer: 'Example Co',
      Algorithm: 'SHA1',
      Digits: '6',
      Interval: '30 seconds',
    });
    const spelled = part(el, 'secret')!.querySelector('.visually-hidden')!.textContent!;
    expect(spelled.replace(/[ ,]/g, '')).to.equal(shownSecret(el));
    expect(spelled).to.match(/^([A-Z2-7] ){3}[A-Z2-7], /);
  });

  it('copies the key unspaced and says so; selects it when the clipboard refuses', async () => {
    const { el } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    part<HTMLDetailsElement>(el, 'manual')!.open = true;
    await el.updateComplete;
    const clipboard = navigator.clipboard;
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void written.push(text) } });
    try {
      part<HTMLButtonElement>(el, 'copy-secret')!.click();
      await waitUntil(() => announced(el) === 'Copied.', 'no "Copied." announced');
      expect(written).to.deep.equal([shownSecret(el)]);

      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: () => Promise.reject(new Error('denied')) } });
      part<HTMLButtonElement>(el, 'copy-secret')!.click();
      await waitUntil(() => announced(el).includes('selected'), 'no fallback announced');
      expect(getSelection()!.toString().replace(/\s+/g, '')).to.equal(shownSecret(el));
    } finally {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard });
    }
  });

  it('downloads the recovery codes as a .txt named after the issuer, and prints only the codes', async () => {
    const { el } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    const secret = shownSecret(el); // read while it is on screen: the printout must not have it
    typeCode(el, await currentCode(el));
    await untilStep(el, 'new-recovery-code');
    const code = part(el, 'recovery-codes')!.textContent!.trim();

    const click = HTMLAnchorElement.prototype.click;
    let download: { name: string; text: Promise<string> } | undefined;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      download = { name: this.download, text: fetch(this.href).then((response) => response.text()) };
    };
    try {
      part<HTMLButtonElement>(el, 'download-codes')!.click();
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(download!.name).to.equal('Example-Co-recovery-codes.txt');
    const text = await download!.text;
    expect(text).to.contain('Example Co');
    expect(text.trim().split(/\r\n/).at(-1)).to.equal(code);

    const open = window.open;
    const printed: string[] = [];
    let printTitle = '';
    window.open = (() => {
      const doc = document.implementation.createHTMLDocument('');
      const print = () => {
        printTitle = doc.title;
        printed.push(doc.body.textContent!);
      };
      return { document: doc, focus() {}, close() {}, print } as unknown as Window;
    }) as typeof window.open;
    try {
      part<HTMLButtonElement>(el, 'print-codes')!.click();
    } finally {
      window.open = open;
    }
    expect(printed).to.have.length(1);
    expect(printed[0]).to.contain(code);
    expect(printed[0]).not.to.contain(secret);
    expect(printTitle).to.contain('Recovery codes for Example Co');
  });

  it('fits a 320 px wide screen without sideways scrolling', async () => {
    const screen = phoneScreen(320);
    const { el } = await renderWidget(tenant, { parentNode: screen });
    await untilStep(el, 'scan');
    part<HTMLDetailsElement>(el, 'manual')!.open = true;
    await el.updateComplete;
    expect(viewportRules(el), 'laid out by the width it gets alone').to.deep.equal([]);
    expect(screen.scrollWidth).to.be.at.most(screen.clientWidth);
    const base = part(el, 'base')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth);
  });

  it('does not move anything when the QR arrives (the loading skeleton has the same layout)', async () => {
    await addFault(tenant, { method: 'POST', path: '/mfa/associate', status: 200, delayMs: 300, body: '' });
    const { el, events } = await renderWidget(tenant);
    const positions = () =>
      ['form', 'code-input', 'submit'].map((name) => JSON.stringify(part(el, name)!.getBoundingClientRect()));
    const heightWhileLoading = el.getBoundingClientRect().height;
    const whileLoading = positions();
    await untilEvent(events, 'enroll-error'); // the delayed empty answer: back to a real associate
    part<HTMLButtonElement>(el, 'retry')!.click();
    await untilStep(el, 'scan');
    expect(positions()).to.deep.equal(whileLoading);
    expect(el.getBoundingClientRect().height).to.equal(heightWhileLoading);
  });

  it('has no motion for reduced-motion users to turn off: no transition or animation anywhere', async () => {
    const { el } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    const moving = [...el.shadowRoot!.querySelectorAll('*')].filter((node) => {
      const style = getComputedStyle(node);
      return style.transitionDuration !== '0s' || style.animationName !== 'none';
    });
    expect(el.shadowRoot!.querySelectorAll('*').length).to.be.greaterThan(20);
    expect(moving.map((node) => node.localName)).to.deep.equal([]);
  });

  it('keeps the QR dark on white when the host forces a dark theme', async () => {
    const { el } = await renderWidget(tenant);
    el.theme = 'dark';
    await untilStep(el, 'scan');
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(part(el, 'base')!.parentElement ?? el).colorScheme).to.equal('dark');
    expect(getComputedStyle(el).color).not.to.equal('rgb(27, 31, 36)');
    expect(getComputedStyle(part(el, 'qr')!).backgroundColor).to.equal('rgb(255, 255, 255)');
  });
});
