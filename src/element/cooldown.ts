/**
 * The wait a rate limit imposes (`Retry-After`): active until the time has
 * passed, and a call to `onEnd` then so the view can enable its button again.
 */
export class Cooldown {
  #until = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  readonly #onEnd: () => void;
  readonly #now: () => number;

  constructor(onEnd: () => void, now: () => number = Date.now) {
    this.#onEnd = onEnd;
    this.#now = now;
  }

  get active(): boolean {
    return this.#until > this.#now();
  }

  /** Whole seconds left, for "Try again in N seconds". */
  get secondsLeft(): number {
    return Math.max(0, Math.ceil((this.#until - this.#now()) / 1000));
  }

  start(seconds: number): void {
    this.#until = this.#now() + seconds * 1000;
    this.resume();
  }

  /** Stops the timer (the element left the page); the wait itself still counts. */
  pause(): void {
    clearTimeout(this.#timer);
  }

  resume(): void {
    clearTimeout(this.#timer);
    const wait = this.#until - this.#now();
    if (wait > 0) this.#timer = setTimeout(() => this.#onEnd(), wait);
  }
}
