// The MFA API clients, narrow cases of request building and response parsing, with the client's `fetch` stubbed:
// every odd body a server might send yields a typed result or a typed error.
import { expect } from '@open-wc/testing';
import { MfaError } from '../src/core/errors.js';
import type { MfaApiSettings } from '../src/auth0/mfa-api.js';
import { MfaEnrollClient } from '../src/auth0/mfa-enroll-api.js';
import { OTPAUTH_URI, SECRET } from './helpers/fixtures.js';

const signal = () => new AbortController().signal;

/** A client whose every request gets `answer`. */
function clientAnswering(answer: () => Response, settings: Partial<MfaApiSettings> = {}): MfaEnrollClient {
  return new MfaEnrollClient({
    domain: 'tenant.example.com',
    clientId: 'c',
    bearer: 't',
    tokenUrl: '',
    timeout: 5000,
    fetch: async () => answer(),
    ...settings,
  });
}

const answering = (status: number, body: string | null, headers: Record<string, string> = {}) =>
  clientAnswering(() => new Response(body, { status, headers }));

async function failure(promise: Promise<unknown>): Promise<MfaError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(MfaError);
    return error as MfaError;
  }
  throw new Error('expected a failure');
}

describe('MFA API client', () => {
  it('reads a good association, recovery codes optional', async () => {
    const result = await answering(200, JSON.stringify({ authenticator_type: 'otp', secret: SECRET, barcode_uri: OTPAUTH_URI })).associate(signal());
    expect(result.otpauth.secret).to.equal(SECRET);
    expect(result.recoveryCodes).to.deep.equal([]);
  });

  const badAssociations: [string, string][] = [
    ['not JSON', '<html>ok</html>'],
    ['empty', ''],
    ['an array', '[]'],
    ['a missing secret', JSON.stringify({ barcode_uri: OTPAUTH_URI })],
    ['a numeric secret', JSON.stringify({ secret: 42, barcode_uri: OTPAUTH_URI })],
    ['a secret unlike the QR’s', JSON.stringify({ secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', barcode_uri: OTPAUTH_URI })],
    ['recovery codes as a string', JSON.stringify({ secret: SECRET, barcode_uri: OTPAUTH_URI, recovery_codes: 'ABC' })],
    ['recovery codes of numbers', JSON.stringify({ secret: SECRET, barcode_uri: OTPAUTH_URI, recovery_codes: [1, 2] })],
  ];
  for (const [what, body] of badAssociations) {
    it(`refuses a 200 with ${what} as bad_response`, async () => {
      expect((await failure(answering(200, body).associate(signal()))).code).to.equal('bad_response');
    });
  }

  it('classifies a 502 with an empty body as a server error', async () => {
    const error = await failure(answering(502, '').associate(signal()));
    expect([error.code, error.status]).to.deep.equal(['server', 502]);
  });

  it('reads Retry-After in seconds and as an HTTP date', async () => {
    const seconds = answering(429, JSON.stringify({ error: 'too_many_attempts' }), { 'Retry-After': '120' });
    expect((await failure(seconds.associate(signal()))).retryAfter).to.equal(120);
    const date = answering(429, '{}', { 'Retry-After': new Date(Date.now() + 90_000).toUTCString() });
    expect((await failure(date.associate(signal()))).retryAfter).to.be.within(88, 91);
  });

  it('classifies Auth0’s error strings by body, whatever the status', async () => {
    const cases: [number, object, string][] = [
      [403, { error: 'invalid_grant', error_description: 'Invalid otp_code.' }, 'invalid_code'],
      [401, { error: 'invalid_grant', error_description: 'Invalid otp_code.' }, 'invalid_code'],
      [403, { error: 'invalid_grant', error_description: 'Malformed mfa_token' }, 'invalid_token'],
      [400, { error: 'expired_token', error_description: 'mfa_token is expired' }, 'expired_token'],
      [403, { error: 'access_denied', error_description: 'User is already enrolled.' }, 'already_enrolled'],
      [403, { error: 'unauthorized_client', error_description: 'Grant type not allowed' }, 'grant_not_allowed'],
      [401, { error: 'invalid_token', error_description: 'Invalid MFA token' }, 'invalid_token'],
      [400, { error: 'invalid_request', error_description: 'mfa_token not issued to this client' }, 'request_failed'],
    ];
    for (const [status, body, code] of cases) {
      expect((await failure(answering(status, JSON.stringify(body)).verifyOtp('123456', signal()))).code, JSON.stringify(body)).to.equal(code);
    }
  });

  it('requires an access token from Auth0 but not from a site backend', async () => {
    expect((await failure(answering(200, '{"token_type":"Bearer"}').verifyOtp('123456', signal()))).code).to.equal('bad_response');
    const backend = clientAnswering(() => new Response(null, { status: 204 }), { clientId: '', tokenUrl: 'https://site.example/confirm' });
    expect(await backend.verifyOtp('123456', signal())).to.deep.equal({});
  });

  it('sends the confirm form-encoded, with no client secret, and no Referer', async () => {
    let sent: { url: URL; init: RequestInit } | undefined;
    const client = clientAnswering(() => new Response('{"access_token":"a","expires_in":60}', { status: 200 }), {
      fetch: async (url, init) => {
        sent = { url, init };
        return new Response('{"access_token":"a","expires_in":60}', { status: 200 });
      },
    });
    expect(await client.verifyOtp('123456', signal())).to.deep.equal({ accessToken: 'a', expiresIn: 60 });
    expect(String(sent!.url)).to.equal('https://tenant.example.com/oauth/token');
    const form = sent!.init.body as URLSearchParams;
    expect([...form.keys()].sort()).to.deep.equal(['client_id', 'grant_type', 'mfa_token', 'otp']);
    expect(form.get('grant_type')).to.equal('http://auth0.com/oauth/grant-type/mfa-otp');
    expect([sent!.init.referrerPolicy, sent!.init.credentials]).to.deep.equal(['no-referrer', 'omit']);
  });

  it('turns a fetch TypeError into a network error, and lets the caller’s abort through', async () => {
    const dropped = clientAnswering(() => {
      throw new TypeError('Failed to fetch');
    });
    expect((await failure(dropped.associate(signal()))).code).to.equal('network');

    const controller = new AbortController();
    const hanging = clientAnswering(() => new Response(), {
      fetch: (_url, init) => new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason))),
    });
    const pending = hanging.associate(controller.signal);
    controller.abort();
    try {
      await pending;
      expect.fail('should reject');
    } catch (error) {
      expect(error).not.to.be.instanceOf(MfaError);
      expect((error as DOMException).name).to.equal('AbortError');
    }
  });

  it('refuses settings that cannot work with a config error that says what to do', () => {
    const configError = (settings: Partial<MfaApiSettings>) => {
      try {
        clientAnswering(() => new Response(), settings);
      } catch (error) {
        expect((error as MfaError).code).to.equal('config');
        return (error as MfaError).description!;
      }
      throw new Error('expected a config error');
    };
    expect(configError({ clientId: '' })).to.match(/^Set "client-id"/);
    expect(configError({ domain: 'http://auth.example.com' })).to.match(/^Use https:\/\//);
    expect(configError({ domain: 'not a host' })).to.match(/^Set "domain"/);
    expect(configError({ tokenUrl: 'https://user:pw@site.example/confirm' })).to.match(/^Remove the user name and password/);
  });
});
