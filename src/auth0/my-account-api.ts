import { isRecord } from '../core/records.js';
import { enrollmentOf, readFactorList, readMethod, readRecoveryCode, readTotpEnrollment } from './my-account-answers.js';
import { pollOnce, readPushEnrollment } from './push.js';
import { destinationRefused } from './sent-code.js';
import type { Destination, Factor } from '../core/factors.js';
import { readDomain } from './domain.js';
import { isMfaError, MfaError } from '../core/errors.js';
import { send, type Fetch } from './http.js';
import { refuseDpopBound } from './token-binding.js';
import { lacksScope } from './token-claims.js';
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

export interface MyAccountSettings {
  /** The tenant's domain, or a base URL with scheme (see `readDomain`). */
  readonly domain: string;
  /** An access token for the audience `https://{domain}/me/`, with the scopes each call needs. */
  readonly accessToken: string;
  /** Milliseconds each request may take. */
  readonly timeout: number;
  readonly fetch: Fetch;
}

/** A started enrollment: where to confirm it, and its session. */
interface Pending {
  readonly location: URL;
  readonly authSession: string;
}

/**
 * Auth0's My Account API over `fetch`, for a signed-in user's own sign-in
 * methods (`https://{domain}/me/v1/`): enroll an authenticator app
 * (`POST authentication-methods {type:"totp"}`, then `POST {Location}/verify`),
 * list and remove methods, and replace the recovery code. Errors are problem
 * documents, classified to the same stable codes.
 */
export class MyAccountClient implements EnrollTransport, AuthenticatorsTransport {
  readonly #base: URL;
  readonly #settings: MyAccountSettings;
  #totp: Pending | undefined;

  constructor(settings: MyAccountSettings) {
    const base = readDomain(settings.domain);
    if ('problem' in base) throw new MfaError('config', { description: base.problem });
    if (!settings.accessToken) {
      throw new MfaError('config', { description: 'Set "accessToken" to an access token for the audience https://{domain}/me/ (the My Account API).' });
    }
    refuseDpopBound(settings.accessToken);
    this.#base = new URL('me/v1/', base.url);
    this.#settings = settings;
  }

  /** Starts an authenticator-app enrollment: the QR's URI and the key to show (no recovery codes here). */
  async associate(signal: AbortSignal): Promise<Association> {
    const { body, pending } = await this.#enroll({ type: 'totp' }, signal);
    this.#totp = pending;
    return readTotpEnrollment(body);
  }

  async confirm(otp: string, signal: AbortSignal): Promise<EnrollResult> {
    const pending = this.#totp;
    if (!pending) throw new MfaError('bad_response');
    const method = await this.#verify(pending, { otp_code: otp }, signal);
    return { authenticationMethod: method };
  }

  /** Starts a phone or email enrollment; Auth0 sends the code. Starting again sends a new one. */
  async sendCode(destination: Destination, signal: AbortSignal): Promise<SentCode> {
    const { pending } = await this.#enroll(enrollmentOf(destination), signal).catch((error: unknown) => Promise.reject(destinationRefused(error)));
    return { oobCode: pending.authSession, location: pending.location.href, factor: destination.factor, recoveryCodes: [] };
  }

  async confirmSentCode(sent: SentCode, code: string, signal: AbortSignal): Promise<EnrollResult> {
    if (!sent.location) throw new MfaError('bad_response');
    const method = await this.#verify({ location: new URL(sent.location), authSession: sent.oobCode }, { otp_code: code }, signal);
    return { authenticationMethod: method };
  }

