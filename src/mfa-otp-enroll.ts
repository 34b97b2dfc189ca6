import { LitElement, type PropertyValues } from 'lit';
import { copyText, downloadText, fileNameFrom, printText } from './actions.js';
import { associate, confirm, definedOnly, EnrollApiError, type Association } from './api.js';
import { normalizeCode } from './code.js';
import { readDomain, readTokenUrl } from './config.js';
import type { EnrolledDetail, EnrollErrorCode, EnrollErrorDetail, EnrollStep } from './events.js';
import { isRtl, languageOf, localeRegistry, stringsFor } from './i18n.js';
import { qrPath, type QrPath } from './qr.js';
import { format, type EnrollStrings, type EnrollStringsOverride } from './strings.js';
import { styles } from './mfa-otp-enroll.styles.js';
import { renderEnroll, type EnrollHandlers } from './view.js';

/** Settings that start a new enrollment when they change. */
const SESSION_KEYS = ['domain', 'mfaToken', 'accessToken'] as const;
const TOKEN_ATTRIBUTES = new Set(['mfa-token', 'access-token']);
/** Failures after which the token itself is unusable: the QR can't be confirmed any more. */
const TOKEN_FATAL = new Set<EnrollErrorCode>(['invalid_token', 'expired_token', 'already_enrolled']);
const RETRYABLE = new Set<EnrollErrorCode>([
  'invalid_code',
  'incomplete_code',
  'rate_limited',
  'network',
  'timeout',
  'server',
  'bad_response',
]);
const FEEDBACK_MS = 4000;
/** What the polite live region says when a step begins; errors have their own alert. */
const STEP_ANNOUNCEMENTS: Partial<Record<EnrollStep, keyof EnrollStrings>> = {
  scan: 'scanStep',
  confirming: 'verifying',
  recovery: 'recoveryHeading',
  done: 'done',
};

/**
 * Enrolls an authenticator app (TOTP) with Auth0's MFA API: associates, draws
 * the QR, confirms the code the user types, shows recovery codes, and reports
 * each stage with events.
 *
 * @summary Authenticator-app enrollment for Auth0.
 * @tagname mfa-otp-enroll
 *
 * @fires associated - The QR is on screen. Detail: `{ authenticatorType, hasRecoveryCodes }`.
 * @fires enrolled - Enrollment confirmed (after the recovery codes were saved). Detail: the token response.
 * @fires enroll-error - Something failed. Detail: `{ code, message, status?, step, retryable, error?, description?, retryAfter? }`.
 *
 * @slot heading - Replaces the default heading.
 * @slot intro - The host's own introduction, shown under the heading.
 *
 * @csspart base - The widget's frame.
 * @csspart heading - The heading.
 * @csspart qr - The QR code (an inline SVG, always dark on white).
 * @csspart app-link - The "open in authenticator app" link.
 * @csspart secret - The setup key, in groups of four.
 * @csspart copy-secret - The button that copies the setup key.
 * @csspart form - The code form.
 * @csspart code-input - The one-time code input.
 * @csspart submit - The verify button.
 * @csspart error - The error message (an alert).
 * @csspart retry - The "try again" button after a failure.
 * @csspart recovery-codes - The list of recovery codes.
 * @csspart copy-codes - The button that copies the recovery codes.
 * @csspart download-codes - The button that downloads the recovery codes as a .txt file.
 * @csspart recovery-ack - The "I have saved my recovery code" checkbox.
 * @csspart finish - The button that finishes enrollment once the codes are saved.
 * @csspart done - The success message.
 * @csspart manual - The "Can't scan the code?" disclosure with the details for manual entry.
 * @csspart print-codes - The button that prints the recovery codes.
 *
 * @cssprop --mfa-otp-enroll-font - Font family.
 * @cssprop --mfa-otp-enroll-muted - Secondary text colour.
 * @cssprop --mfa-otp-enroll-color - Text colour.
 * @cssprop --mfa-otp-enroll-background - Background colour.
 * @cssprop --mfa-otp-enroll-accent - Buttons and focus rings.
 * @cssprop --mfa-otp-enroll-accent-text - Text on accent-coloured buttons.
 * @cssprop --mfa-otp-enroll-error - Error text colour.
 * @cssprop --mfa-otp-enroll-border - Borders.
 * @cssprop --mfa-otp-enroll-radius - Corner radius.
 * @cssprop --mfa-otp-enroll-gap - Spacing between blocks.
 * @cssprop --mfa-otp-enroll-qr-size - The QR's width and height.
 */
