import { html } from 'lit';
import { readFactors, type Factor } from '../core/factors.js';
import type { AuthenticationMethod, AuthenticatorsTransport } from '../core/ports.js';
import type { EnrolledDetail, EnrollErrorDetail } from '../enroll/define.js';
import { commonStrings, format, sentCodeStrings, authenticatorsStrings, type AuthenticatorsText } from '../i18n/strings.js';
import { dateFormatter } from './date-format.js';
import { MfaElement } from '../element/mfa-element.js';
import { SaveActions } from '../controls/recovery-codes.js';
import { sharedStyles } from '../controls/styles.js';
import { authenticatorsConnection } from './authenticators-connection.js';
import { moveFocusAfter } from './authenticators-focus.js';
import { AuthenticatorsSession, type AddedKind, type AuthenticatorsSessionEvent, type AuthenticatorsSettings, type AuthenticatorsStep, type AuthenticatorsState } from './authenticators-session.js';
import { methodName, REMOVABLE, renderAuthenticators, stepAnnouncement } from './authenticators.view.js';
import { authenticatorsStyles } from './mfa-authenticators.styles.js';

/**
 * A signed-in user's two-step verification, managed on their account-settings
 * page through Auth0's My Account API: lists their sign-in methods, removes
 * one after a confirmation in the element (warning when it is the last),
 * adds an authenticator app, a phone or an email with `<mfa-otp-enroll>`
 * inline (what the tenant enabled), and replaces the recovery code behind the
 * "I have saved it" gate.
 *
 * @summary Authenticator apps, phones, emails and the recovery code, managed, for Auth0's My Account API.
 * @tagname mfa-authenticators
 *
 * @fires authenticator-added - An authenticator app, a phone or an email was added. Detail: `{ authenticationMethod }`.
 * @fires authenticator-removed - A method was removed. Detail: `{ authenticationMethod }`.
 * @fires recovery-code-regenerated - The recovery code was replaced (after the user saved the new one). Detail: `{}`.
 * @fires authenticators-error - Something failed. Detail: `{ code, message, status?, step, retryable, error?, description?, retryAfter? }`.
 *
 * @slot heading - Replaces the default heading.
 * @slot intro - The host's own introduction, shown under the heading.
 *
 * @csspart base - The element's frame.
 * @csspart heading - The heading.
 * @csspart list - The list of the user's methods.
 * @csspart item - One method: its name, when it was added, and Remove where the element manages it.
 * @csspart remove - Asks to remove a method.
 * @csspart confirm-remove - Removes it, in the confirmation.
 * @csspart cancel-remove - Keeps it.
 * @csspart empty - Said when the user has no second factor.
 * @csspart add - Adds an authenticator app (an enroll element shows inline).
 * @csspart add-phone - Adds a phone, for codes by text or call (inline too).
 * @csspart add-email - Adds an email address for codes (inline too).
 * @csspart add-push - Adds Auth0 Guardian, for push notifications (inline too).
 * @csspart remove-push-warning - In the confirmation of removing Guardian: its app codes go too.
 * @csspart cancel-add - Closes the inline enrollment.
 * @csspart regenerate-recovery-code - Gets a new recovery code.
 * @csspart recovery-codes - The new recovery code.
 * @csspart copy-codes - Copies it.
 * @csspart download-codes - Downloads it as a .txt file.
 * @csspart print-codes - Prints it.
 * @csspart recovery-ack - The "I have saved my recovery code" checkbox.
 * @csspart finish - Confirms the new code, once saved.
 * @csspart error - The error message (an alert).
 * @csspart retry - The "try again" button after a failure.
 *
 * @cssprop --mfa-font - Font family (the --mfa-* custom properties style every element of the package; their first names, --mfa-otp-enroll-*, still work).
 * @cssprop --mfa-color - Text colour.
 * @cssprop --mfa-muted - Secondary text colour.
 * @cssprop --mfa-background - Background colour.
 * @cssprop --mfa-accent - Buttons and focus rings.
 * @cssprop --mfa-accent-text - Text on accent-coloured buttons.
 * @cssprop --mfa-error - Error text, the last-method warning, Remove in the confirmation.
 * @cssprop --mfa-border - Borders.
 * @cssprop --mfa-radius - Corner radius.
 * @cssprop --mfa-gap - Spacing between blocks.
 */
export class MfaAuthenticators extends MfaElement<AuthenticatorsState, AuthenticatorsTransport, AuthenticatorsText> {
  static override styles = [sharedStyles, authenticatorsStyles];

  static override properties = {
    accessToken: { attribute: 'access-token' },
    factors: {},
    email: { attribute: false },
  };

  protected static override readonly english = { ...commonStrings, ...sentCodeStrings, ...authenticatorsStrings };
  protected static override readonly tokenAttributes = new Set(['access-token']);
  protected static override readonly sessionKeys = ['domain', 'accessToken', 'auth0'];

  /**
   * An access token for the My Account API (audience `https://{domain}/me/`), with the scopes
   * of what the user may do: `read:me:authentication_methods` to list, `delete:…` to remove,
   * `create:…` to add and to replace the recovery code. Set it as a property (or use `auth0`).
   */
  accessToken = '';

  /**
   * What the user may add when the token can't read the tenant's factors (no `read:me:factors`):
   * `otp`, `sms`, `voice`, `email`. With that scope, the tenant's enabled factors decide.
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

  /**
   * The user's own verified address, when the page knows it (a property only): Auth0 keeps the
   * email method it made from it, so it gets no Remove, and adding an email starts from it.
   */
  email = '';

