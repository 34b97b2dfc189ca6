import { isRecord } from '../core/records.js';
import { isMfaError, MfaError } from '../core/errors.js';
import { enrollmentOf, readFactorList, readMethod, readRecoveryCode, readTotpEnrollment } from './my-account-answers.js';
import { pollOnce, readPushEnrollment } from './push.js';
import { destinationRefused } from './sent-code.js';
import type { Destination, Factor } from '../core/factors.js';
import { callSdk, sdkClient, sdkTooOld, SDK_VERSIONS } from './sdk-call.js';
import type { Auth0MyAccountLike } from './sdk-shapes.js';
import type {
  Association,
  AuthenticationMethod,
  AuthenticatorsTransport,
  EnrollResult,
  EnrollTransport,
  PushAnswer,
  PushRequest,
  RecoveryCodeEnrollment,
  SentCode,
} from '../core/ports.js';

/**
 * The elements' My Account transports over Auth0's SDK: the same calls as
 * `MyAccountClient`, through `auth0.myAccount`, so the SDK picks the token
 * (and its DPoP proof) for the My Account audience.
 */
export class SdkMyAccountClient implements EnrollTransport, AuthenticatorsTransport {
  readonly #myAccount: Auth0MyAccountLike;
  #totp: { location: string; authSession: string } | undefined;

  constructor(
    auth0: { readonly myAccount?: Auth0MyAccountLike },
    private readonly timeout: number,
  ) {
    this.#myAccount = sdkClient(auth0.myAccount, 'enrollmentChallenge', 'myAccount');
  }

  async associate(signal: AbortSignal): Promise<Association> {
    const started = await this.#call(signal, () => this.#myAccount.enrollmentChallenge({ type: 'totp' }));
    this.#totp = pending(started);
    return readTotpEnrollment(started);
  }

  async confirm(otp: string, signal: AbortSignal): Promise<EnrollResult> {
    const started = this.#totp;
    if (!started) throw new MfaError('bad_response');
    const method = await this.#call(signal, () =>
      this.#myAccount.enrollmentVerify({ type: 'totp', location: started.location, auth_session: started.authSession, otp_code: otp }),
    );
    return { authenticationMethod: readMethod(method) };
  }

  async sendCode(destination: Destination, signal: AbortSignal): Promise<SentCode> {
    const start = enrollmentOf(destination) as Parameters<Auth0MyAccountLike['enrollmentChallenge']>[0];
    const started = await this.#call(signal, () => this.#myAccount.enrollmentChallenge(start)).catch((error: unknown) =>
      Promise.reject(destinationRefused(error)),
    );
    const { location, authSession } = pending(started);
    return { oobCode: authSession, location, factor: destination.factor, recoveryCodes: [] };
  }

  async confirmSentCode(sent: SentCode, code: string, signal: AbortSignal): Promise<EnrollResult> {
    const { location } = sent;
    if (!location) throw new MfaError('bad_response');
    const type = sent.factor === 'email' ? 'email' : 'phone';
    const method = await this.#call(signal, () => this.#myAccount.enrollmentVerify({ type, location, auth_session: sent.oobCode, otp_code: code }));
    return { authenticationMethod: readMethod(method) };
  }

  /** `auth0.myAccount.getFactors()` where the SDK has it; `undefined` without it or without `read:me:factors`. */
  async enabledFactors(signal: AbortSignal): Promise<readonly Factor[] | undefined> {
    const { getFactors } = this.#myAccount;
    if (typeof getFactors !== 'function') return undefined;
    try {
      return readFactorList(await this.#call(signal, () => getFactors.call(this.#myAccount)));
    } catch (error) {
      if (isMfaError(error) && error.code === 'insufficient_scope') return undefined;
      throw error;
    }
  }

  async listMethods(signal: AbortSignal): Promise<readonly AuthenticationMethod[]> {
    const list = await this.#call(signal, () => this.#myAccount.getAuthenticationMethods());
    if (!Array.isArray(list)) throw new MfaError('bad_response');
    return list.map(readMethod);
  }

  async removeMethod(id: string, signal: AbortSignal): Promise<void> {
    await this.#call(signal, () => this.#myAccount.deleteAuthenticationMethod(id));
  }

  async startPush(signal: AbortSignal): Promise<PushRequest> {
    const started = await this.#call(signal, () => this.#myAccount.enrollmentChallenge({ type: 'push-notification' }));
    const { location, authSession } = pending(started);
    return { ...readPushEnrollment(started, authSession), location };
  }

  /** `enrollmentVerify` of the push enrollment: the method once Guardian scanned the QR, else a wait. */
  pollPush(request: PushRequest, signal: AbortSignal): Promise<PushAnswer<EnrollResult>> {
    const { location } = request;
    if (!location) throw new MfaError('bad_response');
    return pollOnce(async () => {
      const method = await this.#call(signal, () => this.#myAccount.enrollmentVerify({ type: 'push-notification', location, auth_session: request.oobCode }));
      return { authenticationMethod: readMethod(method) };
    });
  }

  async startRecoveryCode(signal: AbortSignal): Promise<RecoveryCodeEnrollment> {
    const started = await this.#call(signal, () => this.#myAccount.enrollmentChallenge({ type: 'recovery-code' }));
    return { recoveryCode: readRecoveryCode(started), ...pending(started) };
  }

  async confirmRecoveryCode(enrollment: RecoveryCodeEnrollment, signal: AbortSignal): Promise<void> {
    const { location, authSession } = enrollment;
    await this.#call(signal, () => this.#myAccount.enrollmentVerify({ type: 'recovery-code', location, auth_session: authSession }));
  }

  #call<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
    return callSdk(signal, this.timeout, call);
  }
}

/** Where and how an enrollment the SDK started is confirmed. */
function pending(body: unknown): { location: string; authSession: string } {
  // 2.21.0 leaves `location` out (2.21.1+ always sets it, empty when Auth0 sent no Location header).
  if (isRecord(body) && !('location' in body)) {
    throw sdkTooOld('"auth0.myAccount" answered an enrollment without "location", as @auth0/auth0-spa-js 2.21.0 does', SDK_VERSIONS.myAccount);
  }
  const { location, auth_session: authSession } = isRecord(body) ? body : {};
  if (typeof location !== 'string' || !location || typeof authSession !== 'string' || !authSession) throw new MfaError('bad_response');
  return { location, authSession };
}
