import { isMfaError, type MfaErrorCode } from '../core/errors.js';
import type { Destination, Factor, SentFactor } from '../core/factors.js';
import type { OtpauthUri } from '../core/otpauth.js';
import type { Association, EnrollResult, EnrollTransport, PushRequest, SentCode } from '../core/ports.js';
import { CodeEntry, spendsCode } from '../controls/code-entry.js';
import { NewRecoveryCodes } from '../controls/new-recovery-codes.js';
import { qrPath, type QrPath } from '../controls/qr.js';
import type { Failure } from '../element/error-detail.js';
import { Session, type FailedEvent, type SessionHost, type SessionSettings } from '../element/session.js';
import type { DestinationDraft } from '../factors/sent-code/destination.js';
import { PushSetup, type PushSetupState } from '../factors/push/push-setup.js';
import { SentCodeSetup, type SentCodeSetupState } from '../factors/sent-code/sent-code-setup.js';

/** What the user sets their app up from: the association and the QR drawn from it. */
interface Setup {
  readonly association: Association;
  readonly qr: QrPath;
}

/**
 * An enrollment, step by step. Each step carries exactly what it shows, so a
 * QR without a secret, or tokens before the code was confirmed, can't be written.
 */
export type EnrollState =
  | { readonly step: 'idle' }
  | { readonly step: 'loading' }
  | { readonly step: 'choose'; readonly factors: readonly Factor[] }
  | ScanState
  | (Setup & { readonly step: 'confirming'; readonly code: string })
  | SentCodeSetupState
  | PushSetupState
  | NewRecoveryCodeState
  | { readonly step: 'done'; readonly factor: Factor }
  | { readonly step: 'error'; readonly failure: EnrollFailure };

/** The QR on screen, and the code field for the app's first code. */
type ScanState = Setup & { readonly step: 'scan'; readonly code: string; readonly failure?: EnrollFailure };

/**
 * Confirmed: the recovery codes issued with the first factor, waiting for the user to have saved
 * them; the app's account names the file they are saved in.
 */
type NewRecoveryCodeState = {
  readonly step: 'new-recovery-code';
  readonly factor: Factor;
  readonly recoveryCodes: readonly string[];
  readonly otpauth?: OtpauthUri;
  readonly result: EnrollResult;
  readonly saved: boolean;
};

/** The widget's steps, exposed on the host as the `step` attribute for styling. */
export type EnrollStep = EnrollState['step'];

export type EnrollFailure = Failure<EnrollStep>;

/** The settings of one enrollment: a key for its domain and token, and the way to Auth0. */
export type EnrollSettings = SessionSettings<EnrollTransport>;

/** What the user may set up, and what to start the phone or email fields with. */
export interface EnrollChoices {
  readonly factors: readonly Factor[];
  /** The country chosen first, and the address known already. */
  readonly region: string;
  readonly email: string;
}

/** What the host page hears about. */
export type EnrollSessionEvent =
  | { readonly type: 'associated'; readonly factor: 'otp'; readonly association: Association }
  | { readonly type: 'associated'; readonly factor: SentFactor; readonly sent: SentCode; readonly destination: Destination; readonly again: boolean }
  | { readonly type: 'associated'; readonly factor: 'push'; readonly request: PushRequest }
  | { readonly type: 'enrolled'; readonly factor: Factor; readonly result: EnrollResult }
  | FailedEvent<EnrollStep>;

/**
 * Failures after which the QR on screen can't be confirmed any more: the token is unusable, or
 * the enrollment it belongs to expired (Try again starts a new one, with a new QR).
 */
const ENDS_SETUP = new Set<MfaErrorCode>(['invalid_token', 'expired_token', 'already_enrolled', 'expired_enrollment']);

/**
 * The enrollment's state and the one place that decides its transitions: the choice of factor
 * when there are several; for the app, associate, show the QR, confirm the code; for a phone or
 * an email, the steps of `SentCodeSetup`; then hold the tokens until the recovery codes are
 * saved. It knows nothing of the DOM; the element renders `state`, forwards what the user does,
 * and dispatches what `notify` reports.
 */
