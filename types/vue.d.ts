// `import type {} from 'mfa-otp-enroll/vue'`: template types for <mfa-otp-enroll>, <mfa-otp-verify> and <mfa-authenticators> in Vue SFCs (Volar / vue-tsc), after the pattern in Vue's
// guide ("Non-Vue Web Components and TypeScript"): the element's properties as props, its events
// for @enrolled / @enroll-error.
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
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

type MfaOtpEnrollEvents = {
  associated: CustomEvent<AssociatedDetail>;
  enrolled: CustomEvent<EnrolledDetail>;
  'enroll-error': CustomEvent<EnrollErrorDetail>;
};

type MfaOtpEnrollProps = 'api' | 'domain' | 'clientId' | 'mfaToken' | 'accessToken' | 'tokenUrl' | 'factors' | 'defaultCountry' | 'email' | 'timeout' | 'strings' | 'theme' | 'auth0';

type MfaOtpVerifyEvents = {
  verified: CustomEvent<VerifiedDetail>;
  'verify-error': CustomEvent<VerifyErrorDetail>;
};

type MfaOtpVerifyProps = 'domain' | 'clientId' | 'mfaToken' | 'tokenUrl' | 'authenticatorId' | 'timeout' | 'strings' | 'theme' | 'auth0';

type MfaAuthenticatorsEvents = {
  'authenticator-added': CustomEvent<AuthenticatorChangedDetail>;
  'authenticator-removed': CustomEvent<AuthenticatorChangedDetail>;
  'recovery-code-regenerated': CustomEvent<Record<string, never>>;
  'authenticators-error': CustomEvent<AuthenticatorsErrorDetail>;
};

type MfaAuthenticatorsProps = 'domain' | 'accessToken' | 'factors' | 'email' | 'timeout' | 'strings' | 'theme' | 'auth0';

/** `factors` takes the attribute's words as well ('sms email'), as the elements' setter reads them. */
type FactorsAsWords<Props> = 'factors' extends keyof Props ? Omit<Props, 'factors'> & { factors?: string | readonly Factor[] } : Props;

type DefineCustomElement<
  ElementType extends HTMLElement,
  Events extends Record<string, Event>,
  SelectedProps extends keyof ElementType,
> = new () => ElementType & {
  /** @deprecated For template type checking only: not on the element. */
  $props: HTMLAttributes & Partial<FactorsAsWords<Pick<ElementType, SelectedProps>>> & PublicProps;
  /** @deprecated For template type checking only: not on the element. */
  $emit: EmitFn<{ [Name in keyof Events]: (event: Events[Name]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'mfa-otp-enroll': DefineCustomElement<MfaOtpEnroll, MfaOtpEnrollEvents, MfaOtpEnrollProps>;
    'mfa-otp-verify': DefineCustomElement<MfaOtpVerify, MfaOtpVerifyEvents, MfaOtpVerifyProps>;
    'mfa-authenticators': DefineCustomElement<MfaAuthenticators, MfaAuthenticatorsEvents, MfaAuthenticatorsProps>;
  }
}
