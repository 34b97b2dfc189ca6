// The Auth0 endpoints one stand-in tenant serves: /authorize and its login page, /v2/logout,
// /oauth/token (authorization_code, refresh_token, password, mfa-otp, mfa-oob (oob.js) and
// mfa-recovery-code grants), /oauth/revoke, /mfa/associate, /mfa/authenticators, /mfa/challenge
// (OTP here, phone, email and push in oob.js), the My Account API's
// /me/v1/authentication-methods and /me/v1/factors (my-account.js) and the discovery documents. Statuses and error strings follow Auth0's documented MFA API contract (the project's
// API contract); where Auth0's are unconfirmed, the choice is noted.

import { authorize, login, logout } from './authorize.js';
import { sendEmpty, sendError, sendJson, sendProblem, stringParams } from './http.js';
import { authenticate, mfaTokenUser, rejectClientSecret, rejectWhenBlocked } from './mfa-checks.js';
import { MY_ACCOUNT_ROUTES } from './my-account.js';
import { GRANT_MFA_OOB, associateOob, challengeOob, mfaOobGrant, oobAssociateProblem } from './oob.js';
import { factorOfChannel, mfaApiRows, rowChannel } from './factors.js';
import {
  GRANT_AUTHORIZATION_CODE,
  GRANT_REFRESH_TOKEN,
  authorizationCodeGrant,
  checkDpop,
  completeMfa,
  issueTokens,
  jwks,
  mfaRequired,
  openidConfiguration,
  refreshTokenGrant,
  revoke,
} from './oauth.js';
import { DEMO_PASSWORD, MFA_API_TOKEN_TTL_SECONDS, scopeList } from './store.js';

/** @typedef {import('./store.js').Tenant} Tenant */
/** @typedef {import('./store.js').Token} Token */
/** @typedef {import('./store.js').User} User */

/**
 * @typedef {object} Context
 * @property {import('node:http').IncomingMessage} req
 * @property {import('node:http').ServerResponse} res
 * @property {Tenant} tenant
 * @property {string} path the path below the tenant prefix
 * @property {string} mediaType
 * @property {{ ok: boolean, params: Record<string, unknown> }} body
 * @property {URLSearchParams} query
 * @property {string[]} mfaApiAudiences the audiences that name this tenant's MFA API
 * @property {string[]} myAccountAudiences the audiences that name this tenant's My Account API
 * @property {string} origin scheme://host the client used (its Host header, checked)
 * @property {string} base origin + the tenant's prefix: what the SDK calls `https://{domain}`
 * @property {string} issuer base + "/": the `iss` of every token, as the SDK computes it
 * @property {boolean} secure whether the request came over HTTPS
 * @property {(origin: string) => boolean} originAllowed the tenant's origin policy (CORS, callbacks)
 * @property {import('./store.js').RequestDetail} detail this request's log detail
 * @property {string | null} [dpopJkt] the thumbprint of a checked DPoP proof's key
 */

/**
 * @typedef {(ctx: Context, match: RegExpMatchArray) => void} Handler
 * @typedef {{ pattern: RegExp, methods: Record<string, Handler>, problems?: boolean }} Route
 *   problems: errors are RFC 7807 problem documents (the My Account API)
 */

export const GRANT_PASSWORD = 'password';
export const GRANT_MFA_OTP = 'http://auth0.com/oauth/grant-type/mfa-otp';
export const GRANT_MFA_RECOVERY_CODE = 'http://auth0.com/oauth/grant-type/mfa-recovery-code';
export const GRANTS = [GRANT_AUTHORIZATION_CODE, GRANT_REFRESH_TOKEN, GRANT_PASSWORD, GRANT_MFA_OTP, GRANT_MFA_OOB, GRANT_MFA_RECOVERY_CODE];

/**
 * Route a tenant request. Answers 404/405 itself.
 * @param {Context} ctx
 * @returns {boolean} false when no route matched the path
 */
