import type { Fetch } from '../auth0/http.js';
import type { Auth0Like } from '../auth0/sdk-shapes.js';
import { loadMyAccount, loadSdkMyAccount } from '../auth0/load.js';
import type { AuthenticatorsSettings } from './authenticators-session.js';

/** The element's settings a connection is chosen from. */
export interface AuthenticatorsConnectionSettings {
  readonly auth0: Auth0Like | undefined;
  /** Names the SDK's My Account client in the session key (the same client keeps the session). */
  readonly auth0Key: string;
  readonly domain: string;
  readonly accessToken: string;
  readonly timeout: number;
  readonly fetch: Fetch;
}

/**
 * Chooses the way the list reaches Auth0's My Account API, once per session, from the
 * element's settings; none while a required setting is missing:
 * - `auth0`: the SDK's My Account client (it gets its own token);
 * - else `domain` and an `accessToken` for `https://{domain}/me/`: the API over `fetch`.
 * Both load on first use, as the enroll element's My Account clients do.
 */
export function authenticatorsConnection(settings: AuthenticatorsConnectionSettings): AuthenticatorsSettings | undefined {
  const { auth0, auth0Key, domain, accessToken, timeout, fetch } = settings;
  if (auth0) {
    return { key: auth0Key, connect: async () => new (await loadSdkMyAccount()).SdkMyAccountClient(auth0, timeout) };
  }
  if (!domain || !accessToken) return undefined;
  return {
    key: `${domain}\n${accessToken}`,
    connect: async () => new (await loadMyAccount()).MyAccountClient({ domain, accessToken, timeout, fetch }),
  };
}
