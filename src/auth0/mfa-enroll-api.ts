import { readAssociation } from './association.js';
import { MfaApiClient } from './mfa-api.js';
import type { Association, EnrollResult, EnrollTransport } from '../core/ports.js';

/** The MFA API's enrollment: associate, then confirm with the mfa-otp grant. */
export class MfaEnrollClient extends MfaApiClient implements EnrollTransport {
  /** `POST {base}mfa/associate`: starts an OTP enrollment and returns what to show. */
  async associate(signal: AbortSignal): Promise<Association> {
    const body = await this.send(new URL('mfa/associate', this.base), signal, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.settings.bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ authenticator_types: ['otp'] }),
      credentials: 'omit',
    });
    return readAssociation(body);
  }

  /** The mfa-otp grant confirms the enrollment, for the tokens it earns. */
  confirm(otp: string, signal: AbortSignal): Promise<EnrollResult> {
    return this.verifyOtp(otp, signal);
  }
}
