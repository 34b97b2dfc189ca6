import { CODE_LENGTH } from '../core/code.js';
import type { MfaError, MfaErrorCode } from '../core/errors.js';
import { format, type CommonStrings } from '../i18n/strings.js';
import { definedOnly } from '../core/records.js';

/** What an element's error event carries; `step` is the step it happened in. */
export interface MfaErrorDetail<Step extends string = string> {
  readonly code: MfaErrorCode;
  /** A human message, the one shown in the element. */
  readonly message: string;
  /** The HTTP status, when the server answered. */
  readonly status?: number;
  readonly step: Step;
  /** Whether trying again (same token) can succeed. */
  readonly retryable: boolean;
  /** The server's `error` and `error_description`, as sent (render as text only). */
  readonly error?: string;
  readonly description?: string;
  /** Seconds to wait before retrying, from `Retry-After`, when rate limited. */
  readonly retryAfter?: number;
}

/** A failure as a session holds it: what went wrong, and in which step. */
export interface Failure<Step extends string = string> {
  readonly error: MfaError;
  readonly step: Step;
}

const RETRYABLE = new Set<MfaErrorCode>([
  'invalid_code',
  'incomplete_code',
  // A refused recovery code stays in its field: fixed and sent again, on the same token.
  'invalid_recovery_code',
  'rate_limited',
  'network',
  'timeout',
  'server',
  'bad_response',
  // Starting the setup again, on the same token, works.
  'expired_enrollment',
  // What was typed stays: corrected, or a new code sent, on the same token.
  'invalid_destination',
  'expired_code',
  // Denied on the phone: a new request, on the same token, may be approved.
  'push_rejected',
]);

export function isRetryable(code: MfaErrorCode): boolean {
  return RETRYABLE.has(code);
}

/**
 * The message for a failure in the user's language. Settings problems and
 * refusals the widget has no words for carry the detail in brackets.
 */
export function errorMessage(error: MfaError, text: CommonStrings, digits = CODE_LENGTH): string {
  const message = format(errorText(error, text), { digits, scope: error.scope ?? '?' });
  const explained = (error.code === 'config' || error.code === 'request_failed') && error.description;
  return explained ? `${message} (${error.description})` : message;
}

/** The words for `error`: a `network` failure says whether it was a part of the element that failed to load, or the browser that is offline. */
function errorText(error: MfaError, text: CommonStrings): string {
  if (error.loadFailed) return text.errors.load_failed;
  return error.offline ? text.errors.offline : text.errors[error.code];
}

export function errorDetail<Step extends string>({ error, step }: Failure<Step>, message: string): MfaErrorDetail<Step> {
  return definedOnly({
    code: error.code,
    message,
    step,
    retryable: isRetryable(error.code),
    status: error.status,
    error: error.error,
    // A settings problem's description is for the developer, and is in the message already.
    description: error.code === 'config' ? undefined : error.description,
    retryAfter: error.retryAfter,
  });
}
