import { MfaError, type MfaErrorCode } from '../auth0/errors.js';
import type { Association, EnrollTransport, TokenResponse } from '../auth0/transport.js';
import { Cooldown } from '../shared/cooldown.js';
import type { Failure } from '../shared/error-detail.js';
import { normalizeCode } from '../shared/otp-input.js';
import { qrPath, type QrPath } from '../shared/qr.js';
import { Superseding } from '../shared/superseding.js';

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
  | (Setup & { readonly step: 'scan'; readonly code: string; readonly failure?: EnrollFailure })
  | (Setup & { readonly step: 'confirming'; readonly code: string })
  | (Setup & { readonly step: 'recovery'; readonly tokens: TokenResponse; readonly saved: boolean })
  | { readonly step: 'done' }
  | { readonly step: 'error'; readonly failure: EnrollFailure };

/** The widget's steps, exposed on the host as the `step` attribute for styling. */
export type EnrollStep = EnrollState['step'];

export type EnrollFailure = Failure<EnrollStep>;

/** The settings of one enrollment, as the element hands them over. */
export interface EnrollSettings {
  /** Names the domain and token: one associate call per key. */
  readonly key: string;
  /** The way to Auth0 for these settings; throws a `config` `MfaError` when they can't work. */
  readonly connect: () => EnrollTransport;
}

/** What the host page hears about. */
export type EnrollSessionEvent =
  | { readonly type: 'associated'; readonly association: Association }
  | { readonly type: 'enrolled'; readonly tokens: TokenResponse }
  | { readonly type: 'failed'; readonly failure: EnrollFailure };

export interface EnrollSessionHost {
  /** The state changed: render it. */
  changed(): void;
  notify(event: EnrollSessionEvent): void;
}

/** Failures after which the token itself is unusable: the QR can't be confirmed any more. */
const TOKEN_FATAL = new Set<MfaErrorCode>(['invalid_token', 'expired_token', 'already_enrolled']);
const IDLE: EnrollState = { step: 'idle' };
const MISSING_SETTINGS =
  'Set "domain" to your Auth0 domain, and "mfaToken" (or "accessToken") to the user\'s token as a property.';

/**
 * The enrollment's state and the one place that decides its transitions:
 * associate, show the QR, confirm the code, hold the tokens until the
 * recovery codes are saved. It knows nothing of the DOM; the element renders
 * `state`, forwards what the user does, and dispatches what `notify` reports.
 */
export class EnrollSession {
  #state: EnrollState = IDLE;
  #transport: EnrollTransport | undefined;
  /** The settings key of the current enrollment. */
  #key: string | undefined;
  /**
   * The key of a finished or reset enrollment. Some frameworks (`@lit/react`) set every
   * property again on each render: the same, used-up token must not start over.
   */
  #spentKey: string | undefined;
  readonly #work = new Superseding();
  /** The wait a rate limit imposed; the code can't be submitted until it passes. */
  readonly cooldown: Cooldown;

  constructor(private readonly host: EnrollSessionHost) {
    this.cooldown = new Cooldown(() => host.changed());
  }

  get state(): EnrollState {
    return this.#state;
  }

