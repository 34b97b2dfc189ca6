// The My Account access token, a new recovery code, the user's phone numbers and addresses and the
// codes sent to them stay inside the elements: not in the light DOM, attributes, console, storage or
// URLs (nor a token or code in any event detail).
import { expect, fixture, html } from '@open-wc/testing';
import type { MfaOtpEnroll } from '../src/index.js';
import type { MfaAuthenticators } from '../src/authenticators/define.js';
import {
  addPhoneInline,
  askForNewRecoveryCode,
  factorsFirst,
  holdingRequests,
  inlineEnroll,
  part,
  renderManage,
  saveAndFinish,
  untilEvent,
  untilStep,
} from './helpers/authenticators.js';
import { enrolledUser } from './helpers/enrolled-user.js';
import { addMethod, createTenant, myAccountToken, newEmail, userState, type TestTenant } from './helpers/tenant.js';
import { outbox, untilMessage } from './helpers/outbox.js';
import { currentCode, shownSecret, typeCode } from './helpers/widget-core.js';
import { captureConsole, leakSurface } from './helpers/leaks.js';

describe('<mfa-authenticators>: secrets', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('keeps the token and the new recovery code out of the light DOM, attributes, console, storage, URLs and events', async () => {
    const { logged, restore } = captureConsole();
    try {
      const seam = holdingRequests();
      const { el, events, token, user } = await renderManage(tenant, { fetch: seam.fetch });
      await untilStep(el, 'list');
      expect(leakSurface()).not.to.contain(token);

      part<HTMLButtonElement>(el, 'add')!.click();
      await untilStep(el, 'adding');
      const inline = inlineEnroll(el);
      await untilStep(inline, 'scan');
      const secret = shownSecret(inline);
      expect(leakSurface()).not.to.contain(secret);
      typeCode(inline, await currentCode(inline));
      await untilEvent(events, 'authenticator-added');
      await untilStep(el, 'list');

      const code = await askForNewRecoveryCode(el);
      expect(code).to.match(/^[A-Z0-9]{24}$/);
      expect(leakSurface()).not.to.contain(code);
      await saveAndFinish(el);
      await untilEvent(events, 'recovery-code-regenerated');
      await untilStep(el, 'list');

      const surface = leakSurface() + '\n' + logged.join('\n') + '\n' + JSON.stringify(events.map((e) => e.detail));
      for (const [name, value] of Object.entries({ token, code, secret, old: user!.recoveryCode })) {
        expect(surface.includes(value), `${name} leaked`).to.equal(false);
      }
      // On the wire, the token goes in the Authorization header only: never in a URL or a body.
      expect(seam.sent.length).to.be.greaterThan(5);
      for (const request of seam.sent) {
        expect(request.url.href).not.to.contain(token);
        expect(request.body).not.to.contain(token);
        expect(request.headers.get('Authorization')).to.equal(`Bearer ${token}`);
      }
      for (const attribute of el.getAttributeNames()) expect(attribute).not.to.match(/token|secret|code/);
      expect(localStorage.length + sessionStorage.length).to.equal(0);
      expect(logged).to.deep.equal([]);
    } finally {
      restore();
    }
  });

  it('keeps phone numbers, email addresses and sent codes out of attributes, the console, storage and URLs', async () => {
    const { logged, restore } = captureConsole();
    try {
      const listedPhone = '+15551238730';
      const known = 'jane.doe@example.com';
      const user = await enrolledUser(tenant);
      await addMethod(tenant, user.email, { type: 'phone', phone_number: listedPhone });
      await addMethod(tenant, user.email, { type: 'email', verified: true });
      const seam = holdingRequests();
      const { el, events, token } = await renderManage(tenant, { user, knownEmail: known, fetch: factorsFirst(seam.fetch) });
      await untilStep(el, 'list');

      const added = '+447700900123';
      await addPhoneInline(tenant, el, events, { typed: '+44 7700 900123', e164: added });
      part<HTMLButtonElement>(el, 'add-email')!.click();
      await untilStep(el, 'adding');
      const inline = inlineEnroll(el);
      await untilStep(inline, 'destination');
      part<HTMLButtonElement>(inline, 'send')!.click();
      await untilStep(inline, 'code-sent');
      expect(inline.getAttributeNames().map((name) => `${name}=${inline.getAttribute(name)}`).join(' '), 'the inline enrollment’s attributes').not.to.match(/@|\+\d|7700/);
      typeCode(inline, (await untilMessage(tenant, known)).code);
      await untilEvent(events, 'authenticator-added', 2);
      await untilStep(el, 'list');

      const codes = [...(await outbox(tenant, added)), ...(await outbox(tenant, known))].map((message) => message.code);
      expect(codes).to.have.length(2);
      // Digits and local parts: found however a URL would encode them.
      const secrets = { listedPhone: '5551238730', added: '7700900123', known: 'jane.doe', own: user.email.split('@')[0]!, token, ...Object.fromEntries(codes.map((code, i) => [`code${i}`, code])) };
      // The test's own calls to the stand-in's control API (the outbox, the users) name them, of course.
      const page = leakSurface().split('\n').filter((line) => !line.includes('/__control/'));
      const surface = page.join('\n') + '\n' + logged.join('\n') + '\n' + el.getAttributeNames().map((name) => el.getAttribute(name)).join(' ');
      for (const [name, value] of Object.entries(secrets)) expect(surface.includes(value), `${name} leaked`).to.equal(false);
      // On the wire: in bodies only, never in a URL.
      expect(seam.sent.some((request) => request.body.includes(added)), 'the number was sent, in a body').to.equal(true);
      for (const request of seam.sent) {
        for (const [name, value] of Object.entries(secrets)) expect(request.url.href.includes(value), `${name} in ${request.url.pathname}`).to.equal(false);
      }
      // The host hears of the methods (as Auth0 lists them), never of a code.
      const details = JSON.stringify(events.map((e) => e.detail));
      for (const code of codes) expect(details.includes(code)).to.equal(false);
      expect(localStorage.length + sessionStorage.length).to.equal(0);
      expect(logged).to.deep.equal([]);
    } finally {
      restore();
    }
  });

  it('reads an access-token attribute into the property, then removes it', async () => {
    const user = await enrolledUser(tenant);
    const token = await myAccountToken(tenant, user.email);
    const el = await fixture<MfaAuthenticators>(html`<mfa-authenticators domain=${tenant.base} access-token=${token}></mfa-authenticators>`);
    expect(el.hasAttribute('access-token')).to.equal(false);
    expect(el.accessToken).to.equal(token);
    await untilStep(el, 'list');
    for (const attribute of el.getAttributeNames()) expect(el.getAttribute(attribute)).not.to.contain(token);
    expect(document.documentElement.outerHTML).not.to.contain(token);
  });

  it('the enroll element on the My Account API: the same for its access-token attribute, and the token is forgotten once used', async () => {
    const token = await myAccountToken(tenant, newEmail());
    const el = await fixture<MfaOtpEnroll>(html`<mfa-otp-enroll api="my-account" domain=${tenant.base} access-token=${token}></mfa-otp-enroll>`);
    expect(el.hasAttribute('access-token')).to.equal(false);
    expect(el.accessToken).to.equal(token);
    await untilStep(el, 'scan');
    expect(document.documentElement.outerHTML).not.to.contain(token);
    expect(document.documentElement.outerHTML).not.to.contain(shownSecret(el));
    typeCode(el, await currentCode(el));
    await untilStep(el, 'done');
    expect(el.accessToken).to.equal('');
  });

  it('reset() forgets the list, the token and a code on screen, which never comes into force', async () => {
    const { el, token, user } = await renderManage(tenant);
    await untilStep(el, 'list');
    const code = await askForNewRecoveryCode(el);
    el.reset();
    await el.updateComplete;
    expect(el.step).to.equal('idle');
    expect(el.accessToken).to.equal('');
    expect(el.shadowRoot!.innerHTML).not.to.contain(code);
    expect(el.shadowRoot!.innerHTML).not.to.contain(token);
    expect(part(el, 'list') === null).to.equal(true);
    expect(part(el, 'recovery-codes') === null).to.equal(true);
    expect((await userState(tenant, user!.email)).recoveryCode).to.equal(user!.recoveryCode);
  });
});
