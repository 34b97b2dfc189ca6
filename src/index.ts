export { MfaOtpEnroll } from './enroll/mfa-otp-enroll.js';
export { TAG_NAME } from './enroll/define.js';
export type { EnrollStrings, EnrollStringsOverride, MfaStrings, MfaStringsOverride } from './i18n/strings.js';
export type {
  AssociatedDetail,
  EnrolledDetail,
  EnrollErrorCode,
  EnrollErrorDetail,
  EnrollStep,
} from './enroll/events.js';
export { registerStrings } from './i18n/languages.js';
export type { Auth0Like, Auth0MfaLike } from './auth0/sdk-shapes.js';
// The sign-in element registers from `mfa-otp-enroll/verify`; its types are here too.
export type { MfaOtpVerify } from './verify/mfa-otp-verify.js';
export type { VerifiedDetail, VerifyErrorDetail, VerifyMethod, VerifyStep } from './verify/events.js';
// The account-settings element registers from `mfa-otp-enroll/authenticators`; its types are here too.
export type { MfaAuthenticators } from './authenticators/mfa-authenticators.js';
export type { AuthenticationMethod, AuthenticatorChangedDetail, AuthenticatorsErrorDetail, AuthenticatorsStep, ManageStep } from './authenticators/events.js';
export type { EnrollApi } from './enroll/enroll-connection.js';
export type { Factor } from './core/factors.js';