export function findRoute(ctx) {
  for (const route of ROUTES) {
    const match = ctx.path.match(route.pattern);
    if (!match) continue;
    const handler = route.methods[ctx.req.method ?? ''];
    if (!handler) {
      const allow = { Allow: [...Object.keys(route.methods), 'OPTIONS'].join(', ') };
      if (route.problems) sendProblem(ctx.res, 405, `The method ${ctx.req.method} is not allowed on ${ctx.path}.`, { headers: allow });
      else sendError(ctx.res, 405, 'method_not_allowed', 'Method not allowed', allow);
    } else {
      handler(ctx, match);
    }
    return true;
  }
  return false;
}

// ---- POST /oauth/token ------------------------------------------------------------------------

/** @type {Handler} */
function token(ctx) {
  const { res, tenant } = ctx;
  if (!ctx.body.ok) {
    sendError(res, 400, 'invalid_request', 'Request body must be application/x-www-form-urlencoded or application/json');
    return;
  }
  const params = stringParams(ctx.body.params);
  const grant = params.grant_type;
  if (!grant) return sendError(res, 400, 'invalid_request', 'Missing required parameter: grant_type');
  if (!GRANTS.includes(grant)) {
    return sendError(res, 400, 'unsupported_grant_type', `Unsupported grant type: ${grant}`);
  }
  const client = tenant.clients.get(params.client_id ?? '');
  if (!client) return sendError(res, 401, 'access_denied', 'Unauthorized');
  if (rejectClientSecret(ctx)) return undefined;
  if (!checkDpop(ctx)) return undefined;
  if (grant === GRANT_AUTHORIZATION_CODE) return authorizationCodeGrant(ctx, params, client.id);
  if (grant === GRANT_REFRESH_TOKEN) return refreshTokenGrant(ctx, params, client.id);
  if (grant === GRANT_PASSWORD) return passwordGrant(ctx, params, client.id);
  // One "MFA" switch on the application enables the MFA grants.
  if (!client.mfaGrant) {
    return sendError(res, 403, 'unauthorized_client', `Grant type '${grant}' not allowed for the client.`);
  }
  if (grant === GRANT_MFA_RECOVERY_CODE) return recoveryCodeGrant(ctx, params, client.id);
  if (grant === GRANT_MFA_OOB) return mfaOobGrant(ctx, params, client.id);
  return mfaOtpGrant(ctx, params, client.id);
}

/**
 * Resource Owner Password grant. Every user has MFA required, so this yields an mfa_token (for
 * whatever audience and scope were asked; each grant is a new login), except for a not-yet-enrolled
 * user asking for the MFA API audience, who gets an MFA-API access token, or for the My Account
 * API audience, who gets the tokens asked for (a JWT access token with the scopes asked; an
 * enrolled user gets them from the MFA grant that completes the mfa_token).
 * @param {Context} ctx
 * @param {Record<string, string>} params
 * @param {string} clientId
 */
function passwordGrant(ctx, params, clientId) {
  const { res, tenant } = ctx;
  for (const name of ['username', 'password']) {
    if (!params[name]) return sendError(res, 400, 'invalid_request', `Missing required parameter: ${name}`);
  }
  if (params.password !== DEMO_PASSWORD) return sendError(res, 403, 'invalid_grant', 'Wrong email or password.');
  const user = tenant.signIn(params.username);
  const scope = scopeList(params.scope ?? '').join(' ');
  const mfaApi = ctx.mfaApiAudiences.includes(params.audience ?? '');
  if (mfaApi && !tenant.isEnrolled(user)) {
    const accessToken = tenant.issueAccessToken(user, clientId, scope);
    ctx.detail.tokenType = 'Bearer';
    return sendJson(res, 200, { access_token: accessToken, expires_in: MFA_API_TOKEN_TTL_SECONDS, scope, token_type: 'Bearer' });
  }
  const session = tenant.createSession(user);
  if (ctx.myAccountAudiences.includes(params.audience ?? '') && !tenant.isEnrolled(user)) {
    return sendJson(res, 200, issueTokens(ctx, { user, clientId, scope, audience: params.audience, session }).body);
  }
  return mfaRequired(ctx, { user, clientId, scope, audience: mfaApi ? null : params.audience || null, session, mfaApi });
}

