import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isRtl, languageOf, languageChanges, stringsFor } from '../i18n/languages.js';
import type { CommonStrings, MfaStringsOverride } from '../i18n/strings.js';

/**
 * The strings an element shows: the table for the language that applies to it
 * (its own `lang`, an ancestor's, the document's), over the element's own
 * English, with the host's overrides on top. Worked out before every update,
 * so a `lang` changed on an ancestor shows at the next render; re-rendered
 * when the element is connected (moved elsewhere) and when a language module
 * arrives.
 */
export class Localize<Text extends CommonStrings> implements ReactiveController {
  text: Text;
  rtl = false;
  /** The BCP 47 tag that applies, for dates and numbers (`Intl`). */
  lang = 'en';

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    /** The element's strings in English: the fallback, and the keys it shows. */
    private readonly english: Text,
    private readonly overrides: () => MfaStringsOverride | undefined,
  ) {
    this.text = english;
    host.addController(this);
  }

  hostConnected(): void {
    languageChanges.addEventListener('change', this.#onLanguageAdded);
    // Moved (or put back) under another `lang`: speak it now, not at the next step.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    languageChanges.removeEventListener('change', this.#onLanguageAdded);
  }

  hostUpdate(): void {
    const lang = (this.lang = languageOf(this.host));
    const { errors, ...rest } = this.overrides() ?? {};
    const table = stringsFor(lang) ?? this.english;
    this.text = { ...this.english, ...table, ...rest, errors: { ...this.english.errors, ...table.errors, ...errors } };
    this.rtl = isRtl(lang);
  }

  readonly #onLanguageAdded = (): void => this.host.requestUpdate();
}
