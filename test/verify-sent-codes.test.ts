// <mfa-otp-verify> with codes Auth0 sends by text message, voice call or email, against the stand-in
// tenant over HTTP, the codes read from its outbox: which method a sign-in starts with, signing in
// with each (through the MFA API and through the SDK's shape), sending another code (the one before
// stops working), a code that ran out, the message limit, and the list of the user's methods.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { RESEND_WAIT } from '../src/factors/sent-code/resend-countdown.js';
import type { MfaOtpVerify, VerifiedDetail, VerifyErrorDetail } from '../src/verify/define.js';
import { nextCode } from './helpers/enrolled-user.js';
import { sdkOverTenant } from './helpers/sdk-over-tenant.js';
import { expireCodes, newestCode, newPhone, outbox, signingIn, untilMessages, userWith } from './helpers/sent-codes.js';
import { CLIENT_ID, createTenant, mfaToken, newEmail, requestsTo, userState, type TestTenant } from './helpers/tenant.js';
import {
  errorText,
  holdingRequests,
  isChallenge,
  isGrant,
  nextTask,
  part,
  parts,
  recordRequests,
  renderVerify,
  submitRecoveryCode,
  typeInto,
  untilEvent,
  untilStep,
  type VerifyEvent,
} from './helpers/verify.js';

const focused = (el: MfaOtpVerify): string => {
  const active = el.shadowRoot!.activeElement;
  return active ? (active.getAttribute('part') ?? `#${active.id}`) : 'nothing';
};
const region = (el: MfaOtpVerify) => el.shadowRoot!.querySelector('[role=status]')!;
const announced = (el: MfaOtpVerify) => region(el).textContent!.trim();
const text = (el: MfaOtpVerify, name: string) => part(el, name)!.textContent!.replace(/\s+/g, ' ').trim();
const button = (el: MfaOtpVerify, name: string) => part<HTMLButtonElement>(el, name)!;
/** The last four digits of a number, as the element shows them. */
const tail = (phone: string) => `••••${phone.slice(-4)}`;
/** The methods listed, by their words. */
const options = (el: MfaOtpVerify) => parts(el, 'method-option').map((option) => option.textContent!.replace(/\s+/g, ' ').trim());

/** Opens "Use another method" and picks the option whose words start with `label`. */
async function choose(el: MfaOtpVerify, label: string): Promise<void> {
  button(el, 'other-methods').click();
  await untilStep(el, 'choose-method');
  const option = parts<HTMLButtonElement>(el, 'method-option').find((candidate) => candidate.textContent!.trim().startsWith(label));
  expect(option, `an option "${label}" in ${JSON.stringify(options(el))}`).not.to.equal(undefined);
  option!.click();
}

