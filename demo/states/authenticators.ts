// <mfa-authenticators> in each of its states, without a tenant (see ./index.ts): a user with an
// authenticator app and a recovery code on their account-settings page; then the same user with a
// phone and the email of their verified address too, on a tenant that enables phones and emails.
import '../../src/authenticators/define.ts';
import type { MfaAuthenticators } from '../../src/authenticators/define.ts';
import type { MfaOtpEnroll } from '../../src/index.ts';
import { json, until } from './until.ts';

export const AUTHENTICATORS_STATES = [
  'settings list',
  'settings confirm remove',
  'settings new recovery code',
  'settings list with phone and email',
  'settings add phone',
] as const;
type AuthenticatorsState = (typeof AUTHENTICATORS_STATES)[number];

const BASE = 'https://gallery.example.com/me/v1/authentication-methods';
const APP_AND_CODE = [
  { id: 'totp|dev_gallery', type: 'totp', confirmed: true, created_at: '2026-11-02T09:30:00.000Z', name: 'Pixel 9' },
  { id: 'recovery-code|dev_gallery', type: 'recovery-code', confirmed: true, created_at: '2026-11-02T09:31:00.000Z' },
];
const OWN_EMAIL = 'jane.doe@example.com';
const PHONE_AND_EMAIL = [
  ...APP_AND_CODE,
  { id: 'phone|dev_gallery', type: 'phone', confirmed: true, created_at: '2026-11-20T18:05:00.000Z', phone_number: '+447700900123', preferred_authentication_method: 'sms' },
  { id: 'email|dev_gallery', type: 'email', confirmed: true, created_at: '2026-10-14T08:00:00.000Z', email: OWN_EMAIL },
];

/** What the tenant has for this user, and which factors it enables. */
interface Account {
  readonly methods: readonly object[];
  readonly factors: readonly string[];
}

/** The tenant's answers: the user's methods, the enabled factors, and a new recovery code on request. */
function cannedFetch(account: Account) {
  return (input: URL, init: RequestInit): Promise<Response> => {
    if (input.pathname.endsWith('/me/v1/factors')) return json(200, { factors: account.factors.map((type) => ({ type, usage: ['secondary'] })) });
    if ((init.method ?? 'GET') === 'GET') return json(200, { authentication_methods: account.methods });
    return json(201, { id: 'recovery-code|dev_next', type: 'recovery-code', auth_session: 'gallery', recovery_code: 'ZX8CV4BN2MQ6WE1RT5YU9IO3' }, { Location: `${BASE}/recovery-code%7Cdev_next` });
  };
}

export async function showAuthenticatorsState(container: HTMLElement, state: AuthenticatorsState): Promise<MfaAuthenticators> {
  const withPhone = state === 'settings list with phone and email' || state === 'settings add phone';
  const el = document.createElement('mfa-authenticators');
  el.fetch = cannedFetch(withPhone ? { methods: PHONE_AND_EMAIL, factors: ['totp', 'phone', 'email'] } : { methods: APP_AND_CODE, factors: ['totp'] });
  el.lang = 'en-GB';
  // The page knows the user's verified address: its email method is Auth0's to keep (no Remove).
  if (withPhone) el.email = OWN_EMAIL;
  container.append(el);
  el.domain = 'https://gallery.example.com';
  el.accessToken = 'gallery';
  await until(el, 'list');
  // The tenant's factors come beside the list, a moment after it.
  if (withPhone) await shown(el, '[part~=add-phone]');
  if (state === 'settings confirm remove') {
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=remove]')!.click();
    await until(el, 'confirm-remove');
  }
  if (state === 'settings new recovery code') {
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=regenerate-recovery-code]')!.click();
    await until(el, 'new-recovery-code');
  }
  if (state === 'settings add phone') await showAddPhone(el);
  return el;
}

/** Resolves once `el` shows `selector`. */
function shown(el: HTMLElement, selector: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const check = () => (el.shadowRoot!.querySelector(selector) ? resolve() : setTimeout(check, 10));
    check();
  });
}

/** Add a phone, by text message, with a number typed: the inline enrollment before anything is sent. */
async function showAddPhone(el: MfaAuthenticators): Promise<void> {
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=add-phone]')!.click();
  await until(el, 'adding');
  const inline = el.shadowRoot!.querySelector<MfaOtpEnroll>('mfa-otp-enroll')!;
  await until(inline, 'choose');
  inline.shadowRoot!.querySelector<HTMLButtonElement>('[part~=factor-option][value=sms]')!.click();
  await until(inline, 'destination');
  const phone = inline.shadowRoot!.querySelector<HTMLInputElement>('[part~=phone-input]')!;
  phone.value = '07700 900456';
  phone.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await inline.updateComplete;
}
