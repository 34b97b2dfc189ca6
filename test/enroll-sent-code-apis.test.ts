// Codes by text, call and email set up with <mfa-otp-enroll> through the other ways to Auth0: the
// My Account API on a settings page (`POST /me/v1/authentication-methods` with a phone or an
// email, then `POST {Location}/verify` with `otp_code`), over `fetch` and through the SDK's
// `myAccount` client, and the MFA API through the SDK's `mfa` client. Against the stand-in over
// HTTP, the codes read from its outbox.
import { expect } from '@open-wc/testing';
import type { EnrolledDetail } from '../src/enroll/events.js';
import type { Auth0MyAccountLike } from '../src/auth0/sdk-shapes.js';
import type { Auth0Like, Auth0MfaLike, MfaOtpEnroll } from '../src/index.js';
import { renderMyAccountEnroll } from './helpers/authenticators.js';
import { holdingRequests } from './helpers/element-core.js';
import { untilMessage } from './helpers/outbox.js';
import { sdkOverTenant } from './helpers/sdk-over-tenant.js';
import { send, typeDestination, US_NUMBER } from './helpers/sent-code.js';
import { createTenant, listedMethods, myAccountToken, newEmail, requestsTo, type TestTenant } from './helpers/tenant.js';
import { part, renderWidget, saveCodesAndFinish, typeCode, untilEvent, untilStep, type WidgetEvent } from './helpers/widget.js';

const UK_NUMBER = { typed: '+44 7700 900123', e164: '+447700900123' } as const;
const WORK_EMAIL = 'jane.work@example.com';

/** The phone or email cases: the factor, what is typed, where the code goes, and the method's type. */
const DESTINATIONS = [
  { factor: 'sms', field: 'phone-input', typed: UK_NUMBER.typed, to: UK_NUMBER.e164, type: 'phone' },
  { factor: 'voice', field: 'phone-input', typed: UK_NUMBER.typed, to: UK_NUMBER.e164, type: 'phone' },
  { factor: 'email', field: 'email-input', typed: WORK_EMAIL, to: WORK_EMAIL, type: 'email' },
] as const;
type Destination = (typeof DESTINATIONS)[number];

/** The start's body as the API's typings name it. */
const startOf = ({ factor, to }: Destination) =>
  factor === 'email' ? { type: 'email', email: to } : { type: 'phone', phone_number: to, preferred_authentication_method: factor };

