// What the elements take of Auth0's browser SDK, by shape only: nothing of the SDK is imported,
// and any object of these shapes will do (an Auth0Client, useAuth0() in React or Vue, a fake).

/**
 * The part of Auth0's browser SDK the elements use, by shape: an `Auth0Client`
 * of `@auth0/auth0-spa-js` (`mfa` from 2.13.0, `myAccount` as the elements need
 * it from 2.21.1), or what `useAuth0()` returns in auth0-react and auth0-vue
 * (auth0-angular: the raw client, `inject(Auth0ClientService)`).
 * Nothing of the SDK is imported: any object of this shape will do.
 */
export interface Auth0Like {
  readonly mfa?: Auth0MfaLike;
  readonly myAccount?: Auth0MyAccountLike;
}

/** `auth0.mfa`: Auth0's headless MFA client, which caches the tokens it obtains. */
export interface Auth0MfaLike {
  getAuthenticators(mfaToken: string): Promise<readonly SdkAuthenticator[]>;
  enroll(
    params:
      | { mfaToken: string; factorType: 'otp' }
      | { mfaToken: string; factorType: 'sms' | 'voice'; phoneNumber: string }
      | { mfaToken: string; factorType: 'email'; email: string }
      | { mfaToken: string; factorType: 'push' },
  ): Promise<SdkEnrollment>;
  challenge(params: { mfaToken: string; challengeType: 'otp' | 'oob'; authenticatorId?: string }): Promise<unknown>;
  verify(
    params:
      | { mfaToken: string; otp: string }
      | { mfaToken: string; recoveryCode: string }
      | { mfaToken: string; oobCode: string; bindingCode: string }
      | { mfaToken: string; oobCode: string },
  ): Promise<SdkTokenResponse>;
}

export interface SdkAuthenticator {
  readonly id: string;
  /** The MFA API's `authenticator_type`: `otp`, `oob`, `recovery-code`. */
  readonly authenticatorType?: string;
  /** The factor (`otp`, `phone`, `recovery-code`…): only where Auth0's flag for it is on. */
  readonly type?: string;
  readonly active: boolean;
  readonly name?: string;
  /** Plural as the SDK reads it; Auth0 sends `oob_channel`, so it is usually absent. */
  readonly oobChannels?: readonly string[];
}

export interface SdkEnrollment {
  readonly authenticatorType: string;
  readonly secret?: string;
  readonly barcodeUri?: string;
  readonly recoveryCodes?: string[];
  /** An oob enrollment's: what the code the user receives is confirmed against. */
  readonly oobCode?: string;
}

/** The SDK answers with the token endpoint's own (snake_case) response. */
export interface SdkTokenResponse {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in: number;
  readonly id_token?: string;
  readonly refresh_token?: string;
  readonly scope?: string;
  readonly recovery_code?: string;
}

/**
 * `auth0.myAccount`: the SDK's client of the My Account API (`@auth0/auth0-spa-js` 2.21.1+, also
 * `useAuth0().myAccount`), which gets its own access token for `https://{domain}/me/`. 2.21.0
 * has it too, but its enrollments answer no `location` and confirm by `id`: not supported.
 */
export interface Auth0MyAccountLike {
  getAuthenticationMethods(): Promise<readonly unknown[]>;
  deleteAuthenticationMethod(id: string): Promise<void>;
  enrollmentChallenge(
    options:
      | { type: 'totp' }
      | { type: 'recovery-code' }
      | { type: 'phone'; phone_number: string; preferred_authentication_method: 'sms' | 'voice' }
      | { type: 'email'; email: string }
      | { type: 'push-notification' },
  ): Promise<unknown>;
  enrollmentVerify(
    options:
      | { type: 'totp' | 'phone' | 'email'; location: string; auth_session: string; otp_code: string }
      | { type: 'recovery-code' | 'push-notification'; location: string; auth_session: string },
  ): Promise<unknown>;
  /** The factors the tenant enabled (`GET /me/v1/factors`), in SDKs that have it. */
  getFactors?(): Promise<unknown>;
}
