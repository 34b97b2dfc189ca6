// What people on Safari (most of them on iPhones) rely on, checked against the engine's own
// behaviour rather than stand-ins: code fields that take a texted code by AutoFill, the link that
// opens the authenticator app on this device, the clipboard with its refusal, the saved file, the
// printout. Written for WebKit; each runs wherever the browser's automation allows it
// (test/helpers/unsupported.js says where not, and why).
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';
import { inlineEnroll, part, renderManage, renderMyAccountEnroll, untilStep } from './helpers/authenticators.js';
import { createTenant, newEmail, type TestTenant } from './helpers/tenant.js';
import { renderVerify, useRecoveryCode } from './helpers/verify.js';
import { browser, currentCode, hasCdp, renderWidget, shownSecret, typeCode } from './helpers/widget.js';

/** A click as a person makes it, through the browser's automation: the page sees a user's gesture. */
async function click(target: Element): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  const { x, y, width, height } = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(x + width / 2), Math.round(y + height / 2)] });
}

/** The text of the file the browser saved by that name, once it has (the run reads its download folder). */
async function savedFile(name: string): Promise<string> {
  const found: string[] = [];
  const look = async () => {
    const text = await executeServerCommand<string | false, string>('downloaded-file', name);
    if (text !== false) found.push(text);
    return found.length > 0;
  };
  await waitUntil(look, `no ${name} saved`, { timeout: 10000 });
  return found[0]!;
}

const announced = (el: Element) => el.shadowRoot!.querySelector('[role=status]')!.textContent!.trim();

/** Asserts a field asks for a one-time code on a numeric keypad, as Safari's AutoFill reads it. */
function expectOneTimeCodeField(input: HTMLInputElement | null, where: string): void {
  expect(input, where).not.to.equal(null);
  expect(input!.getAttribute('autocomplete'), where).to.equal('one-time-code');
  expect(input!.getAttribute('inputmode'), where).to.equal('numeric');
  expect(input!.inputMode, where).to.equal('numeric');
  // WebKit and Chromium reflect a token they know; Firefox reflects '' for this one.
  if (browser !== 'firefox') expect(input!.autocomplete, where).to.equal('one-time-code');
}