/**
 * The mfa-otp grant: confirms an enrollment (or answers a challenge) with a TOTP code. Works
 * whether or not POST /mfa/challenge was called first: some flows skip it.
 * @param {Context} ctx
 * @param {Record<string, string>} params
 * @param {string} clientId
 */
function mfaOtpGrant(ctx, params, clientId) {
  const { res, tenant } = ctx;
  for (const name of ['mfa_token', 'otp']) {
    if (!params[name]) return sendError(res, 400, 'invalid_request', `Missing required parameter: ${name}`);
  }
  const auth = mfaTokenUser(ctx, params.mfa_token, clientId);
  if (!auth) return undefined;
  if (rejectWhenBlocked(ctx, auth.user)) return undefined;
  // A code already accepted for the authenticator (same or earlier time step) is as wrong as any.
  if (!tenant.confirmOtp(auth.user, params.otp)) {
    tenant.spendAttempt(auth.user);
    return sendError(res, tenant.mfaErrorStatus, 'invalid_grant', 'Invalid otp_code.');
  }
  return sendJson(res, 200, completeMfa(ctx, auth.token, auth.user, clientId));
}

/**
 * The mfa-recovery-code grant: signs in with the user's recovery code instead of a TOTP code.
 * The code is spent: the answer carries the tokens plus a new `recovery_code` to save, or, with
 * the tenant's `recoveryCodeRotation` off, the tokens alone (Auth0's reference says the answer
 * "might also include" the new code).
 * @param {Context} ctx
 * @param {Record<string, string>} params
 * @param {string} clientId
 */
function recoveryCodeGrant(ctx, params, clientId) {
  const { res, tenant } = ctx;
  for (const name of ['mfa_token', 'recovery_code']) {
    if (!params[name]) return sendError(res, 400, 'invalid_request', `Missing required parameter: ${name}`);
  }
  const auth = mfaTokenUser(ctx, params.mfa_token, clientId);
  if (!auth) return undefined;
  if (rejectWhenBlocked(ctx, auth.user)) return undefined;
  const redeemed = tenant.redeemRecoveryCode(auth.user, params.recovery_code);
  if (!redeemed) {
    // Same bucket as wrong OTP codes. The description is unconfirmed: the API contract only
    // says Auth0 answers invalid_grant; the status follows "Invalid otp_code.".
    tenant.spendAttempt(auth.user);
    return sendError(res, tenant.mfaErrorStatus, 'invalid_grant', 'Invalid recovery code.');
  }
  const tokens = completeMfa(ctx, auth.token, auth.user, clientId);
  return sendJson(res, 200, redeemed.next ? { ...tokens, recovery_code: redeemed.next } : tokens);
}

// ---- POST /mfa/associate ----------------------------------------------------------------------

/**
 * What an associate body asks for: OTP, or an out-of-band channel (oob.js checks its
 * parameters), or what is wrong with it as an error and description.
 * @param {Context} ctx
 * @returns {{ channel: 'otp' | import('./factors.js').OobChannel } | { error: string, description: string }}
 */
function associateRequest(ctx) {
  const bad = (/** @type {string} */ description) => ({ error: 'invalid_request', description });
  if (ctx.mediaType !== 'application/json' || !ctx.body.ok) return bad('Request body must be a JSON object (Content-Type: application/json)');
  const types = ctx.body.params.authenticator_types;
  if (types === undefined) return bad('Missing required parameter: authenticator_types');
  if (!Array.isArray(types)) return bad('authenticator_types must be an array');
  if (types.length === 0) return bad('authenticator_types must not be empty');
  if (types.every((t) => t === 'otp')) return { channel: 'otp' };
  if (types.every((t) => t === 'oob')) return oobAssociateProblem(ctx.body.params);
  return bad('Unsupported authenticator type');
}

