export { MfaOtpEnroll } from './mfa-otp-enroll.js';
export { TAG_NAME } from './define.js';
export { en as englishStrings } from './strings.js';
export type { EnrollStrings, EnrollStringsOverride } from './strings.js';
export type {
  AssociatedDetail,
  EnrolledDetail,
  EnrollErrorCode,
  EnrollErrorDetail,
  EnrollStep,
} from './events.js';
export { registerStrings } from './i18n.js';
