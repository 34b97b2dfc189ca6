// <mfa-authenticators>, a signed-in user's two-step verification on their settings page, through
// Auth0's My Account API on the stand-in tenant over real cross-origin HTTP: the list, removing
// after a confirmation, adding an app inline, and replacing the recovery code behind the save gate.
import { expect, waitUntil } from '@open-wc/testing';
import type { AuthenticatorChangedDetail } from '../src/authenticators/define.js';
import {
  askForNewRecoveryCode,
  addAppInline,
  announced,
  askToRemove,
  inlineEnroll,
  part,
  manageError,
  manageErrorText,
  nextTask,
  ofType,
  renderManage,
  rowOf,
  rowOfType,
  rows,
  saveAndFinish,
  shownRecoveryCode,
  signInWithRecoveryCode,
  untilEvent,
  untilStep,
} from './helpers/authenticators.js';
import { enrolledUser } from './helpers/enrolled-user.js';
import {
  addFault,
  addMethod,
  allRequests,
  clearFaults,
  createTenant,
  changeSettings,
  EXPIRED_SESSION_ANSWERS,
  expireAuthSessions,
  listedMethods,
  myAccountToken,
  nameMethod,
  newEmail,
  userState,
  type TestTenant,
} from './helpers/tenant.js';
import { currentCode, shownSecret, typeCode } from './helpers/widget-core.js';

/** The status of listing the methods with `token` (the test's own request). */
const listWith = async (tenant: TestTenant, token: string) =>
  (await fetch(`${tenant.base}/me/v1/authentication-methods`, { headers: { Authorization: `Bearer ${token}` } })).status;
const englishDate = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
const requestsAfter = async (tenant: TestTenant, count: number) => (await allRequests(tenant)).filter((r) => r.method !== 'OPTIONS').slice(count);

describe('<mfa-authenticators>: the list', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('lists each method with its name and the date it was added; apps, phones, emails and the recovery code can be removed', async () => {
    const user = await enrolledUser(tenant);
    const app = (await listedMethods(tenant, user.email)).find((m) => m.type === 'totp')!;
    await nameMethod(tenant, user.email, app.id, 'iPhone');
    await addMethod(tenant, user.email, { type: 'phone', name: 'Work phone' });
    await addMethod(tenant, user.email, { type: 'passkey' });
    await addMethod(tenant, user.email, { type: 'webauthn-roaming', name: 'YubiKey' });
    const listed = await listedMethods(tenant, user.email);
    const before = (await allRequests(tenant)).filter((r) => r.method !== 'OPTIONS').length;

    const { el, token } = await renderManage(tenant, { user });
    await untilStep(el, 'list');
    expect(el.getAttribute('step')).to.equal('list');
    const expectedNames: Record<string, string> = {
      password: 'Password',
      totp: 'Authenticator app (iPhone)',
      'recovery-code': 'Recovery code',
      phone: 'Phone (Work phone) \u2068+1 ••• ••• XXXX\u2069',
      passkey: 'Passkey',
      'webauthn-roaming': 'Security key (YubiKey)',
    };
    expect(rows(el).map(({ id, name, date, removable }) => ({ id, name, date, removable }))).to.deep.equal(
      listed.map((m) => ({
        id: m.id,
        name: expectedNames[m.type]!.replace('XXXX', String(m.phone_number).slice(-4)),
        date: `Added ${englishDate(m.created_at)}`,
        removable: ['totp', 'recovery-code', 'phone'].includes(m.type),
      })),
    );
    const remove = rowOf(el, app.id).querySelector('[part~="remove"]')!;
    expect(remove.getAttribute('aria-label')).to.equal('Remove: Authenticator app (iPhone)');
    expect(part(el, 'list')!.getAttribute('aria-labelledby')).to.equal('heading');
    expect(part(el, 'empty') === null).to.equal(true);
    expect(part(el, 'add')).not.to.equal(null);
    expect(part(el, 'regenerate-recovery-code')).not.to.equal(null);

    const sent = await requestsAfter(tenant, before);
    // The list, and beside it the factors the tenant lets users add.
    expect(sent.map((r) => `${r.method} ${r.path}`).sort()).to.deep.equal(['GET /me/v1/authentication-methods', 'GET /me/v1/factors']);
    expect(sent.every((r) => r.origin === location.origin && r.authorization)).to.equal(true);
    expect(token).to.be.a('string');
  });

  it('a user without an app: says so, offers to add one, and no recovery code to replace', async () => {
    const { el } = await renderManage(tenant, { email: newEmail() });
    await untilStep(el, 'list');
    expect(rows(el).map((row) => row.name)).to.deep.equal(['Password']);
    expect(part(el, 'empty')!.textContent).to.contain('No authenticator app yet');
    expect(part(el, 'add')).not.to.equal(null);
    expect(part(el, 'regenerate-recovery-code') === null).to.equal(true);
    expect(part(el, 'remove') === null).to.equal(true);
  });

  it('leaves out an app enrollment that was started and never confirmed', async () => {
    const user = await enrolledUser(tenant);
    const token = await myAccountToken(tenant, user.email);
    // Started elsewhere (another tab, an enrollment the user closed): listed by the API, unconfirmed.
    const started = await fetch(`${tenant.base}/me/v1/authentication-methods`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'totp' }),
    });
    const pending = ((await started.json()) as { id: string }).id;
    expect((await listedMethods(tenant, user.email)).some((method) => method.id === pending && method.confirmed === false)).to.equal(true);
    const { el } = await renderManage(tenant, { user, token });
    await untilStep(el, 'list');
    const shown = rows(el).map((row) => row.id);
    expect(shown).not.to.include(pending);
    expect(shown.filter((id) => id.startsWith('totp|'))).to.have.length(1);
  });

  it('waits idle without a token, and loads once the host sets one', async () => {
    const { el, email } = await renderManage(tenant, { email: newEmail(), token: '' });
    expect(el.step).to.equal('idle');
    expect(await allRequests(tenant)).to.deep.equal([]);
    el.accessToken = await myAccountToken(tenant, email);
    await untilStep(el, 'list');
  });
});