export class MfaOtpEnroll extends LitElement {
  static override styles = styles;

  // Declared here rather than with decorators: it is what the decorators compile to, minus their
  // helper and one call per property, which the size budget notices.
  static override properties = {
    domain: {},
    clientId: { attribute: 'client-id' },
    mfaToken: { attribute: 'mfa-token' },
    accessToken: { attribute: 'access-token' },
    tokenUrl: { attribute: 'token-url' },
    timeout: { type: Number },
    strings: { attribute: false },
    theme: { reflect: true },
    currentStep: { state: true },
    association: { state: true },
    code: { state: true },
    failure: { state: true },
    recoverySaved: { state: true },
    coolingDown: { state: true },
    announcement: { state: true },
  };

  /** The tenant's domain (`tenant.us.auth0.com`), or a base URL with scheme (`https://auth.example.com`); `http:` only for loopback. */
  domain = '';

  /** The Auth0 application's client ID (a public SPA client: no secret). */
  clientId = '';

  /** The `mfa_token` from an `mfa_required` answer. Set it as a property; an attribute is read, then removed. */
  mfaToken = '';

  /** An access token for audience `https://{domain}/mfa/` with scope `enroll`, used when there is no `mfa_token`. */
  accessToken = '';

  /** Send the confirm request to the site's own backend instead of `{domain}/oauth/token`. */
  tokenUrl = '';

  /** Milliseconds to wait for each request before giving up with a `timeout` error. */
  timeout = 30_000;

  /** Overrides for single user-visible strings, on top of the language's table. */
  strings: EnrollStringsOverride = {};

  /** `light` or `dark` to decide the colours; `auto` (the default) follows the user's setting. */
  theme: 'auto' | 'light' | 'dark' = 'auto';

  private currentStep: EnrollStep = 'idle';
  private association: Association | undefined;
  private code = '';
  private failure: EnrollErrorDetail | undefined;
  private recoverySaved = false;
  private coolingDown = false;
  private announcement = '';

  #qr: QrPath | undefined;
  #text!: EnrollStrings;
  #rtl = false;
  /** Tokens from the confirm call, held until the user has saved the recovery codes. */
  #pendingTokens: EnrolledDetail | undefined;
  /** `domain` and token the current enrollment belongs to: one associate per pair. */
  #sessionKey: string | undefined;
  /**
   * The pair of a finished or reset enrollment. Some frameworks (`@lit/react`) set every
   * property again on each render: the same, used-up token must not start over.
   */
  #spentKey: string | undefined;
  /** Where the code is confirmed: `{domain}/oauth/token`, or the site's `token-url`. */
  #confirmUrl: URL | undefined;
  /** Bumped by every new operation: an answer for an older one is stale and dropped. */
  #operation = 0;
  #controller: AbortController | undefined;
  #retryAt = 0;
  #cooldownTimer: ReturnType<typeof setTimeout> | undefined;
  #announcementTimer: ReturnType<typeof setTimeout> | undefined;
  #scrubbingAttribute = false;

  /** The current step, also reflected as the `step` attribute for styling. */
  get step(): EnrollStep {
    return this.currentStep;
  }

  /**
   * Starts (or restarts) enrollment with the current settings. Runs by itself
   * when a domain and a token are set; call it to try again after an error.
   */
  start(): void {
    this.#sessionKey = undefined;
    this.#spentKey = undefined;
    this.#begin(true);
  }

  /** Stops any request and forgets everything: secret, codes, tokens and errors. */
  reset(): void {
    this.#abort();
    this.#forget();
    this.#spentKey = this.#sessionKey;
    this.#sessionKey = undefined;
    this.mfaToken = '';
    this.accessToken = '';
    this.failure = undefined;
    this.currentStep = 'idle';
  }

