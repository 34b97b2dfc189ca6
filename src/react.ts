import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { AssociatedDetail, EnrolledDetail, EnrollErrorDetail } from './enroll/events.js';
import { MfaOtpEnroll as MfaOtpEnrollElement, TAG_NAME } from './define.js';

/**
 * `<mfa-otp-enroll>` as a React component: props set the element's
 * properties (tokens never become attributes) and `on…` props listen to its
 * events. Importing it registers the element.
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

export type { AssociatedDetail, EnrolledDetail, EnrollErrorDetail };
