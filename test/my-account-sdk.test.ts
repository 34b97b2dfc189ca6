// <mfa-authenticators> and <mfa-otp-enroll api="my-account"> through Auth0's browser SDK
// (`auth0.myAccount`): every call goes to the SDK's My Account client, with the arguments its
// typings name, none to the network by the element; the SDK's answers and its MyAccountApiError
// become the same events and stable codes. The SDK is a fake of its shape here (its typings are
// node_modules/@auth0/auth0-spa-js/dist/typings/myaccount/).
import { expect, fixture, html } from '@open-wc/testing';
import type { AuthenticationMethod as SdkMethod, EnrollmentChallengeResponse, EnrollmentVerifyOptions, MyAccountApiClient } from '@auth0/auth0-spa-js';
import '../src/authenticators/define.js';
import type { Auth0Like, MfaOtpEnroll } from '../src/index.js';
import type { AuthenticatorChangedDetail, AuthenticatorsErrorDetail, MfaAuthenticators } from '../src/authenticators/define.js';
import type { EnrolledDetail, EnrollErrorDetail } from '../src/enroll/events.js';
import {
  askForNewRecoveryCode,
  askToRemove,
  inlineEnroll,
  part,
  manageErrorText,
  rowOfType,
  rows,
  saveAndFinish,
  shownRecoveryCode,
  untilEvent,
  untilStep,
  type ManageEvent,
} from './helpers/authenticators.js';
import { OTPAUTH_URI, SECRET } from './helpers/fixtures.js';
import { typeCode, type WidgetEvent } from './helpers/widget-core.js';

/** The part of the SDK's client the elements call; the fake must fit the real one's types. */
type SdkMyAccount = Pick<MyAccountApiClient, 'getAuthenticationMethods' | 'deleteAuthenticationMethod' | 'enrollmentChallenge' | 'enrollmentVerify'>;

const BASE = 'https://tenant.example/me/v1/authentication-methods';
const PASSWORD: SdkMethod = { id: 'password|dev_1', type: 'password', usage: ['primary'], created_at: '2026-01-02T10:00:00.000Z', identity_user_id: 'x' };
const APP: SdkMethod = { id: 'totp|dev_app', type: 'totp', confirmed: true, usage: ['secondary'], created_at: '2026-01-05T10:00:00.000Z', name: 'Pixel' };
const CODES: SdkMethod = { id: 'recovery-code|dev_rc', type: 'recovery-code', confirmed: true, usage: ['secondary'], created_at: '2026-01-05T10:00:00.000Z' };
const NEW_APP: SdkMethod = { id: 'totp|dev_new', type: 'totp', confirmed: true, usage: ['secondary'], created_at: '2026-02-01T10:00:00.000Z' };
const NEW_CODE = 'NEWC0DENEWC0DENEWC0DE123';

/** An SDK `myAccount` of the real one's shape: its calls recorded, its list kept, its answers set per test. */
function fakeMyAccount(overrides: Partial<SdkMyAccount> = {}) {
  const calls: { method: string; args: unknown[] }[] = [];
  let methods: SdkMethod[] = [PASSWORD, APP, CODES];
  const myAccount: SdkMyAccount = {
    getAuthenticationMethods: async (...args) => {
      calls.push({ method: 'getAuthenticationMethods', args });
      return [...methods];
    },
    deleteAuthenticationMethod: async (id) => {
      calls.push({ method: 'deleteAuthenticationMethod', args: [id] });
      methods = methods.filter((m) => m.id !== id);
    },
    enrollmentChallenge: async (options) => {
      calls.push({ method: 'enrollmentChallenge', args: [options] });
      const answers: Record<string, EnrollmentChallengeResponse> = {
        totp: { type: 'totp', id: NEW_APP.id, location: `${BASE}/totp%7Cdev_new`, auth_session: 'session-totp', barcode_uri: OTPAUTH_URI, manual_input_code: SECRET },
        'recovery-code': { type: 'recovery-code', id: CODES.id, location: `${BASE}/recovery-code%7Cdev_rc`, auth_session: 'session-rc', recovery_code: NEW_CODE },
      };
      return answers[options.type]!;
    },
    enrollmentVerify: async (options: EnrollmentVerifyOptions) => {
      calls.push({ method: 'enrollmentVerify', args: [options] });
      if (options.type === 'totp') {
        methods = [...methods, NEW_APP];
        return NEW_APP;
      }
      return CODES;
    },
    ...overrides,
  };
  return { myAccount, calls };
}