  static override get observedAttributes(): string[] {
    // `lang` is the browser's own property: watch the attribute to follow language changes.
    return [...super.observedAttributes, 'lang'];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    localeRegistry.addEventListener('change', this.#onLocalesChanged);
    if (this.hasUpdated) {
      this.requestUpdate();
      this.#begin(false);
      this.#armCooldown();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    localeRegistry.removeEventListener('change', this.#onLocalesChanged);
    // A move in the DOM disconnects and reconnects in one go: only a real removal stops work.
    queueMicrotask(() => {
      if (!this.isConnected) this.#suspend();
    });
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (this.#scrubbingAttribute) return;
    if (name === 'lang') return this.requestUpdate();
    super.attributeChangedCallback(name, old, value);
    if (TOKEN_ATTRIBUTES.has(name) && value !== null) {
      // Attributes are readable by every script and DOM snapshot: keep tokens in properties only.
      this.#scrubbingAttribute = true;
      this.removeAttribute(name);
      this.#scrubbingAttribute = false;
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    // Cheap enough to do on every update, and then a language change on an ancestor shows
    // at the next render; the widget re-renders on its own `lang` and on new locale modules.
    const lang = languageOf(this);
    const { errors, ...rest } = this.strings ?? {};
    const table = stringsFor(lang);
    this.#text = { ...table, ...rest, errors: { ...table.errors, ...errors } };
    this.#rtl = isRtl(lang);
    if (changed.has('association')) {
      this.#qr = this.association ? qrPath(this.association.otpauth.uri) : undefined;
    }
    if (SESSION_KEYS.some((key) => changed.has(key))) this.#begin(false);
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('currentStep')) {
      this.setAttribute('step', this.currentStep);
      const announcement = STEP_ANNOUNCEMENTS[this.currentStep];
      if (announcement) this.#announce(this.#text[announcement] as string);
    }
  }

  protected override render() {
    return renderEnroll({
      step: this.currentStep,
      text: this.#text,
      rtl: this.#rtl,
      association: this.association,
      qr: this.#qr,
      digits: this.#digits,
      code: this.code,
      failure: this.failure,
      coolingDown: this.coolingDown,
      retryInSeconds: Math.max(0, Math.ceil((this.#retryAt - Date.now()) / 1000)),
      recoverySaved: this.recoverySaved,
      announcement: this.announcement,
      ...this.#handlers,
    });
  }

  get #digits(): number {
    return this.association?.otpauth.digits ?? 6;
  }

  get #token(): string {
    return this.mfaToken || this.accessToken;
  }

  /**
   * Begins an enrollment for the current domain and token unless one already
   * runs for them. `explicit` (a `start()` call) also reports missing settings.
   */
  #begin(explicit: boolean): void {
    const token = this.#token;
    if (!this.domain || !token) {
      if (explicit) this.#report(this.#configError('"domain" and "mfa-token" or "access-token" are required.'), 'idle');
      else if (this.currentStep !== 'done') this.#settle('idle');
      return;
    }
    const key = `${this.domain}\n${token}`;
    if (key === this.#sessionKey || key === this.#spentKey || !this.isConnected) return;

    this.#abort();
    this.#forget();
    this.failure = undefined;
    this.#sessionKey = key;
    this.#spentKey = undefined;

    const base = readDomain(this.domain);
    if ('problem' in base) return this.#report(this.#configError(base.problem), 'idle');
    if (this.tokenUrl) {
      const tokenUrl = readTokenUrl(this.tokenUrl, document.baseURI);
      if ('problem' in tokenUrl) return this.#report(this.#configError(tokenUrl.problem), 'idle');
      this.#confirmUrl = tokenUrl.url;
    } else if (this.clientId) {
      this.#confirmUrl = new URL('oauth/token', base.url);
    } else {
      return this.#report(this.#configError('"client-id" or "token-url" is required.'), 'idle');
    }
    void this.#associate(base.url, token);
  }

  async #associate(base: URL, token: string): Promise<void> {
    const { operation, signal } = this.#nextOperation();
    this.currentStep = 'loading';
    try {
      const association = await associate(base, token, { signal, timeout: this.timeout });
      if (operation !== this.#operation) return;
      this.association = association;
      this.currentStep = 'scan';
      await this.updateComplete;
      if (operation !== this.#operation) return;
      this.#emit('associated', { authenticatorType: 'otp', hasRecoveryCodes: association.recoveryCodes.length > 0 });
      this.#focus('#code');
    } catch (error) {
      if (operation === this.#operation && !signal.aborted) this.#report(error, 'loading');
    }
  }

  async #confirm(): Promise<void> {
    const association = this.association;
    if (this.currentStep !== 'scan' || !association || this.coolingDown) return;
    if (this.code.length !== this.#digits) {
      this.#report(new EnrollApiError('incomplete_code'), 'scan');
      return;
    }
    const url = this.#confirmUrl;
    if (!url) return;
    const { operation, signal } = this.#nextOperation();
    this.failure = undefined;
    this.currentStep = 'confirming';
    try {
      const tokens = await confirm(
        url,
        { clientId: this.clientId, mfaToken: this.#token, otp: this.code },
        !this.tokenUrl,
        { signal, timeout: this.timeout },
      );
      if (operation !== this.#operation) return;
      if (association.recoveryCodes.length > 0) {
        this.#pendingTokens = tokens;
        this.currentStep = 'recovery';
        await this.updateComplete;
        this.#focus('#recovery-heading', true);
      } else {
        await this.#complete(tokens);
      }
    } catch (error) {
      if (operation !== this.#operation || signal.aborted) return;
      this.currentStep = 'scan';
      // A wrong code is worth nothing; one that never reached the server is kept for the retry.
      if (error instanceof EnrollApiError && (error.code === 'invalid_code' || error.code === 'rate_limited')) {
        this.code = '';
      }
      this.#report(error, 'confirming');
      await this.updateComplete;
      // The input is described by the alert, so a screen reader hears why as it lands there.
      this.#focus('#code', true);
    }
  }

  async #complete(tokens: EnrolledDetail): Promise<void> {
    const hadFocus = this.matches(':focus-within');
    this.#forget();
    this.#spentKey = this.#sessionKey;
    this.#sessionKey = undefined;
    // Used up: the tokens are not kept once the host has them.
    this.mfaToken = '';
    this.accessToken = '';
    this.currentStep = 'done';
    this.#emit('enrolled', tokens);
    await this.updateComplete;
    // Finish is gone: keep keyboard users in place instead of dropping focus to the page.
    if (hadFocus) this.#focus('#done', true);
  }

  /** Turns a failure into the shown message and an `enroll-error` event. */
  #report(error: unknown, step: EnrollStep): void {
    const apiError = error instanceof EnrollApiError ? error : new EnrollApiError('bad_response');
    const { code, status, retryAfter } = apiError;
    const errors = this.#text.errors;
    let message = format(code === 'network' && navigator.onLine === false ? errors.offline : errors[code], {
      digits: this.#digits,
    });
    if (code === 'config' || code === 'request_failed') {
      if (apiError.description) message += ` (${apiError.description})`;
    }
    const detail: EnrollErrorDetail = definedOnly({
      code,
      message,
      step,
      retryable: RETRYABLE.has(code),
      status,
      error: apiError.error,
      description: code === 'config' ? undefined : apiError.description,
      retryAfter,
    });
    this.failure = detail;
    const keepsQr = this.association && (step === 'confirming' || step === 'scan') && !TOKEN_FATAL.has(code);
    if (!keepsQr) {
      const hadFocus = this.matches(':focus-within');
      this.#forget();
      this.#settle('error');
      if (hadFocus) void this.updateComplete.then(() => this.#focus('#error', true));
    }
    if (retryAfter) {
      this.#retryAt = Date.now() + retryAfter * 1000;
      this.#armCooldown();
    }
    this.#emit('enroll-error', detail);
  }

  #configError(problem: string): EnrollApiError {
    return new EnrollApiError('config', undefined, undefined, problem);
  }

  #nextOperation(): { operation: number; signal: AbortSignal } {
    this.#controller?.abort();
    this.#controller = new AbortController();
    return { operation: ++this.#operation, signal: this.#controller.signal };
  }

  #abort(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    this.#operation++;
  }

  /** Removed from the page: stop requests and timers; reconnecting picks up where it can. */
  #suspend(): void {
    const step = this.currentStep;
    this.#abort();
    clearTimeout(this.#cooldownTimer);
    clearTimeout(this.#announcementTimer);
    this.announcement = '';
    if (step === 'loading') {
      this.#sessionKey = undefined;
      this.currentStep = 'idle';
    } else if (step === 'confirming') {
      this.currentStep = 'scan';
    }
  }

  /** Drops the secret, the codes and the pending tokens from memory and the shadow DOM. */
  #forget(): void {
    this.association = undefined;
    this.#qr = undefined;
    this.#pendingTokens = undefined;
    this.code = '';
    this.recoverySaved = false;
  }

  #settle(step: EnrollStep): void {
    this.#abort();
    this.currentStep = step;
  }

  #armCooldown(): void {
    clearTimeout(this.#cooldownTimer);
    const wait = this.#retryAt - Date.now();
    this.coolingDown = wait > 0;
    if (wait > 0) this.#cooldownTimer = setTimeout(() => this.#armCooldown(), wait);
  }

  #emit<K extends 'associated' | 'enrolled' | 'enroll-error'>(
    type: K,
    detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
  ): void {
    // Nothing is reported to a page the widget has left.
    if (this.isConnected) this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /**
   * Moves focus into the widget as a step begins. Unless `always`, it leaves
   * alone a user who is typing in another field of the page.
   */
  #focus(selector: string, always = false): void {
    const active = document.activeElement;
    const typingElsewhere =
      active !== this && (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active?.matches('[contenteditable]'));
    if (always || !typingElsewhere) this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /**
   * Says `text` in the polite live region: emptied first so the same text twice is said twice,
   * then cleared. All on timers, so it never changes state during an update.
   */
  #announce(text: string): void {
    clearTimeout(this.#announcementTimer);
    this.#announcementTimer = setTimeout(() => {
      this.announcement = '';
      this.#announcementTimer = setTimeout(() => {
        this.announcement = text;
        this.#announcementTimer = setTimeout(() => (this.announcement = ''), FEEDBACK_MS);
      }, 50);
    });
  }

