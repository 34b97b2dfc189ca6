// The experience of <mfa-authenticators> with phones and emails: axe in light and dark (the list
// with them, the confirmation for a phone, the inline add-phone at each step), adding a phone with
// the keyboard alone, a 320 px screen, German, and Arabic with the masked number left to right.
import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import de from '../src/locales/de.js';
import ar from '../src/locales/ar.js';
import type { MfaOtpEnroll } from '../src/index.js';
import type { MfaAuthenticators } from '../src/authenticators/define.js';
import {
  announced,
  askToRemove,
  factorsFirst,
  hasCdp,
  holdingRequests,
  inlineEnroll,
  part,
  parts,
  renderManage,
  rowOf,
  rows,
  typeDestination,
  untilEvent,
  untilStep,
  type ManageOptions,
} from './helpers/authenticators.js';
import { enrolledUser } from './helpers/enrolled-user.js';
import { untilMessage } from './helpers/outbox.js';
import { phoneScreen } from './helpers/screen.js';
import { addMethod, createTenant, type ListedMethod, type TestTenant } from './helpers/tenant.js';

const PHONE = '+15551238730';

/** What has focus, through the inline enrollment's shadow root too: its part, else its id. */
function focusedPart(el: MfaAuthenticators): string | null {
  let active = el.shadowRoot!.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active?.getAttribute('part') ?? active?.id ?? null;
}

/** Tab until focus is on a part of the list named `name` (at most `limit` presses). */
async function tabTo(el: MfaAuthenticators, name: string, limit = 12): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await sendKeys({ press: 'Tab' });
    if (focusedPart(el) === name) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

/** An enrolled user with a phone by text message and the email Auth0 made from their verified address, the element showing them. */
async function listWithPhoneAndEmail(tenant: TestTenant, options: ManageOptions = {}) {
  const user = await enrolledUser(tenant);
  const phone = await addMethod(tenant, user.email, { type: 'phone', phone_number: PHONE, preferred_authentication_method: 'sms' });
  const email = await addMethod(tenant, user.email, { type: 'email', verified: true });
  const widget = await renderManage(tenant, { user, knownEmail: user.email, ...options });
  await untilStep(widget.el, 'list');
  return { ...widget, phone, email };
}

/** Add a phone, then text messages: the inline enrollment at its number. */
async function toPhoneNumber(el: MfaAuthenticators): Promise<MfaOtpEnroll> {
  part<HTMLButtonElement>(el, 'add-phone')!.click();
  await untilStep(el, 'adding');
  const inline = inlineEnroll(el);
  await untilStep(inline, 'choose');
  parts<HTMLButtonElement>(inline, 'factor-option')[0]!.click();
  await untilStep(inline, 'destination');
  return inline;
}

/** Where the first and last characters of `text` are drawn in the row's name, left to right. */
function drawnAt(row: HTMLElement, text: string): { first: number; last: number } {
  const node = [...row.querySelector('.name')!.childNodes].find((child) => child.nodeType === Node.TEXT_NODE && child.textContent!.includes(text))!;
  expect(node, `${text} in the name`).not.to.equal(undefined);
  const start = node.textContent!.indexOf(text);
  const x = (offset: number) => {
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    return range.getBoundingClientRect().left;
  };
  return { first: x(start), last: x(start + text.length - 1) };
}

