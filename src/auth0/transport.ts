import type { OtpauthUri } from '../shared/otpauth.js';

/** What an associate call gives the user to set up: the QR's URI and any recovery codes. */
export interface Association {
  readonly otpauth: OtpauthUri;
  readonly recoveryCodes: readonly string[];
}

/** An OAuth token response, camel-cased; absent fields are left out. */
export interface TokenResponse {
  readonly accessToken?: string;
  readonly idToken?: string;
  readonly refreshToken?: string;
  readonly expiresIn?: number;
  readonly scope?: string;
  readonly tokenType?: string;
}

/** One of the user's authenticators, as `GET /mfa/authenticators` lists it. */
export interface Authenticator {
  readonly id: string;
  /** `otp`, `recovery-code`, `oob`… */
  readonly type: string;
  readonly active: boolean;
}

/** What a recovery code earns: the tokens, and the new code that replaces the spent one. */
export interface RecoveryGrant {
  readonly tokens: TokenResponse;
  readonly recoveryCode: string;
}

/**
 * The ways a session reaches Auth0. A session is handed one and never knows
 * which it is: the MFA API over `fetch` today, and a test's fake. Every call
 * rejects with an `MfaError` (or the signal's reason once aborted).
 */
export interface EnrollTransport {
  /** Starts an OTP enrollment: the secret to show, and recovery codes the first time. */
  associate(signal: AbortSignal): Promise<Association>;
  /** The mfa-otp grant: confirms the enrollment with a code from the app, for the tokens it earns. */
  verifyOtp(otp: string, signal: AbortSignal): Promise<TokenResponse>;
}

export interface VerifyTransport {
  /** The user's authenticators, to find the one to challenge. */
  listAuthenticators(signal: AbortSignal): Promise<readonly Authenticator[]>;
  /** Records an OTP challenge for the authenticator (nothing is sent to the user's phone). */
  challenge(authenticatorId: string, signal: AbortSignal): Promise<void>;
  /** The mfa-otp grant: signs in with a code from the app. */
  verifyOtp(otp: string, signal: AbortSignal): Promise<TokenResponse>;
  /** The mfa-recovery-code grant: signs in with a saved code, which is spent. */
  verifyRecoveryCode(recoveryCode: string, signal: AbortSignal): Promise<RecoveryGrant>;
}
