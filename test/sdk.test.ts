// The elements through Auth0's browser SDK (`auth0` property): every call goes to the SDK's
// `mfa` client, none to the network by the element; the SDK's answers and errors become the
// same events and codes. The SDK itself is a fake of its shape here; the examples' end-to-end
// run (demo/e2e) drives the real packages.
import { expect, fixture, html } from '@open-wc/testing';
import type { Auth0Client } from '@auth0/auth0-spa-js';
import type { Auth0ContextInterface } from '@auth0/auth0-react';
import '../src/index.js';
import '../src/verify/define.js';
import type { Auth0Like, Auth0MfaLike, MfaOtpEnroll, MfaOtpVerify } from '../src/index.js';
import { OTPAUTH_URI, SECRET } from './helpers/fixtures.js';
import { part, saveCodesAndFinish, typeCode, untilEvent, untilStep, type WidgetEvent } from './helpers/widget.js';
import { typeInto, untilVerifyEvent, untilVerifyStep, verifyPart, type VerifyEvent } from './helpers/verify.js';

// The real SDK's client, and auth0-react's useAuth0(), fit the shape the elements accept.
const fromSpaJs: Auth0Like = null as unknown as Auth0Client;
const fromReact: Auth0Like = null as unknown as Auth0ContextInterface;
void [fromSpaJs, fromReact];

const TOKENS = { access_token: 'sdk-access', id_token: 'sdk-id', token_type: 'DPoP', expires_in: 600, scope: 'openid read:api' };

/** An SDK `mfa` client of the real one's shape; its calls are recorded, its answers set per test. */
function fakeMfa(overrides: Partial<Auth0MfaLike> = {}) {
  const calls: { method: string; params: unknown }[] = [];
  const mfa: Auth0MfaLike = {
    getAuthenticators: async (mfaToken) => {
      calls.push({ method: 'getAuthenticators', params: mfaToken });
      return [{ id: 'totp|dev_1', authenticatorType: 'otp', active: true }];
    },
    enroll: async (params) => {
      calls.push({ method: 'enroll', params });
      return { authenticatorType: 'otp', secret: SECRET, barcodeUri: OTPAUTH_URI, recoveryCodes: ['KX7QM2R9VZ4TPL8WN3HJ5DCY'] };
    },
    challenge: async (params) => {
      calls.push({ method: 'challenge', params });
      return { challengeType: 'otp' };
    },
    verify: async (params) => {
      calls.push({ method: 'verify', params });
      return 'recoveryCode' in params ? { ...TOKENS, recovery_code: 'NEWC0DE5AVEDN0WANDTHENXX' } : TOKENS;
    },
    ...overrides,
  };
  return { mfa, calls };
}

/** Every request the element itself sends; through the SDK there must be none. */
function noOwnRequests() {
  const sent: string[] = [];
  return { sent, fetch: async (input: URL) => (sent.push(String(input)), new Response(null, { status: 500 })) };
}

async function enrollThrough(auth0: Auth0Like, timeout = 30000) {
  const own = noOwnRequests();
  const events: WidgetEvent[] = [];
  const record = (event: Event) => events.push(event as WidgetEvent);
  const wrapper = await fixture<HTMLDivElement>(html`
    <div @associated=${record} @enrolled=${record} @enroll-error=${record}>
      <mfa-otp-enroll .auth0=${auth0} .mfaToken=${'sdk-mfa-token'} .timeout=${timeout} .fetch=${own.fetch}></mfa-otp-enroll>
    </div>
  `);
  return { el: wrapper.querySelector<MfaOtpEnroll>('mfa-otp-enroll')!, events, own };
}

async function verifyThrough(auth0: Auth0Like) {
  const own = noOwnRequests();
  const events: VerifyEvent[] = [];
  const record = (event: Event) => events.push(event as VerifyEvent);
  const wrapper = await fixture<HTMLDivElement>(html`
    <div @verified=${record} @verify-error=${record}>
      <mfa-otp-verify .auth0=${auth0} .mfaToken=${'sdk-mfa-token'} .fetch=${own.fetch}></mfa-otp-verify>
    </div>
  `);
  return { el: wrapper.querySelector<MfaOtpVerify>('mfa-otp-verify')!, events, own };
}