  protected readonly session = new AuthenticatorsSession({
    changed: () => this.requestUpdate(),
    notify: (event) => this.#onSessionEvent(event),
  });
  readonly #save = new SaveActions(this, this.announcer, this.localize, () => this.session.newRecoveryCodes.shown);

  /** Stops any request and forgets everything: the list, a new recovery code, errors. */
  override reset(): void {
    super.reset();
    this.accessToken = '';
  }

  protected override announcementFor(): string | undefined {
    return stepAnnouncement(this.session.state, this.localize.text);
  }

  protected override moveFocusAfter(from: AuthenticatorsStep | undefined, to: AuthenticatorsStep): void {
    moveFocusAfter(this, from, to, this.hadFocus);
  }

  protected override render() {
    return renderAuthenticators({
      ...this.frameView(),
      formatDate: dateFormatter(this.localize.lang),
      enrollment: this.#renderEnrollment(),
      offered: this.#offered(),
      removable: (method) => REMOVABLE.has(method.type) && !this.session.isKept(method.id) && !(method.type === 'email' && !!this.email && method.email?.toLowerCase() === this.email.toLowerCase()),
      onRemove: this.#onRemove,
      onConfirmRemove: this.#onConfirmRemove,
      onCancel: this.#onCancel,
      onAdd: this.#onAdd,
      onRegenerate: this.#onRegenerate,
      save: this.#save,
      onSavedChange: this.#onSavedChange,
      onFinish: this.#onFinish,
    });
  }

  /**
   * What the user may add: the tenant's enabled factors, else the host's list. The tenant's list
   * says `phone`, not which ways it sends codes: a host that names `sms` or `voice` narrows them.
   */
  #offered(): readonly Factor[] {
    const enabled = this.session.enabledFactors;
    if (!enabled) return this.factors;
    const ways = this.factors.filter((factor) => factor === 'sms' || factor === 'voice');
    return ways.length ? enabled.filter((factor) => (factor !== 'sms' && factor !== 'voice') || ways.includes(factor)) : enabled;
  }

  /** The enroll element, in the same mode as this one, while the user adds a method: the phone's ways offered, or the one asked for. */
  #renderEnrollment() {
    const state = this.session.state;
    if (state.step !== 'adding') return html``;
    const factors = state.adding === 'phone' ? this.#offered().filter((factor) => factor === 'sms' || factor === 'voice') : [state.adding];
    return html`<mfa-otp-enroll
      tabindex="-1"
      api="my-account"
      .factors=${factors}
      .email=${this.email}
      .domain=${this.domain}
      .accessToken=${this.accessToken}
      .auth0=${this.auth0}
      .timeout=${this.timeout}
      .strings=${this.strings}
      .theme=${this.theme}
      .fetch=${(input: URL, init: RequestInit) => this.fetch(input, init)}
      @enrolled=${this.#onEnrolled}
      @enroll-error=${this.#onEnrollError}
      @associated=${stopHere}
    ></mfa-otp-enroll>`;
  }

  /** The settings of the list, and the way to Auth0 they call for; none while one is missing. */
  protected sessionSettings(): AuthenticatorsSettings | undefined {
    const { auth0, domain, accessToken, timeout } = this;
    const fetch = (input: URL, init: RequestInit) => this.fetch(input, init);
    return authenticatorsConnection({ auth0, auth0Key: this.auth0Key('myAccount'), domain, accessToken, timeout, fetch });
  }

  #onSessionEvent(event: AuthenticatorsSessionEvent): void {
    const text = this.localize.text;
    if (event.type === 'added') {
      const added: Record<string, string> = { phone: text.phoneAdded, email: text.emailAdded, 'push-notification': text.pushAdded };
      this.announcer.announce(added[event.method.type] ?? text.appAdded);
      this.emit('authenticator-added', { authenticationMethod: event.method });
    } else if (event.type === 'removed') {
      this.announcer.announce(format(text.methodRemoved, { name: methodName(event.method, text) }));
      this.emit('authenticator-removed', { authenticationMethod: event.method });
    } else if (event.type === 'regenerated') {
      this.announcer.announce(event.replaced ? text.codeRegenerated : text.codeAdded);
      this.emit('recovery-code-regenerated', {});
    } else {
      this.emitFailure('authenticators-error', event.failure);
    }
  }

  // The templates' handlers: Lit calls them with the element as `this`.

  #onRemove(event: Event): void {
    const id = (event.currentTarget as HTMLButtonElement).value;
    const state = this.session.state;
    const method = 'methods' in state ? state.methods.find((candidate) => candidate.id === id) : undefined;
    if (method) this.session.askToRemove(method);
  }

  #onConfirmRemove(): void {
    void this.session.remove();
  }

  #onCancel(): void {
    this.session.cancel();
  }

  #onAdd(event: Event): void {
    this.session.add((event.currentTarget as HTMLButtonElement).value as AddedKind);
  }

  #onRegenerate(): void {
    void this.session.regenerate();
  }

  #onSavedChange(event: Event): void {
    this.session.newRecoveryCodes.setSaved((event.target as HTMLInputElement).checked);
  }

  #onFinish(): void {
    void this.session.finish();
  }

  /** The inline enrollment's events are this element's business: they don't reach the page as such. */
  #onEnrolled(event: CustomEvent<EnrolledDetail>): void {
    event.stopPropagation();
    const method: AuthenticationMethod | undefined = event.detail.authenticationMethod;
    if (method) void this.session.added(method);
  }

  #onEnrollError(event: CustomEvent<EnrollErrorDetail>): void {
    event.stopPropagation();
    this.emit('authenticators-error', { ...event.detail, step: 'adding' });
  }
}

function stopHere(event: Event): void {
  event.stopPropagation();
}
