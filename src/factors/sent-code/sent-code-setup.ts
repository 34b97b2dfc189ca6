import { isMfaError, type MfaErrorCode } from '../../core/errors.js';
import type { Destination } from '../../core/factors.js';
import type { EnrollResult, EnrollTransport, SentCode } from '../../core/ports.js';
import { CodeEntry, spendsCode } from '../../controls/code-entry.js';
import type { Failure } from '../../element/error-detail.js';
import type { StateAccess } from '../../element/session.js';
import { readDraft, type DestinationDraft } from './destination.js';
import { RESEND_WAIT } from './resend-countdown.js';

/** A code on its way or sent: where to, what the user typed for it, and when another may be asked for. */
interface Sent {
  readonly draft: DestinationDraft;
  readonly destination: Destination;
  readonly sent: SentCode;
  readonly code: string;
  /** When the resend button wakes (epoch ms). */
  readonly resendAt: number;
}

/** Typing the number or address; what was typed stays through every failure. */
export type DestinationState = { readonly step: 'destination'; readonly draft: DestinationDraft; readonly failure?: Failure };
/** The code Auth0 sent, and its field. */
export type CodeSentState = Sent & { readonly step: 'code-sent'; readonly failure?: Failure };

/** The steps of setting up a phone or an email: the enroll element's, between its choice and the recovery codes. */
export type SentCodeSetupState =
  | DestinationState
  | { readonly step: 'sending'; readonly draft: DestinationDraft }
  | CodeSentState
  | (Sent & { readonly step: 'resending' })
  | (Sent & { readonly step: 'confirming-code' });

export type SentCodeSetupStep = SentCodeSetupState['step'];

const STEPS: ReadonlySet<string> = new Set<SentCodeSetupStep>(['destination', 'sending', 'code-sent', 'resending', 'confirming-code']);

export function isSentCodeSetup(state: { readonly step: string }): state is SentCodeSetupState {
  return STEPS.has(state.step);
}

/** A code-sent step's code, without its last failure. */
function sentOf({ draft, destination, sent, code, resendAt }: Sent): Sent {
  return { draft, destination, sent, code, resendAt };
}

/** What the setup needs of the session that runs it. */
export interface SentCodeSetupHost<State> {
  readonly access: StateAccess<State>;
  readonly transport: () => EnrollTransport | undefined;
  /** A signal for new work, aborting the session's older work. */
  readonly nextWork: () => AbortSignal;
  readonly fail: (error: unknown, step: SentCodeSetupStep) => void;
  /** A rate limit's wait runs: nothing is sent. */
  readonly coolingDown: () => boolean;
  /** A code went out (`again`: a resend, which voided the one before). */
  readonly sent: (destination: Destination, sent: SentCode, again: boolean) => void;
  /** The code was right: the enrollment is confirmed. */
  readonly confirmed: (result: EnrollResult, sent: SentCode, destination: Destination) => void;
}

/** Failures after which the sent code can't be confirmed any more, on this token. */
const ENDS_SETUP = new Set<MfaErrorCode>(['invalid_token', 'expired_token', 'already_enrolled', 'expired_enrollment']);

/**
 * Setting up codes by text, call or email, as the enroll session runs it: the destination typed
 * and checked, the code sent (`sendCode`: a new associate each time, whose code replaces the old
 * one), typed (the same code entry as the app's) and confirmed. It decides these steps'
 * transitions; the session decides what comes before and after.
 */
export class SentCodeSetup<State extends { readonly step: string }> {
  readonly #host: SentCodeSetupHost<State | SentCodeSetupState>;

  /** The sent code, typed into the code-sent step. */
  readonly code: CodeEntry<State | SentCodeSetupState, CodeSentState>;

