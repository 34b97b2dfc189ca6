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
