import { waitUntil } from '@open-wc/testing';
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
  /** false: the recovery-code grant answers the tokens without a new code. */
  recoveryCodeRotation?: boolean;
  /** The My Account API's validation and expired-session answers: the stand-in's own, or Auth0's public fixtures'. */
  myAccountProblems?: 'stand-in' | 'auth0-fixtures';
  mfaTokenTtlSeconds?: number;
  allowedOrigins?: string[];
  /** The factors users may enroll: `otp`, `phone`, `email`, `push-notification`. */
  factors?: string[];
  /** How a phone is reached (both by default: the MFA API lists a phone once per channel). */
  phoneChannels?: ('sms' | 'voice')[];
  /** Messages to one destination per window (10 by default); past it, 429. */
  messageLimit?: number;
  /** Polls of one push request closer than this (5000 ms by default) answer slow_down. */
  pushPollIntervalMs?: number;
  /** The error a denied push answers: Auth0's recorded `access_denied` (default), or `invalid_grant` (its reference). */
  pushRejection?: 'access_denied' | 'invalid_grant';
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

/** Changes some settings of a live tenant. */
export async function changeSettings(tenant: TestTenant, settings: TenantSettings): Promise<void> {
  await control(`tenants/${tenant.id}/settings`, { method: 'POST', body: JSON.stringify(settings) });
}

/**
 * The ways the My Account API may answer an enrollment confirmed after its auth_session expired:
 * the stand-in's own guess (400 naming auth_session), and Auth0's one public fixture (404 "Invalid
 * or expired session"). Tests of that path run against both.
 */
export const EXPIRED_SESSION_ANSWERS = [
  { myAccountProblems: 'stand-in', status: 400 },
  { myAccountProblems: 'auth0-fixtures', status: 404 },
] as const;

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

/**
 * Waits until the tenant has received `count` requests to `method path` (they are logged as they
 * arrive), and returns them: for requests the element sends behind what it shows.
 */
export async function untilRequests(tenant: TestTenant, method: string, path: string, count = 1): Promise<LoggedRequest[]> {
  let requests: LoggedRequest[] = [];
  await waitUntil(async () => (requests = await requestsTo(tenant, method, path)).length >= count, `fewer than ${count} ${method} ${path}`, {
    timeout: 10000,
  });
  return requests;
}

export async function expireTokens(tenant: TestTenant): Promise<void> {
  await control(`tenants/${tenant.id}/expire-tokens`, { method: 'POST' });
}

/** Expires the My Account auth_sessions issued so far, and nothing else: an enrollment left too long. */
export async function expireAuthSessions(tenant: TestTenant): Promise<void> {
  await control(`tenants/${tenant.id}/expire-auth-sessions`, { method: 'POST' });
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

/** A fault's answer: an RFC 7807 problem document, as the My Account API answers its errors. */
export function myAccountProblem(status: number, detail: string): Omit<Fault, 'path' | 'method'> {
  return {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
    body: JSON.stringify({ type: `https://auth0.com/api-errors/A0E-${status}-0001`, status, title: 'Error', detail }),
  };
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

// ---- the My Account API ------------------------------------------------------------------------

export const MY_ACCOUNT_SCOPES = {
  read: 'read:me:authentication_methods',
  create: 'create:me:authentication_methods',
  update: 'update:me:authentication_methods',
  delete: 'delete:me:authentication_methods',
  factors: 'read:me:factors',
} as const;

export interface MyAccountTokenOptions {
  /** Space-separated scopes, exactly those granted; every My Account scope by default. */
  scope?: string;
  /** Seconds until it expires (24 h by default). */
  expiresIn?: number;
  /** A DPoP key's thumbprint: the token is then bound to that key (`cnf.jkt`). */
  jkt?: string;
}

/**
 * An access token for the tenant's My Account API (`{base}/me/`) for `email` (made on first use),
 * as a signed-in user's settings page would hold it, with exactly the scopes asked.
 */
export async function myAccountToken(tenant: TestTenant, email: string, options: MyAccountTokenOptions = {}): Promise<string> {
  const response = await control(`tenants/${tenant.id}/my-account-tokens`, { method: 'POST', body: JSON.stringify({ email, ...options }) });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A sign-in method as the My Account API lists it. */
export interface ListedMethod {
  id: string;
  type: string;
  confirmed?: boolean;
  created_at: string;
  name?: string;
  usage?: string[];
  phone_number?: string;
  preferred_authentication_method?: string;
  email?: string;
}

export type OtherMethodType = 'phone' | 'email' | 'passkey' | 'webauthn-platform' | 'webauthn-roaming' | 'push-notification';

/** Gives `email` a method the element only lists (phone, passkey…): the control API's, not an enrollment. */
export async function addMethod(
  tenant: TestTenant,
  email: string,
  method: {
    type: OtherMethodType;
    name?: string;
    confirmed?: boolean;
    /** A phone's number in E.164 (the stand-in's +15555550100 by default) and its way of sending. */
    phone_number?: string;
    preferred_authentication_method?: 'sms' | 'voice';
    /** An email's address (the user's own by default); `verified`: the one Auth0 made from a verified address, which it won't delete. */
    email?: string;
    verified?: boolean;
  },
): Promise<ListedMethod> {
  const response = await control(`tenants/${tenant.id}/users/${encodeURIComponent(email)}/methods`, { method: 'POST', body: JSON.stringify(method) });
  return (await response.json()) as ListedMethod;
}

/** The user's methods as the My Account API lists them now (read with a token of the test's own). */
export async function listedMethods(tenant: TestTenant, email: string): Promise<ListedMethod[]> {
  const token = await myAccountToken(tenant, email, { scope: MY_ACCOUNT_SCOPES.read });
  const response = await fetch(`${tenant.base}/me/v1/authentication-methods`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`list: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { authentication_methods: ListedMethod[] }).authentication_methods;
}

/** Names one of the user's methods through the My Account API (`PATCH`), as another device of theirs might have. */
export async function nameMethod(tenant: TestTenant, email: string, id: string, name: string): Promise<void> {
  const token = await myAccountToken(tenant, email, { scope: MY_ACCOUNT_SCOPES.update });
  const response = await fetch(`${tenant.base}/me/v1/authentication-methods/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (!response.ok) throw new Error(`rename: ${response.status} ${await response.text()}`);
}

/** Every request the tenant logged, in order. */
export async function allRequests(tenant: TestTenant): Promise<LoggedRequest[]> {
  return (await (await control(`tenants/${tenant.id}/requests`)).json()) as LoggedRequest[];
}
