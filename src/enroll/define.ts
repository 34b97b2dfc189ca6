import { defineElement } from '../element/define-element.js';
import { MfaOtpEnroll } from './mfa-otp-enroll.js';

export const TAG_NAME = 'mfa-otp-enroll';

defineElement(TAG_NAME, MfaOtpEnroll);

declare global {
  interface HTMLElementTagNameMap {
    'mfa-otp-enroll': MfaOtpEnroll;
  }
}

export { MfaOtpEnroll };
export type { AssociatedDetail, EnrolledDetail, EnrollErrorDetail, EnrollStep } from './events.js';
