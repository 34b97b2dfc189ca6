import { MfaError } from '../core/errors.js';
import type { PushRequest, RecoveryGrant, TokenResponse, VerifyTransport } from '../core/ports.js';
import { normalizeRecoveryCode, RECOVERY_CODE } from '../core/recovery-code.js';
import { CodeEntry, spendsCode } from '../controls/code-entry.js';
import { NewRecoveryCodes } from '../controls/new-recovery-codes.js';
import { Session, type FailedEvent, type SessionHost, type SessionSettings } from '../element/session.js';
import { lookAt, PushPoller } from '../factors/push/push-poller.js';
import { RESEND_WAIT } from '../factors/sent-code/resend-countdown.js';
import { firstMethod, isPush, isSent, methodsOf, RECOVERY, sameMethod, type Method, type PushMethod, type SentMethod, type VerifyMethod } from './methods.js';
import { SentCodes } from './sent-codes.js';
import {
  methodOf,
  leavesOtherMethods,
  TOKEN_FATAL,
  type CodeState,
  type EntryState,
  type PushSentState,
  type SentCodeState,
  type VerifyFailure,
  type VerifyState,
  type VerifyStep,
} from './verify-state.js';

export type { VerifyFailure, VerifyMethod, VerifyState, VerifyStep };

/** Longer than any recovery code with its grouping; a pasted file is cut. */
const MAX_TYPED = 100;

export interface VerifySettings extends SessionSettings<VerifyTransport> {
  /** The authenticator to start with, when the host knows it; else the user's first (the app, a phone, an email). */
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
  /** Auth0 sent a code (`resent`: another, and the one before no longer works): for the live region. */
  | { readonly type: 'code-sent'; readonly resent: boolean }
  /** Guardian was asked to notify the user's phone. */
  | { readonly type: 'push-sent' }
  | FailedEvent<VerifyStep>;

/**
 * The sign-in's state and the one place that decides its transitions: list
 * the user's methods and start with the first (the app, a phone, an email,
 * or the one the host names), switch to another on request, take the code
 * from the app or the one Auth0 sent, or a recovery code, and hold the new
 * recovery code until the user has saved it. It knows nothing of the DOM.
 *
 * One round trip before the user can type the app's code: its field opens
 * once the list has answered, while the challenge (which only records the
 * attempt) goes on behind it; a code is sent once it is answered. A code
 * sent by text, call or email can't be typed before Auth0 has sent it: its
 * field opens once the challenge has answered.
 */
export class VerifySession extends Session<VerifyState, VerifyTransport, VerifySessionEvent> {
  #authenticatorId = '';
  /** The settings key the user's choice was made under: new settings start from the default again. */
  #key: string | undefined;
  /** The method the user chose from the list: Try again starts with it. */
  #chosen: Method | undefined;
  #methods: readonly Method[] = [];
  /** The OTP challenge of the app being signed in with, and whom it is for. */
  #challenge: { readonly authenticatorId: string | undefined; readonly answered: Promise<void>; readonly stop: AbortController } | undefined;
  readonly #sent = new SentCodes();
  /** The polling of a push sent, while the sign-in waits for the tap. */
  readonly #poller = new PushPoller();

