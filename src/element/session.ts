import { isMfaError, MfaError } from '../core/errors.js';
import { Cooldown } from './cooldown.js';
import type { Failure } from './error-detail.js';
import { Superseding } from './superseding.js';

/** The settings of one session, as an element hands them over. */
export interface SessionSettings<Transport> {
  /** Names the domain and token: the work of a session is done once per key. */
  readonly key: string;
  /**
   * The way to Auth0 for these settings, possibly loaded on first use; throws (or rejects with)
   * a `config` `MfaError` when they can't work.
   */
  readonly connect: () => Transport | Promise<Transport>;
}

/** A failure, as every session reports it. */
export interface FailedEvent<Step extends string> {
  readonly type: 'failed';
  readonly failure: Failure<Step>;
}

export interface SessionHost<Event> {
  /** The state changed: render it. */
  changed(): void;
  /** Something the host page should hear about. */
  notify(event: Event): void;
}

type Stepped = { readonly step: string };

/** Where a session starts and waits, and what it says when it can't start. */
export interface SessionSteps<State> {
  readonly idle: State;
  readonly loading: State;
  /** What `restart()` says when the element lacks the settings to start: which to set. */
  readonly missingSettings: string;
}

/** What an element does with its session: read the step, hand it settings, start, stop. */
export interface DrivenSession<State extends { readonly step: string }, Transport> {
  readonly state: State;
  /** The wait a rate limit imposed. */
  readonly cooldown: { readonly active: boolean; readonly secondsLeft: number };
  configure(settings: SessionSettings<Transport> | undefined): void;
  restart(settings: SessionSettings<Transport> | undefined): void;
  reset(): void;
  suspend(): void;
  resume(settings: SessionSettings<Transport> | undefined): void;
}

/** What a part of a session (its code entry, its new recovery codes) reads and changes of it. */
export interface StateAccess<State> {
  readonly state: () => State;
  readonly enter: (state: State) => void;
}

/**
 * What the sessions of the elements share: the state and its one setter, one
 * piece of work at a time (a newer one aborts the older), the wait a rate
 * limit imposes, and the rule that a key (domain and token) is worked on once,
 * so a framework that sets the same token again on every render neither
 * starts over nor revives a finished session. Each element's session adds
 * its own steps and decides their transitions.
 */
export abstract class Session<State extends Stepped, Transport, Event> implements DrivenSession<State, Transport> {
  #state: State;
  readonly #steps: SessionSteps<State>;
  #transport: Transport | undefined;
  /** The settings key of the current session. */
  #key: string | undefined;
  /** The key of a finished or reset session: the same, used-up token must not start over. */
  #spentKey: string | undefined;
  /** New settings being connected under a step that holds on. */
  #carrying: { readonly key: string; done: Promise<void> } | undefined;
  protected readonly work = new Superseding();
  /** The wait a rate limit imposed; nothing is submitted until it passes. */
  readonly cooldown: Cooldown;

  constructor(
    protected readonly host: SessionHost<Event | FailedEvent<State['step']>>,
    steps: SessionSteps<State>,
  ) {
    this.#steps = steps;
    this.#state = steps.idle;
    this.cooldown = new Cooldown(() => host.changed());
  }

  get state(): State {
    return this.#state;
  }