/**
 * Enroll a factor: OTP here, a phone, an email or push in oob.js. The factor must be one the
 * tenant enables (`factors`, and for a phone the channel in `phoneChannels`): else 400
 * `invalid_request` (unconfirmed wording).
 * @type {Handler}
 */
function associate(ctx) {
  const auth = authenticate(ctx, 'enroll');
  if (!auth) return;
  const asked = associateRequest(ctx);
  if ('error' in asked) return sendError(ctx.res, 400, asked.error, asked.description);
  if (rejectClientSecret(ctx)) return undefined;
  const { tenant } = ctx;
  const factor = asked.channel === 'otp' ? 'otp' : factorOfChannel(asked.channel);
  if (!tenant.factors.includes(factor)) return sendError(ctx.res, 400, 'invalid_request', `The ${factor} factor is not enabled for this tenant.`);
  if (factor === 'phone' && !tenant.phoneChannels.includes(asked.channel)) return sendError(ctx.res, 400, 'invalid_request', `Phone messages by ${asked.channel} are not enabled for this tenant.`);
  const enrolled = tenant.isEnrolled(auth.user);
  // An mfa_token only enrolls a first factor; adding another needs an MFA-API access token.
  if (enrolled && auth.token.kind === 'mfa') return sendError(ctx.res, 403, 'access_denied', 'User is already enrolled.');
  if (asked.channel !== 'otp') return associateOob(ctx, auth.user, asked.channel, ctx.body.params, enrolled);

  const { authenticator, recoveryCode } = tenant.addOtpAuthenticator(auth.user, tenant.recoveryCodes && !enrolled);
  const secret = /** @type {string} */ (authenticator.secret);
  /** @type {Record<string, unknown>} */
  const body = { authenticator_type: 'otp', secret, barcode_uri: tenant.barcodeUri(auth.user, secret) };
  if (recoveryCode) body.recovery_codes = [recoveryCode];
  return sendJson(ctx.res, 200, body);
}

// ---- /mfa/authenticators ----------------------------------------------------------------------

/** @type {Handler} */
function listAuthenticators(ctx) {
  const auth = authenticate(ctx, 'read:authenticators');
  if (auth) sendJson(ctx.res, 200, ctx.tenant.describeAuthenticators(auth.user));
}

/**
 * Remove an authenticator by the id the list gives it: a phone by either of its rows, push with
 * its OTP authenticator (and the other way round). The email authenticator Auth0 makes from a
 * verified address cannot be removed: 400 `invalid_request` (unconfirmed).
 * @type {Handler}
 */
function removeAuthenticator(ctx, match) {
  const auth = authenticate(ctx, 'remove:authenticators');
  if (!auth) return;
  let id;
  try {
    id = decodeURIComponent(match[1]);
  } catch {
    id = '';
  }
  const found = ctx.tenant.findAuthenticator(auth.user, id);
  if (!found) {
    sendError(ctx.res, 404, 'not_found', 'Authenticator not found');
    return;
  }
  if (found.verifiedAddress) {
    sendError(ctx.res, 400, 'invalid_request', 'The email authenticator of a verified email address cannot be deleted.');
    return;
  }
  ctx.tenant.removeAuthenticator(auth.user, found.id);
  sendEmpty(ctx.res, 204);
}

// ---- POST /mfa/challenge ----------------------------------------------------------------------

/**
 * Request a challenge. For OTP nothing is sent anywhere: the call checks that the user has an
 * active authenticator for it, records the challenge and answers `{"challenge_type":"otp"}`; for
 * a phone, an email or push, oob.js sends a code or a push request. Like the token endpoint, the
 * body may be JSON or form-encoded and carries the mfa_token (no bearer). `challenge_type` is a
 * space-separated list of the types the client supports, `otp` and `oob` (Auth0: optional,
 * meaning all). `authenticator_id` is an id GET /mfa/authenticators lists (a phone's
 * "sms|dev_X" or "voice|dev_X" names the channel); without it the first active one the types
 * allow: OTP, then a phone by its preferred channel, then the others in the list's order.
 * @type {Handler}
 */