  /** The code from the app, or the one Auth0 sent. */
  readonly code = new CodeEntry<VerifyState, CodeState | SentCodeState>(
    this.access,
    { send: (code) => void this.#sendCode(code), refuse: (error) => this.fail(error, this.state.step) },
    (state) => (state.step === 'code' || state.step === 'code-sent' ? state : undefined),
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

  /** The user's methods, in the order they are offered (none until listed). */
  get methods(): readonly Method[] {
    return this.#methods;
  }

  override configure(settings: VerifySettings | undefined): void {
    this.#take(settings);
    super.configure(settings);
  }

  override restart(settings: VerifySettings | undefined): void {
    this.#take(settings);
    super.restart(settings);
  }

  override reset(): void {
    this.#dropChallenge();
    this.#sent.drop();
    this.#poller.stop();
    this.#methods = [];
    this.#chosen = undefined;
    super.reset();
  }

  /** Removed from the page: the challenge and a code being sent stop too, and are made again on return. */
  override suspend(): void {
    this.#challenge?.stop.abort();
    this.#sent.stop();
    this.#poller.pause();
    super.suspend();
  }

  override resume(settings: VerifySettings | undefined): void {
    super.resume(settings);
    const { state, transport } = this;
    if (state.step === 'sending-code' && transport) void this.#sendFirst(transport, state.method, this.work.next());
    if (state.step === 'sending-push' && transport) void this.#sendPush(transport, state.method, this.work.next());
    this.#poller.resume();
  }

  /**
   * A recovery code as the user types it, grouped or in lower case: kept as typed, so the field
   * doesn't change under their fingers, and put in Auth0's form when it is sent.
   */
  inputRecoveryCode(text: string): void {
    if (this.state.step === 'recovery-code') this.enter({ ...this.state, typed: text.slice(0, MAX_TYPED) });
  }

  /** "Use another method": the list of the user's methods, from a step they could leave. */
  openMethods(): void {
    const state = this.state;
    const waitingPush = state.step === 'push-sent' && !state.resending;
    if (state.step === 'code' || state.step === 'recovery-code' || (state.step === 'code-sent' && !state.resending) || waitingPush || leavesOtherMethods(state)) {
      this.enter({ step: 'choose-method', back: state });
    }
  }

  /** Back from the list, to the step as it was. */
  closeMethods(): void {
    if (this.state.step === 'choose-method') this.enter(this.state.back);
  }

  /**
   * Switches to `method` (from the list, or "Lost your phone? Use a recovery code" and back): the
   * app's field, a new code sent to a phone or an email, or the recovery-code field. The method
   * the user is on already is returned to as it was.
   */
  choose(method: Method): void {
    const state = this.state;
    const from = state.step === 'choose-method' ? state.back : state;
    const transport = this.transport;
    const leavable = from.step === 'code' || from.step === 'code-sent' || from.step === 'push-sent' || from.step === 'recovery-code' || leavesOtherMethods(from);
    if (!transport || !leavable) return;
    if (sameMethod(methodOf(from), method)) return this.enter(from);
    this.#chosen = method;
    const signal = this.work.next();
    this.#sent.drop();
    this.#poller.stop();
    if (isSent(method)) this.#dropChallenge();
    void this.#open(transport, method, signal, false);
  }

  /** Another code by text, call or email (or another push), once the wait since the last is over: it replaces the last. */
  resend(): void {
    const state = this.state;
    const transport = this.transport;
    if (state.step === 'push-sent' && !state.resending && Date.now() >= state.resendAt && transport) {
      this.enter({ ...state, resending: true, failure: undefined });
      return void this.#sendPush(transport, state.method, this.work.next(), state);
    }
    if (state.step !== 'code-sent' || state.resending || Date.now() < state.resendAt || !transport) return;
    this.enter({ ...state, resending: true, failure: undefined });
    void this.#resend(transport, state.method);
  }

  /** Verify, on the path the user is on. */
  submit(): void {
    const { step } = this.state;
    if (step === 'code' || step === 'code-sent') this.code.submit();
    else if (step === 'recovery-code') void this.#sendRecoveryCode();
  }

  /** Finish: once the new code is saved, or once the user has read that they have none left. */
  finish(): void {
    const state = this.state;
    const saved = this.newRecoveryCodes.saved();
    if (saved) this.#signedIn(saved.tokens, 'recovery-code', true);
    if (state.step === 'recovery-code-used-up') this.#signedIn(state.tokens, 'recovery-code', false);
  }

  /**
   * Lists the user's methods and opens the first (see `methodsOf`, `firstMethod`). When the list
   * can't tell (Auth0's SDK may leave it empty), the app it is, and only the challenge says
   * whether the user has one: its field opens once the challenge has answered, rather than open
   * and close again for a user with none.
   */
  protected override async begin(transport: VerifyTransport, signal: AbortSignal): Promise<void> {
    this.#dropChallenge();
    this.#sent.drop();
    this.#methods = [];
    try {
      const listed = await transport.listAuthenticators(signal);
      if (signal.aborted) return;
      const wanted = this.#authenticatorId;
      this.#methods = listed ? methodsOf(listed) : [{ method: 'otp', id: wanted || undefined }, RECOVERY];
      const chosen = this.#methods.find((method) => sameMethod(method, this.#chosen));
      const first = chosen ?? firstMethod(this.#methods, wanted);
      if (!first) throw new MfaError('not_enrolled', { description: wanted ? `No active authenticator has the id "${wanted}".` : undefined });
      await this.#open(transport, first, signal, !listed);
    } catch (error) {
      if (!signal.aborted) this.fail(error, 'loading');
    }
  }

  protected override interrupted(state: VerifyState): VerifyState {
    if (state.step === 'verifying') return state.entry;
    return state.step === 'code-sent' || state.step === 'push-sent' ? { ...state, resending: false } : state;
  }

  /** The tokens of a recovery code outlive any change of settings until the user has seen what it left them. */
  protected override holdsOn(): boolean {
    const { step } = this.state;
    return step === 'new-recovery-code' || step === 'recovery-code-used-up';
  }

  /**
   * A wrong or refused entry keeps the user on the path they were on: a wrong code is cleared (it
   * is worth nothing), a recovery code is kept (a typo is fixed, not retyped). A sent code that
   * ran out is cleared too, and another may be sent at once; a failed resend leaves the code
   * before, and another may be asked for at once, or once a rate limit's wait is over.
   */
  protected override afterFailure(failure: VerifyFailure): VerifyState {
    const state = this.state;
    const { code, retryAfter } = failure.error;
    // Finding the methods, challenging the app or sending the first code failed: nothing to check a code against.
    if (TOKEN_FATAL.has(code) || failure.step === 'loading' || failure.step === 'sending-code' || failure.step === 'sending-push') return { step: 'error', failure };
    // A push denied, expired or refused: the user may send another at once, or choose another way.
    if (state.step === 'push-sent') return { ...state, resending: false, resendAt: 0, failure };
    const entry = state.step === 'verifying' ? state.entry : state;
    const spent = spendsCode(failure.error) || code === 'expired_code';
    if (entry.step === 'code') return { ...entry, code: spent ? '' : entry.code, failure };
    if (entry.step === 'recovery-code') return { ...entry, failure };
    if (entry.step !== 'code-sent') return { step: 'error', failure };
    const resendFailed = failure.step === 'code-sent' && code !== 'incomplete_code';
    const resendAt = code === 'expired_code' ? 0 : resendFailed ? Date.now() + (retryAfter ?? 0) * 1000 : entry.resendAt;
    return { ...entry, code: spent ? '' : entry.code, resending: false, resendAt, failure };
  }

  /** A message limit on sending another code holds back that alone: the code before still works. */
  protected override waitAfter(failure: VerifyFailure): number | undefined {
    return failure.step === 'code-sent' ? undefined : super.waitAfter(failure);
  }

  /** New settings: the host's authenticator, and the user's choice forgotten when they name another session. */
  #take(settings: VerifySettings | undefined): void {
    if (!settings) return;
    this.#authenticatorId = settings.authenticatorId;
    if (settings.key !== this.#key) this.#chosen = undefined;
    this.#key = settings.key;
  }

  /** Opens `method`'s step; `confirmFirst`: the app's field only once its challenge has answered (rejects if refused). */
  async #open(transport: VerifyTransport, method: Method, signal: AbortSignal, confirmFirst: boolean): Promise<void> {
    if (method.method === 'recovery-code') return this.enter({ step: 'recovery-code', typed: '' });
    if (isSent(method)) return this.#sendFirst(transport, method, signal);
    if (isPush(method)) return this.#sendPush(transport, method, signal);
    const made = this.#challenge;
    const challenge = made && made.authenticatorId === method.id ? made : this.#startChallenge(transport, method.id);
    if (confirmFirst) await challenge.answered;
    if (signal.aborted) return;
    this.enter({ step: 'code', code: '' });
    // A refused challenge ends the sign-in as it comes (a challenge remade later reports its own refusal).
    if (challenge !== made) {
      challenge.answered.catch((error: unknown) => {
        if (!challenge.stop.signal.aborted) this.fail(error, 'loading');
      });
    }
  }

  #startChallenge(transport: VerifyTransport, authenticatorId: string | undefined) {
    this.#challenge?.stop.abort();
    const stop = new AbortController();
    const answered = transport.challenge(authenticatorId, stop.signal);
    this.#challenge = { authenticatorId, answered, stop };
    return this.#challenge;
  }

  /**
   * Waits for the challenge. One stopped by a removal from the page, or one made again before the
   * last code and refused, is made again; a refusal of the first ends the sign-in (see `#open`).
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

  /** The first code to a phone or an email: its field opens once Auth0 has sent it; a failure ends the step (Try again sends again). */
  async #sendFirst(transport: VerifyTransport, method: SentMethod, signal: AbortSignal): Promise<void> {
    this.enter({ step: 'sending-code', method });
    try {
      await this.#sent.request(transport, method, signal).answered;
    } catch (error) {
      if (!signal.aborted) this.fail(error, 'sending-code');
      return;
    }
    if (signal.aborted) return;
    this.enter({ step: 'code-sent', method, code: '', resendAt: Date.now() + RESEND_WAIT.ms, resending: false });
    this.host.notify({ type: 'code-sent', resent: false });
  }

