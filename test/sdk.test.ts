// The elements through Auth0's browser SDK (`auth0` property): every call goes to the SDK's
// `mfa` client, none to the network by the element; the SDK's answers and errors become the
// same events and codes. The SDK itself is a fake of its shape here; the examples' end-to-end
// run (demo/e2e) drives the real packages.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Auth0Client } from '@auth0/auth0-spa-js';
import type { Auth0ContextInterface } from '@auth0/auth0-react';
import '../src/index.js';
import '../src/verify/define.js';
import type { Auth0Like, Auth0MfaLike, MfaOtpEnroll, MfaOtpVerify } from '../src/index.js';
import { OTPAUTH_URI, SECRET } from './helpers/fixtures.js';
import { part, saveCodesAndFinish, typeCode, untilEvent, untilStep, type WidgetEvent } from './helpers/widget.js';
import { nextTask, typeInto, type VerifyEvent } from './helpers/verify.js';

// The real SDK's client, and auth0-react's useAuth0(), fit the shape the elements accept.
const fromSpaJs: Auth0Like = null as unknown as Auth0Client;
const fromReact: Auth0Like = null as unknown as Auth0ContextInterface;
void [fromSpaJs, fromReact];

const TOKENS = { access_token: 'sdk-access', id_token: 'sdk-id', token_type: 'DPoP', expires_in: 600, scope: 'openid read:api' };

/** An SDK `mfa` client of the real one's shape; its calls are recorded, its answers set per test. */
function fakeMfa(overrides: Partial<Auth0MfaLike> = {}) {
  const calls: { method: string; params: unknown }[] = [];
  const answers: Auth0MfaLike = {
    getAuthenticators: async () => [{ id: 'totp|dev_1', authenticatorType: 'otp', active: true }],
    enroll: async () => ({ authenticatorType: 'otp', secret: SECRET, barcodeUri: OTPAUTH_URI, recoveryCodes: ['KX7QM2R9VZ4TPL8WN3HJ5DCY'] }),
    challenge: async () => ({ challengeType: 'otp' }),
    verify: async (params) => ('recoveryCode' in params ? { ...TOKENS, recovery_code: 'NEWC0DE5AVEDN0WANDTHENXX' } : TOKENS),
    ...overrides,
  };
  const mfa: Auth0MfaLike = {
    getAuthenticators: (mfaToken) => (calls.push({ method: 'getAuthenticators', params: mfaToken }), answers.getAuthenticators(mfaToken)),
    enroll: (params) => (calls.push({ method: 'enroll', params }), answers.enroll(params)),
    challenge: (params) => (calls.push({ method: 'challenge', params }), answers.challenge(params)),
    verify: (params) => (calls.push({ method: 'verify', params }), answers.verify(params)),
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
    await untilStep(el, 'new-recovery-code');
    await saveCodesAndFinish(el);
    const enrolled = await untilEvent(events, 'enrolled');
    expect(enrolled.detail).to.deep.equal({ accessToken: 'sdk-access', idToken: 'sdk-id', tokenType: 'DPoP', expiresIn: 600, scope: 'openid read:api', factor: 'otp' });
    expect(calls).to.deep.equal([
      { method: 'enroll', params: { mfaToken: 'sdk-mfa-token', factorType: 'otp' } },
      { method: 'verify', params: { mfaToken: 'sdk-mfa-token', otp: '123456' } },
    ]);
    expect(own.sent).to.deep.equal([]);
  });

  it('signs in with getAuthenticators, challenge and verify, and with a recovery code whose new code the SDK returns', async () => {
    const { mfa, calls } = fakeMfa();
    const first = await verifyThrough({ mfa });
    await untilStep(first.el, 'code');
    typeInto(first.el, 'code-input', '654321');
    const verified = await untilEvent(first.events, 'verified');
    expect(verified.detail).to.include({ method: 'otp', accessToken: 'sdk-access', tokenType: 'DPoP' });
    expect(calls.map((call) => call.method)).to.deep.equal(['getAuthenticators', 'challenge', 'verify']);
    expect(calls[1]!.params).to.deep.equal({ mfaToken: 'sdk-mfa-token', challengeType: 'otp', authenticatorId: 'totp|dev_1' });

    const second = await verifyThrough({ mfa });
    await untilStep(second.el, 'code');
    part<HTMLButtonElement>(second.el, 'use-recovery-code')!.click();
    await untilStep(second.el, 'recovery-code');
    typeInto(second.el, 'recovery-input', 'abcd efgh ijkl mnop qrst uvwx');
    await second.el.updateComplete;
    part<HTMLButtonElement>(second.el, 'submit')!.click();
    await untilStep(second.el, 'new-recovery-code');
    expect(calls.at(-1)!.params).to.deep.equal({ mfaToken: 'sdk-mfa-token', recoveryCode: 'ABCDEFGHIJKLMNOPQRSTUVWX' });
    expect(part(second.el, 'new-recovery-code')!.textContent!.trim()).to.equal('NEWC0DE5AVEDN0WANDTHENXX');
    expect(second.own.sent.concat(first.own.sent)).to.deep.equal([]);
  });

  it('signs in with the last recovery code when the SDK returns no new one: tokens kept, hasRecoveryCode false', async () => {
    const { mfa } = fakeMfa({ verify: async () => TOKENS });
    const { el, events } = await verifyThrough({ mfa });
    await untilStep(el, 'code');
    part<HTMLButtonElement>(el, 'use-recovery-code')!.click();
    await untilStep(el, 'recovery-code');
    typeInto(el, 'recovery-input', 'ABCDEFGHIJKLMNOPQRSTUVWX');
    await el.updateComplete;
    part<HTMLButtonElement>(el, 'submit')!.click();
    await untilStep(el, 'recovery-code-used-up');
    expect(events).to.have.length(0);
    part<HTMLButtonElement>(el, 'finish')!.click();
    const verified = await untilEvent(events, 'verified');
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

  it('says which SDK version it needs when auth0 has no mfa client (older than 2.13.0, AuthService in Angular)', async () => {
    const { el, events } = await enrollThrough({} as Auth0Like);
    const error = await untilEvent(events, 'enroll-error');
    expect(error.detail).to.include({ code: 'config', retryable: false });
    const { message } = error.detail as { message: string };
    expect(message).to.contain('"auth0.mfa" is missing');
    expect(message).to.contain('@auth0/auth0-spa-js 2.13.0 or newer');
    expect(message).to.contain('inject(Auth0ClientService)');
    expect(part(el, 'error')!.textContent).to.contain('@auth0/auth0-spa-js 2.13.0 or newer');

    const verify = await verifyThrough({} as Auth0Like);
    const refused = await untilEvent(verify.events, 'verify-error');
    expect(refused.detail).to.include({ code: 'config', retryable: false });
    expect((refused.detail as { message: string }).message).to.contain('@auth0/auth0-spa-js 2.13.0 or newer');
  });

  it('refuses an enrollment from the SDK that the element would refuse from the API', async () => {
    const { mfa } = fakeMfa({ enroll: async () => ({ authenticatorType: 'otp', secret: SECRET, barcodeUri: 'javascript:alert(1)' }) });
    const { el, events } = await enrollThrough({ mfa });
    const error = await untilEvent(events, 'enroll-error');
    expect(error.detail).to.include({ code: 'bad_response' });
    expect(part(el, 'qr')).to.equal(null);
  });
});

