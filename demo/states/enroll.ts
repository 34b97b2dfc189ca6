// <mfa-otp-enroll> in each of its states, without a tenant (see ./index.ts).
import '../../src/enroll/define.ts';
import type { MfaOtpEnroll } from '../../src/index.ts';
import { PUSH_POLL } from '../../src/factors/push/push-poller.ts';
import { until } from './until.ts';

export const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const BARCODE = `otpauth://totp/Example%20Co:jane.doe%40example.com?secret=${SECRET}&issuer=Example%20Co&algorithm=SHA1&digits=6&period=30`;
const RECOVERY = 'KX7QM2R9VZ4TPL8WN3HJ5DCY';

export const ENROLL_STATES = ['idle', 'loading', 'scan', 'manual', 'wrong code', 'confirming', 'recovery', 'done', 'error'] as const;
/** The phone and email steps (issue 20): named apart, so the app's screenshots keep their names. */
export const SENT_CODE_STATES = ['choose factor', 'phone', 'phone refused', 'email', 'code sent', 'code sent wrong code', 'text done'] as const;
/** Push with Guardian (issue 21): the QR for Guardian, waiting. */
export const PUSH_STATES = ['push scan'] as const;
type EnrollState = (typeof ENROLL_STATES)[number] | (typeof SENT_CODE_STATES)[number] | (typeof PUSH_STATES)[number];

/** The canned answer for each request, chosen by the token the widget sends. */
const answers: Record<string, { associate?: Answer; send?: Answer; confirm?: Answer }> = {};
type Answer = { status: number; body: unknown } | 'pending';

function reply(answer: Answer | undefined): Promise<Response> {
  if (!answer || answer === 'pending') return new Promise(() => {});
  return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status }));
}

function cannedFetch(input: URL, init: RequestInit): Promise<Response> {
  const url = String(input);
  if (url.endsWith('/mfa/associate')) {
    const token = String((init.headers as Record<string, string>).Authorization).replace('Bearer ', '');
    const oob = (JSON.parse(String(init.body)) as { oob_channels?: string[] }).oob_channels;
    if (oob?.includes('auth0')) return reply(pushEnrollment);
    return reply(oob ? answers[token]?.send : answers[token]?.associate);
  }
  // A push's poll: Guardian never confirms here.
  if (!(init.body as URLSearchParams).has('otp') && !(init.body as URLSearchParams).has('binding_code')) return reply(pending);
  const token = (init.body as URLSearchParams).get('mfa_token')!;
  return reply(answers[token]?.confirm);
}

const associated = { status: 200, body: { authenticator_type: 'otp', secret: SECRET, barcode_uri: BARCODE, recovery_codes: [RECOVERY] } };
const confirmed = { status: 200, body: { access_token: 'demo', token_type: 'Bearer', expires_in: 600 } };
const wrong = { status: 403, body: { error: 'invalid_grant', error_description: 'Invalid otp_code.' } };
const sent = { status: 200, body: { authenticator_type: 'oob', binding_method: 'prompt', recovery_codes: [RECOVERY], oob_channel: 'sms', oob_code: 'gallery-oob' } };
const expired = { status: 401, body: { error: 'expired_token', error_description: 'mfa_token is expired' } };
const GUARDIAN_QR = 'otpauth://totp/Example%20Co:jane.doe%40example.com?enrollment_tx_id=gallery-tx&base_url=https%3A%2F%2Fgallery.example.com';
const pushEnrollment = { status: 200, body: { authenticator_type: 'oob', oob_channel: 'auth0', oob_code: 'gallery-push', barcode_uri: GUARDIAN_QR, recovery_codes: [RECOVERY] } };
const pending = { status: 400, body: { error: 'authorization_pending', error_description: 'Authorization pending: please repeat the request in a few seconds.' } };

function enterCode(el: MfaOtpEnroll, code = '123456'): void {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('[part~=code-input]')!;
  input.value = code;
  input.dispatchEvent(new InputEvent('input'));
}

