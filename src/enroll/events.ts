import type { MfaErrorCode } from '../core/errors.js';
import type { EnrollResult } from '../core/ports.js';
import type { MfaErrorDetail } from '../element/error-detail.js';
import type { EnrollStep } from './enroll-session.js';

export type { EnrollStep };

/** Stable codes a host can switch on; `message` is for people and may change. */
export type EnrollErrorCode = MfaErrorCode;

export interface AssociatedDetail {
  readonly authenticatorType: 'otp';
  /** Whether recovery codes will be shown after the code is confirmed. */
  readonly hasRecoveryCodes: boolean;
}

/**
 * The MFA API's token response, camel-cased (absent fields left out); with the My Account API,
 * `{ authenticationMethod }` and no tokens.
 */
export type EnrolledDetail = EnrollResult;

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
