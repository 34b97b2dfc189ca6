import type { EnrolledDetail, EnrollErrorCode } from './events.js';
import { parseOtpauthUri, type OtpauthUri } from './otpauth.js';

/**
 * The network seam: every request goes through `transport.fetch`, so a test
 * can stand in for the network in narrow unit cases.
 */
export const transport = {
  fetch: (input: URL, init: RequestInit): Promise<Response> => globalThis.fetch(input, init),
};

export const MFA_OTP_GRANT = 'http://auth0.com/oauth/grant-type/mfa-otp';

/** A failed call, classified; the element turns it into an `enroll-error`. */
export class EnrollApiError extends Error {
  override readonly name = 'EnrollApiError';
  constructor(
    readonly code: EnrollErrorCode,
    readonly status?: number,
    readonly error?: string,
    readonly description?: string,
    readonly retryAfter?: number,
  ) {
    super(description ?? code);
  }
}

export interface Association {
  readonly otpauth: OtpauthUri;
  readonly recoveryCodes: readonly string[];
}

export interface RequestOptions {
  /** Aborts the request when the element no longer wants the answer. */
  readonly signal: AbortSignal;
  /** Milliseconds before giving up with a `timeout` error. */
  readonly timeout: number;
}

/** `POST {base}mfa/associate`: starts an OTP enrollment and returns what to show. */
export async function associate(base: URL, token: string, options: RequestOptions): Promise<Association> {
  const { body } = await send(
    new URL('mfa/associate', base),
    {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ authenticator_types: ['otp'] }),
      credentials: 'omit',
    },
    options,
  );
  return readAssociation(body);
}

export interface ConfirmFields {
  readonly clientId: string;
  readonly mfaToken: string;
  readonly otp: string;
}

/**
 * Confirms the enrollment with the mfa-otp grant, form-encoded as Auth0's SPA
 * SDK sends it. Never a client secret: confidential clients point `endpoint`
 * at their own backend, which adds it. `strict` requires an OAuth token
 * response (Auth0 itself); a site's backend may answer with any JSON or none.
 */
export async function confirm(
  endpoint: URL,
  { clientId, mfaToken, otp }: ConfirmFields,
  strict: boolean,
  options: RequestOptions,
): Promise<EnrolledDetail> {
  const form = new URLSearchParams({ grant_type: MFA_OTP_GRANT, mfa_token: mfaToken, otp });
  if (clientId) form.set('client_id', clientId);
  const { body } = await send(
    endpoint,
    { method: 'POST', body: form, credentials: strict ? 'omit' : 'same-origin' },
    options,
  );
  const tokens = readTokens(body);
  if (strict && !tokens.accessToken) throw new EnrollApiError('bad_response', 200);
  return tokens;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

async function send(url: URL, init: RequestInit, { signal, timeout }: RequestOptions): Promise<Answer> {
  const timer = AbortSignal.timeout(timeout);
  let status: number | undefined;
  let text: string;
  let headers: Headers;
  try {
    const response = await transport.fetch(url, {
      ...init,
      signal: AbortSignal.any([signal, timer]),
      cache: 'no-store',
      // Tokens travel in headers and bodies only; keep the page URL out of the tenant's logs too.
      referrerPolicy: 'no-referrer',
    });
    status = response.status;
    headers = response.headers;
    text = await response.text();
  } catch (cause) {
    // The caller's abort is not an error: it no longer wants the answer.
    if (signal.aborted) throw cause;
    throw new EnrollApiError(timer.aborted ? 'timeout' : 'network', status);
  }
  const body = parseJson(text);
  if (status < 200 || status > 299) throw errorFromAnswer(status, body, headers.get('Retry-After'));
  return { status, body };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Longest server description kept; a hostile server could send megabytes. */
const MAX_DESCRIPTION = 300;

function errorFromAnswer(status: number, body: unknown, retryAfterHeader: string | null): EnrollApiError {
  const record = isRecord(body) ? body : {};
  const error = typeof record.error === 'string' ? record.error.slice(0, 100) : undefined;
  const description =
    typeof record.error_description === 'string' ? record.error_description.slice(0, MAX_DESCRIPTION) : undefined;
  const code = classify(status, error, description ?? '');
  const retryAfter = code === 'rate_limited' ? parseRetryAfter(retryAfterHeader) : undefined;
  return new EnrollApiError(code, status, error, description, retryAfter);
}

/**
 * Auth0's error codes are shared by several causes (`invalid_grant` is both a
 * wrong code and a malformed token), so the description decides where the
 * code does not; these are the strings Auth0's own SDKs match.
 */
function classify(status: number, error: string | undefined, description: string): EnrollErrorCode {
  if (error === 'too_many_attempts' || status === 429) return 'rate_limited';
  if (error === 'expired_token' || /\bexpired\b/i.test(description)) return 'expired_token';
  if (/already enrolled/i.test(description)) return 'already_enrolled';
  if (error === 'invalid_token' || /malformed mfa_token|invalid mfa token/i.test(description)) return 'invalid_token';
  if (error === 'invalid_grant' && /otp/i.test(description)) return 'invalid_code';
  if (error === 'unauthorized_client') return 'grant_not_allowed';
  if (status >= 500) return 'server';
  return 'request_failed';
}

/** Seconds from a `Retry-After` of either form (delta-seconds or an HTTP date). */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(Math.ceil(seconds), 24 * 3600) : undefined;
}

const BASE32_SECRET = /^[A-Z2-7]{16,128}=*$/;
const MAX_RECOVERY_CODES = 50;

function readAssociation(body: unknown): Association {
  if (!isRecord(body) || typeof body.secret !== 'string' || typeof body.barcode_uri !== 'string') {
    throw new EnrollApiError('bad_response', 200);
  }
  const otpauth = parseOtpauthUri(body.barcode_uri);
  const secret = body.secret.replace(/\s+/g, '').toUpperCase();
  // The QR and the typed key must give the same codes, or the user is stuck.
  if (!otpauth || !BASE32_SECRET.test(secret) || otpauth.secret !== secret) {
    throw new EnrollApiError('bad_response', 200);
  }
  const codes = body.recovery_codes ?? [];
  if (
    !Array.isArray(codes) ||
    codes.length > MAX_RECOVERY_CODES ||
    !codes.every((code): code is string => typeof code === 'string' && code.length > 0 && code.length <= 100)
  ) {
    throw new EnrollApiError('bad_response', 200);
  }
  return { otpauth, recoveryCodes: codes };
}

function readTokens(body: unknown): EnrolledDetail {
  const record = isRecord(body) ? body : {};
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
  const expiresIn = typeof record.expires_in === 'number' ? record.expires_in : undefined;
  return definedOnly({
    accessToken: text('access_token'),
    idToken: text('id_token'),
    refreshToken: text('refresh_token'),
    expiresIn,
    scope: text('scope'),
    tokenType: text('token_type'),
  });
}

/** `record` without its `undefined` fields: event details list only what is known. */
export function definedOnly<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
