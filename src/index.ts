export { MfaOtpEnroll } from './enroll/mfa-otp-enroll.js';
export { TAG_NAME } from './define.js';
export { en as englishStrings } from './i18n/strings.js';
export type { EnrollStrings, EnrollStringsOverride } from './i18n/strings.js';
export type {
  AssociatedDetail,
  EnrolledDetail,
  EnrollErrorCode,
  EnrollErrorDetail,
  EnrollStep,
} from './enroll/events.js';
export { registerStrings } from './i18n/languages.js';
