// <mfa-authenticators> with phones and emails, through the My Account API on the stand-in tenant
// over real cross-origin HTTP: listed masked with how a phone gets its codes, removed after the
// confirmation (not the email Auth0 keeps), offered as the tenant enables them (else as the host
// lists them), and added inline with the code read from the stand-in's outbox, over `fetch` and
// through the SDK's `auth0.myAccount`.
import { expect, waitUntil } from '@open-wc/testing';
import type { Auth0MyAccountLike } from '../src/auth0/sdk-shapes.js';
import type { AuthenticatorChangedDetail } from '../src/authenticators/define.js';
import {
  addPhoneInline,
  announced,
  askToRemove,
  inlineEnroll,
  manageError,
  manageErrorText,
  offeredAdds,
  ofType,
  part,
  parts,
  renderManage,
  rowOf,
  rows,
  typeDestination,
  untilEvent,
  untilStep,
  type ManageWidget,
} from './helpers/authenticators.js';
import { enrolledUser, type EnrolledUser } from './helpers/enrolled-user.js';
import { outbox, untilMessage } from './helpers/outbox.js';
import { sdkOverTenant } from './helpers/sdk-over-tenant.js';
import {
  addMethod,
  createTenant,
  listedMethods,
  myAccountToken,
  newEmail,
  MY_ACCOUNT_SCOPES as SCOPES,
  requestsTo,
  type ListedMethod,
  type TestTenant,
} from './helpers/tenant.js';
import { typeCode } from './helpers/widget-core.js';

const PHONE = '+15551238730';
const VOICE_PHONE = '+447700900123';
/** The add buttons the list shows, by part, in order. */
const offered = (widget: Pick<ManageWidget, 'el'>) => offeredAdds(widget.el);

/** An enrolled user (an app and a recovery code) who also has a phone by text, one by call, and the email Auth0 made from their verified address. */
async function userWithPhonesAndEmail(tenant: TestTenant): Promise<{ user: EnrolledUser; sms: ListedMethod; voice: ListedMethod; email: ListedMethod }> {
  const user = await enrolledUser(tenant);
  const sms = await addMethod(tenant, user.email, { type: 'phone', phone_number: PHONE, preferred_authentication_method: 'sms' });
  const voice = await addMethod(tenant, user.email, { type: 'phone', phone_number: VOICE_PHONE, preferred_authentication_method: 'voice' });
  const email = await addMethod(tenant, user.email, { type: 'email', verified: true });
  return { user, sms, voice, email };
}

/** Everything a page, a screen reader or a DOM snapshot can read of the element: text, attributes (aria too), the light DOM. */
const readable = (widget: ManageWidget) => `${widget.el.shadowRoot!.innerHTML}\n${document.documentElement.outerHTML}`;

