import { html, nothing, type TemplateResult } from 'lit';
import { format, type CommonStrings } from '../i18n/strings.js';

/** "Try again in N seconds", while a rate limit's wait runs. */
export function renderCooldown(view: { readonly text: CommonStrings; readonly coolingDown: boolean; readonly retryInSeconds: number }): TemplateResult | typeof nothing {
  return view.coolingDown ? html`<p class="muted">${format(view.text.retryIn, { seconds: view.retryInSeconds })}</p>` : nothing;
}
