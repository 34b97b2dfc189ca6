// Page logic for sdk-account.html: an account-settings page with Auth0's browser SDK
// (@auth0/auth0-spa-js 2.21.1 or newer) and no framework. Sign in with the SDK; get a token for
// the My Account API with every scope the page uses (when the user has a factor already, Auth0
// asks for MFA first: <mfa-otp-verify>); then <mfa-authenticators> with the SDK's client as
// `auth0`. The list calls `auth0.myAccount`, which asks the SDK for a token per call, one scope
// each: the SDK's cache answers them all from the token asked for here.
import { Auth0Client, MfaRequiredError } from '@auth0/auth0-spa-js';

const $ = (selector) => document.querySelector(selector);
const setStatus = (text) => {
  $('#status').textContent = text;
};

/** `{ domain, clientId, useDpop? }`: the tenant (see demo/e2e/README.md). */
const config = await fetch('./tenant.json').then((response) => {
  if (!response.ok) throw new Error(`tenant.json: HTTP ${response.status}`);
  return response.json();
});
const here = `${location.origin}${location.pathname}`;

const auth0 = new Auth0Client({
  domain: config.domain,
  clientId: config.clientId,
  authorizationParams: { redirect_uri: here, scope: 'openid profile offline_access' },
  cacheLocation: 'memory',
  useRefreshTokens: true,
  // Refresh tokens for more than one API: the My Account API is one.
  useMrrt: true,
  useDpop: config.useDpop === true,
});

/** The My Account API: the SDK calls it at https://{domain}/me/. */
const MY_ACCOUNT = { audience: `https://${config.domain}/me/`, scope: 'read:me:authentication_methods create:me:authentication_methods delete:me:authentication_methods read:me:factors' };

/**
 * One token with every scope the list needs, asked before the list is shown. Asked one scope at
 * a time (as auth0.myAccount does), each would be a request of its own, and once the user has
 * added an app, each of them would need MFA again.
 */
async function openSettings() {
  try {
    await auth0.getTokenSilently({ authorizationParams: MY_ACCOUNT });
  } catch (error) {
    if (!(error instanceof MfaRequiredError)) throw error;
    return showVerify(error);
  }
  showList();
}

/** The user has a factor: a code from their app first; the SDK caches the token it earns. */
function showVerify(error) {
  const verify = document.createElement('mfa-otp-verify');
  verify.auth0 = auth0; // properties, never attributes
  verify.mfaToken = error.mfa_token;
  verify.addEventListener('verified', showList);
  verify.addEventListener('verify-error', (event) => setStatus(`error: ${event.detail.code}`));
  $('#settings').replaceChildren(verify);
  setStatus('mfa: challenge');
}

function showList() {
  const list = document.createElement('mfa-authenticators');
  list.auth0 = auth0;
  list.addEventListener('authenticators-error', (event) => setStatus(`error: ${event.detail.code}`));
  $('#settings').replaceChildren(list);
  setStatus('settings');
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
    await openSettings();
  } else {
    setStatus('signed out');
  }
} catch (error) {
  fail(error);
}
