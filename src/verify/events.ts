import type { TokenResponse } from '../core/ports.js';
import type { MfaErrorDetail } from '../element/error-detail.js';
import type { VerifyMethod, VerifyStep } from './verify-session.js';

export type { VerifyMethod, VerifyStep };

/**
 * The grant's token response, camel-cased, and how the user proved it's them. After a recovery
 * code, `hasRecoveryCode` says whether the user has one now: `true` once the new code Auth0 issued
 * was saved, `false` when Auth0 issued none (lead them to get one: `<mfa-authenticators>` offers
 * "Get a recovery code"). Absent after a code from the app.
 */
export type VerifiedDetail = TokenResponse & { readonly method: VerifyMethod; readonly hasRecoveryCode?: boolean };

/**
 * `step` is where it happened: `idle` (configuration), `loading` (listing the methods and
 * challenging the app), `sending-code` (the first code by text, call or email), `code-sent` (sending
 * another, or a code refused before anything was sent), `verifying`, or `code` / `recovery-code`
 * (input refused before anything was sent).
 */
export type VerifyErrorDetail = MfaErrorDetail<VerifyStep>;

declare global {
  interface HTMLElementEventMap {
    verified: CustomEvent<VerifiedDetail>;
    'verify-error': CustomEvent<VerifyErrorDetail>;
  }
}
