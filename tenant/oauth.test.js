// Tests for the browser side of the stand-in tenant, as Auth0's SPA SDK uses it: /authorize and
// its login page, the session cookie and prompt=none, the authorization_code (PKCE) and
// refresh_token grants, RS256 id_tokens and the JWKS, audiences that need MFA (mfa_required from
// the code and refresh grants, then the MFA grants), the mfaErrorStatus switch, /oauth/revoke,
// /v2/logout, discovery, and the control API's settings and request detail. Run with
// `node --test tenant/`.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTenant } from './server.js';
import { totp } from './totp.js';
import {
  ENROLL_ANY,
  CALLBACK,
  CLIENT,
  MFA_AUDIENCE,
  MFA_OTP,
  MFA_RECOVERY_CODE,
  PAGE,
  associate,
  authorizationCode,
  authorizeUrl,
  call,
  confirm,
  decodeJwt,
  exchangeCode,
  get,
  loginId,
  mfaToken,
  newTenant,
  pkce,
  postLogin,
  recover,
  refresh,
  requestLog,
  verifyJwt,
} from './testkit.js';

describe('OAuth for the browser SDK', () => {
  /** @type {Awaited<ReturnType<typeof startTenant>>} */
  let server;
  /** @type {string} */
  let url;
  // A hand-moved clock (codes expire after 60 s); it starts at the real time so that tokens'
  // iat and exp look like a real tenant's.
  let clock = Date.now();

  before(async () => {
    server = await startTenant({ now: () => clock });
    url = server.url;
  });
  after(() => server.close());

  /**
   * Sign in and exchange the code: the tokens, and what led to them.
   * @param {string} base
   * @param {string} email
   * @param {Record<string, string | undefined>} [params]
   */
  async function signedIn(base, email, params = {}) {
    const { code, verifier, cookie } = await authorizationCode(base, email, params);
    const res = await exchangeCode(base, code, verifier);
    assert.equal(res.status, 200, res.text);
    return { tokens: res.body, cookie };
  }

  /**
   * Add and confirm an OTP authenticator with an mfa_token: the tokens the mfa-otp grant answers.
   * @param {string} base
   * @param {string} token
   */
  async function enrollWith(base, token) {
    const added = await associate(base, token);
    assert.equal(added.status, 200, added.text);
    const done = await confirm(base, token, totp(added.body.secret, { time: clock }));
    assert.equal(done.status, 200, done.text);
    return { tokens: done.body, secret: added.body.secret, recoveryCode: added.body.recovery_codes[0] };
  }

  describe('discovery', () => {
    it('serves the openid-configuration of the base the client used', async () => {
      const { base } = await newTenant(url);
      const res = await call(`${base}/.well-known/openid-configuration`, { method: 'GET', origin: PAGE });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), PAGE);
      assert.equal(res.body.issuer, `${base}/`);
      assert.equal(res.body.authorization_endpoint, `${base}/authorize`);
      assert.equal(res.body.token_endpoint, `${base}/oauth/token`);
      assert.equal(res.body.jwks_uri, `${base}/.well-known/jwks.json`);
      assert.equal(res.body.revocation_endpoint, `${base}/oauth/revoke`);
      assert.deepEqual(res.body.code_challenge_methods_supported, ['S256']);
      assert.deepEqual(res.body.id_token_signing_alg_values_supported, ['RS256']);
      assert.deepEqual(res.body.response_modes_supported, ['query', 'web_message']);
      assert.ok(res.body.grant_types_supported.includes('authorization_code'));
      assert.ok(res.body.grant_types_supported.includes('refresh_token'));
      assert.ok(res.body.dpop_signing_alg_values_supported.includes('ES256'));
      const local = base.replace('127.0.0.1', 'localhost');
      assert.equal((await call(`${local}/.well-known/openid-configuration`, { method: 'GET' })).body.issuer, `${local}/`);
    });

    it('publishes one public RSA key in the JWKS, with its kid', async () => {
      const res = await call(`${url}/.well-known/jwks.json`, { method: 'GET' });
      assert.equal(res.status, 200);
      assert.equal(res.body.keys.length, 1);
      const [key] = res.body.keys;
      assert.deepEqual(Object.keys(key).sort(), ['alg', 'e', 'kid', 'kty', 'n', 'use']);
      assert.equal(key.kty, 'RSA');
      assert.equal(key.alg, 'RS256');
      assert.equal(key.use, 'sig');
      assert.ok(Buffer.from(key.n, 'base64url').length >= 256, 'at least 2048 bits');
    });
  });

  describe('GET /authorize and the login page', () => {
    it('shows a plain login page: labelled inputs, no script, not framable, nothing cached', async () => {
      const { base } = await newTenant(url);
      const res = await get(authorizeUrl(base));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /form-action 'self' http:\/\/localhost:8000/);
      assert.ok(!res.text.includes('<script'), 'no script');
      assert.match(res.text, /<label for="email">Email address<\/label>/);
      assert.match(res.text, /<input id="email" name="email" type="email" autocomplete="username" required/);
      assert.match(res.text, /<label for="password">Password<\/label>/);
      assert.match(res.text, /<input id="password" name="password" type="password" autocomplete="current-password" required>/);
      assert.match(res.text, new RegExp(`<form method="post" action="${base.slice(url.length)}/u/login">`));
      assert.match(res.text, /<title>Sign in to Stand-in Tenant<\/title>/);
    });

    it('escapes what it echoes: the tenant name, and the email after a wrong password', async () => {
      const { base } = await newTenant(url, { name: '<script>alert(1)</script>' });
      const page = await get(authorizeUrl(base));
      assert.ok(!page.text.includes('<script>'));
      assert.match(page.text, /Sign in to &#60;script&#62;alert\(1\)&#60;\/script&#62;/);
      const email = '"><img src=x onerror=alert(1)>';
      const wrong = await postLogin(base, { login: loginId(page.text), email, password: 'nope' });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.setCookie, undefined);
      assert.ok(!wrong.text.includes('<img'));
      assert.match(wrong.text, /value="&#34;&#62;&#60;img src=x onerror=alert\(1\)&#62;" aria-describedby="error"/);
      assert.match(wrong.text, /<p id="error" role="alert">Wrong email or password.<\/p>/);
      // The page still works after a wrong password.
      const right = await postLogin(base, { login: loginId(wrong.text), email: 'ok@example.com', password: 'demo-password' });
      assert.equal(right.status, 302);
    });

    it('signs in: a session cookie (HttpOnly, SameSite=Lax, the tenant path) and a redirect with code and state', async () => {
      const { id, base } = await newTenant(url);
      const page = await get(authorizeUrl(base, { state: 'abc/+=' }));
      const done = await postLogin(base, { login: loginId(page.text), email: 'page@example.com', password: 'demo-password' });
      assert.equal(done.status, 302);
      assert.equal(done.setCookie?.replace(/=[\w-]+;/, '=…;'), `stand_in_session_${id}=…; Path=/tenants/${id}; HttpOnly; SameSite=Lax`);
      const location = new URL(/** @type {string} */ (done.location));
      assert.equal(`${location.origin}${location.pathname}`, CALLBACK);
      assert.deepEqual([...location.searchParams.keys()], ['code', 'state']);
      assert.equal(location.searchParams.get('state'), 'abc/+=');
      assert.match(/** @type {string} */ (location.searchParams.get('code')), /^[\w-]{43}$/);
      // The login page's request is spent.
      assert.equal((await postLogin(base, { login: loginId(page.text), email: 'page@example.com', password: 'demo-password' })).status, 400);
    });

    it('keeps a callback\'s own query parameters', async () => {
      const { base } = await newTenant(url);
      const { location } = await authorizationCode(base, 'query@example.com', { redirect_uri: `${CALLBACK}?tab=2` });
      assert.equal(location.searchParams.get('tab'), '2');
      assert.ok(location.searchParams.get('code'));
    });

    it('refuses an expired login page with 400 and asks to start again', async () => {
      const { base } = await newTenant(url);
      const page = await get(authorizeUrl(base));
      clock += 11 * 60 * 1000;
      const done = await postLogin(base, { login: loginId(page.text), email: 'late@example.com', password: 'demo-password' });
      assert.equal(done.status, 400);
      assert.match(done.text, /This sign-in page has expired/);
      assert.equal((await postLogin(base, { login: 'made-up', email: 'x@example.com', password: 'demo-password' })).status, 400);
    });

    it('refuses an unknown client and a callback that is not allowed with an error page, no redirect', async () => {
      const { base } = await newTenant(url);
      const unknown = await get(authorizeUrl(base, { client_id: 'nobody' }));
      assert.equal(unknown.status, 400);
      assert.equal(unknown.location, null);
      assert.match(unknown.text, /Unknown application/);
      for (const callback of ['https://evil.example/cb', 'javascript:alert(1)', 'http://localhost:8000/cb#frag', 'http://user:pw@localhost:8000/cb', 'not a url', '']) {
        const res = await get(authorizeUrl(base, { redirect_uri: callback }));
        assert.equal(res.status, 400, callback);
        assert.equal(res.location, null);
        assert.match(res.text, /Callback URL mismatch/);
      }
      assert.equal((await get(authorizeUrl(base, { redirect_uri: undefined }))).status, 400);
    });

    it('allows any loopback http(s) callback; a tenant\'s allowedOrigins restrict callbacks too', async () => {
      const { base } = await newTenant(url);
      for (const callback of ['http://127.0.0.1:5173/', 'https://localhost:4200/cb', 'http://[::1]:3000/x']) {
        assert.equal((await get(authorizeUrl(base, { redirect_uri: callback }))).status, 200, callback);
      }
      const strict = await newTenant(url, { allowedOrigins: ['https://app.example'] });
      assert.equal((await get(authorizeUrl(strict.base, { redirect_uri: 'https://app.example/callback' }))).status, 200);
      assert.equal((await get(authorizeUrl(strict.base, { redirect_uri: CALLBACK }))).status, 400);
    });

    it('sends request errors to the callback with the state: response_type, PKCE (S256 only), response_mode', async () => {
      const { base } = await newTenant(url);
      /** @param {Record<string, string | undefined>} params */
      const errorOf = async (params) => {
        const res = await get(authorizeUrl(base, params));
        assert.equal(res.status, 302);
        const location = new URL(/** @type {string} */ (res.location));
        assert.equal(location.searchParams.get('state'), 'state-1');
        assert.equal(location.searchParams.get('code'), null);
        return [location.searchParams.get('error'), location.searchParams.get('error_description')];
      };
      assert.deepEqual(await errorOf({ response_type: 'token' }), ['unsupported_response_type', 'Unsupported response_type: token']);
      assert.deepEqual(await errorOf({ code_challenge_method: 'plain' }), ['invalid_request', 'Unsupported code_challenge_method: plain (only S256)']);
      assert.deepEqual(await errorOf({ code_challenge_method: undefined }), ['invalid_request', 'Unsupported code_challenge_method: plain (only S256)']);
      assert.deepEqual(await errorOf({ code_challenge: undefined }), ['invalid_request', 'Missing required parameter: code_challenge (PKCE is required)']);
      assert.deepEqual(await errorOf({ code_challenge: 'short' }), ['invalid_request', 'code_challenge must be a base64url SHA-256 (43 characters)']);
      assert.deepEqual(await errorOf({ response_mode: 'form_post' }), ['invalid_request', 'Unsupported response_mode: form_post']);
    });

    it('answers prompt=none without a session with login_required (query)', async () => {
      const { base } = await newTenant(url);
      const res = await get(authorizeUrl(base, { prompt: 'none' }));
      assert.equal(res.status, 302);
      const location = new URL(/** @type {string} */ (res.location));
      assert.deepEqual(Object.fromEntries(location.searchParams), { error: 'login_required', error_description: 'Login required', state: 'state-1' });
    });

    it('answers web_message with a page that posts {type: "authorization_response", response} to its opener or parent at the callback origin', async () => {
      const { base } = await newTenant(url);
      const res = await get(authorizeUrl(base, { prompt: 'none', response_mode: 'web_message', redirect_uri: 'http://127.0.0.1:5173/' }));
      assert.equal(res.status, 200);
      assert.equal(res.location, null);
      const script = /<script>([\s\S]*)<\/script>/.exec(res.text)?.[1] ?? '';
      assert.equal(script, '(function(){var target=window.opener||window.parent;target.postMessage({type:"authorization_response",response:{"error":"login_required","error_description":"Login required","state":"state-1"}},"http://127.0.0.1:5173");})();');
      const hash = createHash('sha256').update(script).digest('base64');
      assert.equal(res.headers.get('content-security-policy'), `default-src 'none'; script-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors http://127.0.0.1:5173`);
      assert.equal(res.headers.get('x-frame-options'), null, 'the SDK frames it');
    });

    it('never lets echoed values break out of the web_message script', async () => {
      const { base } = await newTenant(url);
      const res = await get(authorizeUrl(base, { prompt: 'none', response_mode: 'web_message', state: '</script><script>alert(1)</script>\u2028' }));
      const script = /<script>([\s\S]*?)<\/script>/.exec(res.text)?.[1] ?? '';
      assert.ok(script.includes('"state":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\\u2028"'), script);
      assert.equal(res.text.match(/<script>/g)?.length, 1);
    });

    it('with a session: prompt=none and a plain /authorize answer a code (single sign-on); prompt=login shows the page', async () => {
      const { base } = await newTenant(url);
      const { cookie } = await authorizationCode(base, 'sso@example.com');
      const silent = await get(authorizeUrl(base, { prompt: 'none' }), { cookie });
      assert.equal(silent.status, 302);
      assert.ok(new URL(/** @type {string} */ (silent.location)).searchParams.get('code'));
      const web = await get(authorizeUrl(base, { prompt: 'none', response_mode: 'web_message' }), { cookie });
      assert.match(web.text, /response:\{"code":"[\w-]{43}","state":"state-1"\}/);
      const again = await get(authorizeUrl(base), { cookie });
      assert.equal(again.status, 302);
      const forced = await get(authorizeUrl(base, { prompt: 'login' }), { cookie });
      assert.equal(forced.status, 200);
      assert.match(forced.text, /<form/);
      // Another tenant's cookie means nothing here.
      const other = await newTenant(url);
      assert.equal(new URL(/** @type {string} */ ((await get(authorizeUrl(other.base, { prompt: 'none' }), { cookie })).location)).searchParams.get('error'), 'login_required');
    });

    it('answers prompt=none for an audience that needs MFA with login_required "Multifactor authentication required" until the session did MFA', async () => {
      const { base } = await newTenant(url);
      const { tokens, cookie } = await signedIn(base, 'stepup@example.com');
      const res = await get(authorizeUrl(base, { prompt: 'none', audience: MFA_AUDIENCE }), { cookie });
      const location = new URL(/** @type {string} */ (res.location));
      assert.equal(location.searchParams.get('error'), 'login_required');
      assert.equal(location.searchParams.get('error_description'), 'Multifactor authentication required');
      const refused = await refresh(base, tokens.refresh_token, { audience: MFA_AUDIENCE });
      await enrollWith(base, refused.body.mfa_token);
      const after = await get(authorizeUrl(base, { prompt: 'none', audience: MFA_AUDIENCE }), { cookie });
      assert.ok(new URL(/** @type {string} */ (after.location)).searchParams.get('code'));
    });

    it('GET /v2/logout ends the session, clears the cookie and goes to an allowed returnTo', async () => {
      const { id, base } = await newTenant(url);
      const { cookie } = await authorizationCode(base, 'bye@example.com');
      const out = await get(`${base}/v2/logout?client_id=${CLIENT}&returnTo=${encodeURIComponent('http://localhost:8000/')}`, { cookie });
      assert.equal(out.status, 302);
      assert.equal(out.location, 'http://localhost:8000/');
      assert.equal(out.headers.getSetCookie()[0], `stand_in_session_${id}=; Path=/tenants/${id}; HttpOnly; SameSite=Lax; Max-Age=0`);
      const silent = await get(authorizeUrl(base, { prompt: 'none' }), { cookie });
      assert.equal(new URL(/** @type {string} */ (silent.location)).searchParams.get('error'), 'login_required');
      assert.equal((await get(`${base}/v2/logout?returnTo=${encodeURIComponent('https://evil.example/')}`)).status, 400);
      const plain = await get(`${base}/v2/logout`);
      assert.equal(plain.status, 200);
      assert.match(plain.text, /You are signed out/);
    });
  });

  describe('POST /oauth/token, authorization_code grant', () => {
    it('answers tokens: an RS256 id_token (JWKS-verified) with iss, aud, azp, sub, email, nonce, iat, exp; a refresh_token for offline_access', async () => {
      const { id, base } = await newTenant(url);
      const { code, verifier } = await authorizationCode(base, 'code@example.com');
      const res = await exchangeCode(base, code, verifier);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(Object.keys(res.body), ['access_token', 'id_token', 'expires_in', 'scope', 'token_type', 'refresh_token']);
      assert.equal(res.body.expires_in, 86400);
      assert.equal(res.body.scope, 'openid profile offline_access');
      assert.equal(res.body.token_type, 'Bearer');
      assert.match(res.body.refresh_token, /^[\w-]{43}$/);
      const { header } = decodeJwt(res.body.id_token);
      assert.equal(header.typ, 'JWT');
      const claims = await verifyJwt(base, res.body.id_token);
      const user = server.tenants.get(id)?.findUser('code@example.com');
      const now = Math.floor(clock / 1000);
      assert.deepEqual(claims, { iss: `${base}/`, sub: user?.id, aud: CLIENT, iat: now, exp: now + 36000, azp: CLIENT, auth_time: now, email: 'code@example.com', name: 'code@example.com', nickname: 'code', nonce: 'nonce-1' });
      const access = await verifyJwt(base, res.body.access_token);
      assert.equal(access.aud, `${base}/userinfo`);
      assert.equal(access.scope, 'openid profile offline_access');
      assert.equal(access.sub, user?.id);
      assert.equal(access.cnf, undefined);
    });

    it('accepts a JSON body, names the audience asked in the access token, and gives no refresh_token without offline_access', async () => {
      const { base } = await newTenant(url);
      const { code, verifier } = await authorizationCode(base, 'json@example.com', { scope: 'openid profile', audience: 'https://api.example.com/' });
      const res = await call(`${base}/oauth/token`, { json: { grant_type: 'authorization_code', client_id: CLIENT, code, code_verifier: verifier, redirect_uri: CALLBACK } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.refresh_token, undefined);
      assert.equal(res.body.scope, 'openid profile');
      assert.equal((await verifyJwt(base, res.body.access_token)).aud, 'https://api.example.com/');
    });

    it('refuses a wrong code_verifier with 403 "Failed to verify code verifier"; the code is spent', async () => {
      const { base } = await newTenant(url);
      const { code, verifier } = await authorizationCode(base, 'pkce@example.com');
      const wrong = await exchangeCode(base, code, pkce().verifier);
      assert.equal(wrong.status, 403);
      assert.deepEqual(wrong.body, { error: 'invalid_grant', error_description: 'Failed to verify code verifier' });
      const right = await exchangeCode(base, code, verifier);
      assert.deepEqual(right.body, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
      const { code: other } = await authorizationCode(base, 'pkce@example.com');
      const missing = await call(`${base}/oauth/token`, { form: { grant_type: 'authorization_code', client_id: CLIENT, code: other, redirect_uri: CALLBACK } });
      assert.deepEqual(missing.body, { error: 'invalid_grant', error_description: 'Failed to verify code verifier' });
    });

    it('refuses the plain method even when the verifier equals the challenge', async () => {
      const { base } = await newTenant(url);
      // S256 only: a client sending its verifier as the challenge ("plain") cannot redeem it.
      const verifier = pkce().verifier;
      const { code } = await authorizationCode(base, 'plain@example.com', { code_challenge: verifier });
      const res = await exchangeCode(base, code, verifier);
      assert.deepEqual(res.body, { error: 'invalid_grant', error_description: 'Failed to verify code verifier' });
    });

    it('works once: a reused code gets 403 "Invalid authorization code" and revokes the refresh token it gave', async () => {
      const { base } = await newTenant(url);
      const { code, verifier } = await authorizationCode(base, 'reuse@example.com');
      const first = await exchangeCode(base, code, verifier);
      assert.equal(first.status, 200);
      const second = await exchangeCode(base, code, verifier);
      assert.equal(second.status, 403);
      assert.deepEqual(second.body, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
      assert.deepEqual((await refresh(base, first.body.refresh_token)).body, { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
    });

    it('refuses another redirect_uri with 403 "Invalid redirect_uri"', async () => {
      const { base } = await newTenant(url);
      const { code, verifier } = await authorizationCode(base, 'redirect@example.com');
      const res = await exchangeCode(base, code, verifier, { redirect_uri: 'http://localhost:8000/other' });
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'invalid_grant', error_description: 'Invalid redirect_uri' });
      const { code: again, verifier: v2 } = await authorizationCode(base, 'redirect@example.com');
      const none = await call(`${base}/oauth/token`, { form: { grant_type: 'authorization_code', client_id: CLIENT, code: again, code_verifier: v2 } });
      assert.deepEqual(none.body, { error: 'invalid_grant', error_description: 'Invalid redirect_uri' });
    });

    it('expires a code after 60 s', async () => {
      const { base } = await newTenant(url);
      const { code, verifier } = await authorizationCode(base, 'slow@example.com');
      clock += 60_000;
      const res = await exchangeCode(base, code, verifier);
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
    });

    it('refuses an unknown code, another client\'s code, and a missing code', async () => {
      const { base } = await newTenant(url);
      assert.deepEqual((await exchangeCode(base, 'nope', pkce().verifier)).body, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
      const { code, verifier } = await authorizationCode(base, 'client@example.com');
      const other = await exchangeCode(base, code, verifier, { client_id: 'spa-without-mfa-grant' });
      assert.deepEqual(other.body, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
      const missing = await call(`${base}/oauth/token`, { form: { grant_type: 'authorization_code', client_id: CLIENT } });
      assert.equal(missing.status, 400);
      assert.deepEqual(missing.body, { error: 'invalid_request', error_description: 'Missing required parameter: code' });
    });

    it('answers mfa_required for an audience that needs MFA; the MFA grant then answers tokens for it, with the nonce and amr', async () => {
      const { base } = await newTenant(url);
      const { code, verifier } = await authorizationCode(base, 'codemfa@example.com', { audience: MFA_AUDIENCE, scope: 'openid profile email offline_access', nonce: 'n-2' });
      const refused = await exchangeCode(base, code, verifier);
      assert.equal(refused.status, 403);
      assert.deepEqual(Object.keys(refused.body), ['error', 'error_description', 'mfa_token', 'mfa_requirements']);
      assert.equal(refused.body.error, 'mfa_required');
      assert.equal(refused.body.error_description, 'Multifactor authentication required');
      assert.match(refused.body.mfa_token, /^Fe26\.2\*\*/);
      assert.deepEqual(refused.body.mfa_requirements, ENROLL_ANY);
      const { tokens } = await enrollWith(base, refused.body.mfa_token);
      assert.equal(tokens.scope, 'openid profile email offline_access');
      assert.equal(typeof tokens.refresh_token, 'string');
      const access = await verifyJwt(base, tokens.access_token);
      assert.equal(access.aud, MFA_AUDIENCE);
      assert.deepEqual(access.amr, ['mfa']);
      const id = await verifyJwt(base, tokens.id_token);
      assert.equal(id.nonce, 'n-2');
      assert.deepEqual(id.amr, ['mfa']);
      assert.equal(id.aud, CLIENT);
    });
  });

  describe('POST /oauth/token, refresh_token grant', () => {
    it('rotates: each refresh answers a new refresh_token and tokens for the same audience and scope; the old one stops working', async () => {
      const { base } = await newTenant(url);
      const { tokens } = await signedIn(base, 'rotate@example.com');
      const next = await refresh(base, tokens.refresh_token);
      assert.equal(next.status, 200, next.text);
      assert.deepEqual(Object.keys(next.body), ['access_token', 'id_token', 'expires_in', 'scope', 'token_type', 'refresh_token']);
      assert.notEqual(next.body.refresh_token, tokens.refresh_token);
      assert.equal(next.body.scope, 'openid profile offline_access');
      assert.equal((await verifyJwt(base, next.body.access_token)).aud, `${base}/userinfo`);
      const claims = await verifyJwt(base, next.body.id_token);
      assert.equal(claims.nonce, undefined);
      const third = await refresh(base, next.body.refresh_token);
      assert.equal(third.status, 200);
    });

    it('treats a rotated-away refresh token as reuse: 403 invalid_grant, and the whole family is revoked', async () => {
      const { base } = await newTenant(url);
      const { tokens } = await signedIn(base, 'stolen@example.com');
      const next = await refresh(base, tokens.refresh_token);
      const reuse = await refresh(base, tokens.refresh_token);
      assert.equal(reuse.status, 403);
      assert.deepEqual(reuse.body, { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
      assert.equal((await refresh(base, next.body.refresh_token)).status, 403);
    });

    it('refuses unknown, expired and other clients\' refresh tokens with 403, a missing one with 400', async () => {
      const { id, base } = await newTenant(url);
      assert.deepEqual((await refresh(base, 'nope')).body, { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
      const { tokens } = await signedIn(base, 'expired-rt@example.com');
      assert.equal((await refresh(base, tokens.refresh_token, { client_id: 'spa-without-mfa-grant' })).status, 403);
      await call(`${url}/__control/tenants/${id}/expire-tokens`);
      assert.equal((await refresh(base, tokens.refresh_token)).status, 403);
      const missing = await call(`${base}/oauth/token`, { form: { grant_type: 'refresh_token', client_id: CLIENT } });
      assert.equal(missing.status, 400);
      assert.deepEqual(missing.body, { error: 'invalid_request', error_description: 'Missing required parameter: refresh_token' });
    });

    it('answers mfa_required (enroll) for an audience that needs MFA; the mfa-otp grant answers that audience and scope with an id_token and a rotated refresh_token', async () => {
      const { base } = await newTenant(url);
      const { tokens } = await signedIn(base, 'mrrt@example.com');
      const scope = 'openid profile offline_access read:things';
      const refused = await refresh(base, tokens.refresh_token, { audience: MFA_AUDIENCE, scope });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error, 'mfa_required');
      assert.deepEqual(refused.body.mfa_requirements, ENROLL_ANY);
      // A refused refresh does not rotate: the token still refreshes the audience it had.
      assert.equal((await refresh(base, tokens.refresh_token, {}, {})).status, 200);
      const again = await refresh(base, tokens.refresh_token, { audience: MFA_AUDIENCE, scope });
      assert.equal(again.status, 403, 'the refresh above rotated it');
    });

    it('completes a refused refresh with the MFA grant, then remembers MFA for the login: the next refresh for the audience needs none', async () => {
      const { base } = await newTenant(url);
      const { tokens } = await signedIn(base, 'remember@example.com');
      const scope = 'openid profile offline_access';
      const refused = await refresh(base, tokens.refresh_token, { audience: MFA_AUDIENCE, scope });
      const { tokens: granted } = await enrollWith(base, refused.body.mfa_token);
      assert.deepEqual(Object.keys(granted), ['access_token', 'id_token', 'expires_in', 'scope', 'token_type', 'refresh_token']);
      assert.equal(granted.scope, scope);
      assert.equal((await verifyJwt(base, granted.access_token)).aud, MFA_AUDIENCE);
      const id = await verifyJwt(base, granted.id_token);
      assert.deepEqual(id.amr, ['mfa']);
      assert.equal(id.email, 'remember@example.com');
      // The completion rotated the family: the refresh token the refused request carried is spent.
      assert.notEqual(granted.refresh_token, tokens.refresh_token);
      const next = await refresh(base, granted.refresh_token, { audience: MFA_AUDIENCE, scope });
      assert.equal(next.status, 200, next.text);
      assert.equal((await verifyJwt(base, next.body.access_token)).aud, MFA_AUDIENCE);
      assert.deepEqual((await verifyJwt(base, next.body.id_token)).amr, ['mfa']);
    });

    it('asks an enrolled user to complete a challenge in a new login; the recovery-code grant completes it too', async () => {
      const { base } = await newTenant(url);
      const first = await signedIn(base, 'again@example.com');
      const enrolled = await enrollWith(base, (await refresh(base, first.tokens.refresh_token, { audience: MFA_AUDIENCE })).body.mfa_token);
      clock += 30_000;
      const second = await signedIn(base, 'again@example.com', { prompt: 'login' });
      const refused = await refresh(base, second.tokens.refresh_token, { audience: MFA_AUDIENCE });
      assert.deepEqual(refused.body.mfa_requirements, { challenge: [{ type: 'otp' }] });
      const recovered = await recover(base, refused.body.mfa_token, enrolled.recoveryCode);
      assert.equal(recovered.status, 200, recovered.text);
      assert.equal((await verifyJwt(base, recovered.body.access_token)).aud, MFA_AUDIENCE);
      assert.equal(typeof recovered.body.refresh_token, 'string');
      assert.equal(typeof recovered.body.recovery_code, 'string');
    });

    it('needs MFA again after a logout, for the same refresh token', async () => {
      const { base } = await newTenant(url);
      const { tokens, cookie } = await signedIn(base, 'logout-mfa@example.com');
      const done = await enrollWith(base, (await refresh(base, tokens.refresh_token, { audience: MFA_AUDIENCE })).body.mfa_token);
      await get(`${base}/v2/logout`, { cookie });
      const refused = await refresh(base, done.tokens.refresh_token, { audience: MFA_AUDIENCE });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error, 'mfa_required');
    });

    it('follows the tenant\'s mfaAudiences setting', async () => {
      const { id, base } = await newTenant(url, { mfaAudiences: ['https://api.example.com/'] });
      const { tokens } = await signedIn(base, 'setting@example.com');
      const free = await refresh(base, tokens.refresh_token, { audience: MFA_AUDIENCE });
      assert.equal(free.status, 200, 'not an MFA audience on this tenant');
      assert.equal((await refresh(base, free.body.refresh_token, { audience: 'https://api.example.com/' })).body.error, 'mfa_required');
      const changed = await call(`${url}/__control/tenants/${id}/settings`, { json: { mfaAudiences: [] } });
      assert.equal(changed.status, 200);
      assert.deepEqual(changed.body.mfaAudiences, []);
      assert.equal((await refresh(base, free.body.refresh_token, { audience: 'https://api.example.com/' })).status, 200);
    });

    it('POST /oauth/revoke revokes the refresh token\'s family: 200, no body, unknown tokens too', async () => {
      const { base } = await newTenant(url);
      const { tokens } = await signedIn(base, 'revoke@example.com');
      const res = await call(`${base}/oauth/revoke`, { form: { client_id: CLIENT, token: tokens.refresh_token, token_type_hint: 'refresh_token' }, origin: PAGE });
      assert.equal(res.status, 200);
      assert.equal(res.text, '');
      assert.equal((await refresh(base, tokens.refresh_token)).status, 403);
      assert.equal((await call(`${base}/oauth/revoke`, { json: { client_id: CLIENT, token: 'nope' } })).status, 200);
      assert.equal((await call(`${base}/oauth/revoke`, { json: { client_id: CLIENT } })).status, 400);
      assert.equal((await call(`${base}/oauth/revoke`, { json: { client_id: 'nobody', token: 'x' } })).status, 401);
    });
  });

  describe('the password grant and the MFA grants', () => {
    it('gives the audience and scope the password grant asked, once MFA is done', async () => {
      const { base } = await newTenant(url);
      const token = await mfaToken(base, 'ropg-aud@example.com', { audience: 'https://api.example.com/', scope: 'openid read:things offline_access' });
      const { tokens } = await enrollWith(base, token);
      assert.equal(tokens.scope, 'openid read:things offline_access');
      assert.equal((await verifyJwt(base, tokens.access_token)).aud, 'https://api.example.com/');
      assert.deepEqual((await verifyJwt(base, tokens.id_token)).amr, ['mfa']);
      // Its refresh token belongs to a login that did MFA.
      assert.equal((await refresh(base, tokens.refresh_token, { audience: MFA_AUDIENCE })).status, 200);
    });
  });

  describe('mfaErrorStatus', () => {
    it('answers mfa_required and the MFA grants\' errors with 401 when set, the same bodies as with 403', async () => {
      const strict = await newTenant(url, { mfaErrorStatus: 401 });
      const usual = await newTenant(url);
      for (const [{ base }, status] of /** @type {const} */ ([[strict, 401], [usual, 403]])) {
        const required = await call(`${base}/oauth/token`, { form: { grant_type: 'password', client_id: CLIENT, username: `status${status}@example.com`, password: 'demo-password' } });
        assert.equal(required.status, status);
        assert.equal(required.body.error, 'mfa_required');
        const { tokens } = await signedIn(base, `status${status}@example.com`);
        const refused = await refresh(base, tokens.refresh_token, { audience: MFA_AUDIENCE });
        assert.equal(refused.status, status);
        const added = await associate(base, refused.body.mfa_token);
        const wrong = await confirm(base, refused.body.mfa_token, totp(added.body.secret, { time: clock + 120_000 }));
        assert.equal(wrong.status, status);
        assert.deepEqual(wrong.body, { error: 'invalid_grant', error_description: 'Invalid otp_code.' });
        const malformed = await confirm(base, 'Fe26.2**nope', '123456');
        assert.equal(malformed.status, status);
        assert.deepEqual(malformed.body, { error: 'invalid_grant', error_description: 'Malformed mfa_token' });
        const badRecovery = await call(`${base}/oauth/token`, { form: { grant_type: MFA_RECOVERY_CODE, client_id: CLIENT, mfa_token: refused.body.mfa_token, recovery_code: 'X' } });
        assert.equal(badRecovery.status, status);
      }
    });
  });

  describe('control API', () => {
    it('adds latencyMs to every answer of the tenant, the control API aside', async () => {
      const { id, base } = await newTenant(url, { latencyMs: 150 });
      const timed = async (/** @type {string} */ target) => {
        const started = performance.now();
        await call(target, { method: 'GET' });
        return performance.now() - started;
      };
      assert.ok((await timed(`${base}/.well-known/jwks.json`)) >= 150);
      assert.ok((await timed(`${url}/__control/tenants/${id}/settings`)) < 150);
      await call(`${url}/__control/tenants/${id}/settings`, { json: { latencyMs: 0 } });
      assert.ok((await timed(`${base}/.well-known/jwks.json`)) < 150);
      assert.equal((await call(`${url}/__control/tenants/${id}/settings`, { json: { latencyMs: -1 } })).status, 400);
    });

    it('reads and changes a tenant\'s settings; refuses bad ones with 400', async () => {
      const NEW_DEFAULTS = { factors: ['otp', 'phone', 'email', 'push-notification'], phoneChannels: ['sms', 'voice'], messageLimit: 10, messageWindowSeconds: 3600, pushPollIntervalMs: 5000, pushRejection: 'access_denied', myAccountEnrollStatus: 201 };
      const { id } = await newTenant(url);
      const shown = await call(`${url}/__control/tenants/${id}/settings`, { method: 'GET' });
      assert.deepEqual(shown.body, { name: 'Stand-in Tenant', recoveryCodes: true, recoveryCodeRotation: true, mfaTokenTtlSeconds: 600, allowedOrigins: null, mfaAudiences: [MFA_AUDIENCE], mfaErrorStatus: 403, dpopNonce: false, myAccountProblems: 'stand-in', latencyMs: 0, mfaPolicy: 'per-app', typedAuthenticators: false, ...NEW_DEFAULTS });
      const changed = await call(`${url}/__control/tenants/${id}/settings`, { json: { mfaErrorStatus: 401, dpopNonce: true, allowedOrigins: ['https://app.example'] } });
      assert.equal(changed.status, 200);
      assert.equal(changed.body.mfaErrorStatus, 401);
      assert.equal(changed.body.dpopNonce, true);
      assert.deepEqual(changed.body.allowedOrigins, ['https://app.example']);
      assert.deepEqual((await call(`${url}/__control/tenants/${id}/settings`, { json: { allowedOrigins: null } })).body.allowedOrigins, null);
      const NEW_BAD = [{ factors: ['sms'] }, { factors: ['otp', 'otp'] }, { phoneChannels: [] }, { messageLimit: 0 }, { messageWindowSeconds: -1 }, { pushPollIntervalMs: 'x' }, { pushRejection: 'nope' }, { myAccountEnrollStatus: 204 }];
      for (const bad of [{ mfaErrorStatus: 402 }, { mfaAudiences: 'x' }, { dpopNonce: 'yes' }, { surprise: 1 }, ...NEW_BAD]) {
        const res = await call(`${url}/__control/tenants/${id}/settings`, { json: bad });
        assert.equal(res.status, 400, JSON.stringify(bad));
      }
      assert.equal((await call(`${url}/__control/tenants`, { json: { mfaErrorStatus: 500 } })).status, 400);
      assert.equal((await call(`${url}/__control/tenants/default/settings`, { method: 'GET' })).body.mfaErrorStatus, 403);
    });

    it('shows each request\'s detail with ?detail=1: status, DPoP and Auth0-Client presence, grant type, audience, token_type; never a token', async () => {
      const { id, base } = await newTenant(url);
      const { code, verifier } = await authorizationCode(base, 'detail@example.com', { audience: MFA_AUDIENCE });
      await call(`${url}/__control/tenants/${id}/requests`, { method: 'DELETE' });
      const refused = await exchangeCode(base, code, verifier, {}, { 'auth0-client': Buffer.from('{"name":"auth0-spa-js"}').toString('base64') });
      const { tokens } = await enrollWith(base, refused.body.mfa_token);
      const log = await requestLog(url, id);
      assert.deepEqual(log.map((r) => [r.path, r.status, r.grantType, r.audience, r.tokenType, r.dpop, r.auth0Client]), [
        ['/oauth/token', 403, 'authorization_code', null, null, false, true],
        ['/mfa/associate', 200, null, null, null, false, false],
        ['/oauth/token', 200, MFA_OTP, null, 'Bearer', false, false],
      ]);
      const text = JSON.stringify(log);
      for (const secret of [code, verifier, refused.body.mfa_token, tokens.access_token, tokens.refresh_token]) assert.ok(!text.includes(secret));
      // Without ?detail=1 the log is as before.
      const plain = await call(`${url}/__control/tenants/${id}/requests`, { method: 'GET' });
      assert.deepEqual(Object.keys(plain.body[0]), ['method', 'path', 'origin', 'contentType', 'bodyKeys', 'authorization']);
    });

    it('ends every browser session with DELETE …/sessions', async () => {
      const { id, base } = await newTenant(url);
      const { cookie } = await authorizationCode(base, 'ended@example.com');
      assert.equal((await call(`${url}/__control/tenants/${id}/sessions`, { method: 'DELETE' })).status, 204);
      const silent = await get(authorizeUrl(base, { prompt: 'none' }), { cookie });
      assert.equal(new URL(/** @type {string} */ (silent.location)).searchParams.get('error'), 'login_required');
    });
  });
});
