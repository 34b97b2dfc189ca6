import { isRecord } from '../shared/records.js';
import { readAssociation } from './association.js';
import { errorFromAnswer, isMfaError, MfaError } from './errors.js';
import { readRecoveryGrant, readTokens } from './tokens.js';
import type { Auth0MyAccountLike } from './sdk-my-account.js';
import type { Association, Authenticator, EnrollResult, EnrollTransport, RecoveryGrant, TokenResponse, VerifyTransport } from './transport.js';

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
  enroll(params: { mfaToken: string; factorType: 'otp' }): Promise<SdkEnrollment>;
  challenge(params: { mfaToken: string; challengeType: 'otp'; authenticatorId?: string }): Promise<unknown>;
  verify(params: { mfaToken: string; otp: string } | { mfaToken: string; recoveryCode: string }): Promise<SdkTokenResponse>;
}

export interface SdkAuthenticator {
  readonly id: string;
  /** The MFA API's `authenticator_type`: `otp`, `oob`, `recovery-code`. */
  readonly authenticatorType?: string;
  /** The factor (`otp`, `phone`, `recovery-code`…): only where Auth0's flag for it is on. */
  readonly type?: string;
  readonly active: boolean;
}

export interface SdkEnrollment {
  readonly authenticatorType: string;
  readonly secret?: string;
  readonly barcodeUri?: string;
  readonly recoveryCodes?: string[];
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
   * The SDK's list, or `undefined` when it can't tell, and the challenge then lets Auth0 take the
   * user's authenticator (no `not_enrolled` from here: Auth0's answer to the challenge says it):
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
      if (isMfaError(error) && error.error === 'invalid_request') return undefined;
      throw error;
    }
    if (!Array.isArray(list)) throw new MfaError('bad_response');
    if (list.length === 0) return undefined;
    return list.filter(isRecord).map((entry) => ({
      id: String(entry.id),
      // `authenticatorType` is what the session matches (`otp`); a row with only `type` has the factor's name.
      type: String(entry.authenticatorType ?? entry.type ?? ''),
      active: entry.active === true,
    }));
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

/** The oldest `@auth0/auth0-spa-js` whose client of that name the elements can use. */
export const SDK_VERSIONS = { mfa: '2.13.0', myAccount: '2.21.1' } as const;

/**
 * The SDK's client named `name`, checked by one of its methods; else a `config` error that says
 * which version the element needs.
 */
export function sdkClient<T extends object>(client: T | undefined, method: keyof T, name: keyof typeof SDK_VERSIONS): T {
  if (typeof client?.[method] === 'function') return client;
  throw sdkTooOld(`"auth0.${name}" is missing`, SDK_VERSIONS[name]);
}

/** A `config` error for an SDK older than `version`: what was seen, and what to upgrade to. */
export function sdkTooOld(seen: string, version: string): MfaError {
  return new MfaError('config', {
    description: `${seen}: set "auth0" to an Auth0Client of @auth0/auth0-spa-js ${version} or newer, or to useAuth0() of an auth0-react or auth0-vue that brings it (upgrade the SDK). Angular: inject(Auth0ClientService), not AuthService.`,
  });
}

/**
 * Runs one SDK call, given up when the element no longer wants it (the signal) or after
 * `timeout`. The SDK's own request can't be cancelled: its late answer is dropped.
 */
export async function callSdk<T>(signal: AbortSignal, timeout: number, call: () => Promise<T>): Promise<T> {
  const stop = AbortSignal.any([signal, AbortSignal.timeout(timeout)]);
  const stopped = new Promise<never>((_, reject) => stop.addEventListener('abort', () => reject(stop.reason), { once: true }));
  try {
    return await Promise.race([call(), stopped]);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw stop.aborted ? new MfaError('timeout') : errorFromSdk(error);
  }
}

/**
 * An SDK error (`GenericError` and its MFA subclasses carry Auth0's `error` and
 * `error_description`) classified to a stable code, the original kept in the detail.
 */
export function errorFromSdk(cause: unknown): MfaError {
  if (isMfaError(cause)) return cause;
  // Anything else failed inside the SDK before an answer: its fetch, most likely.
  if (!isRecord(cause)) return new MfaError('network', { offline: navigator.onLine === false });
  // MyAccountApiError is a problem document: {type, status, title, detail}.
  if (typeof cause.error !== 'string') {
    if (typeof cause.status !== 'number' || typeof cause.detail !== 'string') return new MfaError('network', { offline: navigator.onLine === false });
    return errorFromAnswer(cause.status, cause, null);
  }
  const classified = errorFromAnswer(0, cause, null);
  // No stored context for this mfa_token (not from the SDK's own mfa_required, spent, or older
  // than 10 minutes): the host must retry the request that needed MFA for a new one.
  const code = cause.error === 'mfa_context_not_found' ? 'invalid_token' : cause.error === 'timeout' ? 'timeout' : classified.code;
  return new MfaError(code, { error: classified.error, description: classified.description });
}
