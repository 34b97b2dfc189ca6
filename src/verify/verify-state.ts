import type { MfaErrorCode } from '../core/errors.js';
import type { PushRequest, TokenResponse } from '../core/ports.js';
import type { Failure } from '../element/error-detail.js';
import { RECOVERY, type Method, type PushMethod, type SentMethod } from './methods.js';

/**
 * A sign-in, step by step. Each step carries exactly what it shows: the new
 * recovery code exists only in the step that makes the user save it, and
 * the tokens it came with wait there until they have (or, when Auth0 issued
 * none, until the user has read that they have no recovery code left).
 */
export type VerifyState =
  | { readonly step: 'idle' }
  | { readonly step: 'loading' }
  | CodeState
  | SendingState
  | SentCodeState
  | { readonly step: 'sending-push'; readonly method: PushMethod }
  | PushSentState
  | RecoveryCodeState
  | { readonly step: 'choose-method'; /** Where Back (or Escape) returns, as it was. */ readonly back: EntryState | PushSentState | ErrorState }
  | { readonly step: 'verifying'; /** The step the entry was made in, with it: where a failure returns. */ readonly entry: EntryState }
  | NewRecoveryCodeState
  | { readonly step: 'recovery-code-used-up'; readonly tokens: TokenResponse }
  | { readonly step: 'done' }
  | ErrorState;

/** The code field for the app's code. */
export type CodeState = { readonly step: 'code'; readonly code: string; readonly failure?: VerifyFailure };

/** The first code of a text, call or email is on its way. */
export type SendingState = { readonly step: 'sending-code'; readonly method: SentMethod };

/** A code was sent by text, call or email: its field, and sending another. */
export type SentCodeState = {
  readonly step: 'code-sent';
  readonly method: SentMethod;
  readonly code: string;
  /** When another code may be asked for (epoch ms): each is a message, and each voids the one before. */
  readonly resendAt: number;
  /** Another code is on its way. */
  readonly resending: boolean;
  readonly failure?: VerifyFailure;
};

/** A push waits in Guardian for the user's tap, polled; another may be sent after a while (each voids the one before). */
export type PushSentState = {
  readonly step: 'push-sent';
  readonly method: PushMethod;
  readonly request: PushRequest;
  readonly resendAt: number;
  readonly resending: boolean;
  readonly failure?: VerifyFailure;
};

export type RecoveryCodeState = { readonly step: 'recovery-code'; readonly typed: string; readonly failure?: VerifyFailure };

/** The steps the user enters something in. */
export type EntryState = CodeState | SentCodeState | RecoveryCodeState;

export type ErrorState = { readonly step: 'error'; readonly failure: VerifyFailure };

/** Signed in with a recovery code: the new one Auth0 issued, and the tokens, until the user has saved it. */
export type NewRecoveryCodeState = { readonly step: 'new-recovery-code'; readonly tokens: TokenResponse; readonly recoveryCode: string; readonly saved: boolean };

/** The element's steps, exposed on the host as the `step` attribute for styling. */
export type VerifyStep = VerifyState['step'];

export type VerifyFailure = Failure<VerifyStep>;

/** Failures after which the token itself can't sign anyone in: nothing to try again on this prompt. */
export const TOKEN_FATAL = new Set<MfaErrorCode>(['invalid_token', 'expired_token', 'not_enrolled']);

/** The method a step is on, if any. */
export function methodOf(state: VerifyState): Method | undefined {
  if (state.step === 'verifying') return methodOf(state.entry);
  if (state.step === 'code') return { method: 'otp', id: undefined };
  if (state.step === 'sending-code' || state.step === 'code-sent' || state.step === 'sending-push' || state.step === 'push-sent') return state.method;
  return state.step === 'recovery-code' ? RECOVERY : undefined;
}

/** Whether a failure left the user without a way on but another method: it ended the step, and the token still works. */
export const leavesOtherMethods = (state: VerifyState): state is ErrorState => state.step === 'error' && !TOKEN_FATAL.has(state.failure.error.code);
