import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';

/** How long a message stays in the region: long enough to be read, gone before it goes stale. */
const HOLD_MS = 4000;

/**
 * A polite live region for what sighted users see change: a new step, "Copied.".
 * Errors are not said here: they have their own alert. Each message is a new
 * node in the region, so the same words twice are announced twice.
 */
export class Announcer implements ReactiveController {
  #message = '';
  #count = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  announce(message: string): void {
    this.#message = message;
    this.#count++;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#clear(), HOLD_MS);
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#message = '';
  }

  /** The region; render it once, always, so that it exists before anything is said in it. */
  render(): TemplateResult {
    return html`<p class="visually-hidden" role="status">${keyed(this.#count, html`<span>${this.#message}</span>`)}</p>`;
  }

  #clear(): void {
    this.#message = '';
    this.#host.requestUpdate();
  }
}
