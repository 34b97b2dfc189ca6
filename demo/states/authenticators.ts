// <mfa-authenticators> in each of its states, without a tenant (see ./index.ts): a user with an
// authenticator app and a recovery code on their account-settings page.
import '../../src/authenticators/define.ts';
import type { MfaAuthenticators } from '../../src/authenticators/define.ts';
import { json, until } from './until.ts';

export const AUTHENTICATORS_STATES = ['settings list', 'settings confirm remove', 'settings new recovery code'] as const;
type AuthenticatorsState = (typeof AUTHENTICATORS_STATES)[number];

const BASE = 'https://gallery.example.com/me/v1/authentication-methods';
const METHODS = [
  { id: 'totp|dev_gallery', type: 'totp', confirmed: true, created_at: '2026-11-02T09:30:00.000Z', name: 'Pixel 9' },
  { id: 'recovery-code|dev_gallery', type: 'recovery-code', confirmed: true, created_at: '2026-11-02T09:31:00.000Z' },
];

/** The tenant's answers: the user's methods, and a new recovery code on request. */
function cannedFetch(_input: URL, init: RequestInit): Promise<Response> {
  if ((init.method ?? 'GET') === 'GET') return json(200, { authentication_methods: METHODS });
  return json(201, { id: 'recovery-code|dev_next', type: 'recovery-code', auth_session: 'gallery', recovery_code: 'ZX8CV4BN2MQ6WE1RT5YU9IO3' }, { Location: `${BASE}/recovery-code%7Cdev_next` });
}

export async function showAuthenticatorsState(container: HTMLElement, state: AuthenticatorsState): Promise<MfaAuthenticators> {
  const el = document.createElement('mfa-authenticators');
  el.fetch = cannedFetch;
  el.lang = 'en-GB';
  container.append(el);
  el.domain = 'https://gallery.example.com';
  el.accessToken = 'gallery';
  await until(el, 'list');
  if (state === 'settings confirm remove') {
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=remove]')!.click();
    await until(el, 'confirm-remove');
  }
  if (state === 'settings new recovery code') {
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=regenerate-recovery-code]')!.click();
    await until(el, 'new-recovery-code');
  }
  return el;
}
