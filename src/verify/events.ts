import type { TokenResponse } from '../auth0/transport.js';
import type { MfaErrorDetail } from '../shared/error-detail.js';
import type { VerifyMethod, VerifyStep } from './verify-session.js';

export type { VerifyMethod, VerifyStep };

/** The grant's token response, camel-cased, and how the user proved it's them. */
export type VerifiedDetail = TokenResponse & { readonly method: VerifyMethod };

/**
 * `step` is where it happened: `idle` (configuration), `loading` (finding and
 * challenging the authenticator), `verifying`, or `code` / `recovery` (input
 * refused before anything was sent).
 */
export type VerifyErrorDetail = MfaErrorDetail<VerifyStep>;

declare global {
  interface HTMLElementEventMap {
    verified: CustomEvent<VerifiedDetail>;
    'verify-error': CustomEvent<VerifyErrorDetail>;
  }
}
