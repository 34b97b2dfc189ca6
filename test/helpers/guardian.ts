import { CLIENT_ID, mfaToken, newEmail, tenantUrl, type TestTenant } from './tenant.js';

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

/**
 * A new user enrolled with push over the MFA API, without an element: Guardian scanned the QR and
 * the enrollment was confirmed. `secret` is the app code Auth0 enrolls with push (Guardian shows
 * its codes).
 */
export async function pushUser(tenant: TestTenant): Promise<{ email: string; secret: string; recoveryCode: string }> {
  const email = newEmail();
  const token = await mfaToken(tenant, email);
  const associate = await fetch(`${tenant.base}/mfa/associate`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ client_id: CLIENT_ID, authenticator_types: ['oob'], oob_channels: ['auth0'] }),
  });
  const { barcode_uri: barcodeUri, oob_code: oobCode, recovery_codes: [recoveryCode] } = (await associate.json()) as { barcode_uri: string; oob_code: string; recovery_codes: string[] };
  const { secret } = await scanWithGuardian(tenant, barcodeUri);
  const grant = await fetch(`${tenant.base}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'http://auth0.com/oauth/grant-type/mfa-oob', client_id: CLIENT_ID, mfa_token: token, oob_code: oobCode }),
  });
  if (!grant.ok) throw new Error(`push enrollment not confirmed: ${grant.status} ${await grant.text()}`);
  return { email, secret: secret ?? '', recoveryCode: recoveryCode ?? '' };
}