/** An error as the SDK's MFA client throws it: Auth0's (or its own) `error` and `error_description`. */
function sdkError(name: string, error: string, description: string): Error {
  return Object.assign(new Error(description), { name, error, error_description: description });
}

/** What 2.13.0 to 2.21.1 throw when the stored mfa_required had no challenge list (a global MFA policy). */
const NO_CHALLENGE_LIST = () =>
  Promise.reject(sdkError('MfaListAuthenticatorsError', 'invalid_request', 'challengeType is required and must contain at least one challenge type, please check mfa_required error payload'));

describe('through Auth0’s SDK: versions and tenants', () => {
  it('signs in on a tenant with a global MFA policy through 2.13.0–2.21.1: their invalid_request from getAuthenticators → a challenge without authenticatorId', async () => {
    const { mfa, calls } = fakeMfa({ getAuthenticators: NO_CHALLENGE_LIST });
    const { el, events } = await verifyThrough({ mfa });
    await untilStep(el, 'code');
    expect(calls).to.deep.equal([
      { method: 'getAuthenticators', params: 'sdk-mfa-token' },
      { method: 'challenge', params: { mfaToken: 'sdk-mfa-token', challengeType: 'otp' } },
    ]);
    typeInto(el, 'code-input', '654321');
    const verified = await untilEvent(events, 'verified');
    expect(verified.detail).to.include({ method: 'otp', accessToken: 'sdk-access' });
    expect(events.map((event) => event.type)).to.deep.equal(['verified']);
  });

  const unlisted: [string, Auth0MfaLike['getAuthenticators']][] = [
    ['2.13.0–2.21.1 (invalid_request)', NO_CHALLENGE_LIST],
    ['2.21.2+ (an empty list)', async () => []],
  ];
  for (const [version, getAuthenticators] of unlisted) {
    it(`tells a global-policy user with no authenticator not_enrolled from the challenge’s answer, through ${version}`, async () => {
      const noFactor = sdkError('MfaChallengeError', 'unsupported_challenge_type', 'User does not have any enrolled authenticator with the supported challenge type (otp)');
      const { mfa, calls } = fakeMfa({ getAuthenticators, challenge: () => Promise.reject(noFactor) });
      const { el, events } = await verifyThrough({ mfa });
      const error = await untilEvent(events, 'verify-error');
      expect(error.detail).to.include({ code: 'not_enrolled', step: 'loading', error: 'unsupported_challenge_type' });
      await untilStep(el, 'error');
      expect(calls.map((call) => call.method)).to.deep.equal(['getAuthenticators', 'challenge']);
      expect(calls[1]!.params).to.deep.equal({ mfaToken: 'sdk-mfa-token', challengeType: 'otp' });
    });

    it(`keeps the code field closed until the challenge has said whether there is an app to take a code from, through ${version}`, async () => {
      let answer: ((outcome: 'enrolled' | 'none') => void) | undefined;
      const challenge = () =>
        new Promise<unknown>((resolve, reject) => {
          answer = (outcome) =>
            outcome === 'enrolled'
              ? resolve({ challengeType: 'otp' })
              : reject(sdkError('MfaChallengeError', 'unsupported_challenge_type', 'User does not have any enrolled authenticator with the supported challenge type (otp)'));
        });
      for (const outcome of ['none', 'enrolled'] as const) {
        answer = undefined;
        const { mfa } = fakeMfa({ getAuthenticators, challenge });
        const { el, events } = await verifyThrough({ mfa });
        await waitUntil(() => answer, 'the challenge is made');
        await nextTask();
        await el.updateComplete;
        expect(el.step, outcome).to.equal('loading');
        expect(part<HTMLInputElement>(el, 'code-input')!.disabled, outcome).to.equal(true);
        answer!(outcome);
        await untilStep(el, outcome === 'none' ? 'error' : 'code');
        expect(events.map((event) => event.type), outcome).to.deep.equal(outcome === 'none' ? ['verify-error'] : []);
      }
    });
  }

  it('reads the rows of a tenant with Auth0’s type flag on: the active app is challenged by its id', async () => {
    const flagged = [
      { id: 'recovery-code|dev_rc', authenticatorType: 'recovery-code', type: 'recovery-code', active: true },
      { id: 'totp|dev_old', authenticatorType: 'otp', type: 'otp', active: false },
      { id: 'sms|dev_phone', authenticatorType: 'oob', type: 'phone', active: true, oobChannels: ['sms'] },
      { id: 'totp|dev_now', authenticatorType: 'otp', type: 'otp', active: true, name: 'Pixel' },
    ];
    const { mfa, calls } = fakeMfa({ getAuthenticators: async () => flagged });
    const { el } = await verifyThrough({ mfa });
    await untilStep(el, 'code');
    expect(calls.at(-1)).to.deep.equal({ method: 'challenge', params: { mfaToken: 'sdk-mfa-token', challengeType: 'otp', authenticatorId: 'totp|dev_now' } });

    // Only a recovery code listed (the SDK kept the rows of the challenge's types): no app to sign in with.
    const onlyCode = fakeMfa({ getAuthenticators: async () => flagged.slice(0, 1) });
    const second = await verifyThrough({ mfa: onlyCode.mfa });
    expect((await untilEvent(second.events, 'verify-error')).detail).to.include({ code: 'not_enrolled', step: 'loading' });
    expect(onlyCode.calls.map((call) => call.method)).to.deep.equal(['getAuthenticators']);
  });

  it('keeps other errors from getAuthenticators: an expired mfa_token is not a reason to challenge', async () => {
    const { mfa, calls } = fakeMfa({ getAuthenticators: () => Promise.reject(sdkError('MfaListAuthenticatorsError', 'expired_token', 'mfa_token is expired')) });
    const { events } = await verifyThrough({ mfa });
    expect((await untilEvent(events, 'verify-error')).detail).to.include({ code: 'expired_token', step: 'loading' });
    expect(calls.map((call) => call.method)).to.deep.equal(['getAuthenticators']);
  });
});