describe('<mfa-authenticators>: phones and emails, experience', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant({ name: 'Example Co' });
  });
  afterEach(async () => {
    if (hasCdp) await emulateMedia({ colorScheme: 'light' });
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`passes axe with zero violations, ${theme}: the list with a phone and an email, removing a phone, adding one inline`, async () => {
      const seam = holdingRequests();
      const { el, phone } = await listWithPhoneAndEmail(tenant, { theme, fetch: factorsFirst(seam.fetch) });
      expect(rows(el).map((r) => r.channel)).to.include('Codes by text message');
      await expect(el, 'list with a phone and an email').to.be.accessible();

      await askToRemove(el, rowOf(el, phone.id));
      await expect(el, 'confirm-remove of a phone').to.be.accessible();
      part<HTMLButtonElement>(el, 'cancel-remove')!.click();
      await untilStep(el, 'list');

      part<HTMLButtonElement>(el, 'add-phone')!.click();
      await untilStep(el, 'adding');
      const inline = inlineEnroll(el);
      await untilStep(inline, 'choose');
      await expect(el, 'adding: text or call').to.be.accessible();
      parts<HTMLButtonElement>(inline, 'factor-option')[0]!.click();
      await untilStep(inline, 'destination');
      await expect(el, 'adding: the number').to.be.accessible();
      typeDestination(inline, 'phone-input', '555 123 8730');
      seam.hold((url, init) => init.method === 'POST' && url.pathname.endsWith('/me/v1/authentication-methods'));
      part<HTMLButtonElement>(inline, 'send')!.click();
      await untilStep(inline, 'sending');
      await expect(el, 'adding: sending').to.be.accessible();
      seam.release();
      await untilStep(inline, 'code-sent');
      await expect(el, 'adding: the code sent').to.be.accessible();
    });
  }

  it('adds a phone with the keyboard alone: Add a phone, Text message, the number, Send, the code; focus back on the list', async () => {
    const { el, events } = await renderManage(tenant);
    await untilStep(el, 'list');
    await tabTo(el, 'add-phone');
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'adding');
    const inline = inlineEnroll(el);
    await untilStep(inline, 'choose');
    await inline.updateComplete;
    expect(focusedPart(el), 'into the enrollment, not lost to the page').to.equal('factor-option');
    await sendKeys({ press: 'Enter' });
    await untilStep(inline, 'destination');
    expect(focusedPart(el), 'the number').to.equal('phone-input');
    await sendKeys({ type: '555 123 8730' });
    await sendKeys({ press: 'Enter' });
    await untilStep(inline, 'code-sent');
    expect(focusedPart(el), 'the code').to.equal('code-input');
    expect(announced(inline)).to.contain('Code sent');
    await sendKeys({ type: (await untilMessage(tenant, PHONE)).code });
    await untilEvent(events, 'authenticator-added');
    await untilStep(el, 'list');
    expect(focusedPart(el), 'the list’s first action').to.equal('add');
    expect(announced(el)).to.equal('Phone added.');
  });

  it('adds an email with the keyboard alone: Add an email address, the prefilled address focused, Enter sends, the code', async () => {
    const known = 'jane.doe@example.com';
    const { el, events } = await renderManage(tenant, { knownEmail: known, factors: 'otp email' });
    await untilStep(el, 'list');
    await tabTo(el, 'add-email');
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'adding');
    const inline = inlineEnroll(el);
    await untilStep(inline, 'destination');
    expect(focusedPart(el), 'the address, ready to send').to.equal('email-input');
    await sendKeys({ press: 'Enter' });
    await untilStep(inline, 'code-sent');
    expect(focusedPart(el)).to.equal('code-input');
    await sendKeys({ type: (await untilMessage(tenant, known)).code });
    await untilEvent(events, 'authenticator-added');
    await untilStep(el, 'list');
    expect(focusedPart(el)).to.equal('add');
    expect(announced(el)).to.equal('Email address added.');
  });

  it('fits a 320 px wide screen without sideways scrolling: the list with a phone and an email, removing the phone, adding one inline', async () => {
    const screen = phoneScreen(320);
    const { el, phone } = await listWithPhoneAndEmail(tenant, { parentNode: screen });
    const fits = (what: string) => {
      expect(screen.scrollWidth, what).to.be.at.most(screen.clientWidth);
      const base = part(el, 'base')!;
      expect(base.scrollWidth, what).to.be.at.most(base.clientWidth);
    };
    fits('list');
    await askToRemove(el, rowOf(el, phone.id));
    fits('confirm-remove');
    part<HTMLButtonElement>(el, 'cancel-remove')!.click();
    await untilStep(el, 'list');
    const inline = await toPhoneNumber(el);
    fits('adding: the number');
    typeDestination(inline, 'phone-input', '555 123 8730');
    part<HTMLButtonElement>(inline, 'send')!.click();
    await untilStep(inline, 'code-sent');
    fits('adding: the code sent');
  });

  it('speaks German: the phone, its channel, the email and the add buttons', async () => {
    const { el, phone, email } = await listWithPhoneAndEmail(tenant, { lang: 'de' });
    const byId = (method: ListedMethod) => rows(el).find((r) => r.id === method.id)!;
    expect([byId(phone).name, byId(phone).channel]).to.deep.equal([`${de.methodPhone} \u2068+1 ••• ••• 8730\u2069`, de.bySms]);
    expect(byId(email).name).to.match(new RegExp(`^${de.methodEmail} \u2068u•••@`));
    expect(part(el, 'add-phone')!.textContent!.trim()).to.equal(de.addPhone);
    expect(part(el, 'add-email')!.textContent!.trim()).to.equal(de.addEmail);
    await askToRemove(el, rowOf(el, phone.id));
    expect(rowOf(el, phone.id).querySelector('[role=group]')!.textContent).to.contain(`${de.methodPhone} \u2068+1 ••• ••• 8730\u2069`);
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'cancel-remove')!.click();
    await untilStep(el, 'list');
    const inline = await toPhoneNumber(el);
    expect(part(inline, 'send')!.textContent!.trim()).to.equal(de.sendCode);
  });

  it('Arabic: right to left, the masked number and the address drawn left to right inside it', async () => {
    const { el, phone, email } = await listWithPhoneAndEmail(tenant, { lang: 'ar' });
    expect(part(el, 'base')!.getAttribute('dir')).to.equal('rtl');
    const phoneRow = rowOf(el, phone.id);
    const name = phoneRow.querySelector('.name')!.textContent!;
    expect(name).to.equal(`${ar.methodPhone} \u2068+1 ••• ••• 8730\u2069`);
    expect(rows(el).find((r) => r.id === phone.id)!.channel).to.equal(ar.bySms);
    // Isolated, the number reads as written: "+1" on the left, "8730" on the right, its digits in order.
    const number = drawnAt(phoneRow, '+1 ••• ••• 8730');
    expect(number.first, '"+" drawn left of the last digit').to.be.below(number.last);
    const digits = drawnAt(phoneRow, '8730');
    expect(digits.first).to.be.below(digits.last);
    const address = drawnAt(rowOf(el, email.id), 'u•••@');
    expect(address.first, 'the address, left to right').to.be.below(address.last);
    await askToRemove(el, phoneRow);
    expect(phoneRow.querySelector('[role=group]')!.textContent).to.contain('\u2068+1 ••• ••• 8730\u2069');
    await expect(el).to.be.accessible();
  });
});
