import { defineElement } from '../element/define-element.js';
import { MfaOtpVerify } from './mfa-otp-verify.js';

export const VERIFY_TAG_NAME = 'mfa-otp-verify';

defineElement(VERIFY_TAG_NAME, MfaOtpVerify);

declare global {
  interface HTMLElementTagNameMap {
    'mfa-otp-verify': MfaOtpVerify;
  }
}

export { MfaOtpVerify };
export type { VerifiedDetail, VerifyErrorDetail, VerifyMethod, VerifyStep } from './events.js';