  /**
   * `GET factors`; `undefined` when the token lacks `read:me:factors`. Not asked when the token
   * says it lacks it: the browser would log the 403 on every page load.
   */
  async enabledFactors(signal: AbortSignal): Promise<readonly Factor[] | undefined> {
    if (lacksScope(this.#settings.accessToken, 'read:me:factors')) return undefined;
    try {
      return readFactorList((await this.#send('factors', { method: 'GET' }, signal)).body);
    } catch (error) {
      if (isMfaError(error) && error.code === 'insufficient_scope') return undefined;
      throw error;
    }
  }

  async listMethods(signal: AbortSignal): Promise<readonly AuthenticationMethod[]> {
    const { body } = await this.#send('authentication-methods', { method: 'GET' }, signal);
    const list = isRecord(body) ? body.authentication_methods : undefined;
    if (!Array.isArray(list) || list.length > 100) throw new MfaError('bad_response', { status: 200 });
    return list.map(readMethod);
  }

  async removeMethod(id: string, signal: AbortSignal): Promise<void> {
    await this.#send(`authentication-methods/${encodeURIComponent(id)}`, { method: 'DELETE' }, signal);
  }

  /** `POST authentication-methods {type: push-notification}`: the QR for Guardian, and the enrollment to poll. */
  async startPush(signal: AbortSignal): Promise<PushRequest> {
    const { body, pending } = await this.#enroll({ type: 'push-notification' }, signal);
    return { ...readPushEnrollment(body, pending.authSession), location: pending.location.href };
  }

  /** `POST {Location}/verify {auth_session}`: the method once Guardian scanned the QR, else "Authorization pending". */
  pollPush(request: PushRequest, signal: AbortSignal): Promise<PushAnswer<EnrollResult>> {
    if (!request.location) throw new MfaError('bad_response');
    const enrollment = { location: new URL(request.location), authSession: request.oobCode };
    return pollOnce(async () => ({ authenticationMethod: await this.#verify(enrollment, {}, signal) }));
  }

  async startRecoveryCode(signal: AbortSignal): Promise<RecoveryCodeEnrollment> {
    const { body, pending } = await this.#enroll({ type: 'recovery-code' }, signal);
    return { recoveryCode: readRecoveryCode(body), location: pending.location.href, authSession: pending.authSession };
  }

  async confirmRecoveryCode(enrollment: RecoveryCodeEnrollment, signal: AbortSignal): Promise<void> {
    await this.#verify({ location: new URL(enrollment.location), authSession: enrollment.authSession }, {}, signal);
  }

  /** `POST authentication-methods {type, …}`: the answer, and where and how to confirm it. */
  async #enroll(start: Record<string, string>, signal: AbortSignal): Promise<{ body: unknown; pending: Pending }> {
    const { body, headers } = await this.#send('authentication-methods', { method: 'POST', body: JSON.stringify(start) }, signal);
    const authSession = isRecord(body) ? body.auth_session : undefined;
    const location = this.#sameOrigin(headers.get('Location'));
    if (typeof authSession !== 'string' || !authSession || !location) throw new MfaError('bad_response', { status: 200 });
    return { body, pending: { location, authSession } };
  }

  async #verify(pending: Pending, fields: Record<string, string>, signal: AbortSignal): Promise<AuthenticationMethod> {
    const url = new URL(`${pending.location.pathname.replace(/\/$/, '')}/verify`, pending.location);
    const { body } = await this.#sendTo(url, { method: 'POST', body: JSON.stringify({ auth_session: pending.authSession, ...fields }) }, signal);
    return readMethod(body);
  }

  /**
   * The `Location` of a new method, resolved against the API: only on the API's own origin, so
   * a hostile answer can't send the token and the code elsewhere.
   */
  #sameOrigin(location: string | null): URL | undefined {
    if (!location) return undefined;
    try {
      const url = new URL(location, this.#base);
      return url.origin === this.#base.origin ? url : undefined;
    } catch {
      return undefined;
    }
  }

  #send(path: string, init: RequestInit, signal: AbortSignal) {
    return this.#sendTo(new URL(path, this.#base), init, signal);
  }

  #sendTo(url: URL, init: RequestInit, signal: AbortSignal) {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.#settings.accessToken}` };
    if (init.body) headers['Content-Type'] = 'application/json';
    return send(this.#settings.fetch, url, { ...init, headers, credentials: 'omit' }, { signal, timeout: this.#settings.timeout });
  }
}