function challenge(ctx) {
  const { res, tenant } = ctx;
  if (!ctx.body.ok) {
    return sendError(res, 400, 'invalid_request', 'Request body must be application/json or application/x-www-form-urlencoded');
  }
  const params = stringParams(ctx.body.params);
  const client = tenant.clients.get(params.client_id ?? '');
  if (!client) return sendError(res, 401, 'access_denied', 'Unauthorized');
  if (rejectClientSecret(ctx)) return undefined;
  if (!params.mfa_token) return sendError(res, 400, 'invalid_request', 'Missing required parameter: mfa_token');
  const auth = mfaTokenUser(ctx, params.mfa_token, client.id);
  if (!auth) return undefined;

  const { user } = auth;
  const types = scopeList(params.challenge_type ?? 'otp oob');
  const rows = user.authenticators
    .filter((a) => a.active && a.type !== 'recovery-code')
    .flatMap((a) => mfaApiRows(a, { phoneChannels: tenant.phoneChannels, typed: false }))
    .filter((row) => types.includes(row.authenticator_type === 'otp' ? 'otp' : 'oob'));
  // Without an authenticator_id: OTP first, then a phone by its preferred channel, then the rest.
  const rank = (/** @type {Record<string, unknown>} */ row) => (row.authenticator_type === 'otp' ? 0 : row.oob_channel === tenant.findAuthenticator(user, String(row.id))?.preferredChannel ? 1 : 2);
  rows.sort((a, b) => rank(a) - rank(b));
  if (rows.length === 0) {
    // Status and wording as a real tenant answered an oob challenge for a user with OTP only
    // (quoted in auth0/Auth0.swift issue #1262); other cases' wording on Auth0 is unconfirmed.
    const asked = types.length > 0 ? types.join(', ') : 'otp';
    return sendError(res, 401, 'unsupported_challenge_type', `User does not have any enrolled authenticator with the supported challenge type (${asked})`);
  }
  const id = params.authenticator_id;
  const row = id === undefined ? rows[0] : rows.find((r) => r.id === id);
  const authenticator = row && tenant.findAuthenticator(user, String(row.id));
  if (!row || !authenticator) {
    // Unconfirmed: Auth0's status and wording for an unknown, unconfirmed or other type's
    // authenticator_id are not recorded (an Auth0 SDK's docs hint at `invalid_authenticator_id`).
    return sendError(res, 400, 'invalid_request', 'Invalid authenticator_id.');
  }
  if (authenticator.type !== 'otp') return challengeOob(ctx, user, authenticator, rowChannel(row));
  tenant.recordChallenge(user, authenticator);
  return sendJson(res, 200, { challenge_type: 'otp' });
}

/** @type {Route[]} */
const ROUTES = [
  { pattern: /^\/authorize$/, methods: { GET: authorize } },
  { pattern: /^\/u\/login$/, methods: { POST: login } },
  { pattern: /^\/v2\/logout$/, methods: { GET: logout } },
  { pattern: /^\/oauth\/token$/, methods: { POST: token } },
  { pattern: /^\/oauth\/revoke$/, methods: { POST: revoke } },
  { pattern: /^\/\.well-known\/openid-configuration$/, methods: { GET: (ctx) => openidConfiguration(ctx, GRANTS) } },
  { pattern: /^\/\.well-known\/jwks\.json$/, methods: { GET: jwks } },
  { pattern: /^\/mfa\/associate$/, methods: { POST: associate } },
  { pattern: /^\/mfa\/authenticators$/, methods: { GET: listAuthenticators } },
  { pattern: /^\/mfa\/authenticators\/([^/]+)$/, methods: { DELETE: removeAuthenticator } },
  { pattern: /^\/mfa\/challenge$/, methods: { POST: challenge } },
  ...MY_ACCOUNT_ROUTES,
];
