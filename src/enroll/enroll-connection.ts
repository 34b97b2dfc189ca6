import { MfaEnrollClient } from '../auth0/mfa-enroll-api.js';
import { myAccountConnection, sdkMfaConnection, type ConnectionSettings } from '../element/connections.js';
import type { EnrollSettings } from './enroll-session.js';

/** Which API an enrollment goes through: the MFA API (sign-in), or the My Account API (settings page). */
export type EnrollApi = 'mfa' | 'my-account';

/** The element's settings a connection is chosen from. */
export interface EnrollConnectionSettings extends ConnectionSettings {
  readonly api: EnrollApi;
  readonly clientId: string;
  readonly mfaToken: string;
  readonly accessToken: string;
  readonly tokenUrl: string;
}

/**
 * Chooses the way an enrollment reaches Auth0, once per session, from the element's settings;
 * none while a required setting is missing:
 * - `api="my-account"`: the My Account API (through `auth0`, or with an `accessToken` for `https://{domain}/me/`);
 * - `auth0` and an `mfaToken`: the SDK's MFA client (tokens into its cache);
 * - else `domain` and an `mfaToken` (or an MFA-API `accessToken`): the MFA API.
 */
export function enrollConnection(settings: EnrollConnectionSettings): EnrollSettings | undefined {
  const { api, auth0, auth0Key, domain, clientId, mfaToken, accessToken, tokenUrl, timeout, fetch } = settings;
  if (api === 'my-account') return myAccountConnection(settings);
  if (auth0 && mfaToken) return sdkMfaConnection(auth0, auth0Key, mfaToken, timeout);
  // An mfa_token, else an access token for https://{domain}/mfa/ (scope `enroll`): the MFA API takes either.
  const bearer = mfaToken || accessToken;
  if (!domain || !bearer) return undefined;
  return { key: `${domain}\n${bearer}`, connect: () => new MfaEnrollClient({ domain, clientId, bearer, tokenUrl, timeout, fetch }) };
}
