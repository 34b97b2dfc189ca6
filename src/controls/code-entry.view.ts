import { html, nothing, type TemplateResult } from 'lit';
import { format, type CommonStrings } from '../i18n/strings.js';
import { renderCooldown } from './cooldown.view.js';

/** The one-time code form, as every element that takes a code shows it. */
export interface CodeFormView {
  readonly text: CommonStrings;
  readonly digits: number;
  /** Seconds between codes, for the hint. */
  readonly period: number;
  /** The field's label and hint, where the code comes from elsewhere than the app (a text, an email); no hint when empty. */
  readonly label?: string;
  readonly hint?: string;
  readonly code: string;
  /** Nothing to enter yet (loading): the form keeps its place, disabled. */
  readonly disabled: boolean;
  /** A code is being checked: shown, not editable. */
  readonly checking: boolean;
  /** The last code was refused: the alert describes the field. */
  readonly invalid: boolean;
  /** A rate limit's wait runs: submit is disabled and the wait is said. */
  readonly coolingDown: boolean;
  readonly retryInSeconds: number;
  readonly onInput: (event: Event) => void;
  readonly onSubmit: (event: SubmitEvent) => void;
}

/**
 * One real input (`autocomplete="one-time-code"`, numeric keyboard), never
 * six boxes: autofill and password managers fill a single field. It is
 * described by the hint and by the alert, so a screen reader hears why a
 * code was refused as focus lands back in it.
 */
export function renderCodeForm(view: CodeFormView): TemplateResult {
  const { text } = view;
  const hint = view.hint ?? format(text.codeHint, { seconds: view.period });
  return html`
    <form part="form" novalidate @submit=${view.onSubmit}>
      <label for="code">${view.label ?? format(text.codeLabel, { digits: view.digits })}</label>
      ${hint ? html`<p id="code-hint" class="muted">${hint}</p>` : nothing}
      <div class="code-row">
        <input
          id="code"
          part="code-input"
          name="otp"
          type="text"
          dir="ltr"
          autocomplete="one-time-code"
          inputmode="numeric"
          spellcheck="false"
          .value=${view.code}
          ?disabled=${view.disabled}
          ?readonly=${view.checking}
          aria-invalid=${view.invalid ? 'true' : 'false'}
          aria-describedby=${hint ? 'code-hint error' : 'error'}
          @input=${view.onInput}
        />
        ${renderSubmit(view)}
      </div>
      ${renderCooldown(view)}
    </form>
  `;
}

/** The verify button: disabled while there is nothing to send or a wait runs; busy while checking. */
export function renderSubmit(view: Pick<CodeFormView, 'text' | 'disabled' | 'checking' | 'coolingDown'>): TemplateResult {
  return html`<button part="submit" type="submit" ?disabled=${view.disabled || view.coolingDown} aria-busy=${view.checking ? 'true' : 'false'}>
    ${view.checking ? view.text.verifying : view.text.submit}
  </button>`;
}
