// The example contract shared by every framework example: the page reads ./tenant.json, signs in
// with the password grant, and hands the mfa_token to <mfa-otp-enroll>.

export interface TenantConfig {
  /** The tenant's base URL (or an Auth0 domain). */
  domain: string;
  clientId: string;
}

export async function loadTenant(signal?: AbortSignal): Promise<TenantConfig> {
  const response = await fetch('./tenant.json', { signal });
  if (!response.ok) throw new Error(`tenant.json: HTTP ${response.status}`);
  return (await response.json()) as TenantConfig;
}

/** A new address each time, so every run enrolls a user with no authenticator yet. */
export function freshEmail(): string {
  return `user-${crypto.randomUUID().slice(0, 8)}@example.com`;
}

function baseUrl(domain: string): string {
  const trimmed = domain.replace(/\/+$/, '');
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/**
 * Resource-owner password grant. A user who must enroll gets 403 `mfa_required` with an
 * `mfa_token`; that token is all the element needs. (Demo only: the password grant needs the
 * application's "Password" and "MFA" grants, and the password of the stand-in tenant.)
 */
export async function signIn(tenant: TenantConfig, email: string): Promise<string> {
  const response = await fetch(`${baseUrl(tenant.domain)}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      username: email,
      password: 'demo-password',
      client_id: tenant.clientId,
      scope: 'openid profile',
    }),
  });
  const body = (await response.json().catch(() => ({}))) as { error?: string; mfa_token?: string };
  if (body.error === 'mfa_required' && body.mfa_token) return body.mfa_token;
  throw new Error(body.error ?? `HTTP ${response.status}`);
}
