import { MfaError, type MfaErrorCode } from '../core/errors.js';
import type { RecoveryGrant, TokenResponse, VerifyTransport } from '../core/ports.js';
import { normalizeRecoveryCode, RECOVERY_CODE } from '../core/recovery-code.js';
import { CodeEntry, spendsCode } from '../controls/code-entry.js';
import { NewRecoveryCodes } from '../controls/new-recovery-codes.js';
import type { Failure } from '../element/error-detail.js';
import { Session, type FailedEvent, type SessionHost, type SessionSettings } from '../element/session.js';

/** How the user proved it's them. */
export type VerifyMethod = 'otp' | 'recovery-code';

/** Longer than any recovery code with its grouping; a pasted file is cut. */
const MAX_TYPED = 100;

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
  | { readonly step: 'recovery-code'; readonly typed: string; readonly failure?: VerifyFailure }
  | { readonly step: 'verifying'; readonly method: VerifyMethod; /** What the user entered, as shown. */ readonly input: string }
  | NewRecoveryCodeState
  | { readonly step: 'recovery-code-used-up'; readonly tokens: TokenResponse }
  | { readonly step: 'done' }
  | { readonly step: 'error'; readonly failure: VerifyFailure };

/** The code field for the app's code. */
type CodeState = { readonly step: 'code'; readonly code: string; readonly failure?: VerifyFailure };

/** Signed in with a recovery code: the new one Auth0 issued, and the tokens, until the user has saved it. */
type NewRecoveryCodeState = { readonly step: 'new-recovery-code'; readonly tokens: TokenResponse; readonly recoveryCode: string; readonly saved: boolean };

/** The element's steps, exposed on the host as the `step` attribute for styling. */
export type VerifyStep = VerifyState['step'];

export type VerifyFailure = Failure<VerifyStep>;

export interface VerifySettings extends SessionSettings<VerifyTransport> {
  /** The authenticator to challenge, when the host knows it; else the user's active OTP one. */
  readonly authenticatorId: string;
}

/** What the host page hears about. */
export type VerifySessionEvent =
  | {
      readonly type: 'verified';
      readonly tokens: TokenResponse;
      readonly method: VerifyMethod;
      /** After a recovery code: whether the user has one now (the new one, saved), or none. */
      readonly hasRecoveryCode?: boolean;
    }
  | FailedEvent<VerifyStep>;

/** Failures after which the token itself can't sign anyone in: nothing to try again on this prompt. */
const TOKEN_FATAL = new Set<MfaErrorCode>(['invalid_token', 'expired_token', 'not_enrolled']);

/**
 * The sign-in's state and the one place that decides its transitions: find
 * the user's authenticator and challenge it, then take a code from the app,
 * or a recovery code, and hold the new recovery code until the user has
 * saved it. It knows nothing of the DOM.
 *
 * One round trip before the user can type: the code field opens as soon as
 * the list has answered, while the challenge (which, for an app's code, only
 * records the attempt) goes on behind it; a code is sent once it is answered.
 */
export class VerifySession extends Session<VerifyState, VerifyTransport, VerifySessionEvent> {
  #authenticatorId = '';
  /** The challenge of the authenticator being signed in with, and whom it is for. */
  #challenge: { readonly authenticatorId: string | undefined; readonly answered: Promise<void>; readonly stop: AbortController } | undefined;

