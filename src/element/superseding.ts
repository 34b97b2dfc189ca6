/**
 * One piece of async work at a time, as `@lit/task` runs them: starting the
 * next aborts the one before, so an answer that arrives for superseded work
 * finds its signal aborted and is dropped.
 */
export class Superseding {
  #controller: AbortController | undefined;

  /** Aborts the current work and returns the signal of the next. */
  next(): AbortSignal {
    this.#controller?.abort();
    this.#controller = new AbortController();
    return this.#controller.signal;
  }

  /** Aborts the current work, with nothing after it. */
  abort(): void {
    this.#controller?.abort();
    this.#controller = undefined;
  }
}
