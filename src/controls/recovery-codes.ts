import { html, type TemplateResult } from 'lit';
import { format, type CommonStrings } from '../i18n/strings.js';
import type { Announcer } from '../element/announcer.js';
import type { Localize } from '../element/localize.js';
import { copyText, downloadText, fileNameFrom, printText } from './save-text.js';

/** What the recovery-code step shows, and what its controls call back. */
export interface RecoveryCodesView {
  readonly codes: readonly string[];
  /** Whether "I have saved it" is ticked: Finish waits for it. */
  readonly saved: boolean;
  readonly text: CommonStrings;
  /** What the step is called, and why the codes matter. */
  readonly heading: string;
  readonly intro: string;
  /** The list's part name. */
  readonly listPart: string;
  readonly actions: RecoveryCodeActions;
  readonly onSavedChange: (event: Event) => void;
  readonly onFinish: () => void;
}

/**
 * The recovery code(s) with copy, download and print, and the save gate: the
 * element moves on only after the user says they saved them, because a code
 * never seen is a user locked out the day the phone is lost.
 */
export function renderRecoveryCodes(view: RecoveryCodesView): TemplateResult {
  const { text } = view;
  return html`
    <h3 id="recovery-heading" tabindex="-1">${view.heading}</h3>
    <p>${view.intro}</p>
    <ul id="recovery-codes" part=${view.listPart} aria-labelledby="recovery-heading" dir="ltr">
      ${view.codes.map((code) => html`<li><code>${code}</code></li>`)}
    </ul>
    <div class="actions">
      <button part="copy-codes" type="button" @click=${view.actions.copyCodes}>${text.copyCodes}</button>
      <button part="download-codes" type="button" @click=${view.actions.downloadCodes}>${text.downloadCodes}</button>
      <button part="print-codes" type="button" @click=${view.actions.printCodes}>${text.printCodes}</button>
    </div>
    <label class="ack">
      <input part="recovery-ack" type="checkbox" .checked=${view.saved} @change=${view.onSavedChange} />
      ${text.recoveryAck}
    </label>
    <button part="finish" type="button" class="primary" ?disabled=${!view.saved} @click=${view.onFinish}>
      ${text.finish}
    </button>
  `;
}

/** The recovery-code step's buttons. */
export interface RecoveryCodeActions {
  readonly copyCodes: () => void;
  readonly downloadCodes: () => void;
  readonly printCodes: () => void;
}

/** The codes on screen, and whose they are. */
export interface ShownCodes {
  readonly codes: readonly string[];
  readonly account: RecoveryAccount;
}

/** Whose codes they are, for the file name and the first line of the file. */
export interface RecoveryAccount {
  readonly issuer: string;
  readonly account: string;
}

/** The site the user signs in to: whose codes they are when nothing names the account. */
const thisSite = (): RecoveryAccount => ({ issuer: location.hostname, account: '' });

/**
 * What the user can do with what they must keep (the recovery codes, the
 * setup key): copy, download, print, each told through the live region.
 * The handlers are fields, so templates can use them as they are.
 */
export class SaveActions implements RecoveryCodeActions {
  readonly #host: HTMLElement;
  readonly #announcer: Announcer;
  readonly #localize: Localize<CommonStrings>;
  readonly #codes: () => readonly string[] | undefined;
  readonly #account: () => RecoveryAccount | undefined;

  constructor(
    host: HTMLElement,
    announcer: Announcer,
    localize: Localize<CommonStrings>,
    /** The codes on screen, while there are. */
    codes: () => readonly string[] | undefined,
    /** Whose they are (the account the QR names), when the element knows; else the site's. */
    account: () => RecoveryAccount | undefined = () => undefined,
  ) {
    this.#host = host;
    this.#announcer = announcer;
    this.#localize = localize;
    this.#codes = codes;
    this.#account = account;
  }

  #shown(): ShownCodes | undefined {
    const codes = this.#codes();
    return codes && { codes, account: this.#account() ?? thisSite() };
  }

  readonly copyCodes = (): void => {
    const shown = this.#shown();
    if (shown) void this.copy(shown.codes.join('\n'), '#recovery-codes');
  };

  /** Saves the codes as `<issuer>-recovery-codes.txt`. */
  readonly downloadCodes = (): void => {
    const shown = this.#shown();
    if (shown) downloadText(fileNameFrom(shown.account.issuer, '-recovery-codes.txt'), this.#lines(shown));
  };

  readonly printCodes = (): void => {
    const shown = this.#shown();
    if (shown) printText(this.#lines(shown));
  };

  /** Copies `text`; if the clipboard refuses, selects what `fallbackSelector` shows instead. */
  async copy(text: string, fallbackSelector: string): Promise<void> {
    const copied = await copyText(text);
    const strings = this.#localize.text;
    this.#announcer.announce(copied ? strings.copied : strings.copyFailed);
    if (copied) return;
    // Safari leaves focus where it was on a click (often the code field), and WebKit then drops
    // a selection made elsewhere in the shadow root: let go of the field first.
    const focused = this.#host.shadowRoot?.activeElement;
    if (focused instanceof HTMLInputElement) focused.blur();
    const fallback = this.#host.shadowRoot?.querySelector(fallbackSelector);
    if (fallback) getSelection()?.selectAllChildren(fallback);
  }

  /** A line saying whose codes they are, a blank line, then one code per line. */
  #lines({ codes, account }: ShownCodes): string[] {
    const whose = [account.issuer, account.account].filter(Boolean).join(' · ');
    return [format(this.#localize.text.recoveryFile, { issuer: whose }), '', ...codes];
  }
}
