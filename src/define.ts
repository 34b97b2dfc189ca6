import { MfaOtpEnroll } from './enroll/mfa-otp-enroll.js';

export const TAG_NAME = 'mfa-otp-enroll';

// A page may load the widget twice (a script tag and an app bundle): the first definition wins.
// Without a DOM (server rendering) there is nothing to define.
if (typeof customElements !== 'undefined' && !customElements.get(TAG_NAME)) {
  customElements.define(TAG_NAME, MfaOtpEnroll);
}

declare global {
  interface HTMLElementTagNameMap {
    'mfa-otp-enroll': MfaOtpEnroll;
  }
}

export { MfaOtpEnroll };
