import { html, nothing, type TemplateResult } from 'lit';
import { renderCooldown } from './cooldown.view.js';
import { isRetryable, type Failure } from '../element/error-detail.js';
import type { ElementView } from '../element/view.js';

/** What the frame takes from the element's step: the rest it reads from the view. */
export interface FrameContent {
  /** The default heading (the host's `heading` slot replaces it). */
  readonly heading: string;
  /** The step's own content. */
  readonly body: TemplateResult | typeof nothing;
  /** What follows the alert and Try again: the ways on after a failure that ended the step. */
  readonly after?: TemplateResult | typeof nothing;
}

/**
 * The frame of every element: the heading and the host's intro, the step, the
 * alert that says what went wrong (always in the DOM, so it is announced when
 * it fills), "Try again" after a failure that ended the step, and the live region.
 */
export function renderFrame(view: ElementView<{ readonly step: string; readonly failure?: Failure }>, content: FrameContent): TemplateResult {
  const { state, text } = view;
  // A failure in the error step ended it; in any other, the step goes on (a refused entry, say).
  const failure = 'failure' in state ? state.failure : undefined;
  const final = state.step === 'error';
  return html`
    <section part="base" dir=${view.rtl ? 'rtl' : 'ltr'} aria-labelledby="heading" aria-busy=${state.step === 'loading' ? 'true' : 'false'}>
      <h2 id="heading" part="heading"><slot name="heading">${content.heading}</slot></h2>
      <slot name="intro"></slot>
      ${content.body}
      <p id="error" part="error" class="error" role="alert" tabindex="-1">${failure ? view.message(failure.error) : ''}</p>
      ${final && failure && isRetryable(failure.error.code)
        ? html`<button part="retry" type="button" ?disabled=${view.coolingDown} @click=${view.onRetry}>${text.retry}</button>
            ${renderCooldown(view)}`
        : nothing}
      ${content.after ?? nothing}
      ${view.liveRegion}
    </section>
  `;
}