describe('<mfa-authenticators>: removing', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('asks first, in the row; Keep it keeps it and sends nothing', async () => {
    const { el, user } = await renderManage(tenant);
    await untilStep(el, 'list');
    const row = rowOfType(el, 'recovery-code');
    await askToRemove(el, row);
    const confirm = row.querySelector('[role=group]')!;
    expect(confirm.textContent).to.contain('Remove Recovery code? You won’t be able to sign in with it any more.');
    expect(confirm.querySelector('.warning') === null, 'a recovery code is not the last second factor').to.equal(true);
    expect(row.querySelector('[part~="remove"]') === null, 'Remove is replaced by the confirmation').to.equal(true);
    expect(part(el, 'cancel-remove')!.textContent!.trim()).to.equal('Keep it');
    expect(part(el, 'confirm-remove')!.textContent!.trim()).to.equal('Yes, remove');
    const before = (await allRequests(tenant)).length;

    part<HTMLButtonElement>(el, 'cancel-remove')!.click();
    await untilStep(el, 'list');
    expect(part(el, 'confirm-remove') === null).to.equal(true);
    expect(rows(el).map((r) => [r.name, r.removable])).to.deep.equal([
      ['Password', false],
      ['Authenticator app', true],
      ['Recovery code', true],
    ]);
    expect((await allRequests(tenant)).length, 'nothing sent').to.equal(before);
    expect((await userState(tenant, user!.email)).recoveryCode).to.equal(user!.recoveryCode);
  });

  it('warns when it is the user’s last second factor, and not when another confirmed one is left', async () => {
    const user = await enrolledUser(tenant);
    const alone = await renderManage(tenant, { user });
    await untilStep(alone.el, 'list');
    await askToRemove(alone.el, rowOfType(alone.el, 'totp'));
    expect(alone.el.shadowRoot!.querySelector('.confirm .warning')!.textContent).to.contain('It is your last way to prove it’s you');

    await addMethod(tenant, user.email, { type: 'passkey' });
    const passkey = await renderManage(tenant, { user });
    await untilStep(passkey.el, 'list');
    await askToRemove(passkey.el, rowOfType(passkey.el, 'totp'));
    expect(passkey.el.shadowRoot!.querySelector('.confirm .warning'), 'a passkey signs in instead of the password, not after it').not.to.equal(null);

    await addMethod(tenant, user.email, { type: 'phone', confirmed: false });
    const pending = await renderManage(tenant, { user });
    await untilStep(pending.el, 'list');
    await askToRemove(pending.el, rowOfType(pending.el, 'totp'));
    expect(pending.el.shadowRoot!.querySelector('.confirm .warning'), 'an unconfirmed phone does not count').not.to.equal(null);

    await addMethod(tenant, user.email, { type: 'phone' });
    const covered = await renderManage(tenant, { user });
    await untilStep(covered.el, 'list');
    await askToRemove(covered.el, rowOfType(covered.el, 'totp'));
    expect(covered.el.shadowRoot!.querySelector('.confirm')).not.to.equal(null);
    expect(covered.el.shadowRoot!.querySelector('.confirm .warning') === null).to.equal(true);
  });

  it('Yes, remove: DELETE, then the list again without it, and authenticator-removed with the method', async () => {
    const { el, events, user } = await renderManage(tenant);
    await untilStep(el, 'list');
    const app = (await listedMethods(tenant, user!.email)).find((m) => m.type === 'totp')!;
    const before = (await allRequests(tenant)).filter((r) => r.method !== 'OPTIONS').length;
    await askToRemove(el, rowOf(el, app.id));
    part<HTMLButtonElement>(el, 'confirm-remove')!.click();
    await el.updateComplete;
    expect(el.step).to.equal('removing');
    expect(part<HTMLButtonElement>(el, 'confirm-remove')!.disabled).to.equal(true);

    const removed = await untilEvent(events, 'authenticator-removed');
    expect(removed.bubbles && removed.composed).to.equal(true);
    expect((removed.detail as AuthenticatorChangedDetail).authenticationMethod).to.deep.equal({
      id: app.id,
      type: 'totp',
      confirmed: true,
      created_at: app.created_at,
    });
    await untilStep(el, 'list');
    expect(rows(el).map((r) => r.id)).not.to.include(app.id);
    expect(rows(el).map((r) => r.name)).to.deep.equal(['Password', 'Recovery code']);
    expect(part(el, 'empty'), 'no app any more').not.to.equal(null);
    expect(announced(el)).to.equal('Authenticator app removed.');

    const sent = await requestsAfter(tenant, before);
    expect(sent.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      `DELETE /me/v1/authentication-methods/${encodeURIComponent(app.id)}`,
      'GET /me/v1/authentication-methods',
    ]);
    expect((await userState(tenant, user!.email)).authenticators.map((a) => a.authenticator_type)).not.to.include('otp');
    expect((await listedMethods(tenant, user!.email)).map((m) => m.type)).not.to.include('totp');
  });
});

