import '../enroll/define.js';
import { defineElement } from '../element/define-element.js';
import { MfaAuthenticators } from './mfa-authenticators.js';

export const AUTHENTICATORS_TAG_NAME = 'mfa-authenticators';

// The enroll element, which it shows inline to add an app, is registered with it (above).
defineElement(AUTHENTICATORS_TAG_NAME, MfaAuthenticators);

declare global {
  interface HTMLElementTagNameMap {
    'mfa-authenticators': MfaAuthenticators;
  }
}

export { MfaAuthenticators };
export type { AuthenticationMethod, AuthenticatorChangedDetail, AuthenticatorsErrorDetail, AuthenticatorsStep, ManageStep } from './events.js';
