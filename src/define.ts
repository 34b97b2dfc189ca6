import { MfaOtpEnroll } from './enroll/mfa-otp-enroll.js';
import { defineElement } from './shared/define-element.js';

export const TAG_NAME = 'mfa-otp-enroll';

defineElement(TAG_NAME, MfaOtpEnroll);

declare global {
  interface HTMLElementTagNameMap {
    'mfa-otp-enroll': MfaOtpEnroll;
  }
}

export { MfaOtpEnroll };
