import type { MfaError } from '../core/errors.js';
import type { VerifyTransport } from '../core/ports.js';
import { commonStrings, sentCodeStrings, verifyStrings, type VerifyText } from '../i18n/strings.js';
import { moveFocus } from '../element/focus.js';
import { MfaElement } from '../element/mfa-element.js';
import { SaveActions } from '../controls/recovery-codes.js';
import { sharedStyles } from '../controls/styles.js';
import { ResendCountdown } from '../factors/sent-code/resend-countdown.js';
import { sentAnnouncement } from '../factors/sent-code/sent-code.view.js';
import { RECOVERY, type Method } from './methods.js';
import { verifyConnection } from './verify-connection.js';
import { VerifySession, type VerifySessionEvent, type VerifySettings } from './verify-session.js';
import { methodOf, type VerifyState, type VerifyStep } from './verify-state.js';
import { renderVerify, stepAnnouncement } from './verify.view.js';
import { verifyStyles } from './mfa-otp-verify.styles.js';

/**
 * Signs a user in again after Auth0 answered `mfa_required` with a `challenge`
 * requirement: lists the user's methods and starts with the first (a push to
 * the Auth0 Guardian app, else their authenticator app, else a code Auth0
 * sends by text message, voice call or email), offers the others, takes the
 * code or waits for the tap, or a recovery code when the phone is lost, and
 * then shows the new recovery code until the user has saved it.
 *
 * @summary Sign-in with an authenticator app, a code by text, call or email, a push to Auth0 Guardian, or a recovery code, for Auth0.
 * @tagname mfa-otp-verify
 *
 * @fires verified - Signed in (after a new recovery code was saved). Detail: the token response and `method`.
 * @fires verify-error - Something failed. Detail: `{ code, message, status?, step, retryable, error?, description?, retryAfter? }`.
 *
 * @slot heading - Replaces the default heading.
 * @slot intro - The host's own introduction, shown under the heading.
 *
 * @csspart base - The element's frame.
 * @csspart heading - The heading.
 * @csspart form - The code form (or the recovery-code form).
 * @csspart code-input - The one-time code input.
 * @csspart submit - The verify button.
 * @csspart use-recovery-code - The switch to signing in with a recovery code.
 * @csspart recovery-input - The recovery-code input.
 * @csspart use-code - The switch back to the code from the app (from Guardian, while a push waits).
 * @csspart sent-to - Where the code was sent ("We sent a code to ••••8730.").
 * @csspart push-sent - "We sent a notification to your phone…", while a push waits for the tap.
 * @csspart push-waiting - "Waiting for you to approve on your phone…", while it is polled for.
 * @csspart resend - Sends another code by text, call or email, or another push, once its countdown is over.
 * @csspart other-methods - "Use another method": opens the list of the user's methods.
 * @csspart method-option - One method in that list.
 * @csspart back - Back from that list (Escape too).
 * @csspart error - The error message (an alert).
 * @csspart retry - The "try again" button after a failure.
 * @csspart new-recovery-code - The new recovery code, shown after one was used.
 * @csspart copy-codes - The button that copies the new recovery code.
 * @csspart download-codes - The button that downloads it as a .txt file.
 * @csspart print-codes - The button that prints it.
 * @csspart recovery-ack - The "I have saved my recovery code" checkbox.
 * @csspart recovery-code-used-up - Says the recovery code used was the last: Auth0 issued no new one.
 * @csspart finish - The button that finishes once the new code is saved (or, with none, Continue).
 * @csspart done - The success message.
 *
 * @cssprop --mfa-font - Font family (the --mfa-* custom properties style every element of the package; their first names, --mfa-otp-enroll-*, still work).
 * @cssprop --mfa-color - Text colour.
 * @cssprop --mfa-muted - Secondary text colour.
 * @cssprop --mfa-background - Background colour.
 * @cssprop --mfa-accent - Buttons, links and focus rings.
 * @cssprop --mfa-accent-text - Text on accent-coloured buttons.
 * @cssprop --mfa-error - Error text colour.
 * @cssprop --mfa-border - Borders.
 * @cssprop --mfa-radius - Corner radius.
 * @cssprop --mfa-gap - Spacing between blocks.
 */
