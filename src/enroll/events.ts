import type { MfaErrorCode } from '../auth0/errors.js';
import type { TokenResponse } from '../auth0/transport.js';
import type { MfaErrorDetail } from '../shared/error-detail.js';
import type { EnrollStep } from './enroll-session.js';

export type { EnrollStep };

/** Stable codes a host can switch on; `message` is for people and may change. */
export type EnrollErrorCode = MfaErrorCode;

export interface AssociatedDetail {
  readonly authenticatorType: 'otp';
  /** Whether recovery codes will be shown after the code is confirmed. */
  readonly hasRecoveryCodes: boolean;
}

/** The confirm call's token response, camel-cased; absent fields are left out. */
export type EnrolledDetail = TokenResponse;

/**
 * `step` is where it happened: `idle` (configuration), `loading` (associate),
 * `confirming`, or `scan` (input refused before anything was sent).
 */
export type EnrollErrorDetail = MfaErrorDetail<EnrollStep>;

declare global {
  interface HTMLElementEventMap {
    associated: CustomEvent<AssociatedDetail>;
    enrolled: CustomEvent<EnrolledDetail>;
    'enroll-error': CustomEvent<EnrollErrorDetail>;
  }
}
