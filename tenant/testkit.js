// Helpers shared by the stand-in tenant's tests: call the server, make tenants, sign in,
// enroll. Not a test file itself (the name matches none of node --test's patterns).

import assert from 'node:assert/strict';
import { totp } from './totp.js';

export const MFA_OTP = 'http://auth0.com/oauth/grant-type/mfa-otp';
export const MFA_RECOVERY_CODE = 'http://auth0.com/oauth/grant-type/mfa-recovery-code';
export const CLIENT = 'demo-spa-client';
export const PAGE = 'http://localhost:8000'; // a typical test-runner page origin

/**
 * @typedef {{ method?: string, json?: unknown, form?: Record<string, string>, raw?: string,
 *   contentType?: string, token?: string, origin?: string, headers?: Record<string, string> }} CallOptions
 */

/**
 * Call the server and read the answer.
 * @param {string} url
 * @param {CallOptions} [options]
 */
export async function call(url, { method = 'POST', json, form, raw, contentType, token, origin, headers = {} } = {}) {
  /** @type {Record<string, string>} */
  const h = { ...headers };
  let body;
  if (json !== undefined) {
    h['content-type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form) {
    h['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  } else if (raw !== undefined) {
    body = raw;
  }
  if (contentType) h['content-type'] = contentType;
  if (token) h.authorization = `Bearer ${token}`;
  if (origin) h.origin = origin;
  const res = await fetch(url, { method, headers: h, body });
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  return { status: res.status, headers: res.headers, body: data, text };
}

/**
 * A fresh isolated tenant.
 * @param {string} serverUrl
 * @param {Record<string, unknown>} [settings]
 * @returns {Promise<{ id: string, base: string }>}
 */
export async function newTenant(serverUrl, settings = {}) {
  const res = await call(`${serverUrl}/__control/tenants`, { json: settings });
  assert.equal(res.status, 201);
  return res.body;
}

/**
 * Password grant; returns the raw answer.
 * @param {string} base
 * @param {string} email
 * @param {Record<string, string>} [extra]
 */
export function passwordGrant(base, email, extra = {}) {
  return call(`${base}/oauth/token`, { form: { grant_type: 'password', client_id: CLIENT, username: email, password: 'demo-password', ...extra } });
}

/**
 * The mfa_token of a password grant.
 * @param {string} base
 * @param {string} email
 * @param {Record<string, string>} [extra]
 * @returns {Promise<string>}
 */
export async function mfaToken(base, email, extra = {}) {
  const res = await passwordGrant(base, email, extra);
  assert.equal(res.status, 403);
  return res.body.mfa_token;
}

/**
 * @param {string} base
 * @param {string} token
 */
export function associate(base, token) {
  return call(`${base}/mfa/associate`, { json: { authenticator_types: ['otp'] }, token });
}

/**
 * @param {string} base
 * @param {string} token
 * @param {string} otp
 * @param {string} [clientId]
 */
export function confirm(base, token, otp, clientId = CLIENT) {
  return call(`${base}/oauth/token`, { form: { grant_type: MFA_OTP, client_id: clientId, mfa_token: token, otp } });
}

/**
 * A six-digit code that is wrong for `secret` at `time` and its neighbours.
 * @param {string} secret
 * @param {number} [time]
 */
export function wrongCode(secret, time = Date.now()) {
  const valid = new Set([-1, 0, 1].map((d) => totp(secret, { time: time + d * 30_000 })));
  let n = 123456;
  while (valid.has(String(n))) n += 1;
  return String(n);
}

/**
 * Sign in, add an OTP authenticator and confirm it with the code for `time` (the server's clock).
 * @param {string} base
 * @param {string} email
 * @param {number} [time]
 * @returns {Promise<{ token: string, secret: string, recoveryCode: string | undefined }>}
 */
export async function enroll(base, email, time = Date.now()) {
  const token = await mfaToken(base, email);
  const added = await associate(base, token);
  assert.equal(added.status, 200);
  const done = await confirm(base, token, totp(added.body.secret, { time }));
  assert.equal(done.status, 200);
  return { token, secret: added.body.secret, recoveryCode: added.body.recovery_codes?.[0] };
}

/**
 * The mfa-recovery-code grant, form-encoded.
 * @param {string} base
 * @param {string} token
 * @param {string} recoveryCode
 * @param {string} [clientId]
 */
export function recover(base, token, recoveryCode, clientId = CLIENT) {
  return call(`${base}/oauth/token`, { form: { grant_type: MFA_RECOVERY_CODE, client_id: clientId, mfa_token: token, recovery_code: recoveryCode } });
}

/**
 * POST /mfa/challenge with a JSON body, as Auth0's SDKs send it.
 * @param {string} base
 * @param {Record<string, unknown>} body
 * @param {string} [origin]
 */
export function challenge(base, body, origin) {
  return call(`${base}/mfa/challenge`, { json: { client_id: CLIENT, challenge_type: 'otp', ...body }, origin });
}

/**
 * A user as the control API shows them.
 * @param {string} serverUrl
 * @param {string} tenantId
 * @param {string} email
 * @returns {Promise<{ email: string, authenticators: { id: string, authenticator_type: string, active: boolean }[], recoveryCode: string | null, challenges: number }>}
 */
export async function userState(serverUrl, tenantId, email) {
  const res = await call(`${serverUrl}/__control/tenants/${tenantId}/users/${encodeURIComponent(email)}`, { method: 'GET' });
  assert.equal(res.status, 200);
  return res.body;
}

/**
 * @param {string} base
 * @param {string} email
 * @param {string} scope
 */
export async function mfaApiToken(base, email, scope) {
  const res = await passwordGrant(base, email, { audience: `${base}/mfa/`, scope });
  assert.equal(res.status, 200);
  return res.body.access_token;
}