describe('through Auth0’s SDK', () => {
  it('enrolls with auth0.mfa.enroll and verify, without domain or client ID, and no request of its own', async () => {
    const { mfa, calls } = fakeMfa();
    const { el, events, own } = await enrollThrough({ mfa });
    await untilStep(el, 'scan');
    typeCode(el, '123456');
    await untilStep(el, 'recovery');
    await saveCodesAndFinish(el);
    const enrolled = await untilEvent(events, 'enrolled');
    expect(enrolled.detail).to.deep.equal({ accessToken: 'sdk-access', idToken: 'sdk-id', tokenType: 'DPoP', expiresIn: 600, scope: 'openid read:api' });
    expect(calls).to.deep.equal([
      { method: 'enroll', params: { mfaToken: 'sdk-mfa-token', factorType: 'otp' } },
      { method: 'verify', params: { mfaToken: 'sdk-mfa-token', otp: '123456' } },
    ]);
    expect(own.sent).to.deep.equal([]);
  });

  it('signs in with getAuthenticators, challenge and verify, and with a recovery code whose new code the SDK returns', async () => {
    const { mfa, calls } = fakeMfa();
    const first = await verifyThrough({ mfa });
    await untilVerifyStep(first.el, 'code');
    typeInto(first.el, 'code-input', '654321');
    const verified = await untilVerifyEvent(first.events, 'verified');
    expect(verified.detail).to.include({ method: 'otp', accessToken: 'sdk-access', tokenType: 'DPoP' });
    expect(calls.map((call) => call.method)).to.deep.equal(['getAuthenticators', 'challenge', 'verify']);
    expect(calls[1]!.params).to.deep.equal({ mfaToken: 'sdk-mfa-token', challengeType: 'otp', authenticatorId: 'totp|dev_1' });

    const second = await verifyThrough({ mfa });
    await untilVerifyStep(second.el, 'code');
    verifyPart<HTMLButtonElement>(second.el, 'use-recovery-code')!.click();
    await untilVerifyStep(second.el, 'recovery');
    typeInto(second.el, 'recovery-input', 'abcd efgh ijkl mnop qrst uvwx');
    await second.el.updateComplete;
    verifyPart<HTMLButtonElement>(second.el, 'submit')!.click();
    await untilVerifyStep(second.el, 'new-recovery-code');
    expect(calls.at(-1)!.params).to.deep.equal({ mfaToken: 'sdk-mfa-token', recoveryCode: 'ABCDEFGHIJKLMNOPQRSTUVWX' });
    expect(verifyPart(second.el, 'new-recovery-code')!.textContent!.trim()).to.equal('NEWC0DE5AVEDN0WANDTHENXX');
    expect(second.own.sent.concat(first.own.sent)).to.deep.equal([]);
  });

  it('signs in with the last recovery code when the SDK returns no new one: tokens kept, hasRecoveryCode false', async () => {
    const { mfa } = fakeMfa({ verify: async () => TOKENS });
    const { el, events } = await verifyThrough({ mfa });
    await untilVerifyStep(el, 'code');
    verifyPart<HTMLButtonElement>(el, 'use-recovery-code')!.click();
    await untilVerifyStep(el, 'recovery');
    typeInto(el, 'recovery-input', 'ABCDEFGHIJKLMNOPQRSTUVWX');
    await el.updateComplete;
    verifyPart<HTMLButtonElement>(el, 'submit')!.click();
    await untilVerifyStep(el, 'recovery-code-used-up');
    expect(events).to.have.length(0);
    verifyPart<HTMLButtonElement>(el, 'finish')!.click();
    const verified = await untilVerifyEvent(events, 'verified');
    expect(verified.detail).to.include({ method: 'recovery-code', hasRecoveryCode: false, accessToken: 'sdk-access', tokenType: 'DPoP' });
  });

  const sdkErrors: [string, { error: string; error_description: string }, string][] = [
    ['MfaVerifyError, wrong code', { error: 'invalid_grant', error_description: 'Invalid otp_code.' }, 'invalid_code'],
    ['no stored MFA context', { error: 'mfa_context_not_found', error_description: 'MFA context not found for this MFA token. Please retry the original request to get a new MFA token.' }, 'invalid_token'],
    ['expired mfa_token', { error: 'expired_token', error_description: 'mfa_token is expired' }, 'expired_token'],
    ['rate limited', { error: 'too_many_attempts', error_description: 'Too many attempts' }, 'rate_limited'],
  ];
  for (const [what, sdkError, code] of sdkErrors) {
    it(`maps the SDK’s ${what} to ${code}, keeping error and error_description`, async () => {
      const failing = Object.assign(new Error(sdkError.error_description), sdkError);
      const { mfa } = fakeMfa({ verify: () => Promise.reject(failing) });
      const { el, events } = await enrollThrough({ mfa });
      await untilStep(el, 'scan');
      typeCode(el, '123456');
      const error = await untilEvent(events, 'enroll-error');
      expect(error.detail).to.include({ code, step: 'confirming', error: sdkError.error, description: sdkError.error_description });
    });
  }

  it('keeps its session when a new auth0 object holds the same client (useAuth0() after a user change)', async () => {
    const { mfa, calls } = fakeMfa();
    const { el } = await enrollThrough({ mfa });
    await untilStep(el, 'scan');
    el.auth0 = { mfa }; // a new object, the same mfa client
    await el.updateComplete;
    expect(el.step).to.equal('scan');
    expect(calls.filter((call) => call.method === 'enroll')).to.have.length(1);
    el.auth0 = { mfa: fakeMfa().mfa }; // another client: starts over
    await el.updateComplete;
    expect(el.step).to.equal('loading');
  });

  it('cuts off an SDK call that never settles with timeout', async () => {
    const { mfa } = fakeMfa({ enroll: () => new Promise(() => {}) });
    const { el, events } = await enrollThrough({ mfa }, 300);
    const error = await untilEvent(events, 'enroll-error');
    expect(error.detail).to.include({ code: 'timeout', step: 'loading', retryable: true });
    expect(el.step).to.equal('error');
  });

  it('says what was expected when auth0 has no mfa client (AuthService in Angular, an old SDK)', async () => {
    const { el, events } = await enrollThrough({} as Auth0Like);
    const error = await untilEvent(events, 'enroll-error');
    expect(error.detail).to.include({ code: 'config', retryable: false });
    expect((error.detail as { message: string }).message).to.contain('"mfa" is missing');
    expect((error.detail as { message: string }).message).to.contain('Auth0ClientService');
    expect(part(el, 'error')!.textContent).to.contain('@auth0/auth0-spa-js 2.13+');
  });

  it('refuses an enrollment from the SDK that the element would refuse from the API', async () => {
    const { mfa } = fakeMfa({ enroll: async () => ({ authenticatorType: 'otp', secret: SECRET, barcodeUri: 'javascript:alert(1)' }) });
    const { el, events } = await enrollThrough({ mfa });
    const error = await untilEvent(events, 'enroll-error');
    expect(error.detail).to.include({ code: 'bad_response' });
    expect(part(el, 'qr')).to.equal(null);
  });
});
