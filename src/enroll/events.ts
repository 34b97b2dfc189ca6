import type { MfaErrorCode } from '../core/errors.js';
import type { Factor } from '../core/factors.js';
import type { EnrollResult } from '../core/ports.js';
import type { MfaErrorDetail } from '../element/error-detail.js';
import type { EnrollStep } from './enroll-session.js';

export type { EnrollStep };

/** Stable codes a host can switch on; `message` is for people and may change. */
export type EnrollErrorCode = MfaErrorCode;

export interface AssociatedDetail {
  /** The MFA API's type: `otp` for the app, `oob` for a code sent by text, call or email. */
  readonly authenticatorType: 'otp' | 'oob';
  /** What is being set up: `otp` (the app), `sms`, `voice` or `email`. */
  readonly factor: Factor;
  /** Whether recovery codes will be shown after the code is confirmed. */
  readonly hasRecoveryCodes: boolean;
  /** A code was sent again, replacing the one before (a phone or an email only). */
  readonly resent?: boolean;
}

/**
 * The MFA API's token response, camel-cased (absent fields left out); with the My Account API,
 * `{ authenticationMethod }` and no tokens. `factor` says what was set up.
 */
export type EnrolledDetail = EnrollResult & { readonly factor: Factor };

/**
 * `step` is where it happened: `idle` (configuration), `loading` (associate), `confirming`, or
 * `scan` (input refused before anything was sent); for a phone or an email, `destination`
 * (what was typed can't be sent to), `sending`, `resending`, `confirming-code` or `code-sent`.
 */
export type EnrollErrorDetail = MfaErrorDetail<EnrollStep>;

declare global {
  interface HTMLElementEventMap {
    associated: CustomEvent<AssociatedDetail>;
    enrolled: CustomEvent<EnrolledDetail>;
    'enroll-error': CustomEvent<EnrollErrorDetail>;
  }
}
