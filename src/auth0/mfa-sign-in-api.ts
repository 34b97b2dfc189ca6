import { definedOnly, isRecord } from '../core/records.js';
import { MfaError } from '../core/errors.js';
import { readRecoveryGrant } from './tokens.js';
import { configError, MfaApiClient, type MfaApiSettings } from './mfa-api.js';
import { readDomain } from './domain.js';
import { sendRequest } from './http.js';
import { readPushChallenge } from './push.js';
import { readSentCode } from './sent-code.js';
import type { Authenticator, PushRequest, RecoveryGrant, SentCode, VerifyTransport } from '../core/ports.js';

export const MFA_RECOVERY_CODE_GRANT = 'http://auth0.com/oauth/grant-type/mfa-recovery-code';

/**
 * `GET {domain}/mfa/authenticators` with the `mfa_token`: every authenticator of the user, active
 * or not. Needs no client ID: through Auth0's SDK, it stands in for the SDK's list where that
 * comes back empty.
 */
export async function listMfaAuthenticators(
  { domain, bearer, timeout, fetch }: Pick<MfaApiSettings, 'domain' | 'bearer' | 'timeout' | 'fetch'>,
  signal: AbortSignal,
): Promise<readonly Authenticator[]> {
  const base = readDomain(domain);
  if ('problem' in base) throw configError(base.problem);
  const init: RequestInit = { headers: { Authorization: `Bearer ${bearer}` }, credentials: 'omit' };
  return readAuthenticators(await sendRequest(fetch, new URL('mfa/authenticators', base.url), init, { signal, timeout }));
}

/**
 * The MFA API's sign-in with an enrolled authenticator: list the user's
 * authenticators, challenge the OTP one, then the mfa-otp grant, or the
 * mfa-recovery-code grant when the phone is lost.
 */
export class MfaSignInClient extends MfaApiClient implements VerifyTransport {
  /** `GET {base}mfa/authenticators`: every authenticator of the user, active or not. */
  listAuthenticators(signal: AbortSignal): Promise<readonly Authenticator[]> {
    return listMfaAuthenticators(this.settings, signal);
  }

  /**
   * `POST {base}mfa/challenge` for an OTP authenticator. With a site's `token-url` there is no
   * client ID to send, and a confidential client would need its secret: the challenge, which
   * only records the attempt for OTP, is then left out, as Auth0 allows.
   */
  async challenge(authenticatorId: string | undefined, signal: AbortSignal): Promise<void> {
    if (this.viaBackend) return;
    await this.#challenge({ challenge_type: 'otp', authenticator_id: authenticatorId }, signal);
  }

  /**
   * `POST {base}mfa/challenge` of type `oob`: Auth0 texts, calls or emails a new code, and the one
   * before stops working. It can't be left out, so a site that confirms through its own
   * `token-url` also sets `client-id` (a public client's challenge needs no secret).
   */
  async sendChallenge(authenticatorId: string, signal: AbortSignal): Promise<SentCode> {
    if (this.viaBackend && !this.settings.clientId) {
      throw configError('Codes by text, call or email are sent from the browser: set "client-id" next to "token-url".');
    }
    return readSentCode(await this.#challenge({ challenge_type: 'oob', authenticator_id: authenticatorId }, signal));
  }

  /** `POST {base}mfa/challenge` of a push authenticator: Guardian asks the user; the request before is void. */
  async sendPush(authenticatorId: string, signal: AbortSignal): Promise<PushRequest> {
    if (this.viaBackend && !this.settings.clientId) {
      throw configError('Push requests are sent from the browser: set "client-id" next to "token-url".');
    }
    return readPushChallenge(await this.#challenge({ challenge_type: 'oob', authenticator_id: authenticatorId }, signal));
  }

  #challenge(fields: Record<string, string | undefined>, signal: AbortSignal): Promise<unknown> {
    const { clientId, bearer } = this.settings;
    return this.send(new URL('mfa/challenge', this.base), signal, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_id: clientId, mfa_token: bearer, ...fields }),
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
    return readAuthenticator(entry.id, entry.authenticator_type, entry.active === true, entry.oob_channel, entry.name);
  });
}

/**
 * One row, its channel and name kept for `oob` ones. Auth0 sends `oob_channel`; where a reader
 * lost it (Auth0's SDK reads `oob_channels`), the id says it: `sms|dev_…`, `voice|…`, `email|…`, `push|…`.
 */
export function readAuthenticator(id: string, type: string, active: boolean, channel: unknown, name: unknown): Authenticator {
  const prefix = /^(sms|voice|email|push)\|/.exec(id)?.[1];
  const oobChannel = typeof channel === 'string' ? channel : prefix === 'push' ? 'auth0' : prefix;
  return definedOnly({
    id,
    type,
    active,
    channel: type === 'oob' ? oobChannel : undefined,
    name: typeof name === 'string' ? name.slice(0, 100) : undefined,
  });
}