  /** The app's code. */
  readonly code = new CodeEntry<VerifyState, CodeState>(
    this.access,
    { send: (code) => void this.#sendCode(code), refuse: (error) => this.fail(error, 'code') },
    (state) => (state.step === 'code' ? state : undefined),
  );

  /** The recovery code Auth0 issued in place of the one used, until the user has saved it. */
  readonly newRecoveryCodes = new NewRecoveryCodes(this.access, (state) => (state.step === 'new-recovery-code' ? [state.recoveryCode] : undefined));

  constructor(host: SessionHost<VerifySessionEvent>) {
    super(host, {
      idle: { step: 'idle' },
      loading: { step: 'loading' },
      missingSettings: 'Set "mfaToken" (the mfa_token of the mfa_required answer) as a property, with "domain" and "clientId", or with "auth0".',
    });
  }

  override configure(settings: VerifySettings | undefined): void {
    if (settings) this.#authenticatorId = settings.authenticatorId;
    super.configure(settings);
  }

  override restart(settings: VerifySettings | undefined): void {
    if (settings) this.#authenticatorId = settings.authenticatorId;
    super.restart(settings);
  }

  override reset(): void {
    this.#dropChallenge();
    super.reset();
  }

  /** Removed from the page: the challenge stops too, and is made again before a code goes out. */
  override suspend(): void {
    this.#challenge?.stop.abort();
    super.suspend();
  }

  /**
   * A recovery code as the user types it, grouped or in lower case: kept as typed, so the field
   * doesn't change under their fingers, and put in Auth0's form when it is sent.
   */
  inputRecoveryCode(text: string): void {
    if (this.state.step === 'recovery-code') this.enter({ ...this.state, typed: text.slice(0, MAX_TYPED) });
  }

  /** "Lost your phone? Use a recovery code", and back. */
  switchMethod(method: VerifyMethod): void {
    const { step } = this.state;
    if (method === 'recovery-code' && step === 'code') this.enter({ step: 'recovery-code', typed: '' });
    if (method === 'otp' && step === 'recovery-code') this.enter({ step: 'code', code: '' });
  }

  /** Verify, on the path the user is on. */
  submit(): void {
    if (this.state.step === 'code') this.code.submit();
    else void this.#sendRecoveryCode();
  }

  /** Finish: once the new code is saved, or once the user has read that they have none left. */
  finish(): void {
    const state = this.state;
    const saved = this.newRecoveryCodes.saved();
    if (saved) this.#signedIn(saved.tokens, 'recovery-code', true);
    if (state.step === 'recovery-code-used-up') this.#signedIn(state.tokens, 'recovery-code', false);
  }

  /**
   * Finds the authenticator (the host's, or the active OTP one), opens the code field, and
   * challenges it meanwhile: a refused challenge ends the sign-in as it comes, as it did when
   * nothing could be typed before it was answered. When the list can't tell (Auth0's SDK may
   * leave it empty), only the challenge says whether the user has an app: the field opens once
   * it has answered, rather than open and close again for a user with none.
   */
  protected override async begin(transport: VerifyTransport, signal: AbortSignal): Promise<void> {
    this.#dropChallenge();
    try {
      const found = await this.#findAuthenticator(transport, signal);
      if (signal.aborted) return;
      const { answered, stop } = this.#startChallenge(transport, found.id);
      if (!found.listed) await answered;
      if (signal.aborted) return;
      this.enter({ step: 'code', code: '' });
      answered.catch((error: unknown) => {
        if (!stop.signal.aborted) this.fail(error, 'loading');
      });
    } catch (error) {
      if (!signal.aborted) this.fail(error, 'loading');
    }
  }

  protected override interrupted(state: VerifyState): VerifyState {
    if (state.step !== 'verifying') return state;
    return state.method === 'otp' ? { step: 'code', code: state.input } : { step: 'recovery-code', typed: state.input };
  }

  /** The tokens of a recovery code outlive any change of settings until the user has seen what it left them. */
  protected override holdsOn(): boolean {
    const { step } = this.state;
    return step === 'new-recovery-code' || step === 'recovery-code-used-up';
  }

  /**
   * A wrong or refused entry keeps the user on the path they were on: a wrong code from the
   * app is cleared (it is worth nothing), a recovery code is kept (a typo is fixed, not retyped).
   */
  protected override afterFailure(failure: VerifyFailure): VerifyState {
    const state = this.state;
    // Finding and challenging the authenticator failed: there is nothing to check a code against.
    if (TOKEN_FATAL.has(failure.error.code) || failure.step === 'loading') return { step: 'error', failure };
    const spent = spendsCode(failure.error);
    if (state.step === 'code') return { ...state, code: spent ? '' : state.code, failure };
    if (state.step === 'recovery-code') return { ...state, failure };
    if (state.step === 'verifying' && state.method === 'otp') return { step: 'code', code: spent ? '' : state.input, failure };
    if (state.step === 'verifying') return { step: 'recovery-code', typed: state.input, failure };
    return { step: 'error', failure };
  }

  /** The id to challenge (the host's, or the user's active app; none when the transport can't list), and whether a list said so. */
  async #findAuthenticator(transport: VerifyTransport, signal: AbortSignal): Promise<{ readonly id: string | undefined; readonly listed: boolean }> {
    const authenticators = await transport.listAuthenticators(signal);
    const wanted = this.#authenticatorId;
    if (!authenticators) return { id: wanted || undefined, listed: false };
    const authenticator = authenticators.find((a) => a.active && a.type === 'otp' && (!wanted || a.id === wanted));
    if (authenticator) return { id: authenticator.id, listed: true };
    throw new MfaError('not_enrolled', { description: wanted ? `No active authenticator app has the id "${wanted}".` : undefined });
  }

