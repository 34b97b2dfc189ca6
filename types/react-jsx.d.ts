// `import type {} from 'mfa-otp-enroll/react-jsx'`: JSX types for <mfa-otp-enroll> used directly in React 19 (without the mfa-otp-enroll/react
// wrapper). React 19 sets these props as properties and adds `on<event>` listeners by the exact
// event name, so the event props are lowercase, and `onenroll-error` keeps the dash.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  AssociatedDetail,
  AuthenticatorChangedDetail,
  AuthenticatorsErrorDetail,
  EnrolledDetail,
  EnrollErrorDetail,
  Factor,
  MfaAuthenticators,
  MfaOtpEnroll,
  MfaOtpVerify,
  VerifiedDetail,
  VerifyErrorDetail,
} from 'mfa-otp-enroll';

/** `factors` takes the attribute's words as well ('sms email'), as the elements' setter reads them. */
type FactorsAsWords<Props> = 'factors' extends keyof Props ? Omit<Props, 'factors'> & { factors?: string | readonly Factor[] } : Props;

type MfaOtpEnrollJsxProps = DetailedHTMLProps<HTMLAttributes<MfaOtpEnroll>, MfaOtpEnroll> &
  Partial<FactorsAsWords<Pick<MfaOtpEnroll, 'api' | 'domain' | 'clientId' | 'mfaToken' | 'accessToken' | 'tokenUrl' | 'factors' | 'defaultCountry' | 'email' | 'timeout' | 'strings' | 'theme' | 'auth0'>>> & {
    onassociated?: (event: CustomEvent<AssociatedDetail>) => void;
    onenrolled?: (event: CustomEvent<EnrolledDetail>) => void;
    'onenroll-error'?: (event: CustomEvent<EnrollErrorDetail>) => void;
  };

type MfaOtpVerifyJsxProps = DetailedHTMLProps<HTMLAttributes<MfaOtpVerify>, MfaOtpVerify> &
  Partial<Pick<MfaOtpVerify, 'domain' | 'clientId' | 'mfaToken' | 'tokenUrl' | 'authenticatorId' | 'timeout' | 'strings' | 'theme' | 'auth0'>> & {
    onverified?: (event: CustomEvent<VerifiedDetail>) => void;
    'onverify-error'?: (event: CustomEvent<VerifyErrorDetail>) => void;
  };

type MfaAuthenticatorsJsxProps = DetailedHTMLProps<HTMLAttributes<MfaAuthenticators>, MfaAuthenticators> &
  Partial<FactorsAsWords<Pick<MfaAuthenticators, 'domain' | 'accessToken' | 'factors' | 'email' | 'timeout' | 'strings' | 'theme' | 'auth0'>>> & {
    'onauthenticator-added'?: (event: CustomEvent<AuthenticatorChangedDetail>) => void;
    'onauthenticator-removed'?: (event: CustomEvent<AuthenticatorChangedDetail>) => void;
    'onrecovery-code-regenerated'?: (event: CustomEvent<Record<string, never>>) => void;
    'onauthenticators-error'?: (event: CustomEvent<AuthenticatorsErrorDetail>) => void;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'mfa-otp-enroll': MfaOtpEnrollJsxProps;
      'mfa-otp-verify': MfaOtpVerifyJsxProps;
      'mfa-authenticators': MfaAuthenticatorsJsxProps;
    }
  }
}