/** A MyAccountApiError as the SDK throws it: an Error with the problem document's fields. */
function myAccountApiError(status: number, detail: string): Error {
  return Object.assign(new Error(detail), { name: 'MyAccountApiError', type: `https://auth0.com/api-errors/A0E-${status}-0001`, status, title: 'Error', detail });
}

/** Every request the element itself sends; through the SDK there must be none. */
function noOwnRequests() {
  const sent: string[] = [];
  return { sent, fetch: async (input: URL) => (sent.push(String(input)), new Response(null, { status: 500 })) };
}

async function manageThrough(auth0: Auth0Like, timeout = 30000) {
  const own = noOwnRequests();
  const events: ManageEvent[] = [];
  const record = (event: Event) => events.push(event as ManageEvent);
  const wrapper = await fixture<HTMLDivElement>(html`
    <div
      @authenticator-added=${record}
      @authenticator-removed=${record}
      @recovery-code-regenerated=${record}
      @authenticators-error=${record}
      @enrolled=${record}
      @enroll-error=${record}
    >
      <mfa-authenticators .auth0=${auth0} .timeout=${timeout} .fetch=${own.fetch}></mfa-authenticators>
    </div>
  `);
  return { el: wrapper.querySelector<MfaAuthenticators>('mfa-authenticators')!, events, own };
}