/** Types into one of the element's fields as a user would. */
function typeInto(el: MfaOtpEnroll, part: string, text: string): void {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(`[part~=${part}]`)!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input'));
}

/** The phone and email states: a choice, a destination, a sent code. */
async function showSentCodeState(el: MfaOtpEnroll, state: (typeof SENT_CODE_STATES)[number]): Promise<MfaOtpEnroll> {
  const token = `gallery-${state}-${Math.random().toString(36).slice(2)}`;
  answers[token] = { send: sent, confirm: state === 'code sent wrong code' ? wrong : confirmed };
  el.factors = state === 'choose factor' ? ['otp', 'sms', 'voice', 'email'] : state === 'email' ? ['email'] : ['sms'];
  el.defaultCountry = 'US';
  el.email = 'jane.doe@example.com';
  el.domain = 'gallery.example.com';
  el.clientId = 'gallery';
  el.mfaToken = token;
  await el.updateComplete;
  await until(el, state === 'choose factor' ? 'choose' : 'destination');
  if (state === 'choose factor' || state === 'email' || state === 'phone') return el;
  typeInto(el, 'phone-input', state === 'phone refused' ? '555 12' : '(555) 123-8730');
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=send]')!.click();
  if (state === 'phone refused') {
    await el.updateComplete;
    return el;
  }
  await until(el, 'code-sent');
  if (state === 'code sent') return el;
  enterCode(el);
  await until(el, state === 'text done' ? 'new-recovery-code' : 'code-sent');
  if (state === 'text done') {
    el.shadowRoot!.querySelector<HTMLInputElement>('[part~=recovery-ack]')!.click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=finish]')!.click();
    await until(el, 'done');
  }
  return el;
}

/** Creates a widget in `container` and drives it to `state`. */
export async function showEnrollState(container: HTMLElement, state: EnrollState): Promise<MfaOtpEnroll> {
  const el = document.createElement('mfa-otp-enroll');
  el.fetch = cannedFetch;
  container.append(el);
  if (state === 'idle') return el;
  if ((SENT_CODE_STATES as readonly string[]).includes(state)) return showSentCodeState(el, state as (typeof SENT_CODE_STATES)[number]);
  if (state === 'push scan') {
    // Polled now and then only: the gallery's Guardian never confirms.
    PUSH_POLL.intervalMs = Math.max(PUSH_POLL.intervalMs, 5000);
    el.factors = ['push'];
    el.domain = 'gallery.example.com';
    el.clientId = 'gallery';
    el.mfaToken = `gallery-push-${Math.random().toString(36).slice(2)}`;
    await until(el, 'push-scan');
    return el;
  }

  const token = `gallery-${state}-${Math.random().toString(36).slice(2)}`;
  answers[token] = {
    associate: state === 'loading' ? 'pending' : state === 'error' ? expired : associated,
    confirm: state === 'confirming' ? 'pending' : state === 'wrong code' ? wrong : confirmed,
  };
  el.domain = 'gallery.example.com';
  el.clientId = 'gallery';
  el.mfaToken = token;
  await el.updateComplete;
  if (state === 'loading' || state === 'error') {
    if (state === 'error') await until(el, 'error');
    return el;
  }
  await until(el, 'scan');
  if (state === 'manual') el.shadowRoot!.querySelector<HTMLDetailsElement>('[part~=manual]')!.open = true;
  if (state === 'wrong code' || state === 'confirming') {
    enterCode(el);
    await until(el, state === 'confirming' ? 'confirming' : 'scan');
  }
  if (state === 'recovery' || state === 'done') {
    enterCode(el);
    await until(el, 'new-recovery-code');
  }
  if (state === 'done') {
    el.shadowRoot!.querySelector<HTMLInputElement>('[part~=recovery-ack]')!.click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=finish]')!.click();
    await until(el, 'done');
  }
  return el;
}
