import type { PropertyValues } from 'lit';
import type { MfaError } from '../core/errors.js';
import { readFactors, type Factor } from '../core/factors.js';
import type { EnrollTransport } from '../core/ports.js';
import type { OtpauthUri } from '../core/otpauth.js';
import { moveFocus } from '../element/focus.js';
import { firstRegion } from '../factors/sent-code/destination.js';
import { sentCodeHandlers } from '../factors/sent-code/handlers.js';
import { ResendCountdown } from '../factors/sent-code/resend-countdown.js';
import { sentAnnouncement } from '../factors/sent-code/sent-code.view.js';
import { sentCodeStyles } from '../factors/sent-code/sent-code.styles.js';
import { languageOf } from '../i18n/languages.js';
import { commonStrings, sentCodeStrings, enrollStrings, type EnrollText } from '../i18n/strings.js';
import { MfaElement } from '../element/mfa-element.js';
import { SaveActions } from '../controls/recovery-codes.js';
import { sharedStyles } from '../controls/styles.js';
import { enrollConnection, type EnrollApi } from './enroll-connection.js';
import { EnrollSession, type EnrollSessionEvent, type EnrollSettings, type EnrollStep, type EnrollState } from './enroll-session.js';
import { renderEnroll, stepAnnouncement } from './enroll.view.js';
import { enrollStyles } from './mfa-otp-enroll.styles.js';

/**
 * Enrolls an authenticator app (TOTP), a phone or an email that Auth0 sends codes to, or the Auth0
 * Guardian app for push notifications, with Auth0's MFA API (or the My Account API): associates,
 * draws the QR or sends the code, confirms the code the user types (or waits for Guardian to
 * confirm), shows recovery codes, and reports each stage with events.
 *
 * @summary Authenticator-app enrollment for Auth0.
 * @tagname mfa-otp-enroll
 *
 * @fires associated - The QR is on screen, or the code was sent. Detail: `{ authenticatorType, factor, hasRecoveryCodes, resent? }`.
 * @fires enrolled - Enrollment confirmed (after the recovery codes were saved). Detail: the token response and `factor`.
 * @fires enroll-error - Something failed. Detail: `{ code, message, status?, step, retryable, error?, description?, retryAfter? }`.
 *
 * @slot heading - Replaces the default heading.
 * @slot intro - The host's own introduction, shown under the heading.
 *
 * @csspart base - The widget's frame.
 * @csspart factor-option - Each choice of factor, when several are offered (the app first).
 * @csspart choose-another - Back to the choice of factor.
 * @csspart destination-form - The phone or email form.
 * @csspart country - The country choice for a phone number.
 * @csspart phone-input - The phone number field.
 * @csspart email-input - The email address field.
 * @csspart send - The button that sends the code.
 * @csspart sent-to - "We sent a code to …".
 * @csspart resend - The button that sends a new code (a countdown while it waits).
 * @csspart change-destination - Back to the number or address, to change it.
 * @csspart heading - The heading.
 * @csspart qr - The QR code (an inline SVG, always dark on white).
 * @csspart get-guardian - Where to get the Auth0 Guardian app, beside its QR.
 * @csspart push-waiting - "Waiting for the Guardian app to confirm…", while it is polled for.
 * @csspart app-link - The "open in authenticator app" link.
 * @csspart manual - The "Can't scan the code?" disclosure with the details for manual entry.
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
 * @csspart print-codes - The button that prints the recovery codes.
 * @csspart recovery-ack - The "I have saved my recovery code" checkbox.
 * @csspart finish - The button that finishes enrollment once the codes are saved.
 * @csspart done - The success message.
 *
 * @cssprop --mfa-font - Font family.
 * @cssprop --mfa-color - Text colour.
 * @cssprop --mfa-muted - Secondary text colour.
 * @cssprop --mfa-background - Background colour.
 * @cssprop --mfa-accent - Buttons and focus rings.
 * @cssprop --mfa-accent-text - Text on accent-coloured buttons.
 * @cssprop --mfa-error - Error text colour.
 * @cssprop --mfa-border - Borders.
 * @cssprop --mfa-radius - Corner radius.
 * @cssprop --mfa-gap - Spacing between blocks.
 * @cssprop --mfa-qr-size - The QR's width and height.
 */
export class MfaOtpEnroll extends MfaElement<EnrollState, EnrollTransport, EnrollText> {
  static override styles = [sharedStyles, sentCodeStyles, enrollStyles];

