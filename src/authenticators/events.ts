import type { AuthenticationMethod } from '../core/ports.js';
import type { MfaErrorDetail } from '../element/error-detail.js';
import type { AuthenticatorsStep } from './authenticators-session.js';

export type { AuthenticationMethod, AuthenticatorsStep };
/** @deprecated The same type under its first name: use `AuthenticatorsStep`. */
export type ManageStep = AuthenticatorsStep;

export interface AuthenticatorChangedDetail {
  readonly authenticationMethod: AuthenticationMethod;
}

/**
 * `step` is where it happened: `loading`, `removing`, `regenerating`,
 * `saving-recovery-code`, or `adding` (the inline enrollment's error).
 */
export type AuthenticatorsErrorDetail = MfaErrorDetail<AuthenticatorsStep>;

declare global {
  interface HTMLElementEventMap {
    'authenticator-added': CustomEvent<AuthenticatorChangedDetail>;
    'authenticator-removed': CustomEvent<AuthenticatorChangedDetail>;
    'recovery-code-regenerated': CustomEvent<Record<string, never>>;
    'authenticators-error': CustomEvent<AuthenticatorsErrorDetail>;
  }
}
