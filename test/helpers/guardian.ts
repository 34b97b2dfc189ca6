import { tenantUrl, type TestTenant } from './tenant.js';

// The stand-in's fake Auth0 Guardian app (tenant/guardian.js), as a person's phone: it scans a
// push enrollment's QR, and approves or denies a push request.

async function guardian(tenant: TestTenant, step: 'scan' | 'approve' | 'deny', body: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(`${tenantUrl}/__control/tenants/${tenant.id}/guardian/${step}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`guardian/${step}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Guardian scans the QR: the push enrollment (and its app code) can be confirmed. Answers the app code's secret. */
export async function scanWithGuardian(tenant: TestTenant, barcodeUri: string): Promise<{ id: string; secret: string | null }> {
  return (await guardian(tenant, 'scan', { barcodeUri })) as { id: string; secret: string | null };
}

/** Guardian scans the newest waiting enrollment of `email` (the QR on the user's screen). */
export async function scanFor(tenant: TestTenant, email: string): Promise<{ id: string; secret: string | null }> {
  return (await guardian(tenant, 'scan', { email })) as { id: string; secret: string | null };
}

/** The user taps Approve (or Deny) on the newest waiting request of `email`. */
export async function answerPush(tenant: TestTenant, email: string, verdict: 'approve' | 'deny'): Promise<void> {
  await guardian(tenant, verdict, { email });
}

/** What waits in Guardian for the tenant: enrollments to scan, requests to answer. */
export async function waitingInGuardian(tenant: TestTenant): Promise<{ enrollments: unknown[]; requests: { id: string; email: string }[] }> {
  const response = await fetch(`${tenantUrl}/__control/tenants/${tenant.id}/guardian`);
  return (await response.json()) as { enrollments: unknown[]; requests: { id: string; email: string }[] };
}
