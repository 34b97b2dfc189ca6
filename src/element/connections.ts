// The ways to Auth0 an element's settings may call for, each as the settings of a session: a key
// naming the domain and the credential (the same key keeps the session), and how to connect. The
// SDK adapters and the My Account client load on first use: a page that doesn't use them never
// downloads them. Each element's `*-connection.ts` picks among these.
import type { Fetch } from '../auth0/http.js';
import { loadMyAccount, loadSdk, loadSdkMyAccount } from '../auth0/load.js';
import type { Auth0Like } from '../auth0/sdk-shapes.js';
import type { Authenticator, AuthenticatorsTransport, EnrollTransport, VerifyTransport } from '../core/ports.js';
import type { SessionSettings } from './session.js';

/** What the ways to Auth0 are chosen from: the settings every element has. */
export interface ConnectionSettings {
  readonly auth0: Auth0Like | undefined;
  /** Names the SDK client in a session key (the same client keeps the session: see `MfaElement.auth0Key`). */
  readonly auth0Key: string;
  readonly domain: string;
  readonly timeout: number;
  readonly fetch: Fetch;
}

/**
 * The My Account API, for a signed-in user's own methods: through the SDK's `auth0.myAccount` (it
 * gets its own token), else over `fetch` with an `accessToken` for `https://{domain}/me/`; none
 * while neither is set.
 */
export function myAccountConnection(
  settings: ConnectionSettings & { readonly accessToken: string },
): SessionSettings<EnrollTransport & AuthenticatorsTransport> | undefined {
  const { auth0, auth0Key, domain, accessToken, timeout, fetch } = settings;
  if (auth0) return { key: `${auth0Key}\nmy-account`, connect: async () => new (await loadSdkMyAccount()).SdkMyAccountClient(auth0, timeout) };
  if (!domain || !accessToken) return undefined;
  return {
    key: `${domain}\nmy-account\n${accessToken}`,
    connect: async () => new (await loadMyAccount()).MyAccountClient({ domain, accessToken, timeout, fetch }),
  };
}

/**
 * The MFA API through the SDK's `auth0.mfa` with the `mfa_token` of its `MfaRequiredError`: the
 * tokens land in its cache. `ownList` reads the user's authenticators where the SDK lists none.
 */
export function sdkMfaConnection(
  auth0: Auth0Like,
  auth0Key: string,
  mfaToken: string,
  timeout: number,
  ownList?: (signal: AbortSignal) => Promise<readonly Authenticator[]>,
): SessionSettings<EnrollTransport & VerifyTransport> {
  return { key: `${auth0Key}\n${mfaToken}`, connect: async () => new (await loadSdk()).SdkMfaClient(auth0, mfaToken, timeout, ownList) };
}
