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
  | 'expired_enrollment'
  | 'invalid_destination'
  | 'expired_code'
  | 'push_rejected';

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
  /** For `invalid_destination` found before sending: what is wrong with what was typed. */
  readonly destinationProblem?: DestinationProblem | undefined;
}

/** What the widget finds wrong with a phone number or an address before anything is sent. */
export type DestinationProblem = 'phone' | 'country' | 'email';

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
  readonly destinationProblem: DestinationProblem | undefined;

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
    this.destinationProblem = options.destinationProblem;
  }
}

/**
 * Whether `value` is an `MfaError`, by its shape rather than its class: a
 * second copy of the package on the same page has a class of its own.
 */
export function isMfaError(value: unknown): value is MfaError {
  return value instanceof Error && value.name === 'MfaError' && typeof (value as MfaError).code === 'string';
}