describe('what Safari users rely on', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant({ name: 'Example Co' });
  });
  // The browser's own downloads, pop-ups and clipboard must leave the page focused: the keyboard
  // tests of later files need it (Firefox's downloads panel took it once).
  afterEach(() => {
    expect(document.hasFocus(), 'the page still has the focus').to.equal(true);
  });

  it('every code field takes a one-time code on a numeric keypad; the recovery-code field does not', async () => {
    const enroll = await renderWidget(tenant);
    await untilStep(enroll.el, 'scan');
    expectOneTimeCodeField(part<HTMLInputElement>(enroll.el, 'code-input'), 'enrolling, MFA API');

    const settings = await renderMyAccountEnroll(tenant);
    await untilStep(settings.el, 'scan');
    expectOneTimeCodeField(part<HTMLInputElement>(settings.el, 'code-input'), 'enrolling, My Account API');

    const manage = await renderManage(tenant, { email: newEmail() });
    await untilStep(manage.el, 'list');
    part<HTMLButtonElement>(manage.el, 'add')!.click();
    await untilStep(manage.el, 'adding');
    const inline = inlineEnroll(manage.el);
    await untilStep(inline, 'scan');
    expectOneTimeCodeField(part<HTMLInputElement>(inline, 'code-input'), 'adding an app in the account settings');

    const verify = await renderVerify(tenant);
    await untilStep(verify.el, 'code');
    expectOneTimeCodeField(part<HTMLInputElement>(verify.el, 'code-input'), 'signing in');
    await useRecoveryCode(verify.el);
    // A recovery code is no texted code: AutoFill must not offer one there.
    const recovery = part<HTMLInputElement>(verify.el, 'recovery-input')!;
    expect(recovery.getAttribute('autocomplete')).to.equal('off');
    expect(recovery.inputMode).not.to.equal('numeric');
  });

  it('"Open in authenticator app" is an otpauth: link as WebKit reads it, with the key and issuer, opening in place', async () => {
    const { el, email } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    const link = part<HTMLAnchorElement>(el, 'app-link')!;
    // What the browser hands to the app: its own reading of the link, the same as written.
    expect(link.href).to.equal(link.getAttribute('href'));
    expect(link.protocol).to.equal('otpauth:');
    const url = new URL(link.href);
    expect(url.host).to.equal('totp');
    expect(decodeURIComponent(url.pathname)).to.equal(`/Example Co:${email}`);
    expect(url.searchParams.get('secret')).to.equal(shownSecret(el));
    expect(url.searchParams.get('issuer')).to.equal('Example Co');
    // In place: a new tab would be left blank behind the app on an iPhone.
    expect(link.target).to.equal('');
    expect(link.hasAttribute('download')).to.equal(false);
  });

  // Before any test here clicks for real: a click lends the page its user activation for a while.
  it('selects the setup key when the browser’s own clipboard refuses a copy no click asked for', async () => {
    const { el } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    // As a user arrives: the step has put focus in the code field (focus moving after the
    // selection would take it into the field: WebKit keeps one selection).
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'code', 'focus in the code field');
    part<HTMLDetailsElement>(el, 'manual')!.open = true;
    await el.updateComplete;
    getSelection()!.removeAllRanges();
    part<HTMLButtonElement>(el, 'copy-secret')!.click(); // from script: no user gesture
    await waitUntil(() => announced(el).includes('selected'), `announced "${announced(el)}"`);
    expect(announced(el)).to.equal('Couldn’t copy. The text is selected: copy it yourself.');
    expect(getSelection()!.toString().replace(/\s+/g, '')).to.equal(shownSecret(el));
  });

  it('copies the setup key, unspaced, into the browser’s own clipboard on a click', async () => {
    const { el } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    part<HTMLDetailsElement>(el, 'manual')!.open = true;
    await el.updateComplete;
    await click(part(el, 'copy-secret')!);
    await waitUntil(() => announced(el) === 'Copied.', `announced "${announced(el)}"`);

    // Reading it back needs a click too. WebKit and Firefox let a page read what it wrote itself;
    // Chromium asks the user for a permission, which the run grants over its protocol.
    const reader = document.createElement('button');
    reader.textContent = 'Read the clipboard';
    document.body.append(reader);
    let read: Promise<string> | undefined;
    reader.addEventListener('click', () => (read = navigator.clipboard.readText()), { once: true });
    if (hasCdp) await executeServerCommand('allow-clipboard-read', true);
    try {
      await click(reader);
      await waitUntil(() => read, 'the read click never arrived');
      expect(await read).to.equal(shownSecret(el));
    } finally {
      reader.remove();
      if (hasCdp) await executeServerCommand('allow-clipboard-read', false);
    }
  });

  it('saves the recovery code as a text file on a click, named after the issuer', async () => {
    const { el } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    typeCode(el, await currentCode(el));
    await untilStep(el, 'new-recovery-code');
    const code = part(el, 'recovery-codes')!.textContent!.trim();
    await click(part(el, 'download-codes')!);
    const lines = (await savedFile('Example-Co-recovery-codes.txt')).split('\r\n');
    expect(lines[0]).to.contain('Example Co');
    expect(lines.at(-1)).to.equal('');
    expect(lines.at(-2)).to.equal(code);
  });

  it('opens the printout past the pop-up blocker on a click, with only the recovery code', async () => {
    const { el } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    const secret = shownSecret(el);
    typeCode(el, await currentCode(el));
    await untilStep(el, 'new-recovery-code');
    const code = part(el, 'recovery-codes')!.textContent!.trim();

    // The browser's own window.open, so its pop-up blocker decides; printing itself is recorded
    // (WebKit prints nothing under automation, Firefox's dialog would wait for a person).
    const open = window.open;
    const happened: string[] = [];
    let opened: Window | null | undefined;
    window.open = ((...args: Parameters<typeof open>) => {
      opened = open.apply(window, args);
      if (opened) {
        const popup = opened;
        popup.print = () => void happened.push(`print: ${popup.document.body.textContent}`);
        const close = popup.close.bind(popup);
        popup.close = () => {
          happened.push('close');
          close();
        };
      }
      return opened;
    }) as typeof window.open;
    try {
      await click(part(el, 'print-codes')!);
      await waitUntil(() => opened !== undefined, 'the click never opened a window');
    } finally {
      window.open = open;
    }
    expect(opened, 'blocked as a pop-up').not.to.equal(null);
    expect(happened).to.have.length(2);
    expect(happened[0]).to.contain(code).and.to.contain('Example Co');
    expect(happened[0]).not.to.contain(secret);
    expect(happened[1]).to.equal('close');
  });
});
