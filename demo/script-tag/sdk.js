// Page logic for sdk.html: Auth0's browser SDK (@auth0/auth0-spa-js) with no framework.
// Sign in with the SDK; ask it for a token for an API that needs MFA; when it throws
// MfaRequiredError, show <mfa-otp-enroll> (first time) or <mfa-otp-verify> (enrolled already)
// with the SDK's client as `auth0`. The element's MFA grant goes through the SDK, so the token
// lands in the SDK's cache: asking again afterwards is answered from the cache.
// Works with @auth0/auth0-spa-js 2.13.0 or newer, on tenants with a global MFA policy too.
import { Auth0Client, MfaRequiredError } from '@auth0/auth0-spa-js';

const $ = (selector) => document.querySelector(selector);
const setStatus = (text) => {
  $('#status').textContent = text;
};

/** `{ domain, clientId, audience, useDpop?, factors? }`: the tenant (see demo/e2e/README.md). */
const config = await fetch('./tenant.json').then((response) => {
  if (!response.ok) throw new Error(`tenant.json: HTTP ${response.status}`);
  return response.json();
});
// Back to this very page after signing in or out (the examples live in sub-folders).
const here = `${location.origin}${location.pathname}`;

const auth0 = new Auth0Client({
  domain: config.domain,
  clientId: config.clientId,
  authorizationParams: { redirect_uri: here, scope: 'openid profile offline_access' },
  cacheLocation: 'memory',
  useRefreshTokens: true,
  // Refresh tokens for more than one API: without it, asking for the API's audience throws
  // missing_refresh_token instead of reaching Auth0's mfa_required.
  useMrrt: true,
  useDpop: config.useDpop === true,
});

/** A token for the API: from the cache, by refreshing, or MfaRequiredError → the element. */
async function getApiToken() {
  try {
    const response = await auth0.getTokenSilently({
      authorizationParams: { audience: config.audience },
      detailedResponse: true,
    });
    // (undefined once the session's ceiling is reached: sign in again.)
    if (!response) return setStatus('error: login_required');
    showToken(response.access_token, response.token_type);
  } catch (error) {
    if (!(error instanceof MfaRequiredError)) throw error;
    showMfa(error);
  }
}

/**
 * The element for what Auth0 asks: enroll an app the first time, else a code from it. A tenant
 * with a global MFA policy sends no `mfa_requirements`, so it doesn't say which: sign in, and
 * enroll when <mfa-otp-verify> finds nothing to sign in with (`not_enrolled`).
 */
function showMfa(error) {
  const requirements = error.mfa_requirements;
  if (requirements?.enroll) return showElement('mfa-otp-enroll', error.mfa_token);
  const verify = showElement('mfa-otp-verify', error.mfa_token);
  if (!requirements) {
    verify.addEventListener('verify-error', (event) => {
      if (event.detail.code === 'not_enrolled') showElement('mfa-otp-enroll', error.mfa_token);
    });
  }
}

/** Shows `tag` with the SDK's client and the mfa_token; once it's done, the token is in the SDK's cache. */
function showElement(tag, mfaToken) {
  const enroll = tag === 'mfa-otp-enroll';
  const element = document.createElement(tag);
  element.auth0 = auth0; // properties, never attributes
  element.mfaToken = mfaToken;
  // Which factors a new user may set up (`factors` of <mfa-otp-enroll>: the app when absent).
  // With phones or emails, the element also gets `domain`: on most tenants the SDK lists no
  // authenticators, and <mfa-otp-verify> then reads the list itself to find the phone.
  if (config.factors) {
    if (enroll) element.factors = config.factors;
    element.domain = config.domain;
  }
  element.addEventListener(enroll ? 'enrolled' : 'verified', () => {
    element.remove();
    setStatus('getting a token');
    getApiToken().catch(fail); // answered from the SDK's cache
  });
  element.addEventListener(enroll ? 'enroll-error' : 'verify-error', (event) => setStatus(`error: ${event.detail.code}`));
  $('#mfa').replaceChildren(element);
  setStatus(enroll ? 'mfa: enroll' : 'mfa: challenge');
  return element;
}

/** What the page shows of a token: its audience, its type, its first 8 characters. */
function showToken(accessToken, tokenType) {
  const { aud } = JSON.parse(atob(accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  $('#audience').textContent = [aud].flat().join(' ');
  $('#token-type').textContent = tokenType;
  $('#token-prefix').textContent = `${accessToken.slice(0, 8)}…`;
  $('#token').hidden = false;
  setStatus('got a token');
}

function fail(error) {
  setStatus(`error: ${error.error ?? error.message}`);
}

$('#sign-in').addEventListener('click', () => auth0.loginWithRedirect().catch(fail));
$('#sign-out').addEventListener('click', () => auth0.logout({ logoutParams: { returnTo: here } }).catch(fail));

try {
  const query = new URLSearchParams(location.search);
  if ((query.has('code') || query.has('error')) && query.has('state')) {
    await auth0.handleRedirectCallback();
    history.replaceState(null, '', location.pathname); // the code out of the URL
  }
  const user = await auth0.getUser();
  $('#sign-in').hidden = Boolean(user);
  $('#sign-out').hidden = !user;
  $('#user').textContent = user ? `Signed in as ${user.email}` : '';
  if (user) {
    setStatus('getting a token');
    await getApiToken();
  } else {
    setStatus('signed out');
  }
} catch (error) {
  fail(error);
}
