import { waitUntil } from '@open-wc/testing';
import { tenantUrl, type TestTenant } from './tenant.js';

/** One text, call or email the stand-in "sent". */
export interface SentMessage {
  readonly to: string;
  readonly channel: 'sms' | 'voice' | 'email';
  readonly purpose: string;
  readonly text: string;
  readonly code: string;
}

/** What the stand-in sent to `to`, newest first. */
export async function outbox(tenant: TestTenant, to: string): Promise<SentMessage[]> {
  const response = await fetch(`${tenantUrl}/__control/tenants/${tenant.id}/outbox?to=${encodeURIComponent(to)}`);
  if (!response.ok) throw new Error(`outbox: ${response.status}`);
  return (await response.json()) as SentMessage[];
}

/** Waits for the `count`th message to `to` and returns it: the code the user would read. */
export async function untilMessage(tenant: TestTenant, to: string, count = 1): Promise<SentMessage> {
  let messages: SentMessage[] = [];
  await waitUntil(async () => (messages = await outbox(tenant, to)).length >= count, `fewer than ${count} messages to ${to}`, { timeout: 10000 });
  return messages[0]!;
}

/** Every code sent so far runs out now. */
export async function expireCodes(tenant: TestTenant): Promise<void> {
  const response = await fetch(`${tenantUrl}/__control/tenants/${tenant.id}/expire-codes`, { method: 'POST' });
  if (!response.ok) throw new Error(`expire-codes: ${response.status}`);
}
