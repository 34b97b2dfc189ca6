// The sign-in script (dist/mfa-otp-verify.global.js): only <mfa-otp-verify>, for the page a user
// meets on every visit; no QR encoder, no enrollment. Its class on `window.MfaOtpVerify`.
export { MfaOtpVerify, VERIFY_TAG_NAME } from './define.js';
export { registerStrings } from '../i18n/languages.js';
