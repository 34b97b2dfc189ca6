import { listMfaAuthenticators, MfaSignInClient } from '../auth0/mfa-sign-in-api.js';
import { sdkMfaConnection, type ConnectionSettings } from '../element/connections.js';
import type { VerifySettings } from './verify-session.js';

/** The element's settings a connection is chosen from. */
export interface VerifyConnectionSettings extends ConnectionSettings {
  readonly clientId: string;
  readonly mfaToken: string;
  readonly tokenUrl: string;
  readonly authenticatorId: string;
}

/**
 * Chooses the way a sign-in reaches Auth0, once per session, from the element's settings; none
 * while the token (or the domain, without `auth0`) is missing:
 * - `auth0` and an `mfaToken`: the SDK's MFA client (tokens into its cache); with `domain` too,
 *   the list of the user's methods is read over `fetch` where the SDK's comes back empty (on most
 *   tenants: see SdkMfaClient.listAuthenticators), so a phone or an email can be found;
 * - else `domain` and an `mfaToken`: the MFA API over `fetch`.
 * Another authenticator named is another session.
 */
export function verifyConnection(settings: VerifyConnectionSettings): VerifySettings | undefined {
  const { auth0, auth0Key, domain, clientId, mfaToken, tokenUrl, timeout, fetch, authenticatorId } = settings;
  if (!mfaToken) return undefined;
  if (auth0) {
    const ownList = domain ? (signal: AbortSignal) => listMfaAuthenticators({ domain, bearer: mfaToken, timeout, fetch }, signal) : undefined;
    const sdk = sdkMfaConnection(auth0, auth0Key, mfaToken, timeout, ownList);
    return { ...sdk, key: `${sdk.key}\n${domain}\n${authenticatorId}`, authenticatorId };
  }
  if (!domain) return undefined;
  return {
    key: `${domain}\n${mfaToken}\n${authenticatorId}`,
    authenticatorId,
    connect: () => new MfaSignInClient({ domain, clientId, bearer: mfaToken, tokenUrl, timeout, fetch }),
  };
}
