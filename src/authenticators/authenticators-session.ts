import { isMfaError } from '../core/errors.js';
import type { Factor } from '../core/factors.js';
import type { AuthenticationMethod, AuthenticatorsTransport, RecoveryCodeEnrollment } from '../core/ports.js';
import type { Failure } from '../element/error-detail.js';
import { NewRecoveryCodes } from '../controls/new-recovery-codes.js';
import { Session, type FailedEvent, type SessionHost, type SessionSettings } from '../element/session.js';

type Methods = readonly AuthenticationMethod[];

/**
 * The settings page's list, step by step. Every step past loading carries
 * the list it shows; the new recovery code exists only in the steps that
 * make the user save it and then confirm it.
 */
export type AuthenticatorsState =
  | { readonly step: 'idle' }
  | { readonly step: 'loading' }
  | { readonly step: 'list'; readonly methods: Methods; readonly failure?: AuthenticatorsFailure }
  | { readonly step: 'confirm-remove'; readonly methods: Methods; readonly method: AuthenticationMethod; readonly failure?: AuthenticatorsFailure }
  | { readonly step: 'removing'; readonly methods: Methods; readonly method: AuthenticationMethod }
  | { readonly step: 'adding'; readonly methods: Methods; readonly adding: AddedKind }
  | { readonly step: 'regenerating'; readonly methods: Methods }
  | NewRecoveryCodeState
  | { readonly step: 'saving-recovery-code'; readonly methods: Methods; readonly enrollment: RecoveryCodeEnrollment }
  | { readonly step: 'error'; readonly failure: AuthenticatorsFailure };

/** A new recovery code, issued but not in force until the user has saved it (and Finish confirms it). */
type NewRecoveryCodeState = {
  readonly step: 'new-recovery-code';
  readonly methods: Methods;
  readonly enrollment: RecoveryCodeEnrollment;
  readonly saved: boolean;
  readonly failure?: AuthenticatorsFailure;
};

/** What the user adds inline: an authenticator app, a phone (text or call) or an email address. */
export type AddedKind = 'otp' | 'phone' | 'email' | 'push';

/** The element's steps, exposed on the host as the `step` attribute for styling. */
export type AuthenticatorsStep = AuthenticatorsState['step'];

export type AuthenticatorsFailure = Failure<AuthenticatorsStep>;

export type AuthenticatorsSettings = SessionSettings<AuthenticatorsTransport>;

/** What the host page hears about. */
export type AuthenticatorsSessionEvent =
  | { readonly type: 'added'; readonly method: AuthenticationMethod }
  | { readonly type: 'removed'; readonly method: AuthenticationMethod }
  /** `replaced`: the user had a recovery code, which stops working now; else this is their first. */
  | { readonly type: 'regenerated'; readonly replaced: boolean }
  | FailedEvent<AuthenticatorsStep>;

/**
 * Method types that prove it's the user at sign-in: losing the last of them is worth a warning.
 * Not a passkey: it signs in instead of the password (usage "primary"), not after it.
 */
const SECOND_FACTORS = new Set(['totp', 'phone', 'email', 'push-notification', 'webauthn-platform', 'webauthn-roaming']);

/**
 * Whether the user has a recovery code in force. Without one, the code they get is their first
 * (an app added through the My Account API comes without), and is offered and introduced as such.
 */
export function hasRecoveryCode(methods: Methods): boolean {
  return methods.some((method) => method.type === 'recovery-code' && method.confirmed);
}

/** Whether the user has a way to prove it's them after the password: an app, a phone, an email… */
export function hasSecondFactor(methods: Methods): boolean {
  return methods.some((method) => method.confirmed && SECOND_FACTORS.has(method.type));
}

/** Whether removing `method` leaves the user with no second factor. */
export function isLastFactor(methods: Methods, method: AuthenticationMethod): boolean {
  return SECOND_FACTORS.has(method.type) && !methods.some((other) => other.id !== method.id && other.confirmed && SECOND_FACTORS.has(other.type));
}

