// The script-tag bundle (dist/mfa-otp-enroll.global.js): every element registered, the classes on
// `window.MfaOtpEnroll`. One file that fetches no code: the SDK adapters and the My Account client
// are inside it, so a copy of this file alone works (a site under `script-src 'self'`).
export * from './index.js';
export { MfaOtpVerify, VERIFY_TAG_NAME } from './verify/define.js';
export { AUTHENTICATORS_TAG_NAME, MfaAuthenticators } from './authenticators/define.js';
