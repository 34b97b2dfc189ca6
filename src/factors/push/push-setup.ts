import { MfaError } from '../../core/errors.js';
import type { EnrollResult, EnrollTransport, PushRequest } from '../../core/ports.js';
import { qrPath, type QrPath } from '../../controls/qr.js';
import type { StateAccess } from '../../element/session.js';
import { lookAt, PushPoller } from './push-poller.js';

/** Setting up push: the QR for Guardian on screen, polled until Guardian confirms the scan. */
export type PushSetupState = {
  readonly step: 'push-scan';
  readonly request: PushRequest;
  readonly qr: QrPath;
};

/** What the setup needs of the session that runs it. */
export interface PushSetupHost<State> {
  readonly access: StateAccess<State>;
  readonly transport: () => EnrollTransport | undefined;
  /** A signal for new work, aborting the session's older work. */
  readonly nextWork: () => AbortSignal;
  readonly fail: (error: unknown, step: 'loading' | 'push-scan') => void;
  /** The enrollment started: its QR is on screen. */
  readonly started: (request: PushRequest) => void;
  /** Guardian confirmed: the enrollment is done. */
  readonly confirmed: (result: EnrollResult, request: PushRequest) => void;
}

export function isPushSetup(state: { readonly step: string }): state is PushSetupState {
  return state.step === 'push-scan';
}

/**
 * Setting up push with Auth0 Guardian, as the enroll session runs it: associate (the QR Guardian
 * scans), then poll until Guardian confirms, at the pace `PushPoller` keeps. A QR left unscanned
 * past its 5 minutes is an expired enrollment: Try again starts a new one. Polling stops when the
 * step is left, and pauses while the element is away.
 */
export class PushSetup<State extends { readonly step: string }> {
  readonly #host: PushSetupHost<State | PushSetupState | { readonly step: 'loading' }>;
  readonly #poller = new PushPoller();

  constructor(host: PushSetupHost<State | PushSetupState | { readonly step: 'loading' }>) {
    this.#host = host;
  }

  async start(): Promise<void> {
    const transport = this.#host.transport();
    if (!transport) return;
    this.#poller.stop();
    const signal = this.#host.nextWork();
    this.#host.access.enter({ step: 'loading' });
    try {
      const request = await transport.startPush(signal);
      if (signal.aborted) return;
      // (readPushEnrollment checked that there is a barcode URI.)
      this.#host.access.enter({ step: 'push-scan', request, qr: qrPath(request.barcodeUri ?? '') });
      this.#host.started(request);
      this.#poll(transport, request);
    } catch (error) {
      if (!signal.aborted) this.#host.fail(error, 'loading');
    }
  }

  /** Leaves the step: no more polling. */
  stop(): void {
    this.#poller.stop();
  }

  /** The element left the page, or came back. */
  pause(): void {
    this.#poller.pause();
  }

  resume(): void {
    this.#poller.resume();
  }

  #poll(transport: EnrollTransport, request: PushRequest): void {
    const still = () => {
      const state = this.#host.access.state();
      return isPushSetup(state) && state.request === request;
    };
    this.#poller.start({
      look: (signal) => lookAt(() => transport.pollPush(request, signal), still, (result) => this.#host.confirmed(result, request)),
      expired: () => still() && this.#host.fail(new MfaError('expired_enrollment'), 'push-scan'),
      failed: (error) => still() && this.#host.fail(error, 'push-scan'),
    });
  }
}
