import type { SentCode, VerifyTransport } from '../core/ports.js';
import type { SentMethod } from './methods.js';

/** One request for a code, while it is the latest. */
export interface CodeRequest {
  /** Auth0's answer: the new code's `oob_code`. */
  readonly answered: Promise<SentCode>;
  /** Still the latest request, not stopped: its outcome is the session's to show. */
  readonly current: () => boolean;
}

/**
 * The codes Auth0 sent for the method being signed in with. Each request (an `oob` challenge)
 * voids the code before once Auth0 has it; until a new one has answered, and when it fails, the
 * one before is what a typed code is checked against. Requests run beside the session's work (a
 * code typed while a new one is being sent waits for it): each has its own stop.
 */
export class SentCodes {
  #latest: { readonly stop: AbortController; readonly code: Promise<SentCode> } | undefined;

  /** Asks Auth0 to send a code to `method`; `signal` also stops it (the first send is the session's work). */
  request(transport: VerifyTransport, method: SentMethod, signal?: AbortSignal): CodeRequest {
    const before = this.#latest?.code;
    const stop = new AbortController();
    signal?.addEventListener('abort', () => stop.abort(), { once: true });
    const answered = transport.sendChallenge(method.id, stop.signal);
    const code = before ? answered.catch(() => before) : answered;
    // Read only when a code is typed: a failure is reported through `answered`.
    code.catch(() => undefined);
    const latest = { stop, code };
    this.#latest = latest;
    return { answered, current: () => this.#latest === latest && !stop.signal.aborted };
  }

  /** The code to check a typed one against: the newest Auth0 answered with, once any request still out has answered. */
  get code(): Promise<SentCode> | undefined {
    return this.#latest?.code;
  }

  /** Stops a request still out (the element left the page); the codes that came are kept. */
  stop(): void {
    this.#latest?.stop.abort();
  }

  /** Forgets them all: another method, a new session, or the end. */
  drop(): void {
    this.stop();
    this.#latest = undefined;
  }
}
