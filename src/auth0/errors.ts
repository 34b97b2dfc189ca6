import { isRecord } from '../shared/records.js';

/**
 * Stable codes a host can switch on, shared by every element; `message` in an
 * event's detail is for people and may change.
 */
export type MfaErrorCode =
  | 'config'
  | 'invalid_token'
  | 'expired_token'
  | 'already_enrolled'
  | 'invalid_code'
  | 'incomplete_code'
  | 'rate_limited'
  | 'grant_not_allowed'
  | 'network'
  | 'timeout'
  | 'server'
  | 'bad_response'
  | 'request_failed'
  | 'not_enrolled'
  | 'invalid_recovery_code'
  | 'insufficient_scope'
  | 'expired_enrollment';

export interface MfaErrorOptions {
  /** The HTTP status, when the server answered. */
  readonly status?: number | undefined;
  /** The server's `error` and `error_description`, as sent (shortened). */
  readonly error?: string | undefined;
  readonly description?: string | undefined;
  /** Seconds to wait before trying again, from `Retry-After`. */
  readonly retryAfter?: number | undefined;
  /** A `network` failure while the browser says it is offline. */
  readonly offline?: boolean | undefined;
  /** A `network` failure to load part of the element (a module it loads on use), not a call to Auth0. */
  readonly loadFailed?: boolean | undefined;
  /** For `insufficient_scope`: the permission the token lacks, when the answer names it. */
  readonly scope?: string | undefined;
}

/** A failed call or a refused input, classified to a stable code. */
export class MfaError extends Error {
  override readonly name = 'MfaError';
  readonly code: MfaErrorCode;
  readonly status: number | undefined;
  readonly error: string | undefined;
  readonly description: string | undefined;
  readonly retryAfter: number | undefined;
  readonly offline: boolean;
  readonly loadFailed: boolean;
  readonly scope: string | undefined;

  constructor(code: MfaErrorCode, options: MfaErrorOptions = {}) {
    super(options.description ?? code);
    this.code = code;
    this.status = options.status;
    this.error = options.error;
    this.description = options.description;
    this.retryAfter = options.retryAfter;
    this.offline = options.offline ?? false;
    this.loadFailed = options.loadFailed ?? false;
    this.scope = options.scope;
  }
}

/**
 * Whether `value` is an `MfaError`, by its shape rather than its class: a
 * second copy of the package on the same page has a class of its own.
 */
export function isMfaError(value: unknown): value is MfaError {
  return value instanceof Error && value.name === 'MfaError' && typeof (value as MfaError).code === 'string';
}

/** Longest server text kept; a hostile server could send megabytes. */
const MAX_ERROR = 100;
const MAX_DESCRIPTION = 300;

/**
 * Classifies an answer outside 2xx from its status, its body and `Retry-After`. The body is
 * OAuth's `{error, error_description}` (the MFA API), or an RFC 7807 problem document
 * `{type, status, title, detail}` (the My Account API): `error` and `description` keep
 * `error`/`type` and `error_description`/`detail` as sent.
 */
export function errorFromAnswer(status: number, body: unknown, retryAfterHeader: string | null): MfaError {
  const record = isRecord(body) ? body : {};
  const problem = typeof record.error !== 'string' && (typeof record.detail === 'string' || typeof record.title === 'string');
  const error = text(problem ? record.type : record.error, MAX_ERROR);
  const description = text(problem ? problemText(record) : record.error_description, MAX_DESCRIPTION);
  const code = problem ? classifyProblem(status, description ?? '') : classify(status, error, description ?? '');
  const retryAfter = code === 'rate_limited' ? parseRetryAfter(retryAfterHeader) : undefined;
  const scope = code === 'insufficient_scope' ? /\b[\w-]+:[\w:.-]+\b/.exec(description ?? '')?.[0] : undefined;
  return new MfaError(code, { status, error, description, retryAfter, scope });
}

const text = (value: unknown, max: number): string | undefined => (typeof value === 'string' ? value.slice(0, max) : undefined);

/**
 * A problem document's words: its `detail` (else `title`), then what its `validation_errors` say,
 * each naming its field (`pointer` in Auth0's fixture, `field` or `source` in its generated
 * clients) unless the words already do, so "Invalid request payload input" says what was invalid.
 */
function problemText(problem: Record<string, unknown>): unknown {
  const summary = problem.detail ?? problem.title;
  const errors = Array.isArray(problem.validation_errors) ? problem.validation_errors.filter(isRecord) : [];
  const details = errors.flatMap(({ pointer, field, source, detail }) => {
    if (typeof detail !== 'string') return [];
    const where = [pointer, field, source].find((name): name is string => typeof name === 'string')?.replace(/^\//, '');
    return [where && !namesField(detail, where) ? `${where}: ${detail}` : detail];
  });
  if (typeof summary !== 'string' || details.length === 0) return summary;
  return `${summary.replace(/\.?$/, '.')} ${details.join(' ')}`;
}

/** Whether `text` names `field` as a word of its own ("type is required", not "supported types"). */
const namesField = (text: string, field: string): boolean => new RegExp(`(^|\\W)${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|\\W)`).test(text);

/**
 * A problem document's stable code. Their `type` URIs are opaque codes (`A0E-403-0001`), so
 * the status and the detail decide; the wording matched is marked where it is not confirmed.
 */
function classifyProblem(status: number, detail: string): MfaErrorCode {
  if (status === 429) return 'rate_limited';
  if (/scope/i.test(detail)) return 'insufficient_scope';
  if (status === 401) return /expired/i.test(detail) ? 'expired_token' : 'invalid_token';
  // An enrollment confirmed after its auth_session ran out (or with a spent one): the stand-in's
  // guess names auth_session (400), Auth0's one public fixture says "Invalid or expired session"
  // (404). The token is still good, so starting the enrollment again works.
  if (status < 500 && /auth_session|\bsession\b/i.test(detail)) return 'expired_enrollment';
  // Not confirmed: a wrong code at `…/verify` is a 4xx naming the code.
  if (status < 500 && /otp|\bcode\b/i.test(detail) && !/recovery/i.test(detail)) return 'invalid_code';
  if (status >= 500) return 'server';
  return 'request_failed';
}

/**
 * Auth0's error codes are shared by several causes (`invalid_grant` is both a
 * wrong code and a malformed token), so the description decides where the
 * code does not; these are the strings Auth0's own SDKs match. Statuses differ
 * between Auth0's own test suites (401 or 403 for the same error): the body
 * decides, the status only breaks ties.
 */
export function classify(status: number, error: string | undefined, description: string): MfaErrorCode {
  if (error === 'too_many_attempts' || status === 429) return 'rate_limited';
  if (error === 'expired_token' || /\bexpired\b/i.test(description)) return 'expired_token';
  if (/already enrolled/i.test(description)) return 'already_enrolled';
  if (error === 'invalid_token' || /malformed mfa_token|invalid mfa token/i.test(description)) return 'invalid_token';
  if (error === 'invalid_grant' && /recovery/i.test(description)) return 'invalid_recovery_code';
  if (error === 'invalid_grant' && /otp/i.test(description)) return 'invalid_code';
  // "User does not have any enrolled authenticator with the supported challenge type (otp)".
  if (error === 'unsupported_challenge_type') return 'not_enrolled';
  if (error === 'unauthorized_client') return 'grant_not_allowed';
  if (error === 'insufficient_scope') return 'insufficient_scope';
  if (status >= 500) return 'server';
  return 'request_failed';
}

/** Seconds from a `Retry-After` of either form (delta-seconds or an HTTP date). */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(Math.ceil(seconds), 24 * 3600) : undefined;
}
