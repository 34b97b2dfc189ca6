import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { AssociatedDetail, EnrolledDetail, EnrollErrorDetail } from './enroll/events.js';
import { MfaOtpEnroll as MfaOtpEnrollElement, TAG_NAME } from './enroll/define.js';
import { MfaOtpVerify as MfaOtpVerifyElement, VERIFY_TAG_NAME, type VerifiedDetail, type VerifyErrorDetail } from './verify/define.js';
import {
  AUTHENTICATORS_TAG_NAME,
  MfaAuthenticators as MfaAuthenticatorsElement,
  type AuthenticatorChangedDetail,
  type AuthenticatorsErrorDetail,
} from './authenticators/define.js';

/**
 * `<mfa-otp-enroll>` as a React component: props set the element's
 * properties (tokens never become attributes) and `on…` props listen to its
 * events. Importing this module registers both elements.
 *
 * ```tsx
 * <MfaOtpEnroll domain="tenant.us.auth0.com" clientId="…" mfaToken={token}
 *   onEnrolled={(event) => setTokens(event.detail)} />
 * ```
 */
export const MfaOtpEnroll = createComponent({
  react: React,
  tagName: TAG_NAME,
  elementClass: MfaOtpEnrollElement,
  displayName: 'MfaOtpEnroll',
  events: {
    onAssociated: 'associated' as EventName<CustomEvent<AssociatedDetail>>,
    onEnrolled: 'enrolled' as EventName<CustomEvent<EnrolledDetail>>,
    onEnrollError: 'enroll-error' as EventName<CustomEvent<EnrollErrorDetail>>,
  },
});

/**
 * `<mfa-otp-verify>` as a React component, the same way: a user signing in again with the
 * code from their app, or with a recovery code.
 *
 * ```tsx
 * <MfaOtpVerify domain="tenant.us.auth0.com" clientId="…" mfaToken={token}
 *   onVerified={(event) => setTokens(event.detail)} />
 * ```
 */
export const MfaOtpVerify = createComponent({
  react: React,
  tagName: VERIFY_TAG_NAME,
  elementClass: MfaOtpVerifyElement,
  displayName: 'MfaOtpVerify',
  events: {
    onVerified: 'verified' as EventName<CustomEvent<VerifiedDetail>>,
    onVerifyError: 'verify-error' as EventName<CustomEvent<VerifyErrorDetail>>,
  },
});

/** `<mfa-authenticators>` as a React component: the account-settings list of the user's methods. */
export const MfaAuthenticators = createComponent({
  react: React,
  tagName: AUTHENTICATORS_TAG_NAME,
  elementClass: MfaAuthenticatorsElement,
  displayName: 'MfaAuthenticators',
  events: {
    onAuthenticatorAdded: 'authenticator-added' as EventName<CustomEvent<AuthenticatorChangedDetail>>,
    onAuthenticatorRemoved: 'authenticator-removed' as EventName<CustomEvent<AuthenticatorChangedDetail>>,
    onRecoveryCodeRegenerated: 'recovery-code-regenerated' as EventName<CustomEvent<Record<string, never>>>,
    onAuthenticatorsError: 'authenticators-error' as EventName<CustomEvent<AuthenticatorsErrorDetail>>,
  },
});

export type {
  AssociatedDetail,
  AuthenticatorChangedDetail,
  AuthenticatorsErrorDetail,
  EnrolledDetail,
  EnrollErrorDetail,
  VerifiedDetail,
  VerifyErrorDetail,
};