  #onLocalesChanged = (): void => this.requestUpdate();

  /** The templates' listeners, made once so that Lit never has to swap them between renders. */
  readonly #handlers: EnrollHandlers = {
    onCodeInput: (event) => {
      const input = event.target as HTMLInputElement;
      const digits = normalizeCode(input.value, this.#digits);
      if (input.value !== digits) input.value = digits;
      this.code = digits;
      if (digits.length === this.#digits) void this.#confirm();
    },
    onSubmit: (event) => {
      event.preventDefault();
      void this.#confirm();
    },
    onCopySecret: async () => {
      const secret = this.association?.otpauth.secret;
      if (secret) this.#afterCopy(await copyText(secret, this.renderRoot.querySelector('#secret .groups')));
    },
    onCopyCodes: async () => {
      const codes = this.association?.recoveryCodes;
      if (codes) this.#afterCopy(await copyText(codes.join('\n'), this.renderRoot.querySelector('#recovery-codes')));
    },
    onDownloadCodes: () => {
      if (this.association) {
        downloadText(fileNameFrom(this.association.otpauth.issuer, '-recovery-codes.txt'), this.#recoveryLines());
      }
    },
    onPrintCodes: () => {
      if (this.association) printText(this.#recoveryLines());
    },
    onRecoveryAck: (event) => {
      this.recoverySaved = (event.target as HTMLInputElement).checked;
    },
    onFinish: () => {
      if (this.currentStep === 'recovery' && this.recoverySaved && this.#pendingTokens) {
        void this.#complete(this.#pendingTokens);
      }
    },
    onRetry: () => this.start(),
  };

  #afterCopy(copied: boolean): void {
    this.#announce(copied ? this.#text.copied : this.#text.copyFailed);
  }

  /** The recovery codes as a file or a printout: a line about them, then one code per line. */
  #recoveryLines(): string[] {
    const { issuer, account } = this.association!.otpauth;
    const about = format(this.#text.recoveryFile, { issuer: [issuer, account].filter(Boolean).join(' · ') });
    return [about, '', ...this.association!.recoveryCodes];
  }
}
