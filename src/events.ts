/** The widget's steps, exposed on the host as the `step` attribute for styling. */
export type EnrollStep = 'idle' | 'loading' | 'scan' | 'confirming' | 'recovery' | 'done' | 'error';

/** Stable codes a host can switch on; `message` is for people and may change. */
export type EnrollErrorCode =
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
  | 'request_failed';

export interface AssociatedDetail {
  readonly authenticatorType: 'otp';
  /** Whether recovery codes will be shown after the code is confirmed. */
  readonly hasRecoveryCodes: boolean;
}

/** The confirm call's token response, camel-cased; absent fields are left out. */
export interface EnrolledDetail {
  readonly accessToken?: string;
  readonly idToken?: string;
  readonly refreshToken?: string;
  readonly expiresIn?: number;
  readonly scope?: string;
  readonly tokenType?: string;
}

export interface EnrollErrorDetail {
  readonly code: EnrollErrorCode;
  /** A human message, the one shown in the widget. */
  readonly message: string;
  /** The HTTP status, when the server answered. */
  readonly status?: number;
  /** The step the error happened in: `idle` (configuration), `loading` (associate) or `confirming`. */
  readonly step: EnrollStep;
  /** Whether trying again (same token) can succeed. */
  readonly retryable: boolean;
  /** The server's `error` and `error_description`, as sent (render as text only). */
  readonly error?: string;
  readonly description?: string;
  /** Seconds to wait before retrying, from `Retry-After`, when rate limited. */
  readonly retryAfter?: number;
}

declare global {
  interface HTMLElementEventMap {
    associated: CustomEvent<AssociatedDetail>;
    enrolled: CustomEvent<EnrolledDetail>;
    'enroll-error': CustomEvent<EnrollErrorDetail>;
  }
}
