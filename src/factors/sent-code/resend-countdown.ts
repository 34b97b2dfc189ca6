import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * How long after a code is sent another may be asked for: each one is a message, Auth0 limits
 * them per number, and a user who taps again at once only voids the code already on its way.
 * An object so that tests can shorten it.
 */
export const RESEND_WAIT = { ms: 30_000 };

/**
 * The countdown on the resend button: re-renders the host once a second while it runs, so the
 * button shows the seconds left; the time it runs to is the step's (`resendAt`), not its own.
 */
export class ResendCountdown implements ReactiveController {
  #until = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Seconds left before `resendAt` (epoch ms); starts the ticking when it is a new time. */
  secondsUntil(resendAt: number): number {
    const left = Math.max(0, Math.ceil((resendAt - Date.now()) / 1000));
    if (left > 0 && resendAt !== this.#until) {
      this.#until = resendAt;
      this.#tick();
    }
    return left;
  }

  hostConnected(): void {
    if (this.#until > Date.now()) this.#tick();
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tick(): void {
    clearInterval(this.#timer);
    this.#timer = setInterval(() => {
      if (Date.now() >= this.#until) this.hostDisconnected();
      this.#host.requestUpdate();
    }, 1000);
  }
}