  #startChallenge(transport: VerifyTransport, authenticatorId: string | undefined) {
    const stop = new AbortController();
    const answered = transport.challenge(authenticatorId, stop.signal);
    this.#challenge = { authenticatorId, answered, stop };
    return this.#challenge;
  }

  /**
   * Waits for the challenge. One stopped by a removal from the page, or one made again before the
   * last code and refused, is made again; a refusal of the first ends the sign-in (see `begin`).
   */
  async #challenged(transport: VerifyTransport, signal: AbortSignal): Promise<void> {
    const challenge = this.#challenge;
    if (!challenge) return;
    try {
      return await challenge.answered;
    } catch (error) {
      if (signal.aborted) throw error;
    }
    await this.#startChallenge(transport, challenge.authenticatorId).answered;
  }

  #dropChallenge(): void {
    this.#challenge?.stop.abort();
    this.#challenge = undefined;
  }

  /** The app's code, once the challenge is answered. */
  async #sendCode(code: string): Promise<void> {
    const transport = this.transport;
    if (!transport || this.cooldown.active) return;
    await this.#verify('otp', code, async (signal) => {
      await this.#challenged(transport, signal);
      return transport.verifyOtp(code, signal);
    });
  }

  /** A recovery code, as Auth0 writes them; one of the wrong shape is refused before it is sent. A recovery code needs no challenge. */
  async #sendRecoveryCode(): Promise<void> {
    const state = this.state;
    const transport = this.transport;
    if (state.step !== 'recovery-code' || !transport || this.cooldown.active) return;
    const recoveryCode = normalizeRecoveryCode(state.typed);
    if (!RECOVERY_CODE.test(recoveryCode)) return this.fail(new MfaError('invalid_recovery_code'), 'recovery-code');
    await this.#verify('recovery-code', state.typed, (signal) => transport.verifyRecoveryCode(recoveryCode, signal));
  }

  async #verify(method: VerifyMethod, input: string, grant: (signal: AbortSignal) => Promise<TokenResponse | RecoveryGrant>): Promise<void> {
    const signal = this.work.next();
    this.enter({ step: 'verifying', method, input });
    try {
      const answer = await grant(signal);
      if (signal.aborted) return;
      if (!('tokens' in answer)) return this.#signedIn(answer, method);
      // The recovery code used is spent: the new one must be seen and saved before anything moves
      // on; without one, the user must hear that they have no recovery code left.
      if (answer.recoveryCode) {
        this.enter({ step: 'new-recovery-code', tokens: answer.tokens, recoveryCode: answer.recoveryCode, saved: false });
      } else {
        this.enter({ step: 'recovery-code-used-up', tokens: answer.tokens });
      }
    } catch (error) {
      if (!signal.aborted) this.fail(error, 'verifying');
    }
  }

  #signedIn(tokens: TokenResponse, method: VerifyMethod, hasRecoveryCode?: boolean): void {
    this.#dropChallenge();
    this.finishWith({ step: 'done' });
    this.host.notify(hasRecoveryCode === undefined ? { type: 'verified', tokens, method } : { type: 'verified', tokens, method, hasRecoveryCode });
  }
}