describe('<mfa-authenticators>: adding an app', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant({ name: 'Settings Co' });
  });

  it('adds an app inline end to end with a real code: authenticator-added, the list shows it, the inline events stay inside', async () => {
    const { el, events, user, token } = await renderManage(tenant);
    await untilStep(el, 'list');
    const first = (await listedMethods(tenant, user!.email)).find((m) => m.type === 'totp')!;
    part<HTMLButtonElement>(el, 'add')!.click();
    await untilStep(el, 'adding');
    expect(part(el, 'list') === null, 'the list gives way to the enrollment').to.equal(true);
    expect(part(el, 'cancel-add')).not.to.equal(null);
    const inline = inlineEnroll(el);
    expect(inline.api).to.equal('my-account');
    expect(inline.accessToken).to.equal(token);
    await untilStep(inline, 'scan');
    expect(shownSecret(inline)).to.match(/^[A-Z2-7]{32}$/);
    typeCode(inline, await currentCode(inline));

    const added = await untilEvent(events, 'authenticator-added');
    const method = (added.detail as AuthenticatorChangedDetail).authenticationMethod;
    expect(method).to.include({ type: 'totp', confirmed: true });
    expect(method.id).not.to.equal(first.id);
    await untilStep(el, 'list');
    expect(rows(el).filter((r) => r.name === 'Authenticator app').map((r) => r.id)).to.deep.equal([first.id, method.id]);
    expect(el.shadowRoot!.querySelector('mfa-otp-enroll') === null).to.equal(true);
    expect(announced(el)).to.equal('Authenticator app added.');
    expect(ofType(events, 'enrolled'), 'the inline element’s own enrolled').to.deep.equal([]);
    expect(ofType(events, 'associated')).to.deep.equal([]);
    expect(ofType(events, 'authenticator-added')).to.have.length(1);

    const otp = (await userState(tenant, user!.email)).authenticators.filter((a) => a.authenticator_type === 'otp');
    expect(otp.map((a) => [a.id, a.active])).to.deep.equal([
      [first.id, true],
      [method.id, true],
    ]);
  });

  it('adds a first app for a user without one; Cancel closes the enrollment and keeps the list', async () => {
    const { el, events, email } = await renderManage(tenant, { email: newEmail() });
    await untilStep(el, 'list');
    part<HTMLButtonElement>(el, 'add')!.click();
    await untilStep(el, 'adding');
    await untilStep(inlineEnroll(el), 'scan');
    part<HTMLButtonElement>(el, 'cancel-add')!.click();
    await untilStep(el, 'list');
    expect(rows(el).map((r) => r.name)).to.deep.equal(['Password']);
    expect(events).to.deep.equal([]);

    const added = await addAppInline(el, events);
    const id = (added.detail as AuthenticatorChangedDetail).authenticationMethod.id;
    expect(rows(el).find((r) => r.id === id)!.name).to.equal('Authenticator app');
    expect(part(el, 'regenerate-recovery-code'), 'an app now').not.to.equal(null);
    expect((await userState(tenant, email)).authenticators.find((a) => a.id === id)!.active).to.equal(true);
  });
});