export class MfaOtpVerify extends MfaElement<VerifyState, VerifyTransport, VerifyText> {
  static override styles = [sharedStyles, verifyStyles];

  static override properties = {
    clientId: { attribute: 'client-id' },
    mfaToken: { attribute: 'mfa-token' },
    tokenUrl: { attribute: 'token-url' },
    authenticatorId: { attribute: 'authenticator-id' },
  };

  protected static override readonly english = { ...commonStrings, ...sentCodeStrings, ...verifyStrings };
  protected static override readonly tokenAttributes = new Set(['mfa-token']);
  protected static override readonly renamedSteps = { 'recovery-code': 'recovery' };
  protected static override readonly sessionKeys = ['domain', 'mfaToken', 'authenticatorId', 'auth0'];

  /** The Auth0 application's client ID (a public SPA client: no secret). */
  clientId = '';

  /** The `mfa_token` from an `mfa_required` answer. Set it as a property; an attribute is read, then removed. */
  mfaToken = '';

  /** Send the grants to the site's own backend instead of `{domain}/oauth/token`. */
  tokenUrl = '';

  /** The authenticator to start with, when the host knows it; by default the user's app, else a phone (text before call), else an email. */
  authenticatorId = '';

  protected readonly session = new VerifySession({
    changed: () => this.requestUpdate(),
    notify: (event) => this.#onSessionEvent(event),
  });
  readonly #save = new SaveActions(this, this.announcer, this.localize, () => this.session.newRecoveryCodes.shown);
  readonly #countdown = new ResendCountdown(this);
  /** Back from the list of methods (not a choice): focus returns to the button that opened it. */
  #leavingMethods = false;

  /** Stops any request and forgets everything: codes, tokens and errors. */
  override reset(): void {
    super.reset();
    this.mfaToken = '';
  }

  protected override announcementFor(from: VerifyStep | undefined, to: VerifyStep): string | undefined {
    return stepAnnouncement(from, to, this.localize.text);
  }

  protected override moveFocusAfter(from: VerifyStep | undefined, to: VerifyStep): void {
    const state = this.session.state;
    if (from === 'choose-method' && this.#leavingMethods) {
      this.#leavingMethods = false;
      return moveFocus(this, '[part~="other-methods"]');
    }
    // Back from a refused entry, or onto another method: straight into the field (once a sent code is there).
    if (to === 'code') moveFocus(this, '#code', { unlessTypingElsewhere: from === 'loading' || from === undefined });
    else if (to === 'code-sent' && state.step === 'code-sent' && state.failure?.error.code === 'expired_code') moveFocus(this, '[part~="resend"]');
    else if (to === 'code-sent') moveFocus(this, '#code', { unlessTypingElsewhere: from === 'sending-code' });
    else if (to === 'sending-code' && from === 'choose-method') moveFocus(this, '#sent-to');
    else if (to === 'sending-push' && from === 'choose-method') moveFocus(this, '#push-sent');
    // A push denied or expired: the way to send another.
    else if (to === 'push-sent' && state.step === 'push-sent' && state.failure) moveFocus(this, '[part~="resend"]');
    else if (to === 'choose-method') moveFocus(this, '[part~="method-option"]');
    else if (to === 'recovery-code') moveFocus(this, '#recovery-code');
    else if (to === 'new-recovery-code' || to === 'recovery-code-used-up') moveFocus(this, '#recovery-heading');
    else if ((to === 'done' || to === 'error') && this.hadFocus) moveFocus(this, `#${to}`);
  }

