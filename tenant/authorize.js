// /authorize (authorization code flow with PKCE, as Auth0's browser SDK starts it), the stand-in's
// minimal login page, and /v2/logout. A sign-in sets a session cookie for the tenant (HttpOnly,
// SameSite=Lax) so that a later /authorize, prompt=none included, needs no login page.
//
// Answers go back as Auth0 sends them: response_mode=query redirects to redirect_uri with
// ?code=…&state=… (or ?error=…&error_description=…&state=…); response_mode=web_message (the
// SDK's iframe and popup) answers a tiny page that posts
// {type: 'authorization_response', response: {…}} to its opener or parent at the callback's
// origin. Errors that cannot be trusted to a redirect (unknown client, a callback not allowed)
// are an HTML page.

import { createHash } from 'node:crypto';
import { readCookie, stringParams } from './http.js';
import { audienceNeedsMfa } from './oauth.js';
import { DEMO_PASSWORD } from './store.js';

/** @typedef {import('./routes.js').Context} Context */
/** @typedef {import('./store.js').AuthorizationRequest} AuthorizationRequest */
/** @typedef {import('./store.js').Session} Session */

/**
 * Escape text for HTML (element content and quoted attribute values).
 * @param {string} text
 */
export function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that is safe inside a <script> element: no "<" (so no "</script>" or "<!--"), and no
 * line separators that older parsers took for line ends.
 * @param {unknown} value
 */