  constructor(host: SentCodeSetupHost<State | SentCodeSetupState>) {
    this.#host = host;
    this.code = new CodeEntry<State | SentCodeSetupState, CodeSentState>(
      host.access,
      { send: (code) => void this.#confirm(code), refuse: (error) => host.fail(error, 'code-sent') },
      (state) => (isSentCodeSetup(state) && state.step === 'code-sent' ? state : undefined),
    );
  }

  /** Opens the destination step, with what the user had typed before if anything. */
  start(draft: DestinationDraft): void {
    this.#host.access.enter({ step: 'destination', draft });
  }

  /** What the user types, kept as typed. */
  edit(changes: Partial<Omit<DestinationDraft, 'factor'>>): void {
    const state = this.#state();
    if (state?.step === 'destination') this.#host.access.enter({ ...state, draft: { ...state.draft, ...changes } });
  }

  /** Send: checks what was typed (nothing goes out that can't be E.164 or an address), then asks Auth0 to send. */
  send(): void {
    const state = this.#state();
    if (state?.step !== 'destination' || this.#host.coolingDown()) return;
    const destination = readDraft(state.draft);
    if (isMfaError(destination)) this.#host.fail(destination, 'destination');
    else void this.#send(state.draft, destination);
  }

  /** Send a new code, once the wait is over; its code replaces the one before. */
  resend(): void {
    const state = this.#state();
    if (state?.step !== 'code-sent' || Date.now() < state.resendAt || this.#host.coolingDown()) return;
    void this.#send(state.draft, state.destination, state);
  }

  /** Back to the destination, as typed, to change it. */
  changeDestination(): void {
    const state = this.#state();
    if (state?.step === 'code-sent') this.start(state.draft);
  }

  /** Where a failure leaves these steps: what was typed, and the code sent, stay. */
  afterFailure(failure: Failure): SentCodeSetupState | undefined {
    const state = this.#state();
    if (!state || ENDS_SETUP.has(failure.error.code)) return undefined;
    if (state.step === 'destination' || state.step === 'sending') return { step: 'destination', draft: state.draft, failure };
    if (state.step !== 'code-sent') return undefined;
    // An expired code can only be replaced: the resend button wakes at once.
    return failure.error.code === 'expired_code' ? { ...state, code: '', resendAt: 0, failure } : { ...state, failure };
  }

  /** Where a removal from the page leaves a request of these steps. */
  interrupted(state: SentCodeSetupState): SentCodeSetupState {
    if (state.step === 'sending') return { step: 'destination', draft: state.draft };
    if (state.step === 'resending' || state.step === 'confirming-code') return { ...state, step: 'code-sent' };
    return state;
  }

  async #send(draft: DestinationDraft, destination: Destination, before?: CodeSentState): Promise<void> {
    const transport = this.#host.transport();
    if (!transport) return;
    const signal = this.#host.nextWork();
    const { access } = this.#host;
    access.enter(before ? { ...sentOf(before), step: 'resending' } : { step: 'sending', draft });
    try {
      const sent = await transport.sendCode(destination, signal);
      if (signal.aborted) return;
      access.enter({ step: 'code-sent', draft, destination, sent, code: '', resendAt: Date.now() + RESEND_WAIT.ms });
      this.#host.sent(destination, sent, before !== undefined);
    } catch (error) {
      if (signal.aborted) return;
      // A failed resend leaves the code already sent: it may still arrive.
      if (before) access.enter(before);
      this.#host.fail(error, before ? 'resending' : 'sending');
    }
  }

  async #confirm(code: string): Promise<void> {
    const state = this.#state();
    const transport = this.#host.transport();
    if (state?.step !== 'code-sent' || !transport || this.#host.coolingDown()) return;
    const signal = this.#host.nextWork();
    const { access } = this.#host;
    access.enter({ ...sentOf(state), step: 'confirming-code', code });
    try {
      const result = await transport.confirmSentCode(state.sent, code, signal);
      if (signal.aborted) return;
      this.#host.confirmed(result, state.sent, state.destination);
    } catch (error) {
      if (signal.aborted) return;
      access.enter({ ...sentOf(state), step: 'code-sent', code: isMfaError(error) && spendsCode(error) ? '' : code });
      this.#host.fail(error, 'confirming-code');
    }
  }

  /** The current step, when it is one of these. */
  #state(): SentCodeSetupState | undefined {
    const state = this.#host.access.state();
    return isSentCodeSetup(state) ? state : undefined;
  }
}