export class EnrollSession extends Session<EnrollState, EnrollTransport, EnrollSessionEvent> {
  /** The app's code, typed into the scan step. */
  readonly code = new CodeEntry<EnrollState, ScanState>(
    this.access,
    { send: (code) => void this.#confirm(code), refuse: (error) => this.fail(error, 'scan') },
    (state) => (state.step === 'scan' ? state : undefined),
    // The app shows as many digits as the QR asks of it.
    (state) => state.association.otpauth.digits,
  );

  /** A phone or an email: the destination, the sent code, its confirmation. */
  readonly sentCode = new SentCodeSetup<EnrollState>({
    access: this.access,
    transport: () => this.transport,
    nextWork: () => this.work.next(),
    fail: (error, step) => this.fail(error, step),
    coolingDown: () => this.cooldown.active,
    sent: (destination, sent, again) => this.host.notify({ type: 'associated', factor: destination.factor, sent, destination, again }),
    confirmed: (result, sent, destination) => this.#confirmed(destination.factor, result, sent.recoveryCodes),
  });

  /** Push with Guardian: the QR, polled until Guardian confirms the scan. */
  readonly push = new PushSetup<EnrollState>({
    access: this.access,
    transport: () => this.transport,
    nextWork: () => this.work.next(),
    fail: (error, step) => this.fail(error, step),
    started: (request) => this.host.notify({ type: 'associated', factor: 'push', request }),
    confirmed: (result, request) => this.#confirmed('push', result, request.recoveryCodes),
  });

  /** The recovery codes of a first factor, until the user has saved them. */
  readonly newRecoveryCodes = new NewRecoveryCodes(this.access, (state) => (state.step === 'new-recovery-code' ? state.recoveryCodes : undefined));

  #choices: EnrollChoices = { factors: ['otp'], region: '', email: '' };
  /** The number or address typed when a failure ended the setup (an expired token): the next start begins from it. */
  #typed: DestinationDraft | undefined;

  constructor(host: SessionHost<EnrollSessionEvent>) {
    super(host, {
      idle: { step: 'idle' },
      loading: { step: 'loading' },
      missingSettings: 'Set "mfaToken" (the mfa_token of the mfa_required answer) as a property, with "domain" and "clientId", or with "auth0"; with api="my-account", "accessToken" and "domain", or "auth0".',
    });
  }

  /** What the user may set up: read when an enrollment starts, and by the choice on screen. */
  set choices(choices: EnrollChoices) {
    this.#choices = choices;
    if (this.state.step === 'choose') this.enter({ step: 'choose', factors: choices.factors });
  }

  /** The user chose how to get their codes. */
  choose(factor: Factor): void {
    const transport = this.transport;
    if (this.state.step !== 'choose' || !transport || !this.#choices.factors.includes(factor)) return;
    this.#start(factor, transport);
  }

  /** Back to the choice, from a factor's first step, when there was one. */
  chooseAnother(): void {
    const { step } = this.state;
    if (this.#choices.factors.length < 2 || !['scan', 'destination', 'code-sent', 'push-scan'].includes(step)) return;
    this.work.abort();
    this.push.stop();
    this.enter({ step: 'choose', factors: this.#choices.factors });
  }

  override reset(): void {
    this.#typed = undefined;
    this.push.stop();
    super.reset();
  }

  override suspend(): void {
    this.push.pause();
    super.suspend();
  }

  override resume(settings: EnrollSettings | undefined): void {
    super.resume(settings);
    this.push.resume();
  }

  /** Finish: only once the codes are saved. */
  finish(): void {
    const saved = this.newRecoveryCodes.saved();
    if (saved) this.#complete(saved.factor, saved.result);
  }

  protected override async begin(transport: EnrollTransport, signal: AbortSignal): Promise<void> {
    const { factors } = this.#choices;
    const only = factors.length === 1 ? factors[0] : undefined;
    if (only === 'otp') await this.#associate(transport, signal);
    else if (only) this.#start(only, transport);
    else this.enter({ step: 'choose', factors });
  }

  /** The first step of `factor`'s setup. */
  #start(factor: Factor, transport: EnrollTransport): void {
    if (factor === 'otp') void this.#associate(transport, this.work.next());
    else if (factor === 'push') void this.push.start();
    else this.sentCode.start(this.#draft(factor));
  }

  protected override interrupted(state: EnrollState): EnrollState {
    if (state.step === 'confirming') return { ...state, step: 'scan' };
    return 'draft' in state ? this.sentCode.interrupted(state) : state;
  }

  protected override holdsOn(): boolean {
    return false;
  }

  /** A wrong or incomplete code keeps the QR (or the sent code) on screen; anything else ends in the error step. */
  protected override afterFailure(failure: EnrollFailure): EnrollState {
    const state = this.state;
    const keepsQr = state.step === 'scan' && (failure.step === 'scan' || failure.step === 'confirming');
    if (keepsQr && !ENDS_SETUP.has(failure.error.code)) return { ...state, failure };
    const kept = this.sentCode.afterFailure(failure);
    if (kept) return kept;
    this.push.stop();
    if ('draft' in state) this.#typed = state.draft;
    return { step: 'error', failure };
  }

  #draft(factor: SentFactor): DestinationDraft {
    const { region, email } = this.#choices;
    const typed = this.#typed;
    return { factor, region: typed?.region ?? region, phone: typed?.phone ?? '', email: typed?.email || email };
  }

  async #associate(transport: EnrollTransport, signal: AbortSignal): Promise<void> {
    this.enter({ step: 'loading' });
    try {
      const association = await transport.associate(signal);
      if (signal.aborted) return;
      this.enter({ step: 'scan', association, qr: qrPath(association.otpauth.uri), code: '' });
      this.host.notify({ type: 'associated', factor: 'otp', association });
    } catch (error) {
      if (!signal.aborted) this.fail(error, 'loading');
    }
  }

  /** Confirms the enrollment with the app's code; the QR stays on screen if it is refused. */
  async #confirm(code: string): Promise<void> {
    const state = this.state;
    const transport = this.transport;
    if (state.step !== 'scan' || !transport || this.cooldown.active) return;
    const { association, qr } = state;
    const signal = this.work.next();
    this.enter({ step: 'confirming', association, qr, code });
    try {
      const result = await transport.confirm(code, signal);
      if (signal.aborted) return;
      this.#confirmed('otp', result, association.recoveryCodes, association.otpauth);
    } catch (error) {
      if (signal.aborted) return;
      this.enter({ step: 'scan', association, qr, code: isMfaError(error) && spendsCode(error) ? '' : code });
      this.fail(error, 'confirming');
    }
  }

  #confirmed(factor: Factor, result: EnrollResult, recoveryCodes: readonly string[], otpauth?: OtpauthUri): void {
    if (recoveryCodes.length === 0) return this.#complete(factor, result);
    this.enter({ step: 'new-recovery-code', factor, recoveryCodes, result, saved: false, ...(otpauth ? { otpauth } : {}) });
  }

  #complete(factor: Factor, result: EnrollResult): void {
    this.#typed = undefined;
    this.finishWith({ step: 'done', factor });
    this.host.notify({ type: 'enrolled', factor, result });
  }
}