  static override properties = {
    api: {},
    factors: {},
    defaultCountry: { attribute: 'default-country' },
    email: { attribute: false },
    clientId: { attribute: 'client-id' },
    mfaToken: { attribute: 'mfa-token' },
    accessToken: { attribute: 'access-token' },
    tokenUrl: { attribute: 'token-url' },
  };

  protected static override readonly english = { ...commonStrings, ...sentCodeStrings, ...enrollStrings };
  protected static override readonly tokenAttributes = new Set(['mfa-token', 'access-token']);
  protected static override readonly renamedSteps = { 'new-recovery-code': 'recovery' };
  protected static override readonly sessionKeys = ['api', 'domain', 'mfaToken', 'accessToken', 'auth0'];

  /**
   * `mfa` (the default): Auth0's MFA API, at sign-in, with an `mfa_token`. `my-account`: the My
   * Account API, on a signed-in user's settings page, with an `accessToken` for
   * `https://{domain}/me/` (or `auth0`); it issues no tokens and no recovery codes.
   */
  api: EnrollApi = 'mfa';

  /** The Auth0 application's client ID (a public SPA client: no secret). */
  clientId = '';

  /** The `mfa_token` from an `mfa_required` answer. Set it as a property; an attribute is read, then removed. */
  mfaToken = '';

  /**
   * An access token, used when there is no `mfa_token`: for `https://{domain}/mfa/` with scope
   * `enroll`, or, with `api="my-account"`, for `https://{domain}/me/`. Same attribute handling.
   */
  accessToken = '';

  /** Send the confirm request to the site's own backend instead of `{domain}/oauth/token`. */
  tokenUrl = '';

  /**
   * What the user may set up: `otp` (an authenticator app, the default), `sms`, `voice`, `email`,
   * as a list or a space-separated attribute. One goes straight to it; several show a choice
   * first, the app first and recommended. Offer only what the tenant enabled.
   * A string in the attribute's words (`'sms email'`) is read as the attribute is: frameworks that
   * set properties pass one on.
   */
  get factors(): readonly Factor[] {
    return this.#factors;
  }
  set factors(value: readonly Factor[] | string | null) {
    this.#factors = readFactors(value ?? '');
  }
  #factors: readonly Factor[] = ['otp'];

  /** The country chosen first for a phone number (ISO 3166-1, `DE`); else the language's region. */
  defaultCountry = '';

  /** The user's address, to start the email field with (a property only: never an attribute). */
  email = '';

  readonly #save = new SaveActions(this, this.announcer, this.localize, () => this.session.newRecoveryCodes.shown, () => this.#otpauth());
  protected readonly session = new EnrollSession({
    changed: () => this.requestUpdate(),
    notify: (event) => void this.#onSessionEvent(event),
  });
  readonly #sentCode = sentCodeHandlers(this.session.sentCode);
  readonly #countdown = new ResendCountdown(this);

  /** Stops any request and forgets everything: secret, codes, tokens and errors. */
  override reset(): void {
    super.reset();
    this.mfaToken = '';
    this.accessToken = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // What the user may set up, read before the settings start an enrollment (`localize` learns the language after this hook).
    const { factors, defaultCountry, email } = this;
    this.session.choices = { factors, region: firstRegion(defaultCountry, languageOf(this)), email };
    super.willUpdate(changed);
  }

  protected override announcementFor(from: EnrollStep | undefined, to: EnrollStep): string | undefined {
    const state = this.session.state;
    return stepAnnouncement(from, to, this.localize.text, state.step === 'done' ? state.factor : 'otp');
  }

  protected override moveFocusAfter(from: EnrollStep | undefined, to: EnrollStep): void {
    const field = this.factors.length > 1 || from !== undefined;
    if (to === 'scan') moveFocus(this, '#code', { unlessTypingElsewhere: from !== 'confirming' });
    else if (to === 'choose' && this.hadFocus) moveFocus(this, '[part=factor-option]');
    else if (to === 'push-scan' && this.hadFocus) moveFocus(this, '[part=get-guardian]');
    else if (to === 'destination' && field) moveFocus(this, '#phone, #email', { unlessTypingElsewhere: from !== 'sending' });
    else if (to === 'code-sent') moveFocus(this, '#code', { unlessTypingElsewhere: from !== 'sending' && from !== 'resending' && from !== 'confirming-code' });
    else if (to === 'new-recovery-code') moveFocus(this, '#recovery-heading');
    else if ((to === 'done' || to === 'error') && this.hadFocus) moveFocus(this, `#${to}`);
  }

