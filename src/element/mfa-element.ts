import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Auth0Like } from '../auth0/sdk-shapes.js';
import { CODE_LENGTH } from '../core/code.js';
import type { MfaError } from '../core/errors.js';
import type { CommonStrings, MfaStringsOverride } from '../i18n/strings.js';
import { Announcer } from './announcer.js';
import { errorDetail, errorMessage, type Failure } from './error-detail.js';
import { Localize } from './localize.js';
import type { DrivenSession, SessionSettings } from './session.js';
import type { ElementView } from './view.js';

const AUTH0_IDS = new WeakMap<object, number>();
let AUTH0_IDS_ISSUED = 0;

/**
 * What every element of the package shares: the settings they have in common,
 * the words in the user's language, the live region, the network seam, tokens
 * kept out of attributes, and the way it drives its session: new settings
 * handed over in the update that brought them, work suspended when the element
 * leaves the page and resumed when it returns. Each element adds its own
 * settings, its session and its templates.
 */
export abstract class MfaElement<
  State extends { readonly step: string } = { readonly step: string },
  Transport = unknown,
  Text extends CommonStrings = CommonStrings,
> extends LitElement {
  // Static rather than decorators: the same declarations, without a decorator helper in the bundle.
  static override properties: PropertyDeclarations = {
    domain: {},
    timeout: { type: Number },
    strings: { attribute: false },
    theme: { reflect: true },
    auth0: { attribute: false },
  };

  /** Attributes that may carry a token: read into their property, then removed from the DOM. */
  protected static readonly tokenAttributes: ReadonlySet<string> = new Set();

  /** Properties whose change hands the session new settings (which may start it, or start it over). */
  protected static readonly sessionKeys: readonly string[] = [];

  /** The element's words in English: the fallback of every language, and the keys it shows. */
  protected static readonly english: CommonStrings;

  /** The tenant's domain (`tenant.us.auth0.com`), or a base URL with scheme (`https://auth.example.com`); `http:` only for loopback. */
  domain = '';

  /** Milliseconds to wait for each request before giving up with a `timeout` error. */
  timeout = 30_000;

  /** Overrides for single user-visible strings, on top of the language's table. */
  strings: MfaStringsOverride = {};

  /** `light` or `dark` to decide the colours; `auto` (the default) follows the user's setting. */
  theme: 'auto' | 'light' | 'dark' = 'auto';

  /**
   * Auth0's browser SDK, when the app has it: an `Auth0Client` (`@auth0/auth0-spa-js` 2.13.0+;
   * 2.21.1+ for the My Account API), or what `useAuth0()` returns in auth0-react and auth0-vue.
   * The element then works through its `mfa` client (or `myAccount`), so the tokens land in the
   * SDK's cache (DPoP included when the app turned it on), and `domain` and `client-id` are not
   * needed.
   */
  auth0: Auth0Like | undefined = undefined;

  protected readonly announcer = new Announcer(this);
  /** The element's words in the language that applies to it, with the host's overrides. */
  protected readonly localize = new Localize<Text>(this, (this.constructor as typeof MfaElement).english as Text, () => this.strings);
  #scrubbingAttribute = false;
  /** The step last rendered: the `step` attribute, announcements and focus follow its changes. */
  #shownStep: State['step'] | undefined;
  #hadFocus = false;

  /** The element's session: its state by step, and the one place that decides its transitions. */
  protected abstract readonly session: DrivenSession<State, Transport>;

  /** The session's settings, and the way to Auth0 they call for; none while one is missing. */
  protected abstract sessionSettings(): SessionSettings<Transport> | undefined;

  /**
   * Steps that had another name before 0.2, new name → old one: `recovery` meant "save your
   * codes" in one element and "type a recovery code" in another.
   */
  protected static readonly renamedSteps: Readonly<Record<string, string>> = {};

  /**
   * Set to `true` (on the class: `MfaOtpEnroll.legacyStepNames = true`) to get the steps' old
   * names back in `step`, the `step` attribute and error events, for a page that selects or
   * compares them.
   * @deprecated Until 0.3 only: move the page to the new names (see the CHANGELOG).
   */
  static legacyStepNames = false;

  /** The current step, also reflected as the `step` attribute for styling. */
  get step(): State['step'] {
    return this.#named(this.session.state.step);
  }

  /**
   * Starts (or starts over) with the current settings. Runs by itself once they
   * are set; call it to try again after an error.
   */
  start(): void {
    this.session.restart(this.sessionSettings());
  }

  /** Stops any request and forgets everything the element holds: codes, tokens and errors. */
  reset(): void {
    this.session.reset();
  }

  /**
   * Every request the element makes goes through here. Override it (in a
   * subclass, or on one element) to route requests elsewhere, or to stand in
   * for the network in tests.
   */
  fetch(input: URL, init: RequestInit): Promise<Response> {
    return globalThis.fetch(input, init);
  }

  static override get observedAttributes(): string[] {
    // `lang` is the browser's own property: watch the attribute to follow language changes.
    return [...super.observedAttributes, 'lang'];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page: pick up where the removal left off (the first update starts the rest).
    if (this.hasUpdated) this.session.resume(this.sessionSettings());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A move in the DOM disconnects and reconnects in one go: only a real removal stops work.
    queueMicrotask(() => {
      if (!this.isConnected) this.session.suspend();
    });
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (this.#scrubbingAttribute) return;
    if (name === 'lang') return this.requestUpdate();
    super.attributeChangedCallback(name, old, value);
    if ((this.constructor as typeof MfaElement).tokenAttributes.has(name) && value !== null) {
      // Attributes are readable by every script and DOM snapshot: keep tokens in properties only.
      this.#scrubbingAttribute = true;
      this.removeAttribute(name);
      this.#scrubbingAttribute = false;
    }
  }

  /**
   * New settings start their work in the update that brought them, as @lit/task does: the
   * loading step renders in this same frame. When the step changes: announce the new one, and
   * remember whether focus was inside.
   */
  protected override willUpdate(changed: PropertyValues<this>): void {
    const { sessionKeys } = this.constructor as typeof MfaElement;
    if (this.isConnected && sessionKeys.some((key) => (changed as Map<PropertyKey, unknown>).has(key))) this.session.configure(this.sessionSettings());
    super.willUpdate(changed);
    const step = this.session.state.step;
    if (step === this.#shownStep) return;
    // Focus that fell to the page since the last step (the focused button was disabled while its
    // request ran) was still the user's place in the element.
    const dropped = this.#hadFocus && (document.activeElement === null || document.activeElement === document.body);
    this.#hadFocus = this.matches(':focus-within') || dropped;
    const announcement = this.announcementFor(this.#shownStep, step);
    if (announcement) this.announcer.announce(announcement);
  }

  /** Once the new step is on screen: reflect it, and move focus to what changed. */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const [from, to] = [this.#shownStep, this.session.state.step];
    if (from === to) return;
    this.#shownStep = to;
    this.setAttribute('step', this.#named(to));
    this.moveFocusAfter(from, to);
  }

  /**
   * Whether focus was inside the element just before the step changed: the button that had it
   * may be gone, and keyboard users are then kept in place rather than dropped to the page.
   */
  protected get hadFocus(): boolean {
    return this.#hadFocus;
  }

  /** What the polite live region says as a step begins, if anything (errors have their alert). */
  protected abstract announcementFor(from: State['step'] | undefined, to: State['step']): string | undefined;

  /** Moves focus to what the new step asks the user for, in the shadow root. */
  protected abstract moveFocusAfter(from: State['step'] | undefined, to: State['step']): void;

  /**
   * Names the SDK client the element uses (`auth0.mfa` or `auth0.myAccount`) in a session key:
   * the same client keeps the session, another one starts over. The client, not the `auth0`
   * object: `useAuth0()` in React returns a new object whenever the user changes, with the same
   * clients in it.
   */
  protected auth0Key(client: 'mfa' | 'myAccount'): string {
    const named: object | undefined = this.auth0?.[client] ?? this.auth0;
    if (!named) return '';
    let id = AUTH0_IDS.get(named);
    if (id === undefined) AUTH0_IDS.set(named, (id = AUTH0_IDS_ISSUED++));
    return `auth0#${id}`;
  }

  /** Digits of the code the element asks for now, for "Enter all N digits". */
  protected get codeLength(): number {
    return CODE_LENGTH;
  }

  /** What the alert and the error event say of a failure, in the user's language. */
  protected readonly message = (error: MfaError): string => this.messageFor(error);

  /** The words for a failure; an element with words of its own for some failures adds them here. */
  protected messageFor(error: MfaError): string {
    return errorMessage(error, this.localize.text, this.codeLength);
  }

  /** What every element's view holds, from the session, the words and the live region. */
  protected frameView(): ElementView<State, Text> {
    const { text, rtl } = this.localize;
    const { state, cooldown } = this.session;
    return { state, text, rtl, coolingDown: cooldown.active, retryInSeconds: cooldown.secondsLeft, liveRegion: this.announcer.render(), message: this.message, onRetry: this.start };
  }

  /** Reports a failure as the element's error event, in the step it happened in, with the words the alert shows. */
  protected emitFailure<K extends keyof HTMLElementEventMap>(type: K, failure: Failure<State['step']>): void {
    const detail = errorDetail({ ...failure, step: this.#named(failure.step) }, this.message(failure.error));
    this.emit(type, detail as HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never);
  }

  /** A step as the page sees it: its name, or its old one for a page that asked for those. */
  #named(step: State['step']): State['step'] {
    const { legacyStepNames, renamedSteps } = this.constructor as typeof MfaElement;
    return (legacyStepNames && renamedSteps[step]) || step;
  }

  /** Dispatches a bubbling, composed event; nothing is reported to a page the element has left. */
  protected emit<K extends keyof HTMLElementEventMap>(type: K, detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never): void {
    if (this.isConnected) this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