  /** The settings changed: new ones start a session; none (no domain or token) go back to idle. */
  configure(settings: SessionSettings<Transport> | undefined): void {
    if (this.holdsOn()) {
      // What the user has yet to save stays on screen; new settings (a fresh token) carry on its work.
      if (settings && settings.key !== this.#key && settings.key !== this.#carrying?.key) this.#carryOn(settings);
      return;
    }
    if (!settings) {
      // A finished session stays on screen when its token goes (the element clears it itself).
      if (this.#state.step === 'done') return;
      this.work.abort();
      this.#key = undefined;
      this.enter(this.#steps.idle);
    } else if (settings.key !== this.#key && settings.key !== this.#spentKey) {
      this.#begin(settings);
    }
  }

  /** Starts over, even with the same settings; without any, says which are missing. */
  restart(settings: SessionSettings<Transport> | undefined): void {
    if (this.holdsOn()) return;
    this.#spentKey = undefined;
    if (settings) this.#begin(settings);
    else this.fail(new MfaError('config', { description: this.#steps.missingSettings }), this.#steps.idle.step);
  }

  /** Forgets everything (codes, tokens, errors) and waits for new settings. */
  reset(): void {
    this.work.abort();
    this.#carrying = undefined;
    this.#spentKey = this.#key;
    this.#key = undefined;
    this.#transport = undefined;
    this.enter(this.#steps.idle);
  }

  /** The element left the page: stop the request and the timer; `resume` picks up where it can. */
  suspend(): void {
    this.work.abort();
    this.cooldown.pause();
    if (this.#state.step === this.#steps.loading.step) {
      // Started again on return: nothing was shown yet.
      this.#key = undefined;
      this.enter(this.#steps.idle);
    } else {
      this.enter(this.interrupted(this.#state));
    }
  }

  resume(settings: SessionSettings<Transport> | undefined): void {
    this.cooldown.resume();
    this.configure(settings);
  }

  /** The state and its setter, for the parts a session is made of. */
  protected readonly access: StateAccess<State> = { state: () => this.#state, enter: (state) => this.enter(state) };

  /** The transport of the current session, while there is one. */
  protected get transport(): Transport | undefined {
    return this.#transport;
  }

  /** The transport for the work of a step that holds on: new settings' once connected. */
  protected async carriedTransport(): Promise<Transport | undefined> {
    await this.#carrying?.done;
    return this.#transport;
  }

  /** Runs the session's first work (loading) with the transport its settings gave. */
  protected abstract begin(transport: Transport, signal: AbortSignal): Promise<void>;

  /** Where a request interrupted by a removal leaves the user (the step they were on). */
  protected abstract interrupted(state: State): State;

  /** Whether the current step must survive any change of settings (something the user has yet to save). */
  protected abstract holdsOn(): boolean;

  /** The state a failure leads to from the current one. */
  protected abstract afterFailure(failure: Failure<State['step']>): State;

  /** The session is over: its key is spent. */
  protected finishWith(state: State): void {
    this.#spentKey = this.#key;
    this.#key = undefined;
    this.#transport = undefined;
    this.enter(state);
  }

  /** Reports a failure: the session decides the next state, a `Retry-After` starts the wait. */
  protected fail(cause: unknown, step: State['step']): void {
    const error = isMfaError(cause) ? cause : new MfaError('bad_response');
    const failure: Failure<State['step']> = { error, step };
    // The failed work is over; anything else still running belongs to the state being left.
    this.work.abort();
    this.enter(this.afterFailure(failure));
    const wait = this.waitAfter(failure);
    if (wait) this.cooldown.start(wait);
    this.host.notify({ type: 'failed', failure });
  }

  /**
   * Seconds everything the user submits waits after a failure: its `Retry-After`. A session
   * whose failure holds back only one action (sending another code) says none, and waits there.
   */
  protected waitAfter(failure: Failure<State['step']>): number | undefined {
    return failure.error.retryAfter;
  }

  protected enter(state: State): void {
    this.#state = state;
    this.host.changed();
  }

  /**
   * Connects new settings under a step that holds on, keeping the step: the work still to do
   * (confirming the code on screen) goes through them. Unusable ones leave the current ones.
   */
  #carryOn(settings: SessionSettings<Transport>): void {
    const carrying = { key: settings.key, done: Promise.resolve() };
    this.#carrying = carrying;
    carrying.done = (async () => {
      let transport: Transport;
      try {
        transport = await settings.connect();
      } catch {
        return;
      }
      if (this.#carrying !== carrying || !this.holdsOn()) return;
      this.#key = settings.key;
      this.#transport = transport;
    })();
  }

  #begin(settings: SessionSettings<Transport>): void {
    this.#carrying = undefined;
    this.#key = settings.key;
    this.#spentKey = undefined;
    this.#transport = undefined;
    const signal = this.work.next();
    this.enter(this.#steps.loading);
    void this.#connect(settings, signal);
  }

  async #connect(settings: SessionSettings<Transport>, signal: AbortSignal): Promise<void> {
    let transport: Transport;
    try {
      transport = await settings.connect();
    } catch (error) {
      if (!signal.aborted) this.fail(error, this.#steps.idle.step);
      return;
    }
    if (signal.aborted) return;
    this.#transport = transport;
    await this.begin(transport, signal);
  }
}
