import type { Fetch } from '../auth0/http.js';
import { MfaEnrollClient } from '../auth0/mfa-enroll-api.js';
import type { Auth0Like } from '../auth0/sdk-shapes.js';
import { loadMyAccount, loadSdk, loadSdkMyAccount } from '../auth0/load.js';
import type { EnrollSettings } from './enroll-session.js';

/** Which API an enrollment goes through: the MFA API (sign-in), or the My Account API (settings page). */
export type EnrollApi = 'mfa' | 'my-account';

/** The element's settings a connection is chosen from. */
export interface EnrollConnectionSettings {
  readonly api: EnrollApi;
  readonly auth0: Auth0Like | undefined;
  /** Names the SDK client in the session key (the same client keeps the session). */
  readonly auth0Key: string;
  readonly domain: string;
  readonly clientId: string;
  readonly mfaToken: string;
  readonly accessToken: string;
  readonly tokenUrl: string;
  readonly timeout: number;
  readonly fetch: Fetch;
}

/**
 * Chooses the way an enrollment reaches Auth0, once per session, from the
 * element's settings; none while a required setting is missing:
 * - `auth0` and an `mfaToken`: the SDK's MFA client (tokens into its cache);
 * - `api="my-account"` with `auth0`: the SDK's My Account client;
 * - `api="my-account"` with `domain` and an `accessToken` for `https://{domain}/me/`: the My Account API;
 * - else `domain` and an `mfaToken` (or an MFA-API `accessToken`): the MFA API.
 * The SDK adapters and the My Account client load on first use: a page that
 * doesn't use them never downloads them.
 */
export function enrollConnection(settings: EnrollConnectionSettings): EnrollSettings | undefined {
  const { api, auth0, auth0Key, domain, clientId, mfaToken, accessToken, tokenUrl, timeout, fetch } = settings;
  if (api === 'my-account') {
    if (auth0) {
      return { key: `${auth0Key}\nmy-account`, connect: async () => new (await loadSdkMyAccount()).SdkMyAccountClient(auth0, timeout) };
    }
    if (!domain || !accessToken) return undefined;
    return {
      key: `${domain}\nmy-account\n${accessToken}`,
      connect: async () => new (await loadMyAccount()).MyAccountClient({ domain, accessToken, timeout, fetch }),
    };
  }
  if (auth0 && mfaToken) {
    return { key: `${auth0Key}\n${mfaToken}`, connect: async () => new (await loadSdk()).SdkMfaClient(auth0, mfaToken, timeout) };
  }
  const token = mfaToken || accessToken;
  if (!domain || !token) return undefined;
  return { key: `${domain}\n${token}`, connect: () => new MfaEnrollClient({ domain, clientId, token, tokenUrl, timeout, fetch }) };
}
