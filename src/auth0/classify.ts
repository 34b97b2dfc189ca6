// How Auth0's answers outside 2xx become the stable codes of `MfaError`: OAuth errors of the MFA
// API and problem documents of the My Account API, by their body first and their status second.
import { MfaError, type MfaErrorCode } from '../core/errors.js';
import { isRecord } from '../core/records.js';

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
const namesField = (text: string, field: string): boolean => text.split(/\W+/).includes(field);

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
  // Not confirmed: a sent code past its time ("The otp_code has expired", the stand-in's guess).
  if (status < 500 && /expired/i.test(detail) && /otp|\bcode\b/i.test(detail)) return 'expired_code';
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
  if (error === 'too_many_attempts' || error === 'too_many_sms' || status === 429) return 'rate_limited';
  // A sent code past its time, or voided by a newer message: the session is still good.
  if (/\boob_code\b/i.test(description) && (error === 'expired_token' || error === 'invalid_grant')) return 'expired_code';
  if (error === 'expired_token' || /\bexpired\b/i.test(description)) return 'expired_token';
  if (/already enrolled/i.test(description)) return 'already_enrolled';
  if (error === 'invalid_token' || /malformed mfa_token|invalid mfa token/i.test(description)) return 'invalid_token';
  if (error === 'invalid_grant' && /recovery/i.test(description)) return 'invalid_recovery_code';
  if (error === 'invalid_grant' && /otp|binding_code/i.test(description)) return 'invalid_code';
  if (error === 'invalid_phone_number') return 'invalid_destination';
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
