import { isMfaError, MfaError } from '../core/errors.js';
import { isRecord } from '../core/records.js';
import { errorFromAnswer } from './classify.js';

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
