// <mfa-otp-verify> in each of its states, without a tenant (see ./index.ts): a user with an
// authenticator app and a recovery code signs in again; a user with a phone (and an email) signs in
// with a text message or a call.
import '../../src/verify/define.ts';
import type { MfaOtpVerify } from '../../src/verify/define.ts';
import { PUSH_POLL } from '../../src/factors/push/push-poller.ts';
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
  'push sent',
  'push denied',
] as const;
type VerifyState = (typeof VERIFY_STATES)[number];

const TOKENS = { access_token: 'demo', token_type: 'Bearer', expires_in: 600 };
const NEW_CODE = 'QW3RT7YU1OP5AS9DF2GH6JK4';

const APP = { id: 'totp|dev_gallery', authenticator_type: 'otp', active: true };
const TEXT = { id: 'sms|dev_phone', authenticator_type: 'oob', oob_channel: 'sms', name: 'XXXXXXXX8730', active: true };
const CALL = { id: 'voice|dev_phone', authenticator_type: 'oob', oob_channel: 'voice', name: 'XXXXXXXX8730', active: true };
const EMAIL = { id: 'email|dev_mail', authenticator_type: 'oob', oob_channel: 'email', name: 'j***@example.com', active: true };
const PUSH = { id: 'push|dev_guardian', authenticator_type: 'oob', oob_channel: 'auth0', active: true };
const GUARDIAN_APP = { id: 'totp|dev_guardian', authenticator_type: 'otp', active: true };

/** The user's authenticators in each state: the app alone, the app and more, or a phone (by call only) and an email. */
function listFor(state: VerifyState): object[] {
  if (state === 'other methods') return [APP, TEXT, CALL, EMAIL];
  if (state === 'push sent' || state === 'push denied') return [PUSH, GUARDIAN_APP];
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
    // A push's poll: waiting, or (the first poll) the user's denial.
    if (!form.has('otp') && !form.has('binding_code') && !form.has('recovery_code')) {
      return state === 'push denied'
        ? json(400, { error: 'access_denied', error_description: 'MFA Authorization rejected.' })
        : json(400, { error: 'authorization_pending', error_description: 'Authorization pending: please repeat the request in a few seconds.' });
    }
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
  if (state === 'push sent' || state === 'push denied') {
    // The first poll soon, so the denial shows at once; "push sent" waits between polls as usual.
    PUSH_POLL.intervalMs = state === 'push denied' ? 50 : 5000;
    await until(el, 'push-sent');
    if (state === 'push denied') await until(el, 'push-sent', (shown) => Boolean(shown.shadowRoot!.querySelector('[part~=error]')?.textContent?.trim()));
    PUSH_POLL.intervalMs = 5000;
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
