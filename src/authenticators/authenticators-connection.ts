import { myAccountConnection, type ConnectionSettings } from '../element/connections.js';
import type { AuthenticatorsSettings } from './authenticators-session.js';

/** The element's settings a connection is chosen from. */
export interface AuthenticatorsConnectionSettings extends ConnectionSettings {
  readonly accessToken: string;
}

/**
 * Chooses the way the list reaches Auth0's My Account API, once per session, from the element's
 * settings: through `auth0` (the SDK's My Account client), else with `domain` and an
 * `accessToken` for `https://{domain}/me/`; none while neither is set.
 */
export function authenticatorsConnection(settings: AuthenticatorsConnectionSettings): AuthenticatorsSettings | undefined {
  return myAccountConnection(settings);
}
