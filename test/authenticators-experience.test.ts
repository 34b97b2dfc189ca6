// The experience of <mfa-authenticators>: every state accessible in light and dark, the keyboard
// alone with focus in the right places, announcements, a small screen, another language and a
// right-to-left one.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import de from '../src/locales/de.js';
import ar from '../src/locales/ar.js';
import type { MfaAuthenticators } from '../src/authenticators/define.js';
import {
  askForNewRecoveryCode,
  addAppInline,
  announced,
  askToRemove,
  hasCdp,
  holdingRequests,
  inlineEnroll,
  part,
  renderManage,
  rowOfType,
  rows,
  saveAndFinish,
  untilEvent,
  untilStep,
} from './helpers/authenticators.js';
import { enrolledUser } from './helpers/enrolled-user.js';
import { phoneScreen, viewportRules } from './helpers/screen.js';
import { addFault, addMethod, createTenant, listedMethods, nameMethod, newEmail, type TestTenant } from './helpers/tenant.js';

const focused = (el: MfaAuthenticators) => el.shadowRoot!.activeElement;
/** What has focus in the element, by part (or id): compared as text, so a failure reads well. */
const focusedPart = (el: MfaAuthenticators) => focused(el)?.getAttribute('part') ?? focused(el)?.id ?? null;
const isMethods = (method: string) => (url: URL, init: RequestInit) => url.pathname.endsWith('/me/v1/authentication-methods') && (init.method ?? 'GET') === method;
const isDelete = (url: URL, init: RequestInit) => init.method === 'DELETE' && url.pathname.includes('/me/v1/authentication-methods/');

