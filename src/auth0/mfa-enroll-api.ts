import { readAssociation } from './association.js';
import { MfaApiClient } from './mfa-api.js';
import { readPushEnrollment } from './push.js';
import { destinationRefused, readSentCode } from './sent-code.js';
import type { Destination } from '../core/factors.js';
import type { Association, EnrollResult, EnrollTransport, PushRequest, SentCode } from '../core/ports.js';

/** The MFA API's enrollment: associate, then confirm with the mfa-otp grant (the app) or the mfa-oob grant (a sent code). */
export class MfaEnrollClient extends MfaApiClient implements EnrollTransport {
  /** `POST {base}mfa/associate`: starts an OTP enrollment and returns what to show. */
  async associate(signal: AbortSignal): Promise<Association> {
    return readAssociation(await this.#associate({ authenticator_types: ['otp'] }, signal));
  }

  /** The mfa-otp grant confirms the enrollment, for the tokens it earns. */
  confirm(otp: string, signal: AbortSignal): Promise<EnrollResult> {
    return this.verifyOtp(otp, signal);
  }

  /** `POST {base}mfa/associate` for a phone or an email: Auth0 sends the code. A second one replaces the first. */
  async sendCode(destination: Destination, signal: AbortSignal): Promise<SentCode> {
    const where = destination.factor === 'email' ? { email: destination.email } : { phone_number: destination.phoneNumber };
    const { clientId } = this.settings;
    const body = { ...(clientId ? { client_id: clientId } : {}), authenticator_types: ['oob'], oob_channels: [destination.factor], ...where };
    return readSentCode(await this.#associate(body, signal).catch((error: unknown) => Promise.reject(destinationRefused(error))));
  }

  confirmSentCode(sent: SentCode, code: string, signal: AbortSignal): Promise<EnrollResult> {
    return this.verifySentCode(sent, code, signal);
  }

  /** `POST {base}mfa/associate` for push (channel `auth0`): the QR for Guardian, and its oob_code to poll. */
  async startPush(signal: AbortSignal): Promise<PushRequest> {
    const { clientId } = this.settings;
    const body = { ...(clientId ? { client_id: clientId } : {}), authenticator_types: ['oob'], oob_channels: ['auth0'] };
    return readPushEnrollment(await this.#associate(body, signal));
  }

  #associate(body: Record<string, unknown>, signal: AbortSignal): Promise<unknown> {
    return this.send(new URL('mfa/associate', this.base), signal, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.settings.bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
  }
}
