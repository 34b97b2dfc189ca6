// Narrow cases of response parsing, with `transport.fetch` stubbed: every
// odd body a server might send yields a typed result or a typed error.
import { expect } from '@open-wc/testing';
import { associate, confirm, EnrollApiError, transport } from '../src/api.js';

const SECRET = 'HJ6XM2DNERXDAVCUONGWKRTCMNTU6VDF';
const URI = `otpauth://totp/T:u%40example.com?secret=${SECRET}&issuer=T&algorithm=SHA1&digits=6&period=30`;
const BASE = new URL('https://tenant.example.com/');
const options = () => ({ signal: new AbortController().signal, timeout: 5000 });
const realFetch = transport.fetch;

function answer(status: number, body: string | null, headers: Record<string, string> = {}): void {
  transport.fetch = async () => new Response(body, { status, headers });
}

async function failure(promise: Promise<unknown>): Promise<EnrollApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(EnrollApiError);
    return error as EnrollApiError;
  }
  throw new Error('expected a failure');
}

describe('api', () => {
  afterEach(() => {
    transport.fetch = realFetch;
  });

  it('reads a good association, recovery codes optional', async () => {
    answer(200, JSON.stringify({ authenticator_type: 'otp', secret: SECRET, barcode_uri: URI }));
    const result = await associate(BASE, 't', options());
    expect(result.otpauth.secret).to.equal(SECRET);
    expect(result.recoveryCodes).to.deep.equal([]);
  });

  const badAssociations: [string, string][] = [
    ['not JSON', '<html>ok</html>'],
    ['empty', ''],
    ['an array', '[]'],
    ['a missing secret', JSON.stringify({ barcode_uri: URI })],
    ['a numeric secret', JSON.stringify({ secret: 42, barcode_uri: URI })],
    ['a secret unlike the QR’s', JSON.stringify({ secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', barcode_uri: URI })],
    ['recovery codes as a string', JSON.stringify({ secret: SECRET, barcode_uri: URI, recovery_codes: 'ABC' })],
    ['recovery codes of numbers', JSON.stringify({ secret: SECRET, barcode_uri: URI, recovery_codes: [1, 2] })],
  ];
  for (const [what, body] of badAssociations) {
    it(`refuses a 200 with ${what} as bad_response`, async () => {
      answer(200, body);
      expect((await failure(associate(BASE, 't', options()))).code).to.equal('bad_response');
    });
  }

  it('classifies a 502 with an empty body as a server error', async () => {
    answer(502, '');
    const error = await failure(associate(BASE, 't', options()));
    expect([error.code, error.status]).to.deep.equal(['server', 502]);
  });

  it('reads Retry-After in seconds and as an HTTP date', async () => {
    answer(429, JSON.stringify({ error: 'too_many_attempts' }), { 'Retry-After': '120' });
    expect((await failure(associate(BASE, 't', options()))).retryAfter).to.equal(120);
    answer(429, '{}', { 'Retry-After': new Date(Date.now() + 90_000).toUTCString() });
    const fromDate = (await failure(associate(BASE, 't', options()))).retryAfter!;
    expect(fromDate).to.be.within(88, 91);
  });

  it('classifies Auth0’s error strings', async () => {
    const cases: [number, object, string][] = [
      [403, { error: 'invalid_grant', error_description: 'Invalid otp_code.' }, 'invalid_code'],
      [403, { error: 'invalid_grant', error_description: 'Malformed mfa_token' }, 'invalid_token'],
      [400, { error: 'expired_token', error_description: 'mfa_token is expired' }, 'expired_token'],
      [403, { error: 'access_denied', error_description: 'User is already enrolled.' }, 'already_enrolled'],
      [403, { error: 'unauthorized_client', error_description: 'Grant type not allowed' }, 'grant_not_allowed'],
      [401, { error: 'invalid_token', error_description: 'Invalid MFA token' }, 'invalid_token'],
      [400, { error: 'invalid_request', error_description: 'mfa_token not issued to this client' }, 'request_failed'],
    ];
    for (const [status, body, code] of cases) {
      answer(status, JSON.stringify(body));
      expect((await failure(confirm(BASE, { clientId: 'c', mfaToken: 't', otp: '123456' }, true, options()))).code).to.equal(code);
    }
  });

  it('requires an access token from Auth0 but not from a site backend', async () => {
    answer(200, '{"token_type":"Bearer"}');
    expect((await failure(confirm(BASE, { clientId: 'c', mfaToken: 't', otp: '1' }, true, options()))).code).to.equal(
      'bad_response',
    );
    answer(204, null);
    expect(await confirm(BASE, { clientId: '', mfaToken: 't', otp: '1' }, false, options())).to.deep.equal({});
  });

  it('sends the confirm form-encoded, with no client secret', async () => {
    let sent: RequestInit | undefined;
    transport.fetch = async (_url, init) => {
      sent = init;
      return new Response('{"access_token":"a","expires_in":60}', { status: 200 });
    };
    const tokens = await confirm(BASE, { clientId: 'c', mfaToken: 't', otp: '123456' }, true, options());
    expect(tokens).to.deep.equal({ accessToken: 'a', expiresIn: 60 });
    const form = sent!.body as URLSearchParams;
    expect([...form.keys()].sort()).to.deep.equal(['client_id', 'grant_type', 'mfa_token', 'otp']);
    expect(form.get('grant_type')).to.equal('http://auth0.com/oauth/grant-type/mfa-otp');
  });

  it('turns a fetch TypeError into a network error, and lets the caller’s abort through', async () => {
    transport.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect((await failure(associate(BASE, 't', options()))).code).to.equal('network');

    const controller = new AbortController();
    transport.fetch = (_url, init) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
    const pending = associate(BASE, 't', { signal: controller.signal, timeout: 5000 });
    controller.abort();
    try {
      await pending;
      expect.fail('should reject');
    } catch (error) {
      expect(error).not.to.be.instanceOf(EnrollApiError);
      expect((error as DOMException).name).to.equal('AbortError');
    }
  });
});
