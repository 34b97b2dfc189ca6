import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isRtl, languageOf, languageChanges, stringsFor } from '../i18n/languages.js';
import { en, type EnrollStrings, type EnrollStringsOverride } from '../i18n/strings.js';

/**
 * The strings an element shows: the table for the language that applies to it
 * (its own `lang`, an ancestor's, the document's), with the host's overrides
 * on top. Worked out before every update, so a `lang` changed on an ancestor
 * shows at the next render, and re-rendered when a language module arrives.
 */
export class Localize implements ReactiveController {
  text: EnrollStrings = en;
  rtl = false;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly overrides: () => EnrollStringsOverride | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    languageChanges.addEventListener('change', this.#onLanguageAdded);
  }

  hostDisconnected(): void {
    languageChanges.removeEventListener('change', this.#onLanguageAdded);
  }

  hostUpdate(): void {
    const lang = languageOf(this.host);
    const { errors, ...rest } = this.overrides() ?? {};
    const table = stringsFor(lang);
    this.text = { ...table, ...rest, errors: { ...table.errors, ...errors } };
    this.rtl = isRtl(lang);
  }

  readonly #onLanguageAdded = (): void => this.host.requestUpdate();
}