  /** The settings changed: new ones start an enrollment; none (no domain or token) go back to idle. */
  configure(settings: EnrollSettings | undefined): void {
    if (!settings) {
      if (this.#state.step === 'done') return;
      this.#work.abort();
      this.#key = undefined;
      this.#enter(IDLE);
    } else if (settings.key !== this.#key && settings.key !== this.#spentKey) {
      this.#begin(settings);
    }
  }

  /** Starts over with a new associate call, even for the same settings; without any, says which are missing. */
  restart(settings: EnrollSettings | undefined): void {
    this.#spentKey = undefined;
    if (settings) this.#begin(settings);
    else this.#fail(new MfaError('config', { description: MISSING_SETTINGS }), 'idle');
  }

  /** Forgets everything (secret, codes, tokens, errors) and waits for new settings. */
  reset(): void {
    this.#work.abort();
    this.#spentKey = this.#key;
    this.#key = undefined;
    this.#transport = undefined;
    this.#enter(IDLE);
  }

  /** The element left the page: stop the request and the timer; `resume` picks up where it can. */
  suspend(): void {
    this.#work.abort();
    this.cooldown.pause();
    const state = this.#state;
    if (state.step === 'loading') {
      this.#key = undefined;
      this.#enter(IDLE);
    } else if (state.step === 'confirming') {
      this.#enter({ ...state, step: 'scan' });
    }
  }

  resume(settings: EnrollSettings | undefined): void {
    this.cooldown.resume();
    this.configure(settings);
  }

  /** What the user typed, pasted or had autofilled: kept as digits only, and sent once complete. */
  input(text: string): string {
    const state = this.#state;
    if (state.step !== 'scan') return 'code' in state ? state.code : '';
    const digits = state.association.otpauth.digits;
    const code = normalizeCode(text, digits);
    this.#enter({ ...state, code });
    if (code.length === digits) void this.submit();
    return code;
  }

  async submit(): Promise<void> {
    const state = this.#state;
    const transport = this.#transport;
    if (state.step !== 'scan' || !transport || this.cooldown.active) return;
    if (state.code.length !== state.association.otpauth.digits) {
      this.#fail(new MfaError('incomplete_code'), 'scan');
      return;
    }
    const { association, qr, code } = state;
    const signal = this.#work.next();
    this.#enter({ step: 'confirming', association, qr, code });
    try {
      const tokens = await transport.confirm(code, signal);
      if (signal.aborted) return;
      if (association.recoveryCodes.length > 0) this.#enter({ step: 'recovery', association, qr, tokens, saved: false });
      else this.#complete(tokens);
    } catch (error) {
      if (signal.aborted) return;
      // A wrong code is worth nothing; one that never reached the server is kept for the retry.
      const spent = error instanceof MfaError && (error.code === 'invalid_code' || error.code === 'rate_limited');
      this.#enter({ step: 'scan', association, qr, code: spent ? '' : code });
      this.#fail(error, 'confirming');
    }
  }

  /** "I have saved my recovery code", ticked or not. */
  setSaved(saved: boolean): void {
    if (this.#state.step === 'recovery') this.#enter({ ...this.#state, saved });
  }

  /** Finish: only once the codes are saved. */
  finish(): void {
    const state = this.#state;
    if (state.step === 'recovery' && state.saved) this.#complete(state.tokens);
  }

  #begin(settings: EnrollSettings): void {
    this.#key = settings.key;
    this.#spentKey = undefined;
    const signal = this.#work.next();
    this.#enter({ step: 'loading' });
    try {
      this.#transport = settings.connect();
    } catch (error) {
      this.#transport = undefined;
      this.#fail(error, 'idle');
      return;
    }
    void this.#associate(this.#transport, signal);
  }

  async #associate(transport: EnrollTransport, signal: AbortSignal): Promise<void> {
    try {
      const association = await transport.associate(signal);
      if (signal.aborted) return;
      this.#enter({ step: 'scan', association, qr: qrPath(association.otpauth.uri), code: '' });
      this.host.notify({ type: 'associated', association });
    } catch (error) {
      if (!signal.aborted) this.#fail(error, 'loading');
    }
  }

  #complete(tokens: TokenResponse): void {
    this.#spentKey = this.#key;
    this.#key = undefined;
    this.#transport = undefined;
    this.#enter({ step: 'done' });
    this.host.notify({ type: 'enrolled', tokens });
  }

  /**
   * Reports a failure. A wrong or incomplete code keeps the QR on screen; anything else,
   * or a token that can't be used any more, ends in the error step.
   */
  #fail(cause: unknown, step: EnrollStep): void {
    const error = cause instanceof MfaError ? cause : new MfaError('bad_response');
    const failure: EnrollFailure = { error, step };
    const state = this.#state;
    const keepsQr = state.step === 'scan' && (step === 'scan' || step === 'confirming') && !TOKEN_FATAL.has(error.code);
    if (keepsQr) {
      this.#enter({ ...state, failure });
    } else {
      this.#work.abort();
      this.#enter({ step: 'error', failure });
    }
    if (error.retryAfter) this.cooldown.start(error.retryAfter);
    this.host.notify({ type: 'failed', failure });
  }

  #enter(state: EnrollState): void {
    this.#state = state;
    this.host.changed();
  }
}
