import { CLIENT_ID, mfaToken, newEmail, signIn, userState, type TestTenant } from './tenant.js';
import { totp } from './totp.js';

const MFA_OTP_GRANT = 'http://auth0.com/oauth/grant-type/mfa-otp';

/** A user who has set up an authenticator app (through the API, as a past visit to the site did). */
export interface EnrolledUser {
  readonly email: string;
  /** The app's secret, to compute the codes the user's phone shows. */
  readonly secret: string;
  /** The recovery code they saved then. */
  readonly recoveryCode: string;
}

/** Enrolls a new user of `tenant` directly against the stand-in, without an element. */
export async function enrolledUser(tenant: TestTenant, email = newEmail()): Promise<EnrolledUser> {
  const token = await mfaToken(tenant, email);
  const associated = await fetch(`${tenant.base}/mfa/associate`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ authenticator_types: ['otp'] }),
  });
  const { secret } = (await associated.json()) as { secret: string };
  const confirmed = await fetch(`${tenant.base}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: MFA_OTP_GRANT, client_id: CLIENT_ID, mfa_token: token, otp: await totp(secret) }),
  });
  if (!confirmed.ok) throw new Error(`enrollment failed: ${confirmed.status} ${await confirmed.text()}`);
  const { recoveryCode } = await userState(tenant, email);
  return { email, secret, recoveryCode: recoveryCode ?? '' };
}

/** The `mfa_token` of signing `user` in again: Auth0 answers `mfa_required` with a challenge. */
export async function signInAgain(tenant: TestTenant, user: EnrolledUser): Promise<string> {
  const { status, body } = await signIn(tenant, user.email);
  const requirements = body.mfa_requirements as { challenge?: unknown[] } | undefined;
  if (status !== 403 || !requirements?.challenge || typeof body.mfa_token !== 'string') {
    throw new Error(`expected mfa_required with a challenge, got ${status} ${JSON.stringify(body)}`);
  }
  return body.mfa_token;
}

/**
 * The code the user's app shows for a sign-in after their enrollment. A code is accepted once
 * only, and enrolling just used the current one: the app's next code (30 s ahead) is within
 * the tenant's window and not used yet.
 */
export function nextCode(user: EnrolledUser): Promise<string> {
  return totp(user.secret, Date.now() + 30_000);
}