describe('<mfa-authenticators>: phones and emails listed', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('lists each phone masked with how it gets codes, the email masked; the full number and address are nowhere in the DOM', async () => {
    const { user, sms, voice, email } = await userWithPhonesAndEmail(tenant);
    const widget = await renderManage(tenant, { user });
    const { el } = widget;
    await untilStep(el, 'list');
    const masked = `u•••@${user.email.split('@')[1]}`;
    expect(user.email, 'the mask below starts from the address’s first letter').to.match(/^u/);
    const shown = rows(el).filter((r) => [sms.id, voice.id, email.id].includes(r.id));
    expect(shown.map(({ id, name, channel, removable }) => ({ id, name, channel, removable }))).to.deep.equal([
      { id: sms.id, name: 'Phone \u2068+1 ••• ••• 8730\u2069', channel: 'Codes by text message', removable: true },
      { id: voice.id, name: 'Phone \u2068+44 ••• ••• 0123\u2069', channel: 'Codes by voice call', removable: true },
      { id: email.id, name: `Email \u2068${masked}\u2069`, channel: '', removable: true },
    ]);
    expect(rowOf(el, sms.id).querySelector('[part~="remove"]')!.getAttribute('aria-label')).to.equal('Remove: Phone \u2068+1 ••• ••• 8730\u2069');
    expect(rowOf(el, email.id).querySelector('[part~="remove"]')!.getAttribute('aria-label')).to.equal(`Remove: Email \u2068${masked}\u2069`);

    const page = readable(widget);
    for (const secret of [PHONE, PHONE.slice(2), '555', VOICE_PHONE, '7700900', user.email, user.email.split('@')[0]!]) {
      expect(page.includes(secret), `${secret} is readable`).to.equal(false);
    }
  });

  it('removes a phone after the confirmation: DELETE, the list without it, authenticator-removed and the announcement', async () => {
    const { user, sms } = await userWithPhonesAndEmail(tenant);
    const { el, events } = await renderManage(tenant, { user });
    await untilStep(el, 'list');
    const row = rowOf(el, sms.id);
    await askToRemove(el, row);
    const confirm = row.querySelector('[role=group]')!;
    expect(confirm.textContent).to.contain('Remove Phone \u2068+1 ••• ••• 8730\u2069? You won’t be able to sign in with it any more.');
    expect(confirm.querySelector('.warning') === null, 'the app and another phone are left').to.equal(true);
    part<HTMLButtonElement>(el, 'confirm-remove')!.click();

    const removed = await untilEvent(events, 'authenticator-removed');
    expect((removed.detail as AuthenticatorChangedDetail).authenticationMethod).to.include({ id: sms.id, type: 'phone', preferred_authentication_method: 'sms' });
    await untilStep(el, 'list');
    expect(rows(el).map((r) => r.id)).not.to.include(sms.id);
    expect(announced(el)).to.equal('Phone \u2068+1 ••• ••• 8730\u2069 removed.');
    expect(await requestsTo(tenant, 'DELETE', `/me/v1/authentication-methods/${encodeURIComponent(sms.id)}`)).to.have.length(1);
    const left = await listedMethods(tenant, user.email);
    expect(left.map((m) => m.id)).not.to.include(sms.id);
    expect(left.filter((m) => m.type === 'phone').map((m) => m.phone_number), 'the other phone stays').to.deep.equal([VOICE_PHONE]);
  });

  it('the verified email the host names as the user’s own: no Remove for it; the phones keep theirs', async () => {
    const { user, sms, email } = await userWithPhonesAndEmail(tenant);
    const { el } = await renderManage(tenant, { user, knownEmail: user.email });
    await untilStep(el, 'list');
    const removable = Object.fromEntries(rows(el).map((r) => [r.id, r.removable]));
    expect(removable[email.id]).to.equal(false);
    expect(removable[sms.id]).to.equal(true);
    expect(rowOf(el, email.id).textContent).to.contain('Email');
  });

  it('the verified email, not named by the host: Remove, Auth0’s 400 shown as text, the row stays and Remove goes', async () => {
    const { user, email } = await userWithPhonesAndEmail(tenant);
    const widget = await renderManage(tenant, { user, knownEmail: 'someone.else@example.com' });
    const { el, events } = widget;
    await untilStep(el, 'list');
    await askToRemove(el, rowOf(el, email.id));
    part<HTMLButtonElement>(el, 'confirm-remove')!.click();

    const detail = await manageError(widget);
    const refusal = 'The email authentication method of a verified email address cannot be deleted.';
    expect(detail).to.include({ code: 'request_failed', status: 400, step: 'removing', retryable: false, description: refusal });
    await untilStep(el, 'list');
    expect(manageErrorText(el)).to.equal(`The server refused the request. (${refusal})`);
    expect(part(el, 'error')!.children, 'text, not markup').to.have.length(0);
    const row = rowOf(el, email.id);
    expect(row.querySelector('[part~="remove"]') === null, 'no Remove that can only fail again').to.equal(true);
    expect(row.querySelector('[part~="confirm-remove"]') === null, 'no confirmation left open').to.equal(true);
    expect(ofType(events, 'authenticator-removed')).to.deep.equal([]);
    expect((await listedMethods(tenant, user.email)).map((m) => m.id)).to.include(email.id);
    expect(rows(el).filter((r) => r.removable).length, 'the others can still be removed').to.be.greaterThan(0);
  });
});