describe('<mfa-authenticators>: a new recovery code', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('shows the new code; the old one works until Finish; then the new one is in force and recovery-code-regenerated fires with {}', async () => {
    const { el, events, user } = await renderManage(tenant);
    const old = user!.recoveryCode;
    await untilStep(el, 'list');
    const code = await askForNewRecoveryCode(el);
    expect(code).to.match(/^[A-Z0-9]{24}$/);
    expect(code).not.to.equal(old);
    expect(part(el, 'list') === null, 'the list gives way to the code').to.equal(true);
    expect(part<HTMLButtonElement>(el, 'finish')!.disabled, 'Finish waits for "I have saved it"').to.equal(true);
    expect((await userState(tenant, user!.email)).recoveryCode, 'the old code is still the one in force').to.equal(old);
    expect(ofType(events, 'recovery-code-regenerated')).to.deep.equal([]);
    const started = (await allRequests(tenant)).filter((r) => r.method === 'POST' && r.path.startsWith('/me/'));
    expect(started.map((r) => r.path)).to.deep.equal(['/me/v1/authentication-methods']);

    await saveAndFinish(el);
    const regenerated = await untilEvent(events, 'recovery-code-regenerated');
    expect(regenerated.detail).to.deep.equal({});
    expect(regenerated.bubbles && regenerated.composed).to.equal(true);
    await untilStep(el, 'list');
    expect(announced(el)).to.equal('Your recovery code was replaced.');
    expect(el.shadowRoot!.textContent).not.to.contain(code);
    expect((await userState(tenant, user!.email)).recoveryCode).to.equal(code);
    expect(await signInWithRecoveryCode(tenant, user!.email, old), 'the old code no longer signs in').to.equal(403);
    expect(await signInWithRecoveryCode(tenant, user!.email, code), 'the new one does').to.equal(200);
    expect(JSON.stringify(events.map((e) => e.detail))).not.to.contain(code);
  });

  it('never loses the new code: a new accessToken, a re-render, a move in the DOM, a failed confirmation', async () => {
    const { el, events, user } = await renderManage(tenant);
    const old = user!.recoveryCode;
    await untilStep(el, 'list');
    const code = await askForNewRecoveryCode(el);
    const requests = (await allRequests(tenant)).length;

    el.accessToken = await myAccountToken(tenant, user!.email, { expiresIn: 3600 });
    await el.updateComplete;
    await nextTask();
    expect(el.step, 'a new token').to.equal('new-recovery-code');
    expect(shownRecoveryCode(el)).to.equal(code);
    expect((await allRequests(tenant)).length, 'nothing reloaded').to.equal(requests);

    el.strings = { finish: 'Done' };
    await el.updateComplete;
    expect(part(el, 'finish')!.textContent!.trim(), 're-rendered').to.equal('Done');
    expect(shownRecoveryCode(el)).to.equal(code);

    const section = document.createElement('section');
    el.parentElement!.append(section);
    section.append(el);
    await nextTask();
    await el.updateComplete;
    expect(el.step, 'a move in the DOM').to.equal('new-recovery-code');
    expect(shownRecoveryCode(el)).to.equal(code);

    await addFault(tenant, { method: 'POST', path: '/me/v1/authentication-methods/*', status: 503, body: '<h1>Service Unavailable</h1>' });
    await saveAndFinish(el);
    const failed = await manageError({ el, events, email: user!.email, token: '', user });
    expect(failed).to.include({ code: 'server', step: 'saving-recovery-code', retryable: true, status: 503 });
    await untilStep(el, 'new-recovery-code');
    expect(shownRecoveryCode(el), 'a failed confirmation').to.equal(code);
    expect(manageErrorText(el)).to.equal(failed.message);
    expect(part<HTMLInputElement>(el, 'recovery-ack')!.checked, 'still saved').to.equal(true);
    expect((await userState(tenant, user!.email)).recoveryCode).to.equal(old);

    await clearFaults(tenant);
    part<HTMLButtonElement>(el, 'finish')!.click();
    await untilEvent(events, 'recovery-code-regenerated');
    await untilStep(el, 'list');
    expect((await userState(tenant, user!.email)).recoveryCode).to.equal(code);
    expect(JSON.stringify(events.map((e) => e.detail))).not.to.contain(code);
  });

  it('a token that expired while the code was on screen: a new one from the host confirms it', async () => {
    const user = await enrolledUser(tenant);
    const { el, events } = await renderManage(tenant, { user, token: await myAccountToken(tenant, user.email, { expiresIn: 2 }) });
    await untilStep(el, 'list');
    const code = await askForNewRecoveryCode(el);
    const shortLived = el.accessToken;
    await waitUntil(async () => (await listWith(tenant, shortLived)) === 401, 'the first token never expired', { timeout: 5000, interval: 200 });
    el.accessToken = await myAccountToken(tenant, user.email, { expiresIn: 3600 });
    await el.updateComplete;
    await saveAndFinish(el);
    await waitUntil(() => events.length > 0, 'nothing happened');
    expect(events.map((e) => [e.type, e.detail])).to.deep.equal([['recovery-code-regenerated', {}]]);
    expect((await userState(tenant, user.email)).recoveryCode).to.equal(code);
    await untilStep(el, 'list');
  });

  it('a first recovery code, for a user whose app came through the My Account API: offered and introduced as their first, then replaced as any other', async () => {
    const { el, events, email } = await renderManage(tenant, { email: newEmail() });
    await untilStep(el, 'list');
    await addAppInline(el, events);
    expect(rows(el).map((r) => r.name), 'no recovery code yet').to.deep.equal(['Password', 'Authenticator app']);
    const offer = part<HTMLButtonElement>(el, 'regenerate-recovery-code')!;
    expect(offer.textContent!.trim()).to.equal('Get a recovery code');

    offer.click();
    await untilStep(el, 'new-recovery-code');
    expect(el.shadowRoot!.querySelector('#recovery-heading')!.textContent!.trim()).to.equal('Save your recovery code');
    expect(el.shadowRoot!.textContent, 'no old code to speak of').not.to.contain('old recovery code');
    expect(announced(el)).to.equal('Save your recovery code');
    const first = shownRecoveryCode(el);
    await saveAndFinish(el);
    await untilEvent(events, 'recovery-code-regenerated');
    await untilStep(el, 'list');
    expect(announced(el)).to.equal('Recovery code added.');
    expect((await userState(tenant, email)).recoveryCode).to.equal(first);
    expect(part(el, 'regenerate-recovery-code')!.textContent!.trim(), 'one to replace now').to.equal('Get a new recovery code');
    await askForNewRecoveryCode(el);
    expect(el.shadowRoot!.querySelector('#recovery-heading')!.textContent!.trim()).to.equal('Save your new recovery code');
  });

  for (const { myAccountProblems, status } of EXPIRED_SESSION_ANSWERS) {
    it(`a new code whose enrollment expired before Finish (${status}, ${myAccountProblems}): says so and takes it away, the old one still works, and a new one can be had`, async () => {
      await changeSettings(tenant, { myAccountProblems });
      const { el, events, user } = await renderManage(tenant);
      const old = user!.recoveryCode;
      await untilStep(el, 'list');
      const expired = await askForNewRecoveryCode(el);
      await expireAuthSessions(tenant);
      await saveAndFinish(el);
      const failed = await manageError({ el, events, email: user!.email, token: '', user });
      expect(failed).to.include({ code: 'expired_enrollment', step: 'saving-recovery-code', retryable: true, status });
      await untilStep(el, 'list');
      expect(manageErrorText(el)).to.equal(failed.message);
      expect(failed.message).to.contain('nothing changed');
      expect(el.shadowRoot!.textContent, 'a code that can never come into force is not left on screen').not.to.contain(expired);
      expect(ofType(events, 'recovery-code-regenerated')).to.deep.equal([]);
      expect((await userState(tenant, user!.email)).recoveryCode).to.equal(old);
      expect(await signInWithRecoveryCode(tenant, user!.email, old), 'the old code still signs in').to.equal(200);

      const replacement = await askForNewRecoveryCode(el);
      await saveAndFinish(el);
      await untilEvent(events, 'recovery-code-regenerated');
      expect((await userState(tenant, user!.email)).recoveryCode).to.equal(replacement);
    });
  }
});
