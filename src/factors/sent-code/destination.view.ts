import { html, type TemplateResult } from 'lit';
import type { EnrollText } from '../../i18n/strings.js';
import { countryOptions, type DestinationDraft } from './destination.js';

/** The destination step: a country and a number, or an address, and Send. */
export interface DestinationView {
  readonly text: EnrollText;
  /** The element's language, for the countries' names. */
  readonly lang: string;
  readonly draft: DestinationDraft;
  /** The code is being sent: the fields stay, not editable. */
  readonly sending: boolean;
  /** What was typed was refused: the alert describes the field. */
  readonly invalid: boolean;
  readonly coolingDown: boolean;
  readonly onCountry: (event: Event) => void;
  readonly onPhone: (event: Event) => void;
  readonly onEmail: (event: Event) => void;
  readonly onSubmit: (event: SubmitEvent) => void;
}

/**
 * One form: for a phone, the country (names from the browser, in the user's language) and one
 * `type=tel` field that autofill fills whole (a number with `+` needs no country); for an email,
 * one `type=email` field. The alert describes the field that was refused.
 */
export function renderDestination(view: DestinationView): TemplateResult {
  const { text, draft } = view;
  const invalid = view.invalid ? 'true' : 'false';
  const fields =
    draft.factor === 'email'
      ? html`<label for="email">${text.emailLabel}</label>
          <input id="email" part="email-input" type="email" name="email" autocomplete="email" spellcheck="false" dir="ltr"
            .value=${draft.email} ?readonly=${view.sending} aria-invalid=${invalid} aria-describedby="error" @input=${view.onEmail} />`
      : html`<label for="country">${text.countryLabel}</label>
          <select id="country" part="country" name="country" autocomplete="country" ?disabled=${view.sending} @change=${view.onCountry}>
            <option value="" ?selected=${!draft.region}>${text.countryChoose}</option>
            ${countryOptions(view.lang).map(({ region, label }) => html`<option value=${region} ?selected=${region === draft.region}>${label}</option>`)}
          </select>
          <label for="phone">${text.phoneLabel}</label>
          <input id="phone" part="phone-input" type="tel" name="tel" autocomplete="tel" inputmode="tel" dir="ltr"
            .value=${draft.phone} ?readonly=${view.sending} aria-invalid=${invalid} aria-describedby="error" @input=${view.onPhone} />`;
  return html`
    <form part="destination-form" class="destination-form" novalidate @submit=${view.onSubmit}>
      ${fields}
      <button part="send" type="submit" ?disabled=${view.sending || view.coolingDown} aria-busy=${view.sending ? 'true' : 'false'}>
        ${view.sending ? text.sending : draft.factor === 'voice' ? text.callMe : text.sendCode}
      </button>
    </form>
  `;
}