function scriptJson(value) {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Answer an HTML page, never cached, never sniffed, no referrer (its URL carries the request).
 * @param {Context} ctx
 * @param {number} status
 * @param {string} html
 * @param {string} csp
 * @param {Record<string, string>} [headers]
 */
function sendHtml(ctx, status, html, csp, headers = {}) {
  ctx.res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': csp,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  });
  ctx.res.end(html);
}

/**
 * A page around `body`, with a title.
 * @param {string} title
 * @param {string} body HTML
 */
function page(title, body) {
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(title)}</title>\n</head>\n<body>\n<main>\n<h1>${escapeHtml(title)}</h1>\n${body}</main>\n</body>\n</html>\n`;
}

const PAGE_CSP = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * An error page for what cannot go back to the application.
 * @param {Context} ctx
 * @param {number} status
 * @param {string} title
 * @param {string} message
 */
function errorPage(ctx, status, title, message) {
  sendHtml(ctx, status, page(title, `<p>${escapeHtml(message)}</p>\n`), `${PAGE_CSP}; form-action 'none'`, { 'X-Frame-Options': 'DENY' });
}

/**
 * Whether a URL may receive codes (a callback) or a logged-out user (returnTo): http(s), no
 * credentials, no fragment, and its origin allowed by the tenant's policy (any loopback origin
 * unless the tenant's allowedOrigins say otherwise).
 * @param {Context} ctx
 * @param {string | null} value
 * @returns {URL | undefined}
 */
function allowedTarget(ctx, value) {
  if (!value) return undefined;
  let url;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.hash || value.includes('#')) return undefined;
  return ctx.originAllowed(url.origin) ? url : undefined;
}

/** @param {import('./store.js').Tenant} tenant */
const cookieName = (tenant) => `stand_in_session_${tenant.id}`;

/**
 * Set (or, with an empty value, clear) the tenant's session cookie: HttpOnly, SameSite=Lax,
 * Secure over HTTPS, scoped to the tenant's path.
 * @param {Context} ctx
 * @param {string} value
 */
function setSessionCookie(ctx, value) {
  const { tenant } = ctx;
  const attributes = [`Path=${tenant.prefix || '/'}`, 'HttpOnly', 'SameSite=Lax'];
  if (ctx.secure) attributes.push('Secure');
  if (value === '') attributes.push('Max-Age=0');
  ctx.res.setHeader('Set-Cookie', `${cookieName(tenant)}=${value}; ${attributes.join('; ')}`);
}

/**
 * Send an authorization response (a code or an error) to the application, as the response mode
 * says: a redirect with query parameters, or a page that posts it to its opener or parent.
 * @param {Context} ctx
 * @param {{ redirectUri: string, responseMode: 'query' | 'web_message', state: string | null }} target
 * @param {Record<string, string>} result
 */
function respond(ctx, { redirectUri, responseMode, state }, result) {
  /** @type {Record<string, string>} */
  const response = { ...result };
  if (state !== null) response.state = state;
  if (responseMode === 'web_message') {
    const origin = new URL(redirectUri).origin;
    const script = `(function(){var target=window.opener||window.parent;target.postMessage({type:"authorization_response",response:${scriptJson(response)}},${scriptJson(origin)});})();`;
    const hash = createHash('sha256').update(script).digest('base64');
    const html = `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Authorization response</title>\n</head>\n<body>\n<script>${script}</script>\n</body>\n</html>\n`;
    // Framed by the application for prompt=none, so frame-ancestors names it.
    return sendHtml(ctx, 200, html, `default-src 'none'; script-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors ${origin}`);
  }
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(response)) url.searchParams.set(key, value);
  ctx.res.writeHead(302, { Location: url.href, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
  ctx.res.end();
  return undefined;
}

/**
 * Issue a code for a signed-in session and send it to the application.
 * @param {Context} ctx
 * @param {AuthorizationRequest} request
 * @param {Session} session
 */
function grantCode(ctx, request, session) {
  respond(ctx, request, { code: ctx.tenant.issueCode(request, session) });
}

/**
 * The login page for a pending request.
 * @param {Context} ctx
 * @param {string} loginId
 * @param {AuthorizationRequest} request
 * @param {{ email?: string, error?: string }} [shown]
 * @param {number} [status]
 */
function loginPage(ctx, loginId, request, { email = '', error = '' } = {}, status = 200) {
  const alert = error ? `<p id="error" role="alert">${escapeHtml(error)}</p>\n` : '';
  const described = error ? ' aria-describedby="error"' : '';
  const form = `${alert}<form method="post" action="${escapeHtml(`${ctx.tenant.prefix}/u/login`)}">
<input type="hidden" name="login" value="${escapeHtml(loginId)}">
<p><label for="email">Email address</label><br>
<input id="email" name="email" type="email" autocomplete="username" required maxlength="320" value="${escapeHtml(email)}"${described}></p>
<p><label for="password">Password</label><br>
<input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Continue</button></p>
</form>
<p>A stand-in for Auth0: any email address signs in with the password <code>demo-password</code>.</p>
`;
  // The form posts here, then redirects to the callback: form-action must allow both.
  const callback = new URL(request.redirectUri).origin;
  sendHtml(ctx, status, page(`Sign in to ${ctx.tenant.name}`, form), `${PAGE_CSP}; form-action 'self' ${callback}`, { 'X-Frame-Options': 'DENY' });
}

// ---- GET /authorize ---------------------------------------------------------------------------

/**
 * GET /authorize: validate, then sign in (login page), reuse the session (single sign-on), or
 * answer prompt=none without a page.
 * @param {Context} ctx
 */
export function authorize(ctx) {
  const { query, tenant } = ctx;
  const clientId = query.get('client_id') ?? '';
  if (!tenant.clients.has(clientId)) return errorPage(ctx, 400, 'Unknown application', `No application with client_id "${clientId}" on this tenant.`);
  const callback = allowedTarget(ctx, query.get('redirect_uri'));
  if (!callback) {
    return errorPage(ctx, 400, 'Callback URL mismatch', `The redirect_uri "${query.get('redirect_uri') ?? ''}" is not an allowed callback URL for this application.`);
  }
  const redirectUri = /** @type {string} */ (query.get('redirect_uri'));
  const state = query.get('state');
  const mode = query.get('response_mode') ?? 'query';
  const responseMode = mode === 'web_message' ? 'web_message' : 'query';
  /** @param {string} error @param {string} description */
  const fail = (error, description) => respond(ctx, { redirectUri, responseMode, state }, { error, error_description: description });

  if (mode !== 'query' && mode !== 'web_message') return fail('invalid_request', `Unsupported response_mode: ${mode}`);
  const responseType = query.get('response_type');
  if (responseType !== 'code') return fail('unsupported_response_type', `Unsupported response_type: ${responseType ?? '(none)'}`);
  const codeChallenge = query.get('code_challenge');
  if (!codeChallenge) return fail('invalid_request', 'Missing required parameter: code_challenge (PKCE is required)');
  const method = query.get('code_challenge_method') ?? 'plain';
  if (method !== 'S256') return fail('invalid_request', `Unsupported code_challenge_method: ${method} (only S256)`);
  if (!/^[\w-]{43}$/.test(codeChallenge)) return fail('invalid_request', 'code_challenge must be a base64url SHA-256 (43 characters)');
  const dpopJkt = query.get('dpop_jkt');
  if (dpopJkt !== null && !/^[\w-]{43}$/.test(dpopJkt)) return fail('invalid_request', 'dpop_jkt must be a base64url SHA-256 JWK thumbprint');

  /** @type {AuthorizationRequest} */
  const request = { clientId, redirectUri, responseMode, state, nonce: query.get('nonce'), scope: query.get('scope') || 'openid', audience: query.get('audience') || null, codeChallenge, dpopJkt };
  const prompts = (query.get('prompt') ?? '').split(/\s+/).filter(Boolean);
  const session = tenant.sessionFromCookie(readCookie(ctx.req, cookieName(tenant)));
  if (prompts.includes('none')) {
    if (!session) return fail('login_required', 'Login required');
    // What Auth0 answers when the audience needs MFA the session has not done (the SDK knows
    // this description: its iframe path tells it from a plain login_required).
    if (audienceNeedsMfa(ctx, request.audience, tenant.findUser(session.email)) && !session.mfa) return fail('login_required', 'Multifactor authentication required');
    return grantCode(ctx, request, session);
  }
  if (session && !prompts.includes('login')) return grantCode(ctx, request, session);
  return loginPage(ctx, tenant.startLogin(request), request);
}

// ---- POST /u/login ----------------------------------------------------------------------------

/**
 * The login page's form: check the password (the same one as the password grant), start a
 * session, set its cookie, and send the code to the application.
 * @param {Context} ctx
 */
export function login(ctx) {
  const { tenant } = ctx;
  const params = ctx.body.ok ? stringParams(ctx.body.params) : {};
  const loginId = params.login ?? '';
  const request = loginId ? tenant.findLogin(loginId) : undefined;
  if (!request) return errorPage(ctx, 400, 'This sign-in page has expired', 'Go back to the application and sign in again.');
  const email = (params.email ?? '').trim().slice(0, 320);
  if (email === '' || params.password !== DEMO_PASSWORD) return loginPage(ctx, loginId, request, { email, error: 'Wrong email or password.' }, 400);
  tenant.logins.delete(loginId);
  const session = tenant.createSession(tenant.signIn(email));
  setSessionCookie(ctx, tenant.sessionCookie(session));
  return grantCode(ctx, request, session);
}

// ---- GET /v2/logout ---------------------------------------------------------------------------

/**
 * End the tenant session (its cookie, and MFA done in it), then go to returnTo when it is an
 * allowed URL. Refresh tokens stay valid, but need MFA again for audiences that need it.
 * @param {Context} ctx
 */
export function logout(ctx) {
  const { tenant, query } = ctx;
  const cookie = readCookie(ctx.req, cookieName(tenant));
  if (cookie) tenant.endSession(cookie);
  setSessionCookie(ctx, '');
  const returnTo = query.get('returnTo');
  if (returnTo === null) {
    return sendHtml(ctx, 200, page('Signed out', '<p>You are signed out.</p>\n'), `${PAGE_CSP}; form-action 'none'`, { 'X-Frame-Options': 'DENY' });
  }
  const target = allowedTarget(ctx, returnTo);
  if (!target) return errorPage(ctx, 400, 'Logout URL not allowed', `The returnTo "${returnTo}" is not an allowed logout URL for this tenant.`);
  ctx.res.writeHead(302, { Location: target.href, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
  ctx.res.end();
  return undefined;
}