/** Tab until focus is on a part of `el` named `name` (at most `limit` presses). */
async function tabTo(el: MfaAuthenticators, name: string, limit = 10): Promise<HTMLElement> {
  for (let i = 0; i < limit; i++) {
    await sendKeys({ press: 'Tab' });
    const now = focused(el);
    if (now?.matches(`[part~="${name}"]`)) return now as HTMLElement;
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('<mfa-authenticators>: experience', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant({ name: 'Example Co' });
  });
  afterEach(async () => {
    if (hasCdp) await emulateMedia({ colorScheme: 'light' });
  });

  // `theme` picks the palette in every browser (the user's setting, emulated, only where CDP is).
  for (const theme of ['light', 'dark'] as const) {
    it(`passes axe with zero violations in every state, ${theme}`, async () => {
      const idle = await fixture<MfaAuthenticators>(html`<mfa-authenticators theme=${theme}></mfa-authenticators>`);
      expect(idle.step).to.equal('idle');
      await expect(idle, 'idle').to.be.accessible();

      const seam = holdingRequests();
      seam.hold(isMethods('GET'));
      const user = await enrolledUser(tenant);
      await addMethod(tenant, user.email, { type: 'passkey' });
      const { el, events } = await renderManage(tenant, { user, theme, fetch: seam.fetch });
      await untilStep(el, 'loading');
      expect(el.getAttribute('theme')).to.equal(theme);
      await expect(el, 'loading').to.be.accessible();
      seam.release();
      await untilStep(el, 'list');
      await expect(el, 'list').to.be.accessible();

      await askToRemove(el, rowOfType(el, 'totp'));
      expect(el.shadowRoot!.querySelector('.warning'), 'the last second factor').not.to.equal(null);
      await expect(el, 'confirm-remove with the last-factor warning').to.be.accessible();
      part<HTMLButtonElement>(el, 'cancel-remove')!.click();
      await untilStep(el, 'list');

      await askToRemove(el, rowOfType(el, 'recovery-code'));
      expect(el.shadowRoot!.querySelector('.warning') === null).to.equal(true);
      await expect(el, 'confirm-remove').to.be.accessible();
      seam.hold(isDelete);
      part<HTMLButtonElement>(el, 'confirm-remove')!.click();
      await untilStep(el, 'removing');
      await expect(el, 'removing').to.be.accessible();
      seam.release();
      await untilEvent(events, 'authenticator-removed');
      await untilStep(el, 'list');

      part<HTMLButtonElement>(el, 'add')!.click();
      await untilStep(el, 'adding');
      await untilStep(inlineEnroll(el), 'scan');
      await expect(el, 'adding').to.be.accessible();
      part<HTMLButtonElement>(el, 'cancel-add')!.click();
      await untilStep(el, 'list');

      await askForNewRecoveryCode(el);
      await expect(el, 'new-recovery-code').to.be.accessible();
      seam.hold((url) => url.pathname.endsWith('/verify'));
      await saveAndFinish(el);
      await untilStep(el, 'saving-recovery-code');
      await expect(el, 'saving-recovery-code').to.be.accessible();
      seam.release();
      await untilStep(el, 'list');

      await addFault(tenant, { method: 'POST', path: '/me/v1/authentication-methods', status: 503, body: '' });
      part<HTMLButtonElement>(el, 'regenerate-recovery-code')!.click();
      await untilEvent(events, 'authenticators-error');
      await untilStep(el, 'list');
      await expect(el, 'list with an error').to.be.accessible();

      const empty = await renderManage(tenant, { email: newEmail(), theme });
      await untilStep(empty.el, 'list');
      expect(part(empty.el, 'empty')).not.to.equal(null);
      await expect(empty.el, 'empty list').to.be.accessible();

      await addFault(tenant, { method: 'GET', path: '/me/v1/authentication-methods', status: 503, body: '' });
      const failed = await renderManage(tenant, { email: newEmail(), theme });
      await untilStep(failed.el, 'error');
      expect(part(failed.el, 'retry')).not.to.equal(null);
      await expect(failed.el, 'error').to.be.accessible();
    });
  }

  it('removes with the keyboard alone: Tab to Remove, Enter, focus on Keep it, Tab to Yes, Enter, focus kept in the element', async () => {
    const { el, events } = await renderManage(tenant);
    await untilStep(el, 'list');
    const remove = await tabTo(el, 'remove');
    expect(remove.getAttribute('aria-label')).to.equal('Remove: Authenticator app');
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'confirm-remove');
    expect(focusedPart(el), 'Keep it first: the safe choice').to.equal('cancel-remove');
    await sendKeys({ press: 'Tab' });
    expect(focusedPart(el)).to.equal('confirm-remove');
    expect(focused(el)!.textContent!.trim()).to.equal('Yes, remove');
    await sendKeys({ press: 'Enter' });
    await untilEvent(events, 'authenticator-removed');
    await untilStep(el, 'list');
    expect(focusedPart(el), 'where the user can go on, not lost to the page').to.equal('add');
    expect(rows(el).map((r) => r.name)).to.deep.equal(['Password', 'Recovery code']);
  });

  it('Keep it with the keyboard: focus stays in the element', async () => {
    const { el } = await renderManage(tenant);
    await untilStep(el, 'list');
    await tabTo(el, 'remove');
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'confirm-remove');
    expect(focusedPart(el)).to.equal('cancel-remove');
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'list');
    expect(focusedPart(el), 'not lost with the confirmation').to.equal('add');
  });

  it('a new recovery code with the keyboard: the heading is focused, then the tools, the box and Finish', async () => {
    const { el, events } = await renderManage(tenant);
    await untilStep(el, 'list');
    await tabTo(el, 'regenerate-recovery-code');
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'new-recovery-code');
    expect(focusedPart(el)).to.equal('recovery-heading');
    expect(focused(el)!.textContent!.trim()).to.equal('Save your new recovery code');
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await sendKeys({ press: 'Tab' });
      order.push(focusedPart(el) ?? '');
    }
    expect(order, 'Finish is skipped while disabled').to.deep.equal(['copy-codes', 'download-codes', 'print-codes', 'recovery-ack']);
    await sendKeys({ type: ' ' });
    await sendKeys({ press: 'Tab' });
    expect(focusedPart(el)).to.equal('finish');
    await sendKeys({ press: 'Enter' });
    await untilEvent(events, 'recovery-code-regenerated');
    await untilStep(el, 'list');
    expect(focusedPart(el), 'focus not lost').to.equal('add');
  });

  it('announces removed, added and replaced in the polite live region', async () => {
    const user = await enrolledUser(tenant);
    const { el, events } = await renderManage(tenant, { user });
    await untilStep(el, 'list');
    const region = el.shadowRoot!.querySelector('[role=status]')!;

    await addAppInline(el, events);
    expect(announced(el)).to.equal('Authenticator app added.');

    await askToRemove(el, rowOfType(el, 'recovery-code'));
    part<HTMLButtonElement>(el, 'confirm-remove')!.click();
    await untilEvent(events, 'authenticator-removed');
    await untilStep(el, 'list');
    expect(announced(el)).to.equal('Recovery code removed.');

    // With the recovery code removed, the next one is the user's first.
    await askForNewRecoveryCode(el);
    expect(announced(el)).to.equal('Save your recovery code');
    await saveAndFinish(el);
    await untilEvent(events, 'recovery-code-regenerated');
    await untilStep(el, 'list');
    expect(announced(el)).to.equal('Recovery code added.');

    await askForNewRecoveryCode(el);
    expect(announced(el)).to.equal('Save your new recovery code');
    await saveAndFinish(el);
    await waitUntil(() => events.filter((event) => event.type === 'recovery-code-regenerated').length === 2, 'the second code never came into force');
    await untilStep(el, 'list');
    expect(announced(el)).to.equal('Your recovery code was replaced.');
    expect(el.shadowRoot!.querySelector('[role=status]') === region, 'the same region throughout').to.equal(true);
  });

  it('fits a 320 px wide screen without sideways scrolling: the list, the confirmation with its warning, the new code', async () => {
    const user = await enrolledUser(tenant);
    const app = (await listedMethods(tenant, user.email)).find((m) => m.type === 'totp')!;
    await nameMethod(tenant, user.email, app.id, 'My very long phone name that goes on and on and on for a while');
    await addMethod(tenant, user.email, { type: 'passkey', name: 'Passkey-with-a-long-unbroken-name-from-a-password-manager' });
    const screen = phoneScreen(320);
    const { el } = await renderManage(tenant, { user, parentNode: screen });
    await untilStep(el, 'list');
    expect(viewportRules(el), 'laid out by the width it gets alone').to.deep.equal([]);
    const fits = (what: string) => {
      expect(screen.scrollWidth, what).to.be.at.most(screen.clientWidth);
      const base = part(el, 'base')!;
      expect(base.scrollWidth, what).to.be.at.most(base.clientWidth);
    };
    fits('list');
    await askToRemove(el, rowOfType(el, 'totp'));
    expect(el.shadowRoot!.querySelector('.warning')).not.to.equal(null);
    fits('confirm-remove');
    part<HTMLButtonElement>(el, 'cancel-remove')!.click();
    await untilStep(el, 'list');
    await askForNewRecoveryCode(el);
    fits('new-recovery-code');
  });

  it('speaks German with `lang="de"`, dates the German way', async () => {
    expect(de.manageHeading).to.be.a('string');
    const user = await enrolledUser(tenant);
    const listed = await listedMethods(tenant, user.email);
    const { el } = await renderManage(tenant, { user, lang: 'de' });
    await untilStep(el, 'list');
    expect(part(el, 'heading')!.textContent!.trim()).to.equal(de.manageHeading);
    const germanDate = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' });
    expect(rows(el).map(({ name, date }) => ({ name, date }))).to.deep.equal(
      listed.map((m) => ({
        name: { password: de.methodPassword, totp: de.methodTotp, 'recovery-code': de.methodRecoveryCode }[m.type],
        date: `Hinzugefügt am ${germanDate.format(new Date(m.created_at))}`,
      })),
    );
    expect(rows(el)[1]!.date, 'a German date, e.g. "05.01.2026"').to.match(/Hinzugefügt am \d{2}\.\d{2}\.\d{4}/);
    expect(part(el, 'add')!.textContent!.trim()).to.equal(de.addApp);
    await askToRemove(el, rowOfType(el, 'totp'));
    expect(part(el, 'cancel-remove')!.textContent!.trim()).to.equal('Behalten');
    expect(part(el, 'confirm-remove')!.textContent!.trim()).to.equal('Ja, entfernen');
    await expect(el).to.be.accessible();
  });

  it('right to left in Arabic, its dates Arabic ones', async () => {
    const user = await enrolledUser(tenant);
    const listed = await listedMethods(tenant, user.email);
    const { el } = await renderManage(tenant, { user, lang: 'ar' });
    await untilStep(el, 'list');
    expect(part(el, 'base')!.getAttribute('dir')).to.equal('rtl');
    expect(part(el, 'heading')!.textContent!.trim()).to.equal(ar.manageHeading);
    const arabicDate = new Intl.DateTimeFormat('ar', { dateStyle: 'medium', timeStyle: 'short' });
    const app = listed.find((m) => m.type === 'totp')!;
    expect(rows(el).find((r) => r.id === app.id)!.date).to.equal(ar.addedOn.replace('{date}', arabicDate.format(new Date(app.created_at))));
    // The recovery code itself stays left to right.
    await askForNewRecoveryCode(el);
    expect(part(el, 'recovery-codes')!.getAttribute('dir')).to.equal('ltr');
    await expect(el).to.be.accessible();
  });
});