describe('<mfa-authenticators> through Auth0’s SDK (auth0.myAccount)', () => {
  it('lists with getAuthenticationMethods(), without domain or token, and no request of its own', async () => {
    const { myAccount, calls } = fakeMyAccount();
    const { el, own } = await manageThrough({ myAccount });
    await untilStep(el, 'list');
    expect(rows(el).map((r) => [r.id, r.name, r.removable])).to.deep.equal([
      [PASSWORD.id, 'Password', false],
      [APP.id, 'Authenticator app (Pixel)', true],
      [CODES.id, 'Recovery code', true],
    ]);
    expect(calls).to.deep.equal([{ method: 'getAuthenticationMethods', args: [] }]);
    expect(own.sent).to.deep.equal([]);
  });

  it('removes with deleteAuthenticationMethod(id), then lists again', async () => {
    const { myAccount, calls } = fakeMyAccount();
    const { el, events, own } = await manageThrough({ myAccount });
    await untilStep(el, 'list');
    await askToRemove(el, rowOfType(el, 'totp'));
    part<HTMLButtonElement>(el, 'confirm-remove')!.click();
    const removed = await untilEvent(events, 'authenticator-removed');
    expect((removed.detail as AuthenticatorChangedDetail).authenticationMethod).to.deep.equal({
      id: APP.id,
      type: 'totp',
      confirmed: true,
      created_at: APP.created_at,
      name: 'Pixel',
    });
    await untilStep(el, 'list');
    expect(calls.map((c) => c.method)).to.deep.equal(['getAuthenticationMethods', 'deleteAuthenticationMethod', 'getAuthenticationMethods']);
    expect(calls[1]!.args).to.deep.equal([APP.id]);
    expect(rows(el).map((r) => r.id)).to.deep.equal([PASSWORD.id, CODES.id]);
    expect(own.sent).to.deep.equal([]);
  });

  it('a new recovery code: enrollmentChallenge({type:"recovery-code"}), and enrollmentVerify with its location and auth_session only on Finish', async () => {
    const { myAccount, calls } = fakeMyAccount();
    const { el, events, own } = await manageThrough({ myAccount });
    await untilStep(el, 'list');
    await askForNewRecoveryCode(el);
    expect(shownRecoveryCode(el)).to.equal(NEW_CODE);
    expect(calls.at(-1)).to.deep.equal({ method: 'enrollmentChallenge', args: [{ type: 'recovery-code' }] });
    expect(calls.map((c) => c.method)).not.to.include('enrollmentVerify');
    await saveAndFinish(el);
    const regenerated = await untilEvent(events, 'recovery-code-regenerated');
    expect(regenerated.detail).to.deep.equal({});
    expect(calls.find((c) => c.method === 'enrollmentVerify')!.args).to.deep.equal([
      { type: 'recovery-code', location: `${BASE}/recovery-code%7Cdev_rc`, auth_session: 'session-rc' },
    ]);
    expect(JSON.stringify(events.map((e) => e.detail))).not.to.contain(NEW_CODE);
    expect(own.sent).to.deep.equal([]);
  });

  it('adds an app inline through the SDK: enrollmentChallenge({type:"totp"}), enrollmentVerify with the code', async () => {
    const { myAccount, calls } = fakeMyAccount();
    const { el, events, own } = await manageThrough({ myAccount });
    await untilStep(el, 'list');
    part<HTMLButtonElement>(el, 'add')!.click();
    await untilStep(el, 'adding');
    const inline = inlineEnroll(el);
    await untilStep(inline, 'scan');
    expect(calls.at(-1)).to.deep.equal({ method: 'enrollmentChallenge', args: [{ type: 'totp' }] });
    typeCode(inline, '123456');
    const added = await untilEvent(events, 'authenticator-added');
    expect((added.detail as AuthenticatorChangedDetail).authenticationMethod).to.include({ id: NEW_APP.id, type: 'totp' });
    expect(calls.find((c) => c.method === 'enrollmentVerify')!.args).to.deep.equal([
      { type: 'totp', location: `${BASE}/totp%7Cdev_new`, auth_session: 'session-totp', otp_code: '123456' },
    ]);
    await untilStep(el, 'list');
    expect(rows(el).map((r) => r.id)).to.include(NEW_APP.id);
    expect(events.map((e) => e.type)).to.deep.equal(['authenticator-added']);
    expect(own.sent).to.deep.equal([]);
  });

  const sdkErrors: [string, string, number, string, AuthenticatorsErrorDetail['code']][] = [
    ['deleteAuthenticationMethod', 'removing', 403, 'Insufficient scope, expected any of: delete:me:authentication_methods', 'insufficient_scope'],
    ['deleteAuthenticationMethod', 'removing', 500, 'Internal error.', 'server'],
    ['deleteAuthenticationMethod', 'removing', 404, 'Authentication method not found.', 'request_failed'],
    ['enrollmentChallenge', 'regenerating', 429, 'Too many requests.', 'rate_limited'],
    ['enrollmentChallenge', 'regenerating', 400, 'Invalid request payload.', 'request_failed'],
  ];
  for (const [call, step, status, detail, code] of sdkErrors) {
    it(`maps a MyAccountApiError ${status} from ${call} to ${code}, keeping its type and detail`, async () => {
      const { myAccount } = fakeMyAccount({ [call]: () => Promise.reject(myAccountApiError(status, detail)) } as Partial<SdkMyAccount>);
      const { el, events } = await manageThrough({ myAccount });
      await untilStep(el, 'list');
      if (step === 'removing') {
        await askToRemove(el, rowOfType(el, 'totp'));
        part<HTMLButtonElement>(el, 'confirm-remove')!.click();
      } else {
        part<HTMLButtonElement>(el, 'regenerate-recovery-code')!.click();
      }
      const error = (await untilEvent(events, 'authenticators-error')).detail as AuthenticatorsErrorDetail;
      expect(error).to.include({ code, step, status, description: detail, error: `https://auth0.com/api-errors/A0E-${status}-0001` });
      await el.updateComplete;
      expect(manageErrorText(el)).to.equal(error.message);
      if (code === 'insufficient_scope') expect(error.message).to.contain('delete:me:authentication_methods');
    });
  }

  it('maps an expired token on the list to expired_token, and a failure before any answer to network', async () => {
    const expired = fakeMyAccount({ getAuthenticationMethods: () => Promise.reject(myAccountApiError(401, 'The access token has expired.')) });
    const first = await manageThrough({ myAccount: expired.myAccount });
    const error = (await untilEvent(first.events, 'authenticators-error')).detail as AuthenticatorsErrorDetail;
    expect(error).to.include({ code: 'expired_token', step: 'loading', status: 401, retryable: false });
    await untilStep(first.el, 'error');

    const offline = fakeMyAccount({ getAuthenticationMethods: () => Promise.reject(new TypeError('Failed to fetch')) });
    const second = await manageThrough({ myAccount: offline.myAccount });
    const network = (await untilEvent(second.events, 'authenticators-error')).detail as AuthenticatorsErrorDetail;
    expect(network).to.include({ code: 'network', step: 'loading', retryable: true });
  });

  it('cuts off an SDK call that never settles with timeout', async () => {
    const { myAccount } = fakeMyAccount({ getAuthenticationMethods: () => new Promise(() => {}) });
    const { el, events } = await manageThrough({ myAccount }, 300);
    const error = (await untilEvent(events, 'authenticators-error')).detail as AuthenticatorsErrorDetail;
    expect(error).to.include({ code: 'timeout', step: 'loading', retryable: true });
    await untilStep(el, 'error');
  });

  it('refuses a list from the SDK that it would refuse from the API', async () => {
    const { myAccount } = fakeMyAccount({ getAuthenticationMethods: async () => [{ id: 7 }] as unknown as SdkMethod[] });
    const { events } = await manageThrough({ myAccount });
    expect(((await untilEvent(events, 'authenticators-error')).detail as AuthenticatorsErrorDetail).code).to.equal('bad_response');
  });

  it('says which SDK version it needs when auth0 has no myAccount client (2.13.0–2.20 have only mfa; Angular’s AuthService)', async () => {
    // An Auth0Client of 2.13.0 to 2.20: `mfa`, no `myAccount`.
    const { el, events } = await manageThrough({ mfa: {} } as Auth0Like);
    const error = (await untilEvent(events, 'authenticators-error')).detail as AuthenticatorsErrorDetail;
    expect(error).to.include({ code: 'config', retryable: false });
    expect(error.message).to.contain('"auth0.myAccount" is missing');
    expect(error.message).to.contain('@auth0/auth0-spa-js 2.21.1 or newer');
    expect(error.message).to.contain('inject(Auth0ClientService)');
    await untilStep(el, 'error');
    expect(manageErrorText(el)).to.contain('2.21.1 or newer');
  });

  it('lists through 2.21.0’s myAccount, and says to upgrade at its recovery-code enrollment (no location)', async () => {
    const { myAccount, calls } = fakeMyAccount();
    const challenge = myAccount.enrollmentChallenge.bind(myAccount);
    // 2.21.0 answered the body alone: no `location`, and its enrollmentVerify took the id.
    myAccount.enrollmentChallenge = async (options) => {
      const answer: Partial<EnrollmentChallengeResponse> = { ...(await challenge(options)) };
      delete answer.location;
      return answer as EnrollmentChallengeResponse;
    };
    const { el, events } = await manageThrough({ myAccount });
    await untilStep(el, 'list');
    part<HTMLButtonElement>(el, 'regenerate-recovery-code')!.click();
    const error = (await untilEvent(events, 'authenticators-error')).detail as AuthenticatorsErrorDetail;
    expect(error).to.include({ code: 'config', step: 'regenerating', retryable: false });
    expect(error.message).to.contain('without "location", as @auth0/auth0-spa-js 2.21.0 does');
    expect(error.message).to.contain('@auth0/auth0-spa-js 2.21.1 or newer');
    expect(calls.map((c) => c.method)).not.to.include('enrollmentVerify');
  });
});

