// <mfa-otp-verify> in each of its states, without a tenant (see ./index.ts): a user with an
// authenticator app and a recovery code signs in again; a user with a phone (and an email) signs in
// with a text message or a call.
import '../../src/verify/define.ts';
import type { MfaOtpVerify } from '../../src/verify/define.ts';
import { json, until } from './until.ts';

export const VERIFY_STATES = [
  'code',
  'wrong code',
  'recovery code',
  'new recovery code',
  'no recovery code left',
  'other methods',
  'sending a code',
  'code sent',
  'call placed',
  'code expired',
] as const;
type VerifyState = (typeof VERIFY_STATES)[number];

const TOKENS = { access_token: 'demo', token_type: 'Bearer', expires_in: 600 };
const NEW_CODE = 'QW3RT7YU1OP5AS9DF2GH6JK4';

const APP = { id: 'totp|dev_gallery', authenticator_type: 'otp', active: true };
const TEXT = { id: 'sms|dev_phone', authenticator_type: 'oob', oob_channel: 'sms', name: 'XXXXXXXX8730', active: true };
const CALL = { id: 'voice|dev_phone', authenticator_type: 'oob', oob_channel: 'voice', name: 'XXXXXXXX8730', active: true };
const EMAIL = { id: 'email|dev_mail', authenticator_type: 'oob', oob_channel: 'email', name: 'j***@example.com', active: true };

/** The user's authenticators in each state: the app alone, the app and more, or a phone (by call only) and an email. */
function listFor(state: VerifyState): object[] {
  if (state === 'other methods') return [APP, TEXT, CALL, EMAIL];
  if (state === 'call placed') return [CALL, EMAIL];
  if (state === 'sending a code' || state === 'code sent' || state === 'code expired') return [TEXT, CALL, EMAIL];
  return [APP];
}

/** The tenant's answers: the list, challenges (a code sent, or one that never answers), and the grants. */
function cannedFetch(state: VerifyState) {
  return (input: URL, init: RequestInit): Promise<Response> => {
    const path = new URL(input).pathname;
    if (path.endsWith('/mfa/authenticators')) return json(200, listFor(state));
    if (path.endsWith('/mfa/challenge')) {
      if (state === 'sending a code') return new Promise<Response>(() => undefined);
      const oob = String(init.body).includes('"oob"');
      return json(200, oob ? { challenge_type: 'oob', oob_code: 'gallery-oob-code', binding_method: 'prompt' } : { challenge_type: 'otp' });
    }
    const form = init.body as URLSearchParams;
    if (form.has('otp')) return json(403, { error: 'invalid_grant', error_description: 'Invalid otp_code.' });
    if (form.has('binding_code')) return json(403, { error: 'expired_token', error_description: 'oob_code is expired' });
    return json(200, state === 'no recovery code left' ? TOKENS : { ...TOKENS, recovery_code: NEW_CODE });
  };
}

function type(el: MfaOtpVerify, part: string, text: string): void {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(`[part~=${part}]`)!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input'));
}

export async function showVerifyState(container: HTMLElement, state: VerifyState): Promise<MfaOtpVerify> {
  const el = document.createElement('mfa-otp-verify');
  el.fetch = cannedFetch(state);
  container.append(el);
  el.domain = 'gallery.example.com';
  el.clientId = 'gallery';
  el.mfaToken = `gallery-${Math.random().toString(36).slice(2)}`;
  if (state === 'sending a code') {
    await until(el, 'sending-code');
    return el;
  }
  if (state === 'code sent' || state === 'call placed' || state === 'code expired') {
    await until(el, 'code-sent');
    if (state === 'code expired') {
      type(el, 'code-input', '123456');
      await until(el, 'verifying');
      await until(el, 'code-sent');
    }
    return el;
  }
  await until(el, 'code');
  if (state === 'other methods') {
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=other-methods]')!.click();
    await until(el, 'choose-method');
    return el;
  }
  if (state === 'wrong code') {
    type(el, 'code-input', '123456');
    await until(el, 'verifying');
    await until(el, 'code');
  }
  if (state === 'code' || state === 'wrong code') return el;
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=use-recovery-code]')!.click();
  await until(el, 'recovery-code');
  if (state === 'recovery code') return el;
  type(el, 'recovery-input', 'KX7Q M2R9 VZ4T PL8W N3HJ 5DCY');
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
  await until(el, state === 'new recovery code' ? 'new-recovery-code' : 'recovery-code-used-up');
  return el;
}
