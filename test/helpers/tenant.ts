// @ts-expect-error served by the test runner's stand-in-tenant plugin
import { TENANT_URL } from '/__tenant.js';

/** The stand-in tenant's root, on another origin than the test page. */
export const tenantUrl: string = TENANT_URL;

export const CLIENT_ID = 'demo-spa-client';
export const PASSWORD = 'demo-password';

export interface TestTenant {
  readonly id: string;
  /** The value to give the widget's `domain`. */
  readonly base: string;
}

export interface TenantSettings {
  name?: string;
  recoveryCodes?: boolean;
  mfaTokenTtlSeconds?: number;
  allowedOrigins?: string[];
}

async function control(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${tenantUrl}/__control/${path}`, {
    ...init,
    headers: init.body ? { 'Content-Type': 'application/json' } : {},
  });
  if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** A fresh, isolated tenant: its own users, tokens, request log and faults. */
export async function createTenant(settings: TenantSettings = {}): Promise<TestTenant> {
  const response = await control('tenants', { method: 'POST', body: JSON.stringify(settings) });
  return (await response.json()) as TestTenant;
}

let userCount = 0;
export function newEmail(): string {
  return `user${++userCount}.${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** Signs in with the password grant as a browser app would, and returns the `mfa_required` answer. */
export async function signIn(
  tenant: TestTenant,
  email = newEmail(),
  extra: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${tenant.base}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      username: email,
      password: PASSWORD,
      client_id: CLIENT_ID,
      scope: 'openid profile',
      ...extra,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** An `mfa_token` for a new user (or the given one), from a real `mfa_required` answer. */
export async function mfaToken(tenant: TestTenant, email?: string): Promise<string> {
  const { status, body } = await signIn(tenant, email);
  if (status !== 403 || body.error !== 'mfa_required' || typeof body.mfa_token !== 'string') {
    throw new Error(`expected mfa_required, got ${status} ${JSON.stringify(body)}`);
  }
  return body.mfa_token;
}

export interface LoggedRequest {
  method: string;
  path: string;
  origin?: string;
  contentType?: string;
  bodyKeys: string[];
  authorization: boolean;
}

export async function requestsTo(tenant: TestTenant, method: string, path: string): Promise<LoggedRequest[]> {
  const log = (await (await control(`tenants/${tenant.id}/requests`)).json()) as LoggedRequest[];
  return log.filter((entry) => entry.method === method && entry.path === path);
}

export async function expireTokens(tenant: TestTenant): Promise<void> {
  await control(`tenants/${tenant.id}/expire-tokens`, { method: 'POST' });
}

export interface Fault {
  method?: string;
  path: string;
  /** Required unless the fault hangs or drops. */
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  hang?: boolean;
  /** Close the connection without answering. */
  drop?: boolean;
  times?: number;
}

export async function addFault(tenant: TestTenant, fault: Fault): Promise<void> {
  await control(`tenants/${tenant.id}/faults`, { method: 'POST', body: JSON.stringify(fault) });
}

export async function clearFaults(tenant: TestTenant): Promise<void> {
  await control(`tenants/${tenant.id}/faults`, { method: 'DELETE' });
}

export interface UserState {
  authenticators: { id: string; authenticator_type: string; active: boolean }[];
  /** The recovery code the tenant accepts now (test-only control API), or null. */
  recoveryCode: string | null;
  /** How many POST /mfa/challenge calls succeeded for the user. */
  challenges: number;
}

export async function userState(tenant: TestTenant, email: string): Promise<UserState> {
  return (await control(`tenants/${tenant.id}/users/${encodeURIComponent(email)}`)).json();
}