/** Records every call to an SDK client's methods, with its arguments, and passes it on. */
function recorded<T extends object>(client: T): { client: T; calls: { method: string; args: unknown[] }[] } {
  const calls: { method: string; args: unknown[] }[] = [];
  const wrapped = Object.fromEntries(
    Object.entries(client).map(([method, call]) => [
      method,
      (...args: unknown[]) => {
        calls.push({ method, args });
        return (call as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as T;
  return { client: wrapped, calls };
}

/** Types the destination, sends, and reads the code the user receives. */
async function sendTo(el: MfaOtpEnroll, tenant: TestTenant, destination: Destination) {
  await untilStep(el, 'destination');
  typeDestination(el, destination.field, destination.typed);
  send(el);
  await untilStep(el, 'code-sent');
  const message = await untilMessage(tenant, destination.to);
  expect(message.channel).to.equal(destination.factor);
  return message;
}

describe('<mfa-otp-enroll api="my-account"> with a phone or an email', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant({ name: 'Settings Co' });
  });

  for (const destination of DESTINATIONS) {
    it(`${destination.factor}: starts {type:"${destination.type}"…}, verifies with otp_code, enrolled with the method, listed after`, async () => {
      const seam = holdingRequests();
      const { el, events, email } = await renderMyAccountEnroll(tenant, { factors: destination.factor, fetch: seam.fetch });
      const { code } = await sendTo(el, tenant, destination);
      expect((await untilEvent(events, 'associated')).detail).to.deep.equal({ authenticatorType: 'oob', factor: destination.factor, hasRecoveryCodes: false });
      const [started] = await requestsTo(tenant, 'POST', '/me/v1/authentication-methods');
      expect(started!.bodyKeys.sort(), 'what the stand-in received').to.deep.equal(Object.keys(startOf(destination)).sort());
      expect(JSON.parse(seam.sent[0]!.body)).to.deep.equal(startOf(destination));

      typeCode(el, code);
      const enrolled = (await untilEvent(events, 'enrolled')) as CustomEvent<EnrolledDetail>;
      expect(Object.keys(enrolled.detail).sort(), 'no tokens, no recovery codes').to.deep.equal(['authenticationMethod', 'factor']);
      expect(enrolled.detail.factor).to.equal(destination.factor);
      const method = enrolled.detail.authenticationMethod!;
      expect(method).to.include({ type: destination.type, confirmed: true });
      expect(el.step).to.equal('done');
      const verify = seam.sent[1]!;
      expect(verify.url.pathname).to.equal(`${new URL(tenant.base).pathname}/me/v1/authentication-methods/${encodeURIComponent(method.id)}/verify`);
      expect(JSON.parse(verify.body)).to.deep.equal({ auth_session: JSON.parse(verify.body).auth_session, otp_code: code });

      const listed = (await listedMethods(tenant, email)).find((m) => m.id === method.id) as Record<string, unknown> | undefined;
      expect(listed, 'listed by the API').not.to.equal(undefined);
      if (destination.type === 'phone') {
        expect(listed).to.include({ type: 'phone', confirmed: true, phone_number: destination.to, preferred_authentication_method: destination.factor });
      } else {
        expect(listed).to.include({ type: 'email', confirmed: true, email: destination.to });
      }
    });
  }

  for (const destination of DESTINATIONS.filter((d) => d.factor !== 'sms')) {
    it(`${destination.factor} through auth0.myAccount: enrollmentChallenge and enrollmentVerify as the SDK's typings name them, no request of the element's own`, async () => {
      const email = newEmail();
      const sdk = sdkOverTenant(tenant, await myAccountToken(tenant, email));
      const myAccount = recorded<Auth0MyAccountLike>(sdk.myAccount!);
      const own = holdingRequests();
      const { el, events } = await renderMyAccountEnroll(tenant, { email, factors: destination.factor, auth0: { myAccount: myAccount.client }, fetch: own.fetch });
      const { code } = await sendTo(el, tenant, destination);
      expect(myAccount.calls).to.deep.equal([{ method: 'enrollmentChallenge', args: [startOf(destination)] }]);

      typeCode(el, code);
      const enrolled = (await untilEvent(events, 'enrolled')) as CustomEvent<EnrolledDetail>;
      expect(enrolled.detail.factor).to.equal(destination.factor);
      const method = enrolled.detail.authenticationMethod!;
      const location = `${tenant.base}/me/v1/authentication-methods/${encodeURIComponent(method.id)}`;
      const [, verify] = myAccount.calls;
      expect(verify!.method).to.equal('enrollmentVerify');
      expect(verify!.args).to.deep.equal([{ type: destination.type, location, auth_session: (verify!.args[0] as { auth_session: string }).auth_session, otp_code: code }]);
      expect(own.sent, 'everything went through the SDK').to.deep.equal([]);
      const listed = (await listedMethods(tenant, email)).find((m) => m.id === method.id) as Record<string, unknown> | undefined;
      expect(listed).to.include({ type: destination.type, confirmed: true });
      if (destination.type === 'phone') expect(listed).to.include({ preferred_authentication_method: destination.factor });
    });
  }
});

describe('<mfa-otp-enroll> with a phone or an email through auth0.mfa', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  const cases = [
    { factor: 'sms', field: 'phone-input', typed: US_NUMBER.typed, to: US_NUMBER.e164, enroll: { phoneNumber: US_NUMBER.e164 } },
    { factor: 'email', field: 'email-input', typed: WORK_EMAIL, to: WORK_EMAIL, enroll: { email: WORK_EMAIL } },
  ] as const;
  for (const destination of cases) {
    it(`${destination.factor}: enroll({factorType:"${destination.factor}", …}), verify({oobCode, bindingCode}), the tokens in enrolled`, async () => {
      const sdk = sdkOverTenant(tenant);
      const mfa = recorded<Auth0MfaLike>(sdk.mfa!);
      const own = holdingRequests();
      const auth0: Auth0Like = { mfa: mfa.client };
      const { el, events } = await renderWidget(tenant, { factors: destination.factor, auth0, fetch: own.fetch });
      await untilStep(el, 'destination');
      typeDestination(el, destination.field, destination.typed);
      send(el);
      await untilStep(el, 'code-sent');
      const [enroll] = mfa.calls;
      const { mfaToken } = enroll!.args[0] as { mfaToken: string };
      expect(enroll).to.deep.equal({ method: 'enroll', args: [{ mfaToken, factorType: destination.factor, ...destination.enroll }] });
      const [associate] = await requestsTo(tenant, 'POST', '/mfa/associate');
      expect(associate!.bodyKeys).to.include.members(['authenticator_types', 'oob_channels']);

      const { code } = await untilMessage(tenant, destination.to);
      typeCode(el, code);
      await untilStep(el, 'new-recovery-code');
      const verify = mfa.calls[1]!;
      expect(verify.method).to.equal('verify');
      const { oobCode } = verify.args[0] as { oobCode: string };
      expect(oobCode).to.be.a('string').and.not.equal('');
      expect(verify.args).to.deep.equal([{ mfaToken, oobCode, bindingCode: code }]);
      const [grant] = (await requestsTo(tenant, 'POST', '/oauth/token')).filter((r) => r.bodyKeys.includes('oob_code'));
      expect(grant!.bodyKeys).to.include.members(['grant_type', 'mfa_token', 'oob_code', 'binding_code']);

      await saveCodesAndFinish(el);
      const enrolled = (await untilEvent(events, 'enrolled')) as CustomEvent<EnrolledDetail>;
      expect(enrolled.detail.factor).to.equal(destination.factor);
      expect(enrolled.detail.accessToken).to.be.a('string').and.not.equal('');
      expect(own.sent, 'everything went through the SDK').to.deep.equal([]);
      expect(part(el, 'done')).not.to.equal(null);
      expect((events as WidgetEvent[]).filter((e) => e.type === 'enroll-error')).to.deep.equal([]);
    });
  }
});
