// What signs a user in stays inside <mfa-otp-verify>: the mfa_token, the recovery code typed, the
// new one shown, the tokens earned. Not in the light DOM, attributes, console, storage or URLs,
// and gone from the element after Finish and on reset().
import { expect, fixture, html } from '@open-wc/testing';
import type { MfaOtpVerify, VerifiedDetail } from '../src/verify/define.js';
import { enrolledUser, nextCode, signInAgain } from './helpers/enrolled-user.js';
import { CLIENT_ID, createTenant, type TestTenant } from './helpers/tenant.js';
import {
  renderVerify,
  saveNewCodeAndFinish,
  shownNewCode,
  submitRecoveryCode,
  typeInto,
  untilEvent,
  untilStep,
  useRecoveryCode,
  part,
} from './helpers/verify.js';
import { captureConsole, leakSurface } from './helpers/leaks.js';
import { newPhone, signingIn, type SentMessage } from './helpers/sent-codes.js';
import { tenantUrl } from './helpers/tenant.js';
import { isGrant, recordRequests } from './helpers/verify.js';

/**
 * The newest message to `to`, read from the whole outbox: a `?to=` in the test's own request would
 * put the number in the page's resource list, which is checked for leaks.
 */
async function newestTo(tenant: TestTenant, to: string, count = 1): Promise<SentMessage> {
  const { waitUntil } = await import('@open-wc/testing');
  let sent: SentMessage[] = [];
  await waitUntil(
    async () => {
      const all = (await (await fetch(`${tenantUrl}/__control/tenants/${tenant.id}/outbox`)).json()) as SentMessage[];
      sent = all.filter((message) => message.to === to);
      return sent.length >= count;
    },
    `no message to ${to}`,
    { timeout: 10000 },
  );
  return sent[0]!;
}

/** What the element itself still shows or holds in its fields. */
function shadowSurface(el: MfaOtpVerify): string {
  const fields = [...el.shadowRoot!.querySelectorAll('input')].map((input) => input.value);
  return [el.shadowRoot!.innerHTML, ...fields].join('\n');
}

/** Signs `el` in with the user's recovery code up to the new code on screen; returns it. */
async function toNewCode(el: MfaOtpVerify, recoveryCode: string): Promise<string> {
  await untilStep(el, 'code');
  await useRecoveryCode(el);
  await submitRecoveryCode(el, recoveryCode);
  await untilStep(el, 'new-recovery-code');
  return shownNewCode(el);
}

