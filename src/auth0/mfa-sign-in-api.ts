import { isRecord } from '../core/records.js';
import { MfaError } from '../core/errors.js';
import { MfaApiClient } from './mfa-api.js';
import { readRecoveryGrant } from './tokens.js';
import type { Authenticator, RecoveryGrant, VerifyTransport } from '../core/ports.js';

export const MFA_RECOVERY_CODE_GRANT = 'http://auth0.com/oauth/grant-type/mfa-recovery-code';

/**
 * The MFA API's sign-in with an enrolled authenticator: list the user's
 * authenticators, challenge the OTP one, then the mfa-otp grant, or the
 * mfa-recovery-code grant when the phone is lost.
 */
export class MfaSignInClient extends MfaApiClient implements VerifyTransport {
  /** `GET {base}mfa/authenticators`: every authenticator of the user, active or not. */
  async listAuthenticators(signal: AbortSignal): Promise<readonly Authenticator[]> {
    const body = await this.send(new URL('mfa/authenticators', this.base), signal, {
      headers: { Authorization: `Bearer ${this.settings.bearer}` },
      credentials: 'omit',
    });
    return readAuthenticators(body);
  }

  /**
   * `POST {base}mfa/challenge` for an OTP authenticator. With a site's `token-url` there is no
   * client ID to send, and a confidential client would need its secret: the challenge, which
   * only records the attempt for OTP, is then left out, as Auth0 allows.
   */
  async challenge(authenticatorId: string | undefined, signal: AbortSignal): Promise<void> {
    const { clientId, bearer } = this.settings;
    if (this.viaBackend) return;
    await this.send(new URL('mfa/challenge', this.base), signal, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_id: clientId, mfa_token: bearer, challenge_type: 'otp', authenticator_id: authenticatorId }),
      credentials: 'omit',
    });
  }

  /**
   * The mfa-recovery-code grant. Auth0 answers with the tokens and, usually, a new recovery code:
   * the one used is spent either way (see `readRecoveryGrant`).
   */
  async verifyRecoveryCode(recoveryCode: string, signal: AbortSignal): Promise<RecoveryGrant> {
    const body = await this.grant({ grant_type: MFA_RECOVERY_CODE_GRANT, recovery_code: recoveryCode }, signal);
    return readRecoveryGrant(body, !this.viaBackend);
  }
}

const MAX_AUTHENTICATORS = 100;

/** A list of authenticators, checked: anything else is a `bad_response`. */
export function readAuthenticators(body: unknown): Authenticator[] {
  if (!Array.isArray(body) || body.length > MAX_AUTHENTICATORS) throw new MfaError('bad_response', { status: 200 });
  return body.map((entry: unknown) => {
    if (!isRecord(entry) || typeof entry.id !== 'string' || typeof entry.authenticator_type !== 'string') {
      throw new MfaError('bad_response', { status: 200 });
    }
    return { id: entry.id, type: entry.authenticator_type, active: entry.active === true };
  });
}