describe('<mfa-otp-enroll api="my-account"> through Auth0’s SDK', () => {
  async function enrollThrough(auth0: Auth0Like) {
    const own = noOwnRequests();
    const events: WidgetEvent[] = [];
    const record = (event: Event) => events.push(event as WidgetEvent);
    const wrapper = await fixture<HTMLDivElement>(html`
      <div @associated=${record} @enrolled=${record} @enroll-error=${record}>
        <mfa-otp-enroll api="my-account" .auth0=${auth0} .fetch=${own.fetch}></mfa-otp-enroll>
      </div>
    `);
    return { el: wrapper.querySelector<MfaOtpEnroll>('mfa-otp-enroll')!, events, own };
  }

  it('enrolls with enrollmentChallenge and enrollmentVerify: enrolled with the method, no tokens, no request of its own', async () => {
    const { myAccount, calls } = fakeMyAccount();
    const { el, events, own } = await enrollThrough({ myAccount });
    await untilStep(el, 'scan');
    expect((await untilEvent(events, 'associated')).detail).to.deep.equal({ authenticatorType: 'otp', factor: 'otp', hasRecoveryCodes: false });
    typeCode(el, '654321');
    const enrolled = await untilEvent(events, 'enrolled');
    expect(enrolled.detail as EnrolledDetail).to.deep.equal({
      authenticationMethod: { id: NEW_APP.id, type: 'totp', confirmed: true, created_at: NEW_APP.created_at },
      factor: 'otp',
    });
    expect(calls).to.deep.equal([
      { method: 'enrollmentChallenge', args: [{ type: 'totp' }] },
      { method: 'enrollmentVerify', args: [{ type: 'totp', location: `${BASE}/totp%7Cdev_new`, auth_session: 'session-totp', otp_code: '654321' }] },
    ]);
    expect(el.step).to.equal('done');
    expect(own.sent).to.deep.equal([]);
  });

  it('maps a wrong code (a MyAccountApiError naming otp_code) to invalid_code, the QR kept', async () => {
    const { myAccount } = fakeMyAccount({ enrollmentVerify: () => Promise.reject(myAccountApiError(403, 'Invalid otp_code.')) });
    const { el, events } = await enrollThrough({ myAccount });
    await untilStep(el, 'scan');
    typeCode(el, '654321');
    const error = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(error).to.include({ code: 'invalid_code', step: 'confirming', status: 403, retryable: true });
    await untilStep(el, 'scan');
    expect(part(el, 'qr')).not.to.equal(null);
  });

  it('maps an expired auth_session at enrollmentVerify to expired_enrollment: the QR dropped, and Try again challenges anew', async () => {
    let verifies = 0;
    const { myAccount, calls } = fakeMyAccount();
    const verify = myAccount.enrollmentVerify.bind(myAccount);
    myAccount.enrollmentVerify = (options) => {
      if (++verifies > 1) return verify(options);
      calls.push({ method: 'enrollmentVerify', args: [options] });
      return Promise.reject(myAccountApiError(400, 'The auth_session is invalid or has expired. Start the enrollment again.'));
    };
    const { el, events } = await enrollThrough({ myAccount });
    await untilStep(el, 'scan');
    typeCode(el, '654321');
    const error = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(error).to.include({ code: 'expired_enrollment', step: 'confirming', status: 400, retryable: true });
    await untilStep(el, 'error');
    expect(part(el, 'qr') === null).to.equal(true);
    part<HTMLButtonElement>(el, 'retry')!.click();
    await untilStep(el, 'scan');
    typeCode(el, '654321');
    await untilEvent(events, 'enrolled');
    expect(calls.map((call) => call.method)).to.deep.equal(['enrollmentChallenge', 'enrollmentVerify', 'enrollmentChallenge', 'enrollmentVerify']);
  });

  it('maps a missing create scope to insufficient_scope naming it', async () => {
    const scope = 'create:me:authentication_methods';
    const { myAccount } = fakeMyAccount({ enrollmentChallenge: () => Promise.reject(myAccountApiError(403, `Insufficient scope, expected any of: ${scope}`)) });
    const { el, events } = await enrollThrough({ myAccount });
    const error = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(error).to.include({ code: 'insufficient_scope', step: 'loading', retryable: false });
    expect(error.message).to.contain(scope);
    await untilStep(el, 'error');
  });

  it('says to upgrade from 2.21.0, whose challenge answer has no location; refuses an empty one (no Location header reached 2.21.1+)', async () => {
    const answer = { type: 'totp', id: 'x', auth_session: 's', barcode_uri: OTPAUTH_URI, manual_input_code: SECRET } as const;
    const old = fakeMyAccount({ enrollmentChallenge: async () => answer as unknown as EnrollmentChallengeResponse });
    const first = await enrollThrough({ myAccount: old.myAccount });
    const error = (await untilEvent(first.events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(error).to.include({ code: 'config', step: 'loading', retryable: false });
    expect(error.message).to.contain('@auth0/auth0-spa-js 2.21.1 or newer');
    expect(part(first.el, 'qr') === null).to.equal(true);
    expect(part(first.el, 'error')!.textContent).to.contain('2.21.1 or newer');

    const blank = fakeMyAccount({ enrollmentChallenge: async () => ({ ...answer, location: '' }) as EnrollmentChallengeResponse });
    const second = await enrollThrough({ myAccount: blank.myAccount });
    expect(((await untilEvent(second.events, 'enroll-error')).detail as EnrollErrorDetail).code).to.equal('bad_response');
    expect(part(second.el, 'qr') === null).to.equal(true);
  });

  it('says which SDK version it needs when auth0 has no myAccount client', async () => {
    const { el, events } = await enrollThrough({} as Auth0Like);
    const error = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(error).to.include({ code: 'config', retryable: false });
    expect(error.message).to.contain('"auth0.myAccount" is missing');
    expect(part(el, 'error')!.textContent).to.contain('@auth0/auth0-spa-js 2.21.1 or newer');
  });
});
