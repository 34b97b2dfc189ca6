// <mfa-otp-verify> in each of its states, without a tenant (see ./index.ts): a user with an
// authenticator app and a recovery code signs in again.
import '../../src/verify/define.ts';
import type { MfaOtpVerify } from '../../src/verify/define.ts';
import { json, until } from './until.ts';

export const VERIFY_STATES = ['code', 'wrong code', 'recovery code', 'new recovery code', 'no recovery code left'] as const;
type VerifyState = (typeof VERIFY_STATES)[number];

const TOKENS = { access_token: 'demo', token_type: 'Bearer', expires_in: 600 };
const NEW_CODE = 'QW3RT7YU1OP5AS9DF2GH6JK4';

/** The tenant's answers: one authenticator app, and a recovery grant with or without a new code. */
function cannedFetch(state: VerifyState) {
  return (input: URL, init: RequestInit): Promise<Response> => {
    const path = new URL(input).pathname;
    if (path.endsWith('/mfa/authenticators')) return json(200, [{ id: 'totp|dev_gallery', authenticator_type: 'otp', active: true }]);
    if (path.endsWith('/mfa/challenge')) return json(200, { challenge_type: 'otp' });
    const form = init.body as URLSearchParams;
    if (form.has('otp')) return json(403, { error: 'invalid_grant', error_description: 'Invalid otp_code.' });
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
  await until(el, 'code');
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