describe('<mfa-authenticators>: what is offered to add', () => {
  it('with read:me:factors, the tenant’s enabled factors: only an app and an email, whatever the host lists', async () => {
    const tenant = await createTenant({ factors: ['otp', 'email'] });
    const widget = await renderManage(tenant, { factors: 'otp sms voice email' });
    await untilStep(widget.el, 'list');
    expect(offered(widget)).to.deep.equal(['add', 'add-email']);
    expect(await requestsTo(tenant, 'GET', '/me/v1/factors')).to.have.length(1);
  });

  it('with read:me:factors, a tenant with phones only: only Add a phone, and it is the primary action', async () => {
    const tenant = await createTenant({ factors: ['phone'] });
    const widget = await renderManage(tenant, { email: newEmail() });
    await untilStep(widget.el, 'list');
    expect(offered(widget)).to.deep.equal(['add-phone']);
    expect(part(widget.el, 'add-phone')!.classList.contains('primary')).to.equal(true);
  });

  it('the tenant says phone, not how: a host that names sms (not voice) gets a phone by text only, with no choice', async () => {
    const tenant = await createTenant({ factors: ['otp', 'phone'], phoneChannels: ['sms'] });
    const widget = await renderManage(tenant, { factors: 'otp sms' });
    await untilStep(widget.el, 'list');
    expect(offered(widget)).to.deep.equal(['add', 'add-phone']);
    part<HTMLButtonElement>(widget.el, 'add-phone')!.click();
    await untilStep(widget.el, 'adding');
    const inline = widget.el.shadowRoot!.querySelector('mfa-otp-enroll')!;
    await untilStep(inline, 'destination');
    expect(inline.factors).to.deep.equal(['sms']);
  });

  it('without read:me:factors, the host’s factors attribute; without it, an app', async () => {
    const tenant = await createTenant({ factors: ['otp'] });
    const scope = `${SCOPES.read} ${SCOPES.create} ${SCOPES.delete}`;
    const listed = await renderManage(tenant, { scope, factors: 'sms email' });
    await untilStep(listed.el, 'list');
    expect(offered(listed)).to.deep.equal(['add-phone', 'add-email']);
    expect(await requestsTo(tenant, 'GET', '/me/v1/factors'), 'not asked: the token says it lacks the scope').to.have.length(0);
    expect(ofType(listed.events, 'authenticators-error'), 'a missing scope here is no error').to.deep.equal([]);
    // A framework that sets properties (React 19, Vue) passes the attribute's words on as a string.
    (listed.el as unknown as { factors: string }).factors = 'voice email';
    await listed.el.updateComplete;
    expect(offered(listed)).to.deep.equal(['add-phone', 'add-email']);
    part<HTMLButtonElement>(listed.el, 'add-phone')!.click();
    await untilStep(listed.el, 'adding');
    const inline = listed.el.shadowRoot!.querySelector('mfa-otp-enroll')!;
    await untilStep(inline, 'destination');
    expect(inline.factors).to.deep.equal(['voice']);

    const unset = await renderManage(tenant, { scope });
    await untilStep(unset.el, 'list');
    expect(offered(unset)).to.deep.equal(['add']);
  });
});

