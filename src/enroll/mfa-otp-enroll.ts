import type { Association, EnrollTransport } from '../core/ports.js';
import { moveFocus } from '../element/focus.js';
import { commonStrings, sentCodeStrings, enrollStrings, type EnrollText } from '../i18n/strings.js';
import { MfaElement } from '../element/mfa-element.js';
import { SaveActions } from '../controls/recovery-codes.js';
import { sharedStyles } from '../controls/styles.js';
import { enrollConnection, type EnrollApi } from './enroll-connection.js';
import { EnrollSession, type EnrollSessionEvent, type EnrollSettings, type EnrollStep, type EnrollState } from './enroll-session.js';
import { renderEnroll, stepAnnouncement } from './enroll.view.js';
import { enrollStyles } from './mfa-otp-enroll.styles.js';

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
  static override styles = [sharedStyles, enrollStyles];

  static override properties = {
    api: {},
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

  readonly #save = new SaveActions(this, this.announcer, this.localize, () => this.session.newRecoveryCodes.shown, () => this.#association()?.otpauth);
  protected readonly session = new EnrollSession({
    changed: () => this.requestUpdate(),
    notify: (event) => void this.#onSessionEvent(event),
  });

  /** Stops any request and forgets everything: secret, codes, tokens and errors. */
  override reset(): void {
    super.reset();
    this.mfaToken = '';
    this.accessToken = '';
  }

  protected override announcementFor(from: EnrollStep | undefined, to: EnrollStep): string | undefined {
    return stepAnnouncement(from, to, this.localize.text);
  }

  protected override moveFocusAfter(from: EnrollStep | undefined, to: EnrollStep): void {
    if (to === 'scan') moveFocus(this, '#code', { unlessTypingElsewhere: from !== 'confirming' });
    else if (to === 'new-recovery-code') moveFocus(this, '#recovery-heading');
    else if ((to === 'done' || to === 'error') && this.hadFocus) moveFocus(this, `#${to}`);
  }

  protected override render() {
    return renderEnroll({
      ...this.frameView(),
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
    if (event.type === 'associated') {
      await this.updateComplete;
      // Told once the QR is on screen, and only if it still is.
      if (this.#association() !== event.association) return;
      this.emit('associated', { authenticatorType: 'otp', hasRecoveryCodes: event.association.recoveryCodes.length > 0 });
    } else if (event.type === 'enrolled') {
      // Used up: the tokens are not kept once the host has them.
      this.mfaToken = '';
      this.accessToken = '';
      this.emit('enrolled', event.result);
    } else {
      this.emitFailure('enroll-error', event.failure);
    }
  }

  protected override get codeLength(): number {
    return this.session.code.length;
  }

  #association(): Association | undefined {
    const state = this.session.state;
    return 'association' in state ? state.association : undefined;
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

  #onCopySecret(): void {
    const secret = this.#association()?.otpauth.secret;
    if (secret) void this.#save.copy(secret, '#secret .groups');
  }

  #onSavedChange(event: Event): void {
    this.session.newRecoveryCodes.setSaved((event.target as HTMLInputElement).checked);
  }

  #onFinish(): void {
    this.session.finish();
  }
}
