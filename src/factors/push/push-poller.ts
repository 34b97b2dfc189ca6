import { isMfaError, type MfaErrorCode } from '../../core/errors.js';
import type { PushAnswer } from '../../core/ports.js';

/**
 * How a push is polled (issue 21, and what Auth0 asks): a look every 5 s at first; each
 * `slow_down` adds 5 s for good, so the pace never returns to what Auth0 refused; a failure that
 * passes (the network, a timeout, a 5xx, a rate limit) doubles the wait, up to a minute, instead
 * of hammering; a request lives 5 minutes.
 * An object, so that tests can shorten the times.
 */
export const PUSH_POLL = { intervalMs: 5000, slowDownStepMs: 5000, maxBackoffMs: 60_000, lifetimeMs: 5 * 60_000 };

/** Failures that pass: the request may still be approved, so the polling goes on, slower. */
const PASSING = new Set<MfaErrorCode>(['network', 'timeout', 'server', 'rate_limited']);

/** What one look found: no answer yet, an answer to ask less often, or the approval (taken by the caller). */
export type PushLook = 'pending' | 'slow-down' | 'approved';

/**
 * One look at a request through `poll`, as the poller counts it: the approval goes to `approved`.
 * Once the request is no longer `current` (its step was left), no look is made and no answer
 * counts: the polling ends.
 */
export async function lookAt<Result>(poll: () => Promise<PushAnswer<Result>>, current: () => boolean, approved: (result: Result) => void): Promise<PushLook> {
  if (!current()) return 'approved';
  const answer = await poll();
  if (!current()) return 'approved';
  if (!answer.approved) return answer.slowDown ? 'slow-down' : 'pending';
  approved(answer.result);
  return 'approved';
}

export interface PushPolling {
  /** One look at the request. Rejects with what ends it: a denial, an expiry, a refusal. */
  readonly look: (signal: AbortSignal) => Promise<PushLook>;
  /** The request outlived its time with no answer. */
  readonly expired: () => void;
  /** A look failed with something that doesn't pass (a denial, a refusal): the polling has stopped. */
  readonly failed: (error: unknown) => void;
}

/**
 * Polls one push request at a time, never faster than Auth0 allows, and not at all while the
 * element is away (`pause`, from its session's suspend) or the page is hidden: a tab left open
 * on the sign-in page costs Auth0 nothing. It stops for good on approval, failure, expiry or
 * `stop()` (a reset, a new request). No DOM of the element: the page's visibility only.
 */
export class PushPoller {
  #polling: PushPolling | undefined;
  #intervalMs = PUSH_POLL.intervalMs;
  #waitMs = PUSH_POLL.intervalMs;
  #deadline = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: AbortController | undefined;
  #paused = false;

  /** Starts polling a new request (the one before, if any, is dropped). The first look comes after one interval. */
  start(polling: PushPolling): void {
    this.stop();
    this.#polling = polling;
    this.#intervalMs = this.#waitMs = PUSH_POLL.intervalMs;
    this.#deadline = Date.now() + PUSH_POLL.lifetimeMs;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#schedule();
  }

  /** Stops for good: no look is made after this, and one under way is aborted. */
  stop(): void {
    this.#polling = undefined;
    clearTimeout(this.#timer);
    this.#inFlight?.abort();
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  /** The element left the page: no looks until `resume()`. */
  pause(): void {
    this.#paused = true;
    this.#hold();
  }

  resume(): void {
    this.#paused = false;
    this.#schedule();
  }

  /** Whether a request is being polled (paused or not). */
  get active(): boolean {
    return this.#polling !== undefined;
  }

  readonly #onVisibility = (): void => {
    if (document.hidden) this.#hold();
    else this.#schedule();
  };

  /** No look now: the one under way is aborted and the next is not scheduled (a full wait follows the resume). */
  #hold(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#inFlight?.abort();
  }

  #schedule(): void {
    if (!this.#polling || this.#paused || document.hidden || this.#inFlight) return;
    clearTimeout(this.#timer);
    if (Date.now() >= this.#deadline) return this.#expire();
    this.#timer = setTimeout(() => void this.#look(), this.#waitMs);
  }

  async #look(): Promise<void> {
    const polling = this.#polling;
    if (!polling) return;
    if (Date.now() >= this.#deadline) return this.#expire();
    const inFlight = (this.#inFlight = new AbortController());
    let outcome: PushLook | undefined;
    let failure: unknown;
    try {
      outcome = await polling.look(inFlight.signal);
    } catch (error) {
      failure = error;
    }
    if (this.#inFlight === inFlight) this.#inFlight = undefined;
    // Stopped, paused or hidden meanwhile: what came back no longer counts.
    if (inFlight.signal.aborted || this.#polling !== polling) return this.#schedule();
    if (outcome === 'approved') return this.stop();
    if (outcome === 'slow-down') this.#intervalMs += PUSH_POLL.slowDownStepMs;
    if (outcome) this.#waitMs = this.#intervalMs;
    else if (isMfaError(failure) && PASSING.has(failure.code)) {
      this.#waitMs = Math.min(Math.max(this.#waitMs, this.#intervalMs) * 2, Math.max(PUSH_POLL.maxBackoffMs, this.#intervalMs));
    } else {
      this.stop();
      return polling.failed(failure);
    }
    this.#schedule();
  }

  #expire(): void {
    const polling = this.#polling;
    this.stop();
    polling?.expired();
  }
}