describe('<mfa-authenticators>: adding a phone or an email inline', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant({ name: 'Settings Co' });
  });

  it('adds a phone by text message: the choice of text or call, the code from the outbox, authenticator-added, the list with it, focus on the first action', async () => {
    const { el, events, user } = await renderManage(tenant);
    await untilStep(el, 'list');
    part<HTMLButtonElement>(el, 'add-phone')!.click();
    await untilStep(el, 'adding');
    const inline = inlineEnroll(el);
    expect(inline.api).to.equal('my-account');
    expect(inline.factors).to.deep.equal(['sms', 'voice']);
    await untilStep(inline, 'choose');
    const options = parts<HTMLButtonElement>(inline, 'factor-option');
    expect(options.map((o) => o.value), 'both ways the tenant sends codes').to.deep.equal(['sms', 'voice']);
    options[0]!.click();
    await untilStep(inline, 'destination');
    typeDestination(inline, 'phone-input', '(555) 123-8730');
    part<HTMLButtonElement>(inline, 'send')!.click();
    await untilStep(inline, 'code-sent');
    const started = await requestsTo(tenant, 'POST', '/me/v1/authentication-methods');
    expect(started.map((r) => r.bodyKeys.sort())).to.deep.equal([['phone_number', 'preferred_authentication_method', 'type']]);
    const message = await untilMessage(tenant, PHONE);
    expect(message.channel).to.equal('sms');
    typeCode(inline, message.code);

    const added = await untilEvent(events, 'authenticator-added');
    const method = (added.detail as AuthenticatorChangedDetail).authenticationMethod;
    expect(method).to.include({ type: 'phone', confirmed: true, phone_number: PHONE, preferred_authentication_method: 'sms' });
    await untilStep(el, 'list');
    expect(announced(el)).to.equal('Phone added.');
    const row = rows(el).find((r) => r.id === method.id)!;
    expect([row.name, row.channel, row.removable]).to.deep.equal(['Phone \u2068+1 ••• ••• 8730\u2069', 'Codes by text message', true]);
    expect(el.shadowRoot!.activeElement?.getAttribute('part'), 'focus back on the list’s first action').to.equal('add');
    expect(el.shadowRoot!.querySelector('mfa-otp-enroll') === null).to.equal(true);
    expect(ofType(events, 'authenticator-added')).to.have.length(1);
    expect(ofType(events, 'enrolled').concat(ofType(events, 'associated')), 'the inline element’s own events stay inside').to.deep.equal([]);
    const listed = (await listedMethods(tenant, user!.email)).find((m) => m.id === method.id)!;
    expect(listed).to.include({ confirmed: true, phone_number: PHONE });
  });

  it('adds a phone by voice call on a tenant with phones only: the first action is then Add a phone, and focus returns there', async () => {
    const phonesOnly = await createTenant({ factors: ['phone'] });
    const { el, events } = await renderManage(phonesOnly, { email: newEmail() });
    await untilStep(el, 'list');
    const added = await addPhoneInline(phonesOnly, el, events, { typed: '+44 7700 900123', e164: VOICE_PHONE, channel: 'voice' });
    expect((added.detail as AuthenticatorChangedDetail).authenticationMethod).to.include({ type: 'phone', preferred_authentication_method: 'voice' });
    expect((await outbox(phonesOnly, VOICE_PHONE))[0]!.channel).to.equal('voice');
    const row = rows(el).find((r) => r.id === (added.detail as AuthenticatorChangedDetail).authenticationMethod.id)!;
    expect([row.name, row.channel]).to.deep.equal(['Phone \u2068+44 ••• ••• 0123\u2069', 'Codes by voice call']);
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('add-phone');
  });

  it('adds an email, the field prefilled from the host’s email: authenticator-added, "Email address added.", the list with it masked', async () => {
    const known = 'jane.doe@example.com';
    const { el, events } = await renderManage(tenant, { knownEmail: known, factors: 'otp email' });
    await untilStep(el, 'list');
    part<HTMLButtonElement>(el, 'add-email')!.click();
    await untilStep(el, 'adding');
    const inline = inlineEnroll(el);
    expect(inline.factors).to.deep.equal(['email']);
    await untilStep(inline, 'destination');
    expect(part<HTMLInputElement>(inline, 'email-input')!.value).to.equal(known);
    expect(part(inline, 'factor-option') === null, 'one factor: no choice').to.equal(true);
    part<HTMLButtonElement>(inline, 'send')!.click();
    await untilStep(inline, 'code-sent');
    typeCode(inline, (await untilMessage(tenant, known)).code);

    const added = await untilEvent(events, 'authenticator-added');
    const method = (added.detail as AuthenticatorChangedDetail).authenticationMethod;
    expect(method).to.include({ type: 'email', email: known, confirmed: true });
    await untilStep(el, 'list');
    expect(announced(el)).to.equal('Email address added.');
    expect(rows(el).find((r) => r.id === method.id)!.name).to.equal('Email \u2068j•••@example.com\u2069');
  });

  it('through the SDK (auth0.myAccount): getFactors decides, enrollmentChallenge and enrollmentVerify add the phone; no request of the element’s own', async () => {
    const phones = await createTenant({ factors: ['otp', 'phone'] });
    const user = await enrolledUser(phones);
    const sdk = sdkOverTenant(phones, await myAccountToken(phones, user.email));
    const myAccount = sdk.myAccount!;
    const calls: string[] = [];
    const auth0 = {
      ...sdk,
      myAccount: {
        ...myAccount,
        getFactors: () => (calls.push('getFactors'), myAccount.getFactors!()),
        enrollmentChallenge: (options) => (calls.push(`enrollmentChallenge ${JSON.stringify(options)}`), myAccount.enrollmentChallenge(options)),
        enrollmentVerify: (options) => (calls.push(`enrollmentVerify ${JSON.stringify(options)}`), myAccount.enrollmentVerify(options)),
      } satisfies Auth0MyAccountLike,
    };
    const own: string[] = [];
    const { el, events } = await renderManage(phones, { user, auth0, fetch: async (input) => (own.push(String(input)), new Response(null, { status: 500 })) });
    await untilStep(el, 'list');
    // The factors come beside the list: the add buttons change once they are in.
    await waitUntil(() => offered({ el }).join() === 'add,add-phone', 'the tenant’s factors, from getFactors(), never offered');

    const added = await addPhoneInline(phones, el, events);
    const method = (added.detail as AuthenticatorChangedDetail).authenticationMethod;
    expect(method).to.include({ type: 'phone', phone_number: PHONE, confirmed: true });
    expect(announced(el)).to.equal('Phone added.');
    expect(rows(el).find((r) => r.id === method.id)!.name).to.equal('Phone \u2068+1 ••• ••• 8730\u2069');
    expect(calls[0]).to.equal('getFactors');
    expect(calls[1]).to.equal(`enrollmentChallenge ${JSON.stringify({ type: 'phone', phone_number: PHONE, preferred_authentication_method: 'sms' })}`);
    expect(calls[2]).to.match(/^enrollmentVerify \{"type":"phone","location":"[^"]+\/me\/v1\/authentication-methods\/phone%7C[^"]+","auth_session":"[^"]+","otp_code":"\d{6}"\}$/);
    expect(calls).to.have.length(3);
    expect(own).to.deep.equal([]);
  });
});