  protected override render() {
    return renderVerify({
      ...this.frameView(),
      methods: this.session.methods,
      resendIn: (resendAt) => this.#countdown.secondsUntil(resendAt),
      onCodeInput: this.#onCodeInput,
      onRecoveryInput: this.#onRecoveryInput,
      onSubmit: this.#onSubmit,
      onUseRecoveryCode: this.#onUseRecoveryCode,
      onUseCode: this.#onUseCode,
      onResend: this.#onResend,
      onOtherMethods: this.#onOtherMethods,
      onChoose: this.#onChoose,
      onBack: this.#onBack,
      onMethodsKeydown: this.#onMethodsKeydown,
      save: this.#save,
      onSavedChange: this.#onSavedChange,
      onFinish: this.#onFinish,
    });
  }

  /** The settings of a sign-in, and the way to Auth0 they call for; none while one is missing. */
  protected sessionSettings(): VerifySettings | undefined {
    const { auth0, domain, clientId, mfaToken, tokenUrl, timeout, authenticatorId } = this;
    const fetch = (input: URL, init: RequestInit) => this.fetch(input, init);
    return verifyConnection({ auth0, auth0Key: this.auth0Key('mfa'), domain, clientId, mfaToken, tokenUrl, timeout, fetch, authenticatorId });
  }

  #onSessionEvent(event: VerifySessionEvent): void {
    if (event.type === 'code-sent') {
      this.announcer.announce(sentAnnouncement(this.localize.text, event.resent));
      // The resend button, disabled while it sent, has lost focus: the new code goes in the field.
      if (event.resent) void this.updateComplete.then(() => moveFocus(this, '#code', { unlessTypingElsewhere: true }));
    } else if (event.type === 'push-sent') {
      // Said once: the polling behind the wait is not announced.
      this.announcer.announce(this.localize.text.pushSent);
    } else if (event.type === 'verified') {
      // Used up: the token is not kept once the host has the new ones.
      this.mfaToken = '';
      const { tokens, method, hasRecoveryCode } = event;
      this.emit('verified', hasRecoveryCode === undefined ? { ...tokens, method } : { ...tokens, method, hasRecoveryCode });
    } else {
      this.emitFailure('verify-error', event.failure);
    }
  }

  protected override get codeLength(): number {
    return this.session.code.length;
  }

  /** A code Auth0 sent has no clock to check: a wrong one says to take the newest message. A push runs out, not a code. */
  protected override messageFor(error: MfaError): string {
    const sent = methodOf(this.session.state)?.method;
    if (sent === 'push' && error.code === 'expired_code') return this.localize.text.pushExpired;
    return error.code === 'invalid_code' && (sent === 'sms' || sent === 'voice' || sent === 'email') ? this.localize.text.wrongSentCode : super.messageFor(error);
  }

  // The templates' handlers: Lit calls them with the element as `this`.

  #onCodeInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const code = this.session.code.input(input.value);
    if (code !== undefined && input.value !== code) input.value = code;
  }

  #onRecoveryInput(event: Event): void {
    this.session.inputRecoveryCode((event.target as HTMLInputElement).value);
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.session.submit();
  }

  #onUseRecoveryCode(): void {
    this.session.choose(RECOVERY);
  }

  #onUseCode(): void {
    const app = this.session.methods.find((method) => method.method === 'otp');
    if (app) this.session.choose(app);
  }

  #onResend(): void {
    this.session.resend();
  }

  #onOtherMethods(): void {
    this.session.openMethods();
  }

  // Called from the list's own handlers, not by Lit: bound here.
  readonly #onChoose = (method: Method): void => this.session.choose(method);

  #onBack(): void {
    this.#leavingMethods = true;
    this.session.closeMethods();
  }

  #onMethodsKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.#onBack();
  }

  #onSavedChange(event: Event): void {
    this.session.newRecoveryCodes.setSaved((event.target as HTMLInputElement).checked);
  }

  #onFinish(): void {
    this.session.finish();
  }
}