describe('secrets of the sign-in', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('keeps the mfa_token, both recovery codes and the tokens out of the light DOM, attributes, console, storage and URLs', async () => {
    const { logged, restore } = captureConsole();
    try {
      const user = await enrolledUser(tenant);
      const token = await signInAgain(tenant, user);
      const { el, events } = await renderVerify(tenant, { user, token });
      const used = user.recoveryCode;
      await untilStep(el, 'code');
      await useRecoveryCode(el);
      typeInto(el, 'recovery-input', used);
      await el.updateComplete;
      expect(leakSurface()).not.to.contain(used);
      part<HTMLButtonElement>(el, 'submit')!.click();
      await untilStep(el, 'new-recovery-code');
      const replacement = shownNewCode(el);
      expect(replacement).to.match(/^[A-Z0-9]{24}$/);
      expect(leakSurface()).not.to.contain(replacement);
      await saveNewCodeAndFinish(el);
      const detail = (await untilEvent(events, 'verified')).detail as VerifiedDetail;
      const { accessToken, idToken } = detail as { accessToken: string; idToken: string };
      expect(JSON.stringify(detail)).not.to.contain(replacement);

      const surface = leakSurface() + '\n' + logged.join('\n');
      for (const [name, value] of Object.entries({ token, used, replacement, accessToken, idToken })) {
        expect(surface.includes(value), `${name} leaked`).to.equal(false);
      }
      for (const attribute of el.getAttributeNames()) expect(attribute).not.to.match(/token/);
      expect(localStorage.length + sessionStorage.length).to.equal(0);
      expect(logged).to.deep.equal([]);
    } finally {
      restore();
    }
  });

  it('keeps the phone number, the email address, the codes sent and their oob_codes out of attributes, console, storage, URLs and events', async () => {
    const { logged, restore } = captureConsole();
    try {
      const phone = newPhone();
      const address = 'private.person@example.com';
      const { user, token } = await signingIn(tenant, { phone, email: address });
      const seam = recordRequests();
      const { el, events } = await renderVerify(tenant, { user, token, fetch: seam.fetch });
      await untilStep(el, 'code-sent');
      const text = await newestTo(tenant, phone);
      typeInto(el, 'code-input', text.code.slice(0, 4));
      await el.updateComplete;
      const openMethods = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=other-methods]')!.click();
      openMethods();
      await untilStep(el, 'choose-method');
      [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=method-option]')].find((option) => option.textContent!.includes('Email to'))!.click();
      await untilStep(el, 'code-sent');
      const mail = await newestTo(tenant, address);
      typeInto(el, 'code-input', mail.code);
      const detail = (await untilEvent(events, 'verified')).detail as VerifiedDetail;
      expect(detail.method).to.equal('email');
      const oobCodes = seam.sent.filter((request) => isGrant(request.url)).map((request) => String(request.body.oob_code));
      expect(oobCodes).to.have.length(1);

      const surface = leakSurface() + '\n' + logged.join('\n');
      for (const [name, value] of Object.entries({ phone, address, oobCode: oobCodes[0]! })) {
        expect(surface.includes(value), `${name} leaked`).to.equal(false);
        expect(JSON.stringify(detail).includes(value), `${name} in the event`).to.equal(false);
        expect(shadowSurface(el).includes(value), `${name} still in the element`).to.equal(false);
      }
      // Six digits could turn up anywhere by chance: the places the element could put them.
      const elementUrls = seam.sent.map((request) => request.url.href).join('\n');
      for (const code of [text.code, mail.code]) {
        expect(elementUrls.includes(code), 'a code in a URL').to.equal(false);
        expect(el.outerHTML.includes(code), 'a code in an attribute').to.equal(false);
        expect(shadowSurface(el).includes(code), 'a code still in the element').to.equal(false);
        expect(logged.join('\n').includes(code), 'a code logged').to.equal(false);
      }
      expect(elementUrls.includes(encodeURIComponent(phone)) || elementUrls.includes(phone.slice(1))).to.equal(false);
      expect(localStorage.length + sessionStorage.length).to.equal(0);
      expect(logged).to.deep.equal([]);
    } finally {
      restore();
    }
  });

  it('forgets a sent code typed and where it went on reset()', async () => {
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { phone });
    const { el } = await renderVerify(tenant, { user, token });
    await untilStep(el, 'code-sent');
    const { code } = await newestTo(tenant, phone);
    typeInto(el, 'code-input', code.slice(0, 5));
    await el.updateComplete;
    expect(shadowSurface(el)).to.contain(code.slice(0, 5));
    expect(shadowSurface(el)).to.contain(phone.slice(-4));
    el.reset();
    await el.updateComplete;
    expect(el.step).to.equal('idle');
    expect(shadowSurface(el)).not.to.contain(code.slice(0, 5));
    expect(shadowSurface(el)).not.to.contain(`••••${phone.slice(-4)}`);
    expect(el.mfaToken).to.equal('');
  });

  it('moves an mfa-token given as an attribute into the property and removes the attribute', async () => {
    const user = await enrolledUser(tenant);
    const token = await signInAgain(tenant, user);
    const el = await fixture<MfaOtpVerify>(html`<mfa-otp-verify domain=${tenant.base} client-id=${CLIENT_ID} mfa-token=${token}></mfa-otp-verify>`);
    expect(el.hasAttribute('mfa-token')).to.equal(false);
    expect(el.mfaToken).to.equal(token);
    await untilStep(el, 'code');
    expect(el.outerHTML).not.to.contain(token);
    // Set again later (a framework writing attributes), it is taken and removed again.
    const next = await signInAgain(tenant, user);
    el.setAttribute('mfa-token', next);
    expect(el.hasAttribute('mfa-token')).to.equal(false);
    expect(el.mfaToken).to.equal(next);
    await el.updateComplete;
    expect(el.step, 'a sign-in with the new token').to.equal('loading');
    await untilStep(el, 'code');
    typeInto(el, 'code-input', await nextCode(user));
    await untilStep(el, 'done');
    expect(el.outerHTML).not.to.contain(next);
  });

  it('forgets both recovery codes and the token after Finish', async () => {
    const { el, events, user } = await renderVerify(tenant);
    const token = el.mfaToken;
    const replacement = await toNewCode(el, user.recoveryCode);
    expect(shadowSurface(el)).to.contain(replacement);
    await saveNewCodeAndFinish(el);
    await untilEvent(events, 'verified');
    await el.updateComplete;
    expect(el.step).to.equal('done');
    expect(el.mfaToken).to.equal('');
    for (const [name, value] of Object.entries({ token, used: user.recoveryCode, replacement })) {
      expect(shadowSurface(el).includes(value), `${name} still in the element`).to.equal(false);
    }
  });

  it('forgets the new recovery code, the typed one and the token on reset()', async () => {
    const { el, events, user } = await renderVerify(tenant);
    const replacement = await toNewCode(el, user.recoveryCode);
    el.reset();
    await el.updateComplete;
    expect(el.step).to.equal('idle');
    expect(el.mfaToken).to.equal('');
    expect(shadowSurface(el)).not.to.contain(replacement);
    expect(events).to.have.length(0);

    const typing = await renderVerify(tenant);
    await untilStep(typing.el, 'code');
    await useRecoveryCode(typing.el);
    typeInto(typing.el, 'recovery-input', typing.user.recoveryCode);
    await typing.el.updateComplete;
    typing.el.reset();
    await typing.el.updateComplete;
    expect(typing.el.step).to.equal('idle');
    expect(shadowSurface(typing.el)).not.to.contain(typing.user.recoveryCode);
    expect(typing.el.mfaToken).to.equal('');
  });
});
