import { parseOtpauthUri } from '../shared/otpauth.js';
import { readDomain, readTokenUrl } from './domain.js';
import { definedOnly, isRecord } from '../shared/records.js';
import { MfaError } from './errors.js';
import { sendRequest, type Fetch } from './http.js';
import type { Association, EnrollTransport, TokenResponse } from './transport.js';

export const MFA_OTP_GRANT = 'http://auth0.com/oauth/grant-type/mfa-otp';

export interface MfaApiSettings {
  /** The tenant's domain, or a base URL with scheme (see `readDomain`). */
  readonly domain: string;
  readonly clientId: string;
  /** An `mfa_token`, or an access token for the MFA API audience. */
  readonly token: string;
  /** The site's own confirm endpoint, when it has one (confidential clients). */
  readonly tokenUrl: string;
  /** Milliseconds each request may take. */
  readonly timeout: number;
  readonly fetch: Fetch;
}

/**
 * Auth0's MFA API over `fetch`: associate with `POST /mfa/associate`, then
 * confirm with the mfa-otp grant on `/oauth/token` (or the site's `token-url`).
 * The constructor checks the settings and throws a `config` `MfaError` that
 * says what to change.
 */
export class MfaApiClient implements EnrollTransport {
  readonly #base: URL;
  readonly #confirmUrl: URL;
  /** A site's backend may answer the confirm with any JSON, or none; Auth0 must send tokens. */
  readonly #viaBackend: boolean;
  readonly #settings: MfaApiSettings;

  constructor(settings: MfaApiSettings) {
    this.#settings = settings;
    const base = readDomain(settings.domain);
    if ('problem' in base) throw configError(base.problem);
    this.#base = base.url;
    this.#viaBackend = Boolean(settings.tokenUrl);
    if (settings.tokenUrl) {
      const tokenUrl = readTokenUrl(settings.tokenUrl, document.baseURI);
      if ('problem' in tokenUrl) throw configError(tokenUrl.problem);
      this.#confirmUrl = tokenUrl.url;
    } else if (settings.clientId) {
      this.#confirmUrl = new URL('oauth/token', base.url);
    } else {
      throw configError('Set "client-id" to your Auth0 application\'s client ID, or "token-url" to your own backend.');
    }
  }

  /** `POST {base}mfa/associate`: starts an OTP enrollment and returns what to show. */
  async associate(signal: AbortSignal): Promise<Association> {
    const body = await this.#send(new URL('mfa/associate', this.#base), signal, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.#settings.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ authenticator_types: ['otp'] }),
      credentials: 'omit',
    });
    return readAssociation(body);
  }

  /**
   * Confirms the enrollment with the mfa-otp grant, form-encoded as Auth0's SPA
   * SDK sends it. Never a client secret: confidential clients point `token-url`
   * at their own backend, which adds it (and gets the site's cookies, same-origin).
   */
  async verifyOtp(otp: string, signal: AbortSignal): Promise<TokenResponse> {
    const { clientId, token } = this.#settings;
    const form = new URLSearchParams({ grant_type: MFA_OTP_GRANT, mfa_token: token, otp });
    if (clientId) form.set('client_id', clientId);
    const body = await this.#send(this.#confirmUrl, signal, {
      method: 'POST',
      body: form,
      credentials: this.#viaBackend ? 'same-origin' : 'omit',
    });
    const tokens = readTokens(body);
    if (!this.#viaBackend && !tokens.accessToken) throw new MfaError('bad_response', { status: 200 });
    return tokens;
  }

  #send(url: URL, signal: AbortSignal, init: RequestInit): Promise<unknown> {
    return sendRequest(this.#settings.fetch, url, init, { signal, timeout: this.#settings.timeout });
  }
}

export function configError(whatToDo: string): MfaError {
  return new MfaError('config', { description: whatToDo });
}

const BASE32_SECRET = /^[A-Z2-7]{16,128}=*$/;
const MAX_RECOVERY_CODES = 50;

/** An associate answer, checked: anything the widget would not show as sent is a `bad_response`. */
export function readAssociation(body: unknown): Association {
  const refused = () => new MfaError('bad_response', { status: 200 });
  if (!isRecord(body) || typeof body.secret !== 'string' || typeof body.barcode_uri !== 'string') throw refused();
  const otpauth = parseOtpauthUri(body.barcode_uri);
  const secret = body.secret.replace(/\s+/g, '').toUpperCase();
  // The QR and the typed key must give the same codes, or the user is stuck.
  if (!otpauth || !BASE32_SECRET.test(secret) || otpauth.secret !== secret) throw refused();
  const codes = body.recovery_codes ?? [];
  if (!isRecoveryCodeList(codes)) throw refused();
  return { otpauth, recoveryCodes: codes };
}

function isRecoveryCodeList(codes: unknown): codes is string[] {
  return (
    Array.isArray(codes) &&
    codes.length <= MAX_RECOVERY_CODES &&
    codes.every((code) => typeof code === 'string' && code.length > 0 && code.length <= 100)
  );
}

/** The fields of an OAuth token response that have the right type; the rest is dropped. */
export function readTokens(body: unknown): TokenResponse {
  const record = isRecord(body) ? body : {};
  const text = (key: string) => (typeof record[key] === 'string' ? record[key] : undefined);
  return definedOnly({
    accessToken: text('access_token'),
    idToken: text('id_token'),
    refreshToken: text('refresh_token'),
    expiresIn: typeof record.expires_in === 'number' ? record.expires_in : undefined,
    scope: text('scope'),
    tokenType: text('token_type'),
  });
}
