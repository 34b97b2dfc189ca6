// The script-tag bundle: every element registered, the classes on `window.MfaOtpEnroll`.
export * from './index.js';
export { MfaOtpVerify, VERIFY_TAG_NAME } from './verify/define.js';
export { AUTHENTICATORS_TAG_NAME, MfaAuthenticators } from './manage/define.js';
