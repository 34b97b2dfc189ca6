import { isMfaError, MfaError } from '../core/errors.js';
import type { Destination } from '../core/factors.js';
import type { Association, Authenticator, EnrollResult, EnrollTransport, PushAnswer, PushRequest, RecoveryGrant, SentCode, TokenResponse, VerifyTransport } from '../core/ports.js';
import { isRecord } from '../core/records.js';
import { readAssociation } from './association.js';
import { readAuthenticator } from './mfa-sign-in-api.js';
import { pollOnce, readPushChallenge, readPushEnrollment } from './push.js';
import { destinationRefused, readSentCode } from './sent-code.js';
import { callSdk, sdkClient } from './sdk-call.js';
import type { Auth0Like, Auth0MfaLike } from './sdk-shapes.js';
import { readRecoveryGrant, readTokens } from './tokens.js';

/**
 * The elements' transports over Auth0's SDK: every call goes through
 * `auth0.mfa`, so the tokens land in the SDK's cache (under the audience and
 * scope of the request that needed MFA), DPoP proofs are the SDK's, and its
 * stored MFA context is spent by the verification. The SDK's errors become
 * the same stable codes; a call that never settles is cut off by `timeout`.
 */
export class SdkMfaClient implements EnrollTransport, VerifyTransport {
  readonly #mfa: Auth0MfaLike;

  constructor(
    auth0: Auth0Like,
    private readonly mfaToken: string,
    private readonly timeout: number,
    /** The same list read over `fetch` (the element's `domain`), for where the SDK's says nothing. */
    private readonly ownList?: (signal: AbortSignal) => Promise<readonly Authenticator[]>,
  ) {
    // `verify` stands for the client: the SDKs that have one (2.13.0+) have all four calls.
    this.#mfa = sdkClient(auth0.mfa, 'verify', 'mfa');
  }

  async associate(signal: AbortSignal): Promise<Association> {
    const enrollment = await this.#call(signal, () => this.#mfa.enroll({ mfaToken: this.mfaToken, factorType: 'otp' }));
    // The same checks as an answer from the MFA API: nothing is drawn that the widget would refuse.
    const body: Record<string, unknown> = isRecord(enrollment) ? enrollment : {};
    return readAssociation({ secret: body.secret, barcode_uri: body.barcodeUri, recovery_codes: body.recoveryCodes });
  }

  confirm(otp: string, signal: AbortSignal): Promise<EnrollResult> {
    return this.verifyOtp(otp, signal);
  }

  async verifyOtp(otp: string, signal: AbortSignal): Promise<TokenResponse> {
    return readTokens(await this.#call(signal, () => this.#mfa.verify({ mfaToken: this.mfaToken, otp })), true);
  }

  /**
   * The SDK's list; where it can't tell, the element's own (`ownList`), else `undefined`, and the
   * challenge then lets Auth0 take the user's app (no `not_enrolled` from here: Auth0's answer to
   * the challenge says it; a phone or an email can't be found that way):
   * - an empty list: with `challenge` requirements the SDK keeps only rows whose `type` is in
   *   them, a field Auth0 sends only where a flag is on, so an empty list says nothing;
   * - `invalid_request`: 2.13.0 to 2.21.1 refuse to list without a `challenge` list, which
   *   tenants with a global MFA policy don't send.
   */
  async listAuthenticators(signal: AbortSignal): Promise<readonly Authenticator[] | undefined> {
    let list: unknown;
    try {
      list = await this.#call(signal, () => this.#mfa.getAuthenticators(this.mfaToken));
    } catch (error) {
      if (isMfaError(error) && error.error === 'invalid_request') return this.ownList?.(signal);
      throw error;
    }
    if (!Array.isArray(list)) throw new MfaError('bad_response');
    if (list.length === 0) return this.ownList?.(signal);
    return list.filter(isRecord).map((entry) => {
      // `authenticatorType` is what the session matches (`otp`); a row with only `type` has the factor's name.
      const type = String(entry.authenticatorType ?? entry.type ?? '');
      const channels = Array.isArray(entry.oobChannels) ? entry.oobChannels : [];
      return readAuthenticator(String(entry.id), type, entry.active === true, channels[0], entry.name);
    });
  }

  async sendChallenge(authenticatorId: string, signal: AbortSignal): Promise<SentCode> {
    const challenge = { mfaToken: this.mfaToken, challengeType: 'oob' as const, authenticatorId };
    return this.#sent(await this.#call(signal, () => this.#mfa.challenge(challenge)));
  }

  async sendCode(destination: Destination, signal: AbortSignal): Promise<SentCode> {
    const { mfaToken } = this;
    const params =
      destination.factor === 'email'
        ? { mfaToken, factorType: destination.factor, email: destination.email }
        : { mfaToken, factorType: destination.factor, phoneNumber: destination.phoneNumber };
    const enrollment = await this.#call(signal, () => this.#mfa.enroll(params)).catch((error: unknown) => Promise.reject(destinationRefused(error)));
    return this.#sent(enrollment);
  }

  confirmSentCode(sent: SentCode, code: string, signal: AbortSignal): Promise<EnrollResult> {
    return this.verifySentCode(sent, code, signal);
  }

  async verifySentCode(sent: SentCode, code: string, signal: AbortSignal): Promise<TokenResponse> {
    const answer = await this.#call(signal, () => this.#mfa.verify({ mfaToken: this.mfaToken, oobCode: sent.oobCode, bindingCode: code }));
    return readTokens(answer, true);
  }

  /** The same checks as an answer from the MFA API. */
  #sent(answer: unknown): SentCode {
    const body: Record<string, unknown> = isRecord(answer) ? answer : {};
    return readSentCode({ oob_code: body.oobCode, recovery_codes: body.recoveryCodes });
  }

  async startPush(signal: AbortSignal): Promise<PushRequest> {
    const enrollment = await this.#call(signal, () => this.#mfa.enroll({ mfaToken: this.mfaToken, factorType: 'push' }));
    const body: Record<string, unknown> = isRecord(enrollment) ? enrollment : {};
    return readPushEnrollment({ oob_code: body.oobCode, barcode_uri: body.barcodeUri, recovery_codes: body.recoveryCodes });
  }

  async sendPush(authenticatorId: string, signal: AbortSignal): Promise<PushRequest> {
    const answer = await this.#call(signal, () => this.#mfa.challenge({ mfaToken: this.mfaToken, challengeType: 'oob', authenticatorId }));
    return readPushChallenge({ oob_code: isRecord(answer) ? answer.oobCode : undefined });
  }

  /** `auth0.mfa.verify({ oobCode })`: the SDK has no polling of its own, so each look is one verify. */
  pollPush(request: PushRequest, signal: AbortSignal): Promise<PushAnswer<TokenResponse>> {
    return pollOnce(async () => readTokens(await this.#call(signal, () => this.#mfa.verify({ mfaToken: this.mfaToken, oobCode: request.oobCode })), true));
  }

  async challenge(authenticatorId: string | undefined, signal: AbortSignal): Promise<void> {
    const params = { mfaToken: this.mfaToken, challengeType: 'otp' as const };
    await this.#call(signal, () => this.#mfa.challenge(authenticatorId ? { ...params, authenticatorId } : params));
  }

  async verifyRecoveryCode(recoveryCode: string, signal: AbortSignal): Promise<RecoveryGrant> {
    return readRecoveryGrant(await this.#call(signal, () => this.#mfa.verify({ mfaToken: this.mfaToken, recoveryCode })), true);
  }

  #call<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
    return callSdk(signal, this.timeout, call);
  }
}