/**
 * The account-settings list's state and the one place that decides its
 * transitions: load the user's methods, remove one after a confirmation,
 * add an authenticator app (the element shows an enroll element inline),
 * and replace the recovery code behind the save gate. No DOM.
 */
export class AuthenticatorsSession extends Session<AuthenticatorsState, AuthenticatorsTransport, AuthenticatorsSessionEvent> {
  /** The factors the tenant lets users add, when the token may read them (`read:me:factors`). */
  enabledFactors: readonly Factor[] | undefined;

  /** Methods Auth0 refused to remove (the email of a verified address): no Remove for them any more. */
  readonly #kept = new Set<string>();

  /** A new recovery code, until the user has saved it; on screen while Finish confirms it too. */
  readonly newRecoveryCodes = new NewRecoveryCodes(this.access, (state) =>
    state.step === 'new-recovery-code' || state.step === 'saving-recovery-code' ? [state.enrollment.recoveryCode] : undefined,
  );

  constructor(host: SessionHost<AuthenticatorsSessionEvent>) {
    super(host, {
      idle: { step: 'idle' },
      loading: { step: 'loading' },
      missingSettings: 'Set "accessToken" (for https://{domain}/me/) as a property, with "domain", or set "auth0".',
    });
  }

  /** "Remove": asks first, in the list. */
  askToRemove(method: AuthenticationMethod): void {
    const state = this.state;
    if (state.step === 'list' || state.step === 'confirm-remove') this.enter({ step: 'confirm-remove', methods: state.methods, method });
  }

  /** "Keep it". */
  cancel(): void {
    const state = this.state;
    if (state.step === 'confirm-remove' || state.step === 'adding') this.enter({ step: 'list', methods: state.methods });
  }

  /** "Yes, remove": removes it, then shows the list as it is now. */
  async remove(): Promise<void> {
    const state = this.state;
    const transport = this.transport;
    if (state.step !== 'confirm-remove' || !transport) return;
    const { methods, method } = state;
    const signal = this.work.next();
    this.enter({ step: 'removing', methods, method });
    try {
      await transport.removeMethod(method.id, signal);
    } catch (error) {
      if (signal.aborted) return;
      // A 400 is Auth0 keeping this one (a verified email): asking again would only fail again.
      if (isMfaError(error) && error.code === 'request_failed' && error.status === 400) this.#kept.add(method.id);
      this.fail(error, 'removing');
      return;
    }
    if (!signal.aborted) await this.#changed(transport, signal, { type: 'removed', method }, methods.filter((other) => other.id !== method.id));
  }

  /** "Add an authenticator app", "Add a phone", "Add an email address": the element shows the enrollment inline. */
  add(adding: AddedKind): void {
    const state = this.state;
    if (state.step === 'list') this.enter({ step: 'adding', methods: state.methods, adding });
  }

  /** Whether Auth0 refused to remove this method: it stays, without Remove. */
  isKept(id: string): boolean {
    return this.#kept.has(id);
  }

  /** The inline enrollment finished: the list again, with the new app in it. */
  async added(method: AuthenticationMethod): Promise<void> {
    const state = this.state;
    const transport = this.transport;
    if (state.step !== 'adding' || !transport) return;
    const signal = this.work.next();
    this.enter({ step: 'loading' });
    await this.#changed(transport, signal, { type: 'added', method }, [...state.methods, method]);
  }

  /** "Get a new recovery code": issued, but not active until the user has saved it. */
  async regenerate(): Promise<void> {
    const state = this.state;
    const transport = this.transport;
    if (state.step !== 'list' || !transport) return;
    const signal = this.work.next();
    this.enter({ step: 'regenerating', methods: state.methods });
    try {
      const enrollment = await transport.startRecoveryCode(signal);
      if (!signal.aborted) this.enter({ step: 'new-recovery-code', methods: state.methods, enrollment, saved: false });
    } catch (error) {
      if (!signal.aborted) this.fail(error, 'regenerating');
    }
  }