  /**
   * Asks Guardian to notify the phone (`before`: another, from the push-sent step, which stays on
   * screen meanwhile), then polls until the user approves. A denial, the request's expiry or a
   * refusal leaves the step with the way to send another; its polling stops when the step is left.
   */
  async #sendPush(transport: VerifyTransport, method: PushMethod, signal: AbortSignal, before?: PushSentState): Promise<void> {
    this.#poller.stop();
    if (!before) this.enter({ step: 'sending-push', method });
    let request: PushRequest;
    try {
      request = await transport.sendPush(method.id, signal);
    } catch (error) {
      if (signal.aborted) return;
      if (before) this.enter(before);
      return this.fail(error, before ? 'push-sent' : 'sending-push');
    }
    if (signal.aborted) return;
    this.enter({ step: 'push-sent', method, request, resendAt: Date.now() + RESEND_WAIT.ms, resending: false });
    this.host.notify({ type: 'push-sent' });
    // Still this request: on its step, or the list of methods opened from it.
    const current = () => {
      const state = this.state.step === 'choose-method' ? this.state.back : this.state;
      return state.step === 'push-sent' && state.request === request;
    };
    this.#poller.start({
      look: (lookSignal) => lookAt(() => transport.pollPush(request, lookSignal), current, (tokens) => this.#signedIn(tokens, 'push')),
      expired: () => current() && this.#failPush(new MfaError('expired_code')),
      failed: (error) => current() && this.#failPush(error),
    });
  }

  /** A push that ended without an approval: shown on its step (from the list too). */
  #failPush(error: unknown): void {
    if (this.state.step === 'choose-method') this.enter(this.state.back);
    this.fail(error, 'push-sent');
  }

  /** Another code, beside whatever the user does meanwhile: a code typed before it answers waits for it. */
  async #resend(transport: VerifyTransport, method: SentMethod): Promise<void> {
    const request = this.#sent.request(transport, method);
    try {
      await request.answered;
    } catch (error) {
      // Typed meanwhile, the code before was checked instead: that answer is the one to show.
      if (request.current() && this.state.step === 'code-sent') this.fail(error, 'code-sent');
      return;
    }
    const state = this.state;
    if (!request.current()) return;
    const sent = (entry: SentCodeState): SentCodeState => ({ ...entry, resending: false, resendAt: Date.now() + RESEND_WAIT.ms });
    if (state.step === 'code-sent') this.enter(sent(state));
    else if (state.step === 'verifying' && state.entry.step === 'code-sent') this.enter({ ...state, entry: sent(state.entry) });
    else return;
    this.host.notify({ type: 'code-sent', resent: true });
  }

  /** The code typed: the app's once its challenge is answered, a sent one against the newest code Auth0 sent. */
  async #sendCode(code: string): Promise<void> {
    const transport = this.transport;
    const step = this.state.step;
    if (!transport || this.cooldown.active) return;
    if (step === 'code') {
      await this.#verify(async (signal) => {
        await this.#challenged(transport, signal);
        return transport.verifyOtp(code, signal);
      });
    } else if (step === 'code-sent') {
      const sent = this.#sent.code;
      if (sent) await this.#verify(async (signal) => transport.verifySentCode(await sent, code, signal));
    }
  }

  /** A recovery code, as Auth0 writes them; one of the wrong shape is refused before it is sent. A recovery code needs no challenge. */
  async #sendRecoveryCode(): Promise<void> {
    const state = this.state;
    const transport = this.transport;
    if (state.step !== 'recovery-code' || !transport || this.cooldown.active) return;
    const recoveryCode = normalizeRecoveryCode(state.typed);
    if (!RECOVERY_CODE.test(recoveryCode)) return this.fail(new MfaError('invalid_recovery_code'), 'recovery-code');
    await this.#verify((signal) => transport.verifyRecoveryCode(recoveryCode, signal));
  }

  /** Sends what the current step holds through `grant`, and moves on with the answer. */
  async #verify(grant: (signal: AbortSignal) => Promise<TokenResponse | RecoveryGrant>): Promise<void> {
    const entry = this.state as EntryState;
    const method = methodOf(entry)!.method;
    const signal = this.work.next();
    this.enter({ step: 'verifying', entry: { ...entry, failure: undefined } });
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
    this.#sent.drop();
    this.#poller.stop();
    this.finishWith({ step: 'done' });
    this.host.notify(hasRecoveryCode === undefined ? { type: 'verified', tokens, method } : { type: 'verified', tokens, method, hasRecoveryCode });
  }
}
