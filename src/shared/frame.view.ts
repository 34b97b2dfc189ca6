import { html, nothing, type TemplateResult } from 'lit';
import type { CommonStrings } from '../i18n/strings.js';
import { renderCooldown } from './code-form.view.js';
import { errorMessage, isRetryable, type Failure } from './error-detail.js';

/** What every element's frame shows around its step. */
export interface FrameView {
  readonly text: CommonStrings;
  readonly rtl: boolean;
  /** The default heading (the host's `heading` slot replaces it). */
  readonly heading: string;
  readonly busy: boolean;
  /** The step's own content. */
  readonly body: TemplateResult | typeof nothing;
  /** The failure to say in the alert, if any; `final` when it ended the step (Try again offered if retryable). */
  readonly failure: Failure | undefined;
  readonly final: boolean;
  /** A rate limit's wait runs: Try again waits for it too, and says how long. */
  readonly coolingDown: boolean;
  readonly retryInSeconds: number;
  /** For the `{digits}` of a message. */
  readonly digits: number;
  /** The polite live region, from the element's announcer. */
  readonly liveRegion: TemplateResult;
  readonly onRetry: () => void;
}

/**
 * The frame of every element: the heading and the host's intro, the step, the
 * alert that says what went wrong (always in the DOM, so it is announced when
 * it fills), "Try again" after a failure that ended the step, and the live region.
 */
export function renderFrame(view: FrameView): TemplateResult {
  const { text, failure } = view;
  return html`
    <section part="base" dir=${view.rtl ? 'rtl' : 'ltr'} aria-labelledby="heading" aria-busy=${view.busy ? 'true' : 'false'}>
      <h2 id="heading" part="heading"><slot name="heading">${view.heading}</slot></h2>
      <slot name="intro"></slot>
      ${view.body}
      <p id="error" part="error" class="error" role="alert" tabindex="-1">${failure ? errorMessage(failure.error, text, view.digits) : ''}</p>
      ${view.final && failure && isRetryable(failure.error.code)
        ? html`<button part="retry" type="button" ?disabled=${view.coolingDown} @click=${view.onRetry}>${text.retry}</button>
            ${renderCooldown(view)}`
        : nothing}
      ${view.liveRegion}
    </section>
  `;
}