describe('which method a sign-in starts with', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('the app, when the user has one: nothing is sent, and the phone and the email are other methods', async () => {
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { app: true, phone, email: 'work@example.com' });
    const { el, events } = await renderVerify(tenant, { user, token });
    await untilStep(el, 'code');
    expect(part(el, 'use-recovery-code')).not.to.equal(null);
    expect(part(el, 'other-methods')).not.to.equal(null);
    typeInto(el, 'code-input', await nextCode(user));
    expect(((await untilEvent(events, 'verified')).detail as VerifiedDetail).method).to.equal('otp');
    expect(await outbox(tenant, phone)).to.deep.equal([]);
    expect(await outbox(tenant, 'work@example.com')).to.deep.equal([]);
    expect((await requestsTo(tenant, 'POST', '/mfa/challenge')).length).to.equal(1);
  });

  it('without an app, a text message to the phone (before a call, before the email)', async () => {
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { phone, email: 'work@example.com' });
    const { el } = await renderVerify(tenant, { user, token });
    await untilStep(el, 'code-sent');
    const [message, ...more] = await untilMessages(tenant, phone);
    expect(more).to.deep.equal([]);
    expect(message!).to.include({ channel: 'sms', purpose: 'challenge' });
    expect(text(el, 'sent-to')).to.equal(`We sent a code to ${tail(phone)}.`);
    expect(await outbox(tenant, 'work@example.com')).to.deep.equal([]);
  });

  it('a call, when the tenant reaches phones by voice only', async () => {
    const voiceOnly = await createTenant({ phoneChannels: ['voice'] });
    const phone = newPhone();
    const { user, token } = await signingIn(voiceOnly, { phone, phoneChannel: 'voice', email: 'work@example.com' });
    const { el } = await renderVerify(voiceOnly, { user, token });
    await untilStep(el, 'code-sent');
    expect((await untilMessages(voiceOnly, phone))[0]!.channel).to.equal('voice');
    expect(text(el, 'sent-to')).to.equal(`We’re calling ${tail(phone)} to read you a code.`);
    expect(text(el, 'resend')).to.match(/^Call again in \d+ s$/);
  });

  it('the email, when it is all the user has', async () => {
    const { user, token } = await signingIn(tenant, { email: 'only@example.com' });
    const { el } = await renderVerify(tenant, { user, token });
    await untilStep(el, 'code-sent');
    expect((await untilMessages(tenant, 'only@example.com'))[0]!.channel).to.equal('email');
    expect(text(el, 'sent-to')).to.match(/^We sent a code to \S+@\S+\.$/);
    expect(text(el, 'sent-to')).not.to.contain('only@example.com');
  });

  it('the one authenticator-id names, over the app', async () => {
    const { user, token } = await signingIn(tenant, { app: true, email: 'named@example.com' });
    const emailId = (await userState(tenant, user.email)).authenticators.find((a) => a.id.startsWith('email|'))!.id;
    const { el, events } = await renderVerify(tenant, { user, token, authenticatorId: emailId });
    await untilStep(el, 'code-sent');
    typeInto(el, 'code-input', await newestCode(tenant, 'named@example.com'));
    expect(((await untilEvent(events, 'verified')).detail as VerifiedDetail).method).to.equal('email');
  });

  it('not_enrolled only when the user has no method at all: an unconfirmed phone is none', async () => {
    const email = newEmail();
    const token = await mfaToken(tenant, email);
    await fetch(`${tenant.base}/mfa/associate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_id: CLIENT_ID, authenticator_types: ['oob'], oob_channels: ['sms'], phone_number: newPhone() }),
    });
    expect((await userState(tenant, email)).authenticators.map((a) => [a.authenticator_type, a.active])).to.deep.include(['oob', false]);
    const { el, events } = await renderVerify(tenant, { user: { email, secret: '', recoveryCode: '' }, token });
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error).to.include({ code: 'not_enrolled', step: 'loading', retryable: false });
    await untilStep(el, 'error');
    expect(errorText(el)).to.equal('No way to verify it’s you is set up for this account yet.');
    expect(part(el, 'other-methods') === null, 'no other-methods').to.equal(true);
  });
});

describe('signing in with a code sent by text, call or email', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  const ways = [
    { factor: 'sms', label: 'Text message to', methods: (phone: string) => ({ phone }) },
    { factor: 'voice', label: 'Voice call to', methods: (phone: string) => ({ phone, phoneChannel: 'voice' as const }) },
    { factor: 'email', label: 'Email to', methods: () => ({ email: 'codes@example.com' }) },
  ] as const;
  for (const way of ways) {
    it(`${way.factor}: the oob challenge of its authenticator, then the mfa-oob grant with the code it got`, async () => {
      const phone = newPhone();
      const to = way.factor === 'email' ? 'codes@example.com' : phone;
      const { user, token } = await signingIn(tenant, way.methods(phone));
      const id = (await userState(tenant, user.email)).authenticators.find((a) => a.id.startsWith(`${way.factor}|`))!.id;
      const seam = recordRequests();
      const { el, events } = await renderVerify(tenant, { user, token, authenticatorId: id, fetch: seam.fetch });
      await untilStep(el, 'code-sent');
      const challenge = seam.sent.find((request) => isChallenge(request.url))!;
      expect(challenge.body).to.deep.equal({ client_id: CLIENT_ID, mfa_token: token, challenge_type: 'oob', authenticator_id: id });
      const [message] = await untilMessages(tenant, to);
      expect(message!.channel).to.equal(way.factor);
      const input = part<HTMLInputElement>(el, 'code-input')!;
      expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
      expect(input.labels![0]!.textContent).to.equal('Enter the 6-digit code');
      await expect(el).to.be.accessible();

      typeInto(el, 'code-input', message!.code);
      const verified = (await untilEvent(events, 'verified')).detail as VerifiedDetail;
      expect(verified.method).to.equal(way.factor);
      expect(verified.accessToken).to.be.a('string').with.length.greaterThan(0);
      expect(el.step).to.equal('done');
      const grant = seam.sent.find((request) => isGrant(request.url))!;
      expect(Object.keys(grant.body).sort()).to.deep.equal(['binding_code', 'client_id', 'grant_type', 'mfa_token', 'oob_code']);
      expect(grant.body).to.include({ grant_type: 'http://auth0.com/oauth/grant-type/mfa-oob', binding_code: message!.code });
      expect(seam.sent.map((request) => request.url.pathname.replace(/^.*\/(mfa|oauth)\//, '$1/'))).to.deep.equal(['mfa/authenticators', 'mfa/challenge', 'oauth/token']);
    });
  }

  it('opens the field once the code is sent, not before: two round trips, and the sentence says how it comes meanwhile', async () => {
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { phone });
    const network = holdingRequests();
    network.hold(isChallenge);
    const { el } = await renderVerify(tenant, { user, token, fetch: network.fetch });
    await untilStep(el, 'sending-code');
    await waitUntil(() => network.held === 1, 'the challenge is out');
    expect(part<HTMLInputElement>(el, 'code-input')!.disabled).to.equal(true);
    expect(text(el, 'sent-to')).to.equal(`Text message to ${tail(phone)}`);
    expect(text(el, 'resend')).to.equal('Sending…');
    expect(button(el, 'resend').getAttribute('aria-busy')).to.equal('true');
    network.release();
    await untilStep(el, 'code-sent');
    expect(part<HTMLInputElement>(el, 'code-input')!.disabled).to.equal(false);
    expect(network.sent.map((request) => request.url.pathname.replace(/^.*\/(mfa|oauth)\//, '$1/'))).to.deep.equal(['mfa/authenticators', 'mfa/challenge']);
  });

  it('through the SDK’s shape (auth0.mfa): challenge with challengeType oob, verify with oobCode and bindingCode', async () => {
    const phone = newPhone();
    const { token } = await signingIn(tenant, { phone });
    const events: VerifyEvent[] = [];
    const record = (event: Event) => events.push(event as VerifyEvent);
    const wrapper = await fixture<HTMLDivElement>(html`
      <div @verified=${record} @verify-error=${record}><mfa-otp-verify .auth0=${sdkOverTenant(tenant)} .mfaToken=${token}></mfa-otp-verify></div>
    `);
    const el = wrapper.querySelector<MfaOtpVerify>('mfa-otp-verify')!;
    await untilStep(el, 'code-sent');
    expect(text(el, 'sent-to')).to.equal(`We sent a code to ${tail(phone)}.`);
    typeInto(el, 'code-input', await newestCode(tenant, phone));
    const verified = (await untilEvent(events, 'verified')).detail as VerifiedDetail;
    expect(verified).to.include({ method: 'sms', tokenType: 'Bearer' });
    expect(events.map((event) => event.type)).to.deep.equal(['verified']);
  });

  it('through the SDK on a tenant where its list is empty (most of them): with domain, the list read over HTTP finds the phone', async () => {
    const phone = newPhone();
    const { token } = await signingIn(tenant, { phone });
    const events: VerifyEvent[] = [];
    const record = (event: Event) => events.push(event as VerifyEvent);
    const auth0 = sdkOverTenant(tenant, '', { listsNothing: true });
    const wrapper = await fixture<HTMLDivElement>(html`
      <div @verified=${record} @verify-error=${record}><mfa-otp-verify .auth0=${auth0} .domain=${tenant.base} .mfaToken=${token}></mfa-otp-verify></div>
    `);
    const el = wrapper.querySelector<MfaOtpVerify>('mfa-otp-verify')!;
    await untilStep(el, 'code-sent');
    expect(text(el, 'sent-to')).to.equal(`We sent a code to ${tail(phone)}.`);
    typeInto(el, 'code-input', await newestCode(tenant, phone));
    expect(((await untilEvent(events, 'verified')).detail as VerifiedDetail).method).to.equal('sms');
    expect(await requestsTo(tenant, 'GET', '/mfa/authenticators'), 'the element read the list the SDK could not give').to.have.length(1);
  });

  it('a wrong code is cleared and explained without a word about clocks; the right one then signs in', async () => {
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { phone });
    const { el, events } = await renderVerify(tenant, { user, token });
    await untilStep(el, 'code-sent');
    const code = await newestCode(tenant, phone);
    typeInto(el, 'code-input', code === '000000' ? '111111' : '000000');
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error).to.include({ code: 'invalid_code', step: 'verifying', retryable: true, message: 'Wrong code. Enter the code from the newest message.' });
    await untilStep(el, 'code-sent');
    expect(errorText(el)).to.equal(error.message);
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.equal('');
    expect(part(el, 'code-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(await outbox(tenant, phone), 'no new message').to.have.length(1);
    typeInto(el, 'code-input', code);
    expect(((await untilEvent(events, 'verified')).detail as VerifiedDetail).method).to.equal('sms');
  });

  it('asks for every digit of a sent code before sending anything', async () => {
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { phone });
    const { el, events } = await renderVerify(tenant, { user, token });
    await untilStep(el, 'code-sent');
    typeInto(el, 'code-input', '12');
    button(el, 'submit').click();
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error).to.include({ code: 'incomplete_code', step: 'code-sent' });
    await el.updateComplete;
    expect(el.step).to.equal('code-sent');
    expect(part(el, 'code-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect((await requestsTo(tenant, 'POST', '/oauth/token')).filter((request) => request.bodyKeys.includes('binding_code'))).to.have.length(0);
  });
});

describe('sending another code', () => {
  let tenant: TestTenant;
  const wait = RESEND_WAIT.ms;
  beforeEach(async () => {
    tenant = await createTenant();
  });
  afterEach(() => {
    RESEND_WAIT.ms = wait;
  });

  it('waits with a visible countdown, said once; the new code voids the old one, which is then a wrong code', async () => {
    RESEND_WAIT.ms = 2000;
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { phone });
    const { el, events } = await renderVerify(tenant, { user, token });
    await untilStep(el, 'code-sent');
    const first = await newestCode(tenant, phone);
    const resend = button(el, 'resend');
    expect(resend.disabled).to.equal(true);
    expect(text(el, 'resend')).to.match(/^Send a new code in [12] s$/);
    expect(announced(el)).to.equal('Code sent. You can ask for a new code in 2 seconds.');
    const said = region(el).firstElementChild;
    await waitUntil(() => text(el, 'resend') === 'Send a new code in 1 s', 'the countdown goes on', { timeout: 3000 });
    expect(region(el).firstElementChild === said, 'the countdown is not said every second').to.equal(true);
    await waitUntil(() => !button(el, 'resend').disabled, 'resend enabled once the wait is over', { timeout: 4000 });
    expect(text(el, 'resend')).to.equal('Send a new code');

    button(el, 'resend').click();
    const second = await newestCode(tenant, phone, 2);
    await waitUntil(() => announced(el) === 'New code sent. The one before no longer works. You can ask for a new code in 2 seconds.', 'the new code is said');
    expect(el.step).to.equal('code-sent');
    expect(button(el, 'resend').disabled, 'a new wait').to.equal(true);
    expect(focused(el)).to.equal('code-input');
    expect(await requestsTo(tenant, 'POST', '/mfa/challenge')).to.have.length(2);

    if (first !== second) {
      typeInto(el, 'code-input', first);
      const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
      expect(error).to.include({ code: 'invalid_code', step: 'verifying' });
      await untilStep(el, 'code-sent');
      expect(errorText(el)).to.equal('Wrong code. Enter the code from the newest message.');
    }
    typeInto(el, 'code-input', second);
    expect(((await untilEvent(events, 'verified')).detail as VerifiedDetail).method).to.equal('sms');
  });

  it('checks a code typed while another is being sent against the new one, once it has answered', async () => {
    RESEND_WAIT.ms = 0;
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { phone });
    const network = holdingRequests();
    const { el, events } = await renderVerify(tenant, { user, token, fetch: network.fetch });
    await untilStep(el, 'code-sent');
    const first = await newestCode(tenant, phone);
    network.hold(isChallenge);
    button(el, 'resend').click();
    await waitUntil(() => network.held === 1, 'the new challenge is out');
    await el.updateComplete;
    expect(text(el, 'resend')).to.equal('Sending…');
    expect(part<HTMLInputElement>(el, 'code-input')!.disabled, 'the field stays open').to.equal(false);
    typeInto(el, 'code-input', first);
    expect(el.step).to.equal('verifying');
    await nextTask();
    expect(network.sent.some((request) => isGrant(request.url)), 'no grant before the new code is answered').to.equal(false);
    network.release();
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error.code, 'the old code against the new one').to.equal('invalid_code');
    await untilStep(el, 'code-sent');
    typeInto(el, 'code-input', await newestCode(tenant, phone, 2));
    await untilEvent(events, 'verified');
  });

  it('after a code that ran out: says to send a new one, lets it be sent at once, and the new one works', async () => {
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { phone });
    const { el, events } = await renderVerify(tenant, { user, token });
    await untilStep(el, 'code-sent');
    expect(button(el, 'resend').disabled, 'the usual wait').to.equal(true);
    const code = await newestCode(tenant, phone);
    part(el, 'code-input')!.focus();
    await expireCodes(tenant);
    typeInto(el, 'code-input', code);
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error).to.include({ code: 'expired_code', step: 'verifying', retryable: true, message: 'That code has expired. Send a new one.' });
    await untilStep(el, 'code-sent');
    expect(errorText(el)).to.equal(error.message);
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.equal('');
    expect(button(el, 'resend').disabled, 'no wait now').to.equal(false);
    expect(focused(el), 'on the way on').to.equal('resend');
    button(el, 'resend').click();
    typeInto(el, 'code-input', await newestCode(tenant, phone, 2));
    await untilEvent(events, 'verified');
  });

  it('past the message limit: rate_limited with its wait on the resend button, and the code before still signs in', async () => {
    RESEND_WAIT.ms = 0;
    const limited = await createTenant({ messageLimit: 1 });
    const phone = newPhone();
    const { user, token } = await signingIn(limited, { phone });
    const { el, events } = await renderVerify(limited, { user, token });
    await untilStep(el, 'code-sent');
    const code = await newestCode(limited, phone);
    button(el, 'resend').click();
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error).to.include({ code: 'rate_limited', status: 429, step: 'code-sent', retryable: true });
    expect(error.retryAfter).to.be.a('number').greaterThan(60);
    await el.updateComplete;
    expect(el.step).to.equal('code-sent');
    expect(errorText(el)).to.contain('Too many attempts');
    expect(button(el, 'resend').disabled).to.equal(true);
    const seconds = Number(/^Send a new code in (\d+) s$/.exec(text(el, 'resend'))?.[1]);
    expect(seconds).to.be.within(error.retryAfter! - 2, error.retryAfter!);
    expect(button(el, 'submit').disabled, 'the code on its way still counts').to.equal(false);
    expect(await outbox(limited, phone)).to.have.length(1);
    typeInto(el, 'code-input', code);
    expect(((await untilEvent(events, 'verified')).detail as VerifiedDetail).method).to.equal('sms');
  });

  it('past the message limit on the first code: Try again waits it out, and another method is offered', async () => {
    const limited = await createTenant({ messageLimit: 1 });
    const phone = newPhone();
    const { user } = await signingIn(limited, { phone });
    const first = await renderVerify(limited, { user, token: await mfaToken(limited, user.email) });
    await untilStep(first.el, 'code-sent');
    const { el, events } = await renderVerify(limited, { user, token: await mfaToken(limited, user.email) });
    const error = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(error).to.include({ code: 'rate_limited', status: 429, step: 'sending-code', retryable: true });
    await untilStep(el, 'error');
    expect(button(el, 'retry').disabled).to.equal(true);
    expect(el.shadowRoot!.textContent).to.match(/Try again in \d+ seconds/);
    expect(button(el, 'other-methods').disabled).to.equal(false);
  });

  it('sends the code again when the element was removed while it was on its way', async () => {
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { phone });
    const network = holdingRequests();
    network.hold(isChallenge);
    const { el, events } = await renderVerify(tenant, { user, token, fetch: network.fetch });
    await waitUntil(() => network.held === 1, 'the challenge is out');
    const parent = el.parentElement!;
    el.remove();
    await nextTask();
    network.release();
    parent.append(el);
    await untilStep(el, 'code-sent');
    const messages = await outbox(tenant, phone);
    typeInto(el, 'code-input', messages[0]!.code);
    await untilEvent(events, 'verified');
    expect(events.map((event) => event.type)).to.deep.equal(['verified']);
  });
});

describe('the user’s other methods', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('lists every method, the current one marked; Escape and Back return to it as it was, focus on the button that opened it', async () => {
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { app: true, phone, email: 'list@example.com' });
    const { el } = await renderVerify(tenant, { user, token });
    await untilStep(el, 'code');
    typeInto(el, 'code-input', '12');
    button(el, 'other-methods').focus();
    button(el, 'other-methods').click();
    await untilStep(el, 'choose-method');
    expect(el.shadowRoot!.querySelector('#methods-heading')!.textContent).to.equal('Choose how to verify');
    const shown = options(el);
    expect(shown.slice(0, 3)).to.deep.equal(['Authenticator app', `Text message to ${tail(phone)}`, `Voice call to ${tail(phone)}`]);
    expect(shown[3]).to.match(/^Email to \S+@\S+$/);
    expect(shown[3]).not.to.contain('list@example.com');
    expect(shown[4]).to.equal('Recovery code');
    expect(shown).to.have.length(5);
    expect(parts(el, 'method-option').map((option) => option.getAttribute('aria-current'))).to.deep.equal(['true', 'false', 'false', 'false', 'false']);
    expect(part(el, 'method-option')!.closest('ul')!.getAttribute('aria-labelledby')).to.equal('methods-heading');
    expect(focused(el)).to.equal('method-option');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await untilStep(el, 'code');
    expect(part<HTMLInputElement>(el, 'code-input')!.value, 'as it was').to.equal('12');
    expect(focused(el)).to.equal('other-methods');
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'choose-method');
    button(el, 'back').click();
    await untilStep(el, 'code');
    expect(focused(el)).to.equal('other-methods');
    expect(await outbox(tenant, phone)).to.deep.equal([]);
  });

  it('switches from the app to a text message: sends it, focus in its field, and signs in with it', async () => {
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { app: true, phone });
    const { el, events } = await renderVerify(tenant, { user, token });
    await untilStep(el, 'code');
    await choose(el, 'Text message');
    await untilStep(el, 'code-sent');
    expect(focused(el)).to.equal('code-input');
    expect((await untilMessages(tenant, phone))[0]!.channel).to.equal('sms');
    typeInto(el, 'code-input', await newestCode(tenant, phone));
    expect(((await untilEvent(events, 'verified')).detail as VerifiedDetail).method).to.equal('sms');
  });

  it('switches from a text message to a call, to the email, and back to the app, which signs in', async () => {
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { app: true, phone, email: 'switch@example.com' });
    const phoneId = (await userState(tenant, user.email)).authenticators.find((a) => a.id.startsWith('sms|'))!.id;
    const { el, events } = await renderVerify(tenant, { user, token, authenticatorId: phoneId });
    await untilStep(el, 'code-sent');
    await choose(el, 'Voice call');
    await untilStep(el, 'code-sent');
    expect(text(el, 'sent-to')).to.equal(`We’re calling ${tail(phone)} to read you a code.`);
    expect((await untilMessages(tenant, phone, 2)).map((message) => message.channel)).to.deep.equal(['voice', 'sms']);
    await choose(el, 'Email');
    await untilStep(el, 'code-sent');
    expect((await untilMessages(tenant, 'switch@example.com'))[0]!.channel).to.equal('email');
    // Choosing the method one is on goes back to it: nothing is sent again.
    await choose(el, 'Email');
    await untilStep(el, 'code-sent');
    expect(await outbox(tenant, 'switch@example.com')).to.have.length(1);

    await choose(el, 'Authenticator app');
    await untilStep(el, 'code');
    expect(focused(el)).to.equal('code-input');
    typeInto(el, 'code-input', await nextCode(user));
    expect(((await untilEvent(events, 'verified')).detail as VerifiedDetail).method).to.equal('otp');
    expect(events.map((event) => event.type)).to.deep.equal(['verified']);
  });

  it('switches from a phone to a recovery code from the list, and the recovery code signs in', async () => {
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { app: true, phone });
    const phoneId = (await userState(tenant, user.email)).authenticators.find((a) => a.id.startsWith('sms|'))!.id;
    const { el, events } = await renderVerify(tenant, { user, token, authenticatorId: phoneId });
    await untilStep(el, 'code-sent');
    await choose(el, 'Recovery code');
    await untilStep(el, 'recovery-code');
    expect(focused(el)).to.equal('recovery-input');
    expect(part(el, 'use-code'), 'the app is one way back').not.to.equal(null);
    expect(part(el, 'other-methods'), 'the list another').not.to.equal(null);
    await submitRecoveryCode(el, user.recoveryCode);
    await untilStep(el, 'new-recovery-code');
    expect(events).to.deep.equal([]);
  });

  it('keeps the way the app-only sign-in looked: no "Use another method" without a phone or an email', async () => {
    const { el } = await renderVerify(tenant);
    await untilStep(el, 'code');
    expect(part(el, 'other-methods') === null, 'no other-methods').to.equal(true);
    expect(part(el, 'use-recovery-code')).not.to.equal(null);
    button(el, 'use-recovery-code').click();
    await untilStep(el, 'recovery-code');
    expect(part(el, 'other-methods') === null, 'no other-methods').to.equal(true);
    expect(part(el, 'use-code')).not.to.equal(null);
  });

  it('signs in by keyboard alone through the list: Tab to "Use another method", Enter, Tab to the text message, Enter, type', async () => {
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { app: true, phone });
    const { el, events } = await renderVerify(tenant, { user, token });
    await untilStep(el, 'code');
    expect(focused(el)).to.equal('code-input');
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      await sendKeys({ press: 'Tab' });
      order.push(focused(el));
    }
    expect(order).to.deep.equal(['submit', 'use-recovery-code', 'other-methods']);
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'choose-method');
    expect(focused(el)).to.equal('method-option');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement!.textContent!.trim()).to.equal(`Text message to ${tail(phone)}`);
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'code-sent');
    expect(focused(el)).to.equal('code-input');
    await sendKeys({ type: await newestCode(tenant, phone) });
    expect(((await untilEvent(events, 'verified')).detail as VerifiedDetail).method).to.equal('sms');
    await untilStep(el, 'done');
    expect(focused(el)).to.equal('done');
  });

  it('a user with a phone only can still reach the recovery-code field, and the list offers nothing else', async () => {
    const phone = newPhone();
    const user = await userWith(tenant, { phone });
    const { el } = await renderVerify(tenant, { user, token: await mfaToken(tenant, user.email) });
    await untilStep(el, 'code-sent');
    expect(part(el, 'use-recovery-code') === null, 'no use-recovery-code').to.equal(true);
    button(el, 'other-methods').click();
    await untilStep(el, 'choose-method');
    expect(options(el)).to.deep.equal([`Text message to ${tail(phone)}`, `Voice call to ${tail(phone)}`, 'Recovery code']);
    expect(parts(el, 'method-option')[0]!.getAttribute('aria-current')).to.equal('true');
    parts<HTMLButtonElement>(el, 'method-option')[2]!.click();
    await untilStep(el, 'recovery-code');
    expect(part(el, 'use-code') === null, 'no app to go back to').to.equal(true);
  });
});