  protected override render() {
    const state = this.session.state;
    return renderEnroll({
      ...this.frameView(),
      factors: this.factors,
      lang: this.localize.lang,
      resendIn: state.step === 'code-sent' ? this.#countdown.secondsUntil(state.resendAt) : 0,
      sentCode: this.#sentCode,
      onChoose: this.#onChoose,
      onChooseAnother: this.#onChooseAnother,
      onCodeInput: this.#onCodeInput,
      onSubmit: this.#onSubmit,
      onCopySecret: this.#onCopySecret,
      save: this.#save,
      onSavedChange: this.#onSavedChange,
      onFinish: this.#onFinish,
    });
  }

  /** The settings of an enrollment, and the way to Auth0 they call for; none while one is missing. */
  protected sessionSettings(): EnrollSettings | undefined {
    const { api, auth0, domain, clientId, mfaToken, accessToken, tokenUrl, timeout } = this;
    const fetch = (input: URL, init: RequestInit) => this.fetch(input, init);
    return enrollConnection({ api, auth0, auth0Key: this.auth0Key(api === 'my-account' ? 'myAccount' : 'mfa'), domain, clientId, mfaToken, accessToken, tokenUrl, timeout, fetch });
  }

  async #onSessionEvent(event: EnrollSessionEvent): Promise<void> {
    if (event.type === 'associated' && event.factor === 'otp') {
      await this.updateComplete;
      // Told once the QR is on screen, and only if it still is.
      const state = this.session.state;
      if (!('association' in state) || state.association !== event.association) return;
      this.emit('associated', { authenticatorType: 'otp', factor: 'otp', hasRecoveryCodes: event.association.recoveryCodes.length > 0 });
    } else if (event.type === 'associated' && event.factor === 'push') {
      this.emit('associated', { authenticatorType: 'oob', factor: 'push', hasRecoveryCodes: event.request.recoveryCodes.length > 0 });
    } else if (event.type === 'associated') {
      this.announcer.announce(sentAnnouncement(this.localize.text, event.again));
      const hasRecoveryCodes = event.sent.recoveryCodes.length > 0;
      this.emit('associated', { authenticatorType: 'oob', factor: event.factor, hasRecoveryCodes, ...(event.again ? { resent: true } : {}) });
    } else if (event.type === 'enrolled') {
      // Used up: the tokens are not kept once the host has them.
      this.mfaToken = '';
      this.accessToken = '';
      this.emit('enrolled', { ...event.result, factor: event.factor });
    } else {
      this.emitFailure('enroll-error', event.failure);
    }
  }

  protected override get codeLength(): number {
    return this.session.code.length;
  }

  /** What was typed for a phone or an email, refused before sending, in the words of this element. */
  protected override messageFor(error: MfaError): string {
    const problem = { phone: 'phoneInvalid', country: 'phoneNeedsCountry', email: 'emailInvalid' } as const;
    if (error.destinationProblem) return this.localize.text[problem[error.destinationProblem]];
    // A sent code has no phone clock to check.
    if (error.code === 'invalid_code' && 'sent' in this.session.state) return this.localize.text.wrongSentCode;
    return super.messageFor(error);
  }

  /** The app's account, while a step holds it: it names the recovery-code file. */
  #otpauth(): OtpauthUri | undefined {
    const state = this.session.state;
    return 'association' in state ? state.association.otpauth : state.step === 'new-recovery-code' ? state.otpauth : undefined;
  }

  // The templates' handlers: Lit calls them with the element as `this`.

  #onCodeInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const code = this.session.code.input(input.value);
    if (code !== undefined && input.value !== code) input.value = code;
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.session.code.submit();
  }

  #onChoose(event: Event): void {
    this.session.choose((event.currentTarget as HTMLButtonElement).value as Factor);
  }

  #onChooseAnother(): void {
    this.session.chooseAnother();
  }

  #onCopySecret(): void {
    const secret = this.#otpauth()?.secret;
    if (secret) void this.#save.copy(secret, '#secret .groups');
  }

  #onSavedChange(event: Event): void {
    this.session.newRecoveryCodes.setSaved((event.target as HTMLInputElement).checked);
  }

  #onFinish(): void {
    this.session.finish();
  }
}