  /** Finish, once saved: confirms the new code (the old one stops working), then the list. */
  async finish(): Promise<void> {
    const state = this.newRecoveryCodes.saved();
    const transport = this.transport;
    if (!state || !transport) return;
    const { methods, enrollment } = state;
    const signal = this.work.next();
    this.enter({ step: 'saving-recovery-code', methods, enrollment });
    let current: AuthenticatorsTransport;
    try {
      // A token the host set while the code was on screen (the first one expired, say) confirms it.
      current = (await this.carriedTransport()) ?? transport;
      if (signal.aborted) return;
      await current.confirmRecoveryCode(enrollment, signal);
    } catch (error) {
      if (!signal.aborted) this.fail(error, 'saving-recovery-code');
      return;
    }
    if (!signal.aborted) await this.#changed(current, signal, { type: 'regenerated', replaced: hasRecoveryCode(methods) }, methods);
  }

  protected override async begin(transport: AuthenticatorsTransport, signal: AbortSignal): Promise<void> {
    // Beside the list, not before it: without the tenant's factors, the host's list is offered.
    const enabled = transport.enabledFactors(signal).catch(() => undefined);
    try {
      await this.#reload(transport, signal);
      this.enabledFactors = await enabled;
      if (!signal.aborted) this.host.changed();
    } catch (error) {
      if (!signal.aborted) this.fail(error, 'loading');
    }
  }

  /** A request cut short by a removal leaves the user where they were before it. */
  protected override interrupted(state: AuthenticatorsState): AuthenticatorsState {
    switch (state.step) {
      case 'removing':
        return { step: 'confirm-remove', methods: state.methods, method: state.method };
      case 'regenerating':
        return { step: 'list', methods: state.methods };
      case 'saving-recovery-code':
        return { step: 'new-recovery-code', methods: state.methods, enrollment: state.enrollment, saved: true };
      default:
        return state;
    }
  }

  /** An issued recovery code outlives any change of settings until it is saved and confirmed. */
  protected override holdsOn(): boolean {
    const { step } = this.state;
    return step === 'new-recovery-code' || step === 'saving-recovery-code';
  }

  /**
   * A refused action keeps the list (and an issued code) on screen with the reason; only a
   * failed load, or a token that can't be used any more, ends in the error step.
   */
  protected override afterFailure(failure: AuthenticatorsFailure): AuthenticatorsState {
    const state = this.state;
    const fatal = failure.error.code === 'invalid_token' || failure.error.code === 'expired_token';
    if (fatal || !('methods' in state)) return { step: 'error', failure };
    if (state.step === 'saving-recovery-code' || state.step === 'new-recovery-code') {
      // A code whose enrollment expired can never be confirmed: it goes, the old one still works.
      if (failure.error.code === 'expired_enrollment') return { step: 'list', methods: state.methods, failure };
      return { step: 'new-recovery-code', methods: state.methods, enrollment: state.enrollment, saved: true, failure };
    }
    if (state.step === 'removing' || state.step === 'confirm-remove') {
      if (this.#kept.has(state.method.id)) return { step: 'list', methods: state.methods, failure };
      return { step: 'confirm-remove', methods: state.methods, method: state.method, failure };
    }
    return { step: 'list', methods: state.methods, failure };
  }

  /**
   * A change is made on the tenant: the list again, then the page hears of it. It hears of it
   * even when the list fails to load: the error then shows over the list as it was with the
   * change, never over a step that would ask to make the change again.
   */
  async #changed(transport: AuthenticatorsTransport, signal: AbortSignal, event: AuthenticatorsSessionEvent, methods: Methods): Promise<void> {
    try {
      await this.#reload(transport, signal);
    } catch (error) {
      if (signal.aborted) return;
      this.enter({ step: 'list', methods });
      this.host.notify(event);
      this.fail(error, 'loading');
      return;
    }
    if (!signal.aborted) this.host.notify(event);
  }

  async #reload(transport: AuthenticatorsTransport, signal: AbortSignal): Promise<void> {
    const methods = await transport.listMethods(signal);
    if (!signal.aborted) this.enter({ step: 'list', methods });
  }
}
