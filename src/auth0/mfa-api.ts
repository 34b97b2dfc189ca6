import { readDomain, readTokenUrl } from './domain.js';
import { MfaError } from '../core/errors.js';
import { sendRequest, type Fetch } from './http.js';
import { refuseDpopBound } from './token-binding.js';
import { readTokens } from './tokens.js';
import type { PushAnswer, PushRequest, SentCode, TokenResponse } from '../core/ports.js';
import { pollOnce } from './push.js';

export const MFA_OTP_GRANT = 'http://auth0.com/oauth/grant-type/mfa-otp';
export const MFA_OOB_GRANT = 'http://auth0.com/oauth/grant-type/mfa-oob';

export interface MfaApiSettings {
  /** The tenant's domain, or a base URL with scheme (see `readDomain`). */
  readonly domain: string;
  readonly clientId: string;
  /**
   * What the MFA API is called with: the `mfa_token` of the `mfa_required` answer, or else an
   * access token for `https://{domain}/mfa/`. It goes as the bearer of `/mfa/*` and as the grants'
   * `mfa_token`.
   */
  readonly bearer: string;
  /** The site's own endpoint for the grants, when it has one (confidential clients). */
  readonly tokenUrl: string;
  /** Milliseconds each request may take. */
  readonly timeout: number;
  readonly fetch: Fetch;
}

/**
 * Auth0's MFA API over `fetch`, the part every use of it shares: the settings
 * checked (the constructor throws a `config` `MfaError` that says what to
 * change), requests with their timeout, and the grants on `/oauth/token` (or
 * the site's `token-url`), the mfa-otp grant among them. The enrollment and
 * the sign-in calls extend it, each in a module of its own, so an element
 * bundles only the calls it makes.
 */
export class MfaApiClient {
  protected readonly base: URL;
  /** Where the grants go: `{base}oauth/token`, or the site's `token-url`. */
  protected readonly confirmUrl: URL;
  /** A site's backend may answer a grant with any JSON, or none; Auth0 must send tokens. */
  protected readonly viaBackend: boolean;
  protected readonly settings: MfaApiSettings;

  constructor(settings: MfaApiSettings) {
    this.settings = settings;
    const base = readDomain(settings.domain);
    if ('problem' in base) throw configError(base.problem);
    refuseDpopBound(settings.bearer);
    this.base = base.url;
    this.viaBackend = Boolean(settings.tokenUrl);
    if (settings.tokenUrl) {
      const tokenUrl = readTokenUrl(settings.tokenUrl, document.baseURI);
      if ('problem' in tokenUrl) throw configError(tokenUrl.problem);
      this.confirmUrl = tokenUrl.url;
    } else if (settings.clientId) {
      this.confirmUrl = new URL('oauth/token', base.url);
    } else {
      throw configError('Set "client-id" to your Auth0 application\'s client ID, or "token-url" to your own backend.');
    }
  }

  /** The mfa-otp grant: confirms an enrollment, or answers a challenge, with a code from the app. */
  async verifyOtp(otp: string, signal: AbortSignal): Promise<TokenResponse> {
    return readTokens(await this.grant({ grant_type: MFA_OTP_GRANT, otp }, signal), !this.viaBackend);
  }

  /**
   * One poll of a push (the mfa-oob grant without a code): the tokens once the user approved in
   * Guardian (an enrollment: once Guardian scanned the QR), else a wait or the denial.
   */
  pollPush(request: PushRequest, signal: AbortSignal): Promise<PushAnswer<TokenResponse>> {
    return pollOnce(async () => readTokens(await this.grant({ grant_type: MFA_OOB_GRANT, oob_code: request.oobCode }, signal), !this.viaBackend));
  }

  /** The mfa-oob grant: confirms an enrollment, or answers a challenge, with a code Auth0 sent. */
  async verifySentCode(sent: SentCode, code: string, signal: AbortSignal): Promise<TokenResponse> {
    const body = await this.grant({ grant_type: MFA_OOB_GRANT, oob_code: sent.oobCode, binding_code: code }, signal);
    return readTokens(body, !this.viaBackend);
  }

  /**
   * A grant on the token endpoint, form-encoded as Auth0's SPA SDK sends it. Never a client
   * secret: confidential clients point `token-url` at their own backend, which adds it (and
   * gets the site's cookies, same-origin).
   */
  protected grant(fields: Record<string, string>, signal: AbortSignal): Promise<unknown> {
    const { clientId, bearer } = this.settings;
    const form = new URLSearchParams({ ...fields, mfa_token: bearer });
    if (clientId) form.set('client_id', clientId);
    return this.send(this.confirmUrl, signal, {
      method: 'POST',
      body: form,
      credentials: this.viaBackend ? 'same-origin' : 'omit',
    });
  }

  protected send(url: URL, signal: AbortSignal, init: RequestInit): Promise<unknown> {
    return sendRequest(this.settings.fetch, url, init, { signal, timeout: this.settings.timeout });
  }
}

export function configError(whatToDo: string): MfaError {
  return new MfaError('config', { description: whatToDo });
}
