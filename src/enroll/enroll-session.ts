import { isMfaError, type MfaErrorCode } from '../core/errors.js';
import type { Association, EnrollResult, EnrollTransport } from '../core/ports.js';
import { CodeEntry, spendsCode } from '../controls/code-entry.js';
import { NewRecoveryCodes } from '../controls/new-recovery-codes.js';
import { qrPath, type QrPath } from '../controls/qr.js';
import type { Failure } from '../element/error-detail.js';
import { Session, type FailedEvent, type SessionHost, type SessionSettings } from '../element/session.js';

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
  | ScanState
  | (Setup & { readonly step: 'confirming'; readonly code: string })
  | NewRecoveryCodeState
  | { readonly step: 'done' }
  | { readonly step: 'error'; readonly failure: EnrollFailure };

/** The QR on screen, and the code field for the app's first code. */
type ScanState = Setup & { readonly step: 'scan'; readonly code: string; readonly failure?: EnrollFailure };

/** Confirmed: the recovery codes issued with the first factor, waiting for the user to have saved them. */
type NewRecoveryCodeState = Setup & { readonly step: 'new-recovery-code'; readonly result: EnrollResult; readonly saved: boolean };

/** The widget's steps, exposed on the host as the `step` attribute for styling. */
export type EnrollStep = EnrollState['step'];

export type EnrollFailure = Failure<EnrollStep>;

/** The settings of one enrollment: a key for its domain and token, and the way to Auth0. */
export type EnrollSettings = SessionSettings<EnrollTransport>;

/** What the host page hears about. */
export type EnrollSessionEvent =
  | { readonly type: 'associated'; readonly association: Association }
  | { readonly type: 'enrolled'; readonly result: EnrollResult }
  | FailedEvent<EnrollStep>;

/**
 * Failures after which the QR on screen can't be confirmed any more: the token is unusable, or
 * the enrollment it belongs to expired (Try again starts a new one, with a new QR).
 */
const ENDS_SETUP = new Set<MfaErrorCode>(['invalid_token', 'expired_token', 'already_enrolled', 'expired_enrollment']);

/**
 * The enrollment's state and the one place that decides its transitions:
 * associate, show the QR, confirm the code, hold the tokens until the
 * recovery codes are saved. It knows nothing of the DOM; the element renders
 * `state`, forwards what the user does, and dispatches what `notify` reports.
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

  /** The recovery codes of a first factor, until the user has saved them. */
  readonly newRecoveryCodes = new NewRecoveryCodes(this.access, (state) => (state.step === 'new-recovery-code' ? state.association.recoveryCodes : undefined));

  constructor(host: SessionHost<EnrollSessionEvent>) {
    super(host, {
      idle: { step: 'idle' },
      loading: { step: 'loading' },
      missingSettings: 'Set "mfaToken" (the mfa_token of the mfa_required answer) as a property, with "domain" and "clientId", or with "auth0"; with api="my-account", "accessToken" and "domain", or "auth0".',
    });
  }

  /** Finish: only once the codes are saved. */
  finish(): void {
    const saved = this.newRecoveryCodes.saved();
    if (saved) this.#complete(saved.result);
  }

  protected override async begin(transport: EnrollTransport, signal: AbortSignal): Promise<void> {
    try {
      const association = await transport.associate(signal);
      if (signal.aborted) return;
      this.enter({ step: 'scan', association, qr: qrPath(association.otpauth.uri), code: '' });
      this.host.notify({ type: 'associated', association });
    } catch (error) {
      if (!signal.aborted) this.fail(error, 'loading');
    }
  }

  protected override interrupted(state: EnrollState): EnrollState {
    return state.step === 'confirming' ? { ...state, step: 'scan' } : state;
  }

  protected override holdsOn(): boolean {
    return false;
  }

  /** A wrong or incomplete code keeps the QR on screen; anything else ends in the error step. */
  protected override afterFailure(failure: EnrollFailure): EnrollState {
    const state = this.state;
    const keepsQr = state.step === 'scan' && (failure.step === 'scan' || failure.step === 'confirming');
    return keepsQr && !ENDS_SETUP.has(failure.error.code) ? { ...state, failure } : { step: 'error', failure };
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
      if (association.recoveryCodes.length > 0) this.enter({ step: 'new-recovery-code', association, qr, result, saved: false });
      else this.#complete(result);
    } catch (error) {
      if (signal.aborted) return;
      this.enter({ step: 'scan', association, qr, code: isMfaError(error) && spendsCode(error) ? '' : code });
      this.fail(error, 'confirming');
    }
  }

  #complete(result: EnrollResult): void {
    this.finishWith({ step: 'done' });
    this.host.notify({ type: 'enrolled', result });
  }
}
