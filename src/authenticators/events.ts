import type { AuthenticationMethod } from '../core/ports.js';
import type { MfaErrorDetail } from '../element/error-detail.js';
import type { ManageStep } from './authenticators-session.js';

export type { AuthenticationMethod, ManageStep };

export interface AuthenticatorChangedDetail {
  readonly authenticationMethod: AuthenticationMethod;
}

/**
 * `step` is where it happened: `loading`, `removing`, `regenerating`,
 * `saving-recovery-code`, or `adding` (the inline enrollment's error).
 */
export type AuthenticatorsErrorDetail = MfaErrorDetail<ManageStep>;

declare global {
  interface HTMLElementEventMap {
    'authenticator-added': CustomEvent<AuthenticatorChangedDetail>;
    'authenticator-removed': CustomEvent<AuthenticatorChangedDetail>;
    'recovery-code-regenerated': CustomEvent<Record<string, never>>;
    'authenticators-error': CustomEvent<AuthenticatorsErrorDetail>;
  }
}
