// <mfa-otp-verify> against the stand-in tenant: an enrolled user signs in again with the code
// from their app, or with a recovery code, and saves the new one before anything moves on.
import { expect } from '@open-wc/testing';
import type { VerifiedDetail, VerifyErrorDetail } from '../src/verify/define.js';
import { nextCode } from './helpers/enrolled-user.js';
import { createTenant, requestsTo, userState, type TestTenant } from './helpers/tenant.js';
import { renderVerify, submitRecoveryCode, typeInto, untilVerifyEvent, untilVerifyStep, useRecoveryCode, verifyPart } from './helpers/verify.js';

describe('sign-in with the authenticator app', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant({ name: 'Test Tenant' });
  });

  it('finds the active authenticator, challenges it, and signs in with the code from the app', async () => {
    const { el, events, user } = await renderVerify(tenant);
    await untilVerifyStep(el, 'code');
    expect(el.getAttribute('step')).to.equal('code');
    const [challenge] = await requestsTo(tenant, 'POST', '/mfa/challenge');
    expect(challenge!.bodyKeys.sort()).to.deep.equal(['authenticator_id', 'challenge_type', 'client_id', 'mfa_token']);
    expect((await userState(tenant, user.email)).challenges).to.equal(1);
    await expect(el).to.be.accessible();

    typeInto(el, 'code-input', await nextCode(user));
    const verified = (await untilVerifyEvent(events, 'verified')).detail as VerifiedDetail;
    expect(verified.method).to.equal('otp');
    expect(verified.accessToken).to.be.a('string').with.length.greaterThan(0);
    expect(verified.tokenType).to.equal('Bearer');
    expect(el.step).to.equal('done');
    expect(el.mfaToken).to.equal('');
  });

  it('signs in with a recovery code typed in lower case with dashes, shows the new code, and fires verified only after Finish', async () => {
    const { el, events, user } = await renderVerify(tenant);
    await untilVerifyStep(el, 'code');
    await useRecoveryCode(el);
    const typed = user.recoveryCode.toLowerCase().match(/.{4}/g)!.join('-');
    await submitRecoveryCode(el, typed);
    await untilVerifyStep(el, 'new-recovery-code');
    const shown = verifyPart(el, 'new-recovery-code')!.textContent!.trim();
    expect(shown).to.match(/^[A-Z0-9]{24}$/);
    expect(shown).not.to.equal(user.recoveryCode);
    expect((await userState(tenant, user.email)).recoveryCode).to.equal(shown);
    expect(events.filter((e) => e.type === 'verified')).to.have.length(0);
    expect(verifyPart<HTMLButtonElement>(el, 'finish')!.disabled).to.equal(true);

    verifyPart<HTMLInputElement>(el, 'recovery-ack')!.click();
    await el.updateComplete;
    verifyPart<HTMLButtonElement>(el, 'finish')!.click();
    const verified = (await untilVerifyEvent(events, 'verified')).detail as VerifiedDetail;
    expect(verified.method).to.equal('recovery-code');
    expect(verified).not.to.have.property('recoveryCode');
    expect(el.step).to.equal('done');
  });

  it('reports not_enrolled for a user without an authenticator', async () => {
    const { mfaToken } = await import('./helpers/tenant.js');
    const token = await mfaToken(tenant);
    const { el, events } = await renderVerify(tenant, { token });
    const error = (await untilVerifyEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error).to.include({ code: 'not_enrolled', step: 'loading', retryable: false });
    expect(el.step).to.equal('error');
  });
});
