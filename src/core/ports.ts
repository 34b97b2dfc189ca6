import type { Destination, Factor, SentFactor } from './factors.js';
import type { OtpauthUri } from './otpauth.js';

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

/** A sign-in method of the user, as the My Account API lists it: the fields the elements use. */
export interface AuthenticationMethod {
  readonly id: string;
  /** `totp`, `recovery-code`, `phone`, `email`, `passkey`, `push-notification`, `password`… */
  readonly type: string;
  readonly confirmed: boolean;
  /** When it was added (ISO 8601), when the API says. */
  readonly created_at?: string;
  readonly name?: string;
  /** A phone's number (E.164) and the way its codes come (`sms` or `voice`). */
  readonly phone_number?: string;
  readonly preferred_authentication_method?: string;
  /** An email method's address. */
  readonly email?: string;
}

/**
 * What a confirmed enrollment gives: the tokens of the mfa-otp grant (the MFA API), or the new
 * authentication method (the My Account API, which issues no tokens).
 */
export type EnrollResult = TokenResponse & { readonly authenticationMethod?: AuthenticationMethod };

/** A recovery code the My Account API issued, waiting for the user to have saved it. */
export interface RecoveryCodeEnrollment {
  readonly recoveryCode: string;
  /** Where the enrollment is confirmed, and its session. */
  readonly location: string;
  readonly authSession: string;
}

/** One of the user's authenticators, as `GET /mfa/authenticators` lists it. */
export interface Authenticator {
  readonly id: string;
  /** `otp`, `recovery-code`, `oob`… */
  readonly type: string;
  readonly active: boolean;
  /** An `oob` one's channel: `sms`, `voice`, `email`, or `auth0` (push). */
  readonly channel?: string;
  /** What Auth0 shows of it: a masked number (`XXXXXXXX8730`) or address. */
  readonly name?: string;
}

/**
 * A code Auth0 sent by text, call or email, waiting for the user to type it. The element keeps
 * it and hands it back to confirm; a new one (a resend) replaces it.
 */
export interface SentCode {
  /** Which code: the MFA API's `oob_code`, or the My Account API's `auth_session`. */
  readonly oobCode: string;
  /** The My Account API's enrollment to verify (its `Location`), and what it enrolls. */
  readonly location?: string;
  readonly factor?: SentFactor;
  /** Recovery codes that came with a first enrollment, to show after it is confirmed. */
  readonly recoveryCodes: readonly string[];
}

/**
 * A push waiting for the user's tap in the Auth0 Guardian app: an enrollment (the QR Guardian
 * scans, and recovery codes the first time) or a sign-in's challenge. The element keeps it and
 * hands it back to each poll; a new one (sent again) replaces it.
 */
export interface PushRequest {
  /** Which request: the MFA API's `oob_code`, or the My Account API's `auth_session`. */
  readonly oobCode: string;
  /** The My Account API's enrollment to verify (its `Location`). */
  readonly location?: string;
  /** An enrollment's `barcode_uri`, for Guardian to scan: an `otpauth:` URI with an `enrollment_tx_id`, no secret. */
  readonly barcodeUri?: string;
  readonly recoveryCodes: readonly string[];
}

/**
 * What one poll of a push found: no answer yet (`slowDown` when Auth0 asked to poll less often),
 * or the approval with what it earns. A denial rejects with `push_rejected`, an expiry with `expired_code`.
 */
export type PushAnswer<Result> = { readonly approved: false; readonly slowDown: boolean } | { readonly approved: true; readonly result: Result };

/** What a recovery code earns: the tokens, and the new code that replaces the spent one, if Auth0 issued one. */
export interface RecoveryGrant {
  readonly tokens: TokenResponse;
  readonly recoveryCode?: string;
}

/**
 * The ways a session reaches Auth0. A session is handed one and never knows
 * which it is: the MFA API over `fetch` today, and a test's fake. Every call
 * rejects with an `MfaError` (or the signal's reason once aborted).
 */
export interface EnrollTransport {
  /** Starts an OTP enrollment: the secret to show, and recovery codes the first time. */
  associate(signal: AbortSignal): Promise<Association>;
  /** Confirms the enrollment with a code from the app. */
  confirm(otp: string, signal: AbortSignal): Promise<EnrollResult>;
  /** Starts a phone or email enrollment: Auth0 sends a code there. Sending again replaces the code. */
  sendCode(destination: Destination, signal: AbortSignal): Promise<SentCode>;
  /** Confirms it with the code the user received. */
  confirmSentCode(sent: SentCode, code: string, signal: AbortSignal): Promise<EnrollResult>;
  /** Starts a push enrollment: the QR for Guardian, confirmed once the user scanned it. */
  startPush(signal: AbortSignal): Promise<PushRequest>;
  /** One look at the enrollment: confirmed yet? */
  pollPush(request: PushRequest, signal: AbortSignal): Promise<PushAnswer<EnrollResult>>;
}

/** What the account-settings element does with the user's sign-in methods. */
export interface AuthenticatorsTransport {
  listMethods(signal: AbortSignal): Promise<readonly AuthenticationMethod[]>;
  removeMethod(id: string, signal: AbortSignal): Promise<void>;
  /** Starts a recovery-code enrollment: the new code, not active until confirmed. */
  startRecoveryCode(signal: AbortSignal): Promise<RecoveryCodeEnrollment>;
  /** Confirms it (the user has saved the code): the old code stops working. */
  confirmRecoveryCode(enrollment: RecoveryCodeEnrollment, signal: AbortSignal): Promise<void>;
  /**
   * The factors the tenant lets users add (`GET /me/v1/factors`), among those the elements
   * enroll; `undefined` when the token may not read them (no `read:me:factors`).
   */
  enabledFactors(signal: AbortSignal): Promise<readonly Factor[] | undefined>;
}

export interface VerifyTransport {
  /**
   * The user's authenticators, to find the one to challenge; `undefined` when the transport can't
   * tell, and the challenge then names none (Auth0 takes the user's).
   */
  listAuthenticators(signal: AbortSignal): Promise<readonly Authenticator[] | undefined>;
  /** Records an OTP challenge for the authenticator (nothing is sent to the user's phone). */
  challenge(authenticatorId: string | undefined, signal: AbortSignal): Promise<void>;
  /** The mfa-otp grant: signs in with a code from the app. */
  verifyOtp(otp: string, signal: AbortSignal): Promise<TokenResponse>;
  /** The mfa-recovery-code grant: signs in with a saved code, which is spent. */
  verifyRecoveryCode(recoveryCode: string, signal: AbortSignal): Promise<RecoveryGrant>;
  /** An `oob` challenge: Auth0 sends a code to the phone or email. Each one voids the code before. */
  sendChallenge(authenticatorId: string, signal: AbortSignal): Promise<SentCode>;
  /** The mfa-oob grant with the code the user received. */
  verifySentCode(sent: SentCode, code: string, signal: AbortSignal): Promise<TokenResponse>;
  /** An `oob` challenge of a push authenticator: Guardian asks the user to approve. Each one voids the one before. */
  sendPush(authenticatorId: string, signal: AbortSignal): Promise<PushRequest>;
  /** One look at the challenge (the mfa-oob grant without a code): approved yet? */
  pollPush(request: PushRequest, signal: AbortSignal): Promise<PushAnswer<TokenResponse>>;
}
