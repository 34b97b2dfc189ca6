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

/**
 * The way an enrollment reaches Auth0. A session is handed one and never
 * knows which it is: the MFA API over `fetch` today, and a test's fake.
 * Both calls reject with an `MfaError` (or the signal's reason once aborted).
 */
export interface EnrollTransport {
  /** Starts an OTP enrollment: the secret to show, and recovery codes the first time. */
  associate(signal: AbortSignal): Promise<Association>;
  /** Confirms the enrollment with a code from the app, for the tokens it earns. */
  verifyOtp(otp: string, signal: AbortSignal): Promise<TokenResponse>;
}
