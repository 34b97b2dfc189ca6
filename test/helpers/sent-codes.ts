// Codes by text message, voice call and email in browser tests: users with a phone or an email (the
// stand-in's control API gives them, as if enrolled), and the outbox the stand-in "sends" to.
import { waitUntil } from '@open-wc/testing';
import { enrolledUser, type EnrolledUser } from './enrolled-user.js';
import { mfaToken, newEmail, tenantUrl, type TestTenant } from './tenant.js';

/** A message the stand-in "sent": to a phone number (E.164) or an email address (lower case). */
export interface SentMessage {
  readonly id: string;
  readonly to: string;
  readonly channel: 'sms' | 'voice' | 'email';
  readonly purpose: 'enroll' | 'challenge';
  readonly text: string;
  readonly code: string;
  readonly time: string;
}

async function control(tenant: TestTenant, path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${tenantUrl}/__control/tenants/${tenant.id}/${path}`, {
    ...init,
    headers: init.body ? { 'Content-Type': 'application/json' } : {},
  });
  if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** The messages sent to `to`, newest first. */
export async function outbox(tenant: TestTenant, to: string): Promise<SentMessage[]> {
  return (await control(tenant, `outbox?to=${encodeURIComponent(to)}`)).json() as Promise<SentMessage[]>;
}

/** Waits until `count` messages went to `to`, and returns them, newest first. */
export async function untilMessages(tenant: TestTenant, to: string, count = 1): Promise<SentMessage[]> {
  let messages: SentMessage[] = [];
  await waitUntil(async () => (messages = await outbox(tenant, to)).length >= count, `fewer than ${count} messages to ${to}`, { timeout: 10000 });
  return messages;
}

/** The code of the newest message to `to`, once there are `count`. */
export async function newestCode(tenant: TestTenant, to: string, count = 1): Promise<string> {
  return (await untilMessages(tenant, to, count))[0]!.code;
}

/** Expires every code sent so far ("oob_code is expired"), nothing else. */
export async function expireCodes(tenant: TestTenant): Promise<void> {
  await control(tenant, 'expire-codes', { method: 'POST' });
}

/** What a user signs in with, beyond an authenticator app. */
export interface Methods {
  /** An authenticator app (enrolled through the API, with a recovery code). */
  readonly app?: boolean;
  /** A phone: its number (E.164), and the channel it was set up with. */
  readonly phone?: string;
  readonly phoneChannel?: 'sms' | 'voice';
  /** An email address of its own (not the user's sign-in address). */
  readonly email?: string;
}

/** A user of `tenant` with these methods; `secret` and `recoveryCode` are empty without an app. */
export async function userWith(tenant: TestTenant, methods: Methods): Promise<EnrolledUser> {
  const user: EnrolledUser = methods.app ? await enrolledUser(tenant) : { email: newEmail(), secret: '', recoveryCode: '' };
  const add = (body: object) => control(tenant, `users/${encodeURIComponent(user.email)}/methods`, { method: 'POST', body: JSON.stringify(body) });
  if (methods.phone) await add({ type: 'phone', phone_number: methods.phone, preferred_authentication_method: methods.phoneChannel ?? 'sms' });
  if (methods.email) await add({ type: 'email', email: methods.email });
  return user;
}

/** A user with these methods, and the mfa_token of their next sign-in. */
export async function signingIn(tenant: TestTenant, methods: Methods): Promise<{ user: EnrolledUser; token: string }> {
  const user = await userWith(tenant, methods);
  return { user, token: await mfaToken(tenant, user.email) };
}

let numbers = 0;

/** A phone number the stand-in finds plausible, different each time (one tenant's message limit counts per number). */
export function newPhone(): string {
  return `+1555${String(Date.now() % 10000).padStart(4, '0')}${String(++numbers % 1000).padStart(3, '0')}`;
}
