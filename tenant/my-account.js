// The My Account API of one stand-in tenant (`https://{domain}/me/v1/`), the slice a signed-in
// user's own sign-in methods need, as Auth0's SDKs call it (the SDK's MyAccountApiClient):
// list, get, rename, delete, and enroll with a start (`POST …/authentication-methods`, answering
// a `Location`) and a verify (`POST {Location}/verify`), for `totp` and `recovery-code` here and
// `phone`, `email` and `push-notification` in my-account-oob.js; plus `GET /me/v1/factors`. Its
// state is the MFA API's: a `totp` method is an OTP authenticator (same id), a recovery code is
// the recovery-code authenticator, a phone, an email or push the same authenticator as there, so a
// method enrolled or removed either way shows in both lists. Errors are RFC 7807 problem documents. Where Auth0's status or
// wording is not recorded (the API contract only has the shapes), the choice is marked
// "unconfirmed".

import { checkDpopProof } from './dpop.js';
import { exposeHeader, sendEmpty, sendJson, sendProblem, stringParams } from './http.js';
import { decodeJws, jwsProblem } from './jose.js';
import { expiredSession, invalid, jsonBody, methodNotFound, methodUrl, rejectWhenBlocked } from './my-account-answers.js';
import { startOobEnrollment, verifyOobEnrollment } from './my-account-oob.js';
import { scopeList } from './store.js';

/** @typedef {import('./routes.js').Context} Context */
/** @typedef {import('./routes.js').Route} Route */
/** @typedef {import('./routes.js').Handler} Handler */
/** @typedef {import('./store.js').User} User */
/** @typedef {import('./store.js').MyAccountToken} MyAccountToken */

const READ = 'read:me:authentication_methods';
const CREATE = 'create:me:authentication_methods';
const UPDATE = 'update:me:authentication_methods';
const DELETE = 'delete:me:authentication_methods';
const READ_FACTORS = 'read:me:factors';
/** The types Auth0's My Account API knows (the SDK's typings); the stand-in enrolls five of them. */
const KNOWN_TYPES = ['passkey', 'password', 'phone', 'totp', 'email', 'push-notification', 'recovery-code', 'webauthn-platform', 'webauthn-roaming'];
const MAX_NAME = 100; // unconfirmed: Auth0's limit on a method's name is not recorded

// ---- the bearer token ---------------------------------------------------------------------

/**
 * Check the access token of a /me/ request: one issued for this tenant's My Account audience
 * (under any of the URLs it answers on), not expired, with `scope`; for a DPoP-bound token
 * (`cnf.jkt`), the `DPoP` scheme and a proof by that key naming this request and the token's
 * hash (RFC 9449 §7). Answers the problem itself when it fails. Details are unconfirmed but for
 * their gist: an expired token's says "expired", a missing scope's names the scope.
 * @param {Context} ctx
 * @param {string} scope
 * @returns {{ user: User, token: MyAccountToken } | undefined}
 */
function authenticate(ctx, scope) {
  const { req, res, tenant } = ctx;
  const match = /^(Bearer|DPoP)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) {
    // RFC 6750 §3.1: no error code in the challenge when no credentials came at all.
    unauthorized(ctx, 'Missing or invalid token.', 'Bearer', req.headers.authorization === undefined ? null : undefined);
    return undefined;
  }
  const scheme = match[1].toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
  const value = match[2];
  const token = tenant.myAccountTokens.get(value);
  const user = token && tenant.findUser(token.email);
  if (!token || !user) {
    unauthorized(ctx, otherAudience(ctx, value) ? `Invalid token: its audience is not ${ctx.base}/me/.` : 'Missing or invalid token.', scheme);
    return undefined;
  }
  if (tenant.now() >= token.expiresAt) {
    unauthorized(ctx, 'The access token has expired.', scheme);
    return undefined;
  }
  if (token.jkt) {
    if (!proofOk(ctx, value, token.jkt, scheme)) return undefined;
  } else if (scheme === 'DPoP') {
    // RFC 9449 §7.2: the DPoP scheme with a token that is not bound to a key is refused.
    unauthorized(ctx, 'The access token is not DPoP-bound: send it with the Bearer scheme.', 'DPoP');
    return undefined;
  }
  if (!scopeList(token.scope).includes(scope)) {
    // Unconfirmed wording, after the Management API's "Insufficient scope, expected any of: …".
    sendProblem(res, 403, `Insufficient scope, expected any of: ${scope}`, {
      headers: { 'WWW-Authenticate': `${scheme} error="insufficient_scope", scope="${scope}"` },
    });
    return undefined;
  }
  return { user, token };
}

/**
 * Whether a token that is not a My Account token is still one of this server's JWTs (issued for
 * another audience): the 401 then says so.
 * @param {Context} ctx
 * @param {string} value
 */
function otherAudience(ctx, value) {
  const jws = decodeJws(value);
  return Boolean(jws && jws.header.alg === 'RS256' && !jwsProblem('RS256', ctx.tenant.signer.jwk, jws.input, jws.signature));
}

/**
 * Answer 401 with a problem document and a WWW-Authenticate challenge (RFC 6750 §3, RFC 9449 §7.1).
 * @param {Context} ctx
 * @param {string} detail
 * @param {'Bearer' | 'DPoP'} scheme
 * @param {string | null} [error] the challenge's error code; null for none
 */
function unauthorized(ctx, detail, scheme, error = 'invalid_token') {
  const challenge = error === null ? scheme : `${scheme} error="${error}", error_description="${detail.replace(/"/g, "'")}"`;
  sendProblem(ctx.res, 401, detail, { headers: { 'WWW-Authenticate': challenge } });
}

/**
 * Check the DPoP proof that must come with a DPoP-bound token. With the tenant's `dpopNonce`
 * setting, the proof must carry the server's nonce too: a proof without the current one gets a
 * 401 `use_dpop_nonce` challenge with a DPoP-Nonce header, which the SDK's fetcher retries once.
 * @param {Context} ctx
 * @param {string} accessToken
 * @param {string} jkt
 * @param {'Bearer' | 'DPoP'} scheme
 */
function proofOk(ctx, accessToken, jkt, scheme) {
  const { req, res, tenant } = ctx;
  if (scheme !== 'DPoP') {
    unauthorized(ctx, 'The access token is DPoP-bound: send it with the DPoP scheme and a DPoP proof.', 'DPoP');
    return false;
  }
  const header = req.headers.dpop;
  if (tenant.dpopNonce) {
    res.setHeader('DPoP-Nonce', tenant.dpopNonceNow());
    exposeHeader(res, 'DPoP-Nonce');
  }
  if (header === undefined) {
    unauthorized(ctx, 'A DPoP proof is required with a DPoP-bound access token.', 'DPoP', 'invalid_dpop_proof');
    return false;
  }
  const result = checkDpopProof(header, {
    method: req.method ?? '',
    url: `${ctx.base}${ctx.path}`,
    now: tenant.now(),
    firstUse: (jti, until) => tenant.firstDpopUse(jti, until),
    nonceOk: tenant.dpopNonce ? (nonce) => tenant.acceptsDpopNonce(nonce) : undefined,
    accessToken,
  });
  if (!result.ok) {
    const detail = result.error === 'use_dpop_nonce' ? 'Resource server requires nonce in DPoP proof' : result.description;
    unauthorized(ctx, detail, 'DPoP', result.error);
    return false;
  }
  if (result.jkt !== jkt) {
    unauthorized(ctx, 'The DPoP proof key does not match the key the access token is bound to.', 'DPoP', 'invalid_dpop_proof');
    return false;
  }
  return true;
}

// ---- helpers ------------------------------------------------------------------------------

/**
 * The method id in a path, decoded; '' when the escape is malformed (it names nothing).
 * @param {string} encoded
 */
function decodeId(encoded) {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return '';
  }
}

// ---- GET /me/v1/authentication-methods ----------------------------------------------------

/**
 * The user's methods: password, totp (confirmed or not: `confirmed` is the MFA API's `active`;
 * Auth0's Management API documents its list as methods "fully or partially enrolled"),
 * recovery-code, and any the control API gave. `?type=` filters (what the SDK sends).
 * @type {Handler}
 */
function listMethods(ctx) {
  const auth = authenticate(ctx, READ);
  if (!auth) return;
  const type = ctx.query.get('type');
  const methods = ctx.tenant.describeMethods(auth.user).filter((m) => type === null || m.type === type);
  sendJson(ctx.res, 200, { authentication_methods: methods });
}

/** @type {Handler} */
function getMethod(ctx, match) {
  const auth = authenticate(ctx, READ);
  if (!auth) return;
  const method = ctx.tenant.describeMethod(auth.user, decodeId(match[1]));
  if (!method) return methodNotFound(ctx);
  return sendJson(ctx.res, 200, method);
}

// ---- DELETE /me/v1/authentication-methods/{id} --------------------------------------------

/**
 * Remove a method: 204. A factor is gone from the MFA API's list too (push with its OTP
 * authenticator, and the other way round); with the last confirmed factor gone, the next sign-in
 * is asked to enroll again. The password, and the email Auth0 made from a verified address (the
 * API contract: "a verified email is listed and cannot be deleted"), are refused: 400
 * (unconfirmed status and wording).
 * @type {Handler}
 */
function deleteMethod(ctx, match) {
  const auth = authenticate(ctx, DELETE);
  if (!auth) return;
  const id = decodeId(match[1]);
  if (id === auth.user.passwordId) {
    // Unconfirmed: Auth0's answer to removing the password here is not recorded.
    return sendProblem(ctx.res, 400, 'The password authentication method cannot be deleted.');
  }
  if (ctx.tenant.findAuthenticator(auth.user, id)?.verifiedAddress) {
    return sendProblem(ctx.res, 400, 'The email authentication method of a verified email address cannot be deleted.');
  }
  if (!ctx.tenant.removeMethod(auth.user, id)) return methodNotFound(ctx);
  return sendEmpty(ctx.res, 204);
}

// ---- PATCH /me/v1/authentication-methods/{id} ---------------------------------------------

/**
 * Rename a method (`name`), or switch a phone between `sms` and `voice`
 * (`preferred_authentication_method`, a channel the tenant's `phoneChannels` allows): 200 with
 * the method. Unconfirmed: which types take a name on Auth0 (the SDK's typings give none to
 * password and recovery-code methods, which are refused here).
 * @type {Handler}
 */
function updateMethod(ctx, match) {
  const auth = authenticate(ctx, UPDATE);
  if (!auth) return;
  const { user } = auth;
  const id = decodeId(match[1]);
  const authenticator = ctx.tenant.findAuthenticator(user, id);
  const other = user.otherMethods.find((m) => m.id === id);
  if (!authenticator && !other && id !== user.passwordId) return methodNotFound(ctx);
  const body = jsonBody(ctx);
  if (!body) return;
  const { name, preferred_authentication_method: preferred } = body;
  /** @type {{ detail: string, field: string }[]} */
  const errors = [];
  if (name === undefined && preferred === undefined) errors.push({ detail: 'Nothing to update: send name or preferred_authentication_method.', field: 'name' });
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME)) errors.push({ detail: `name must be a non-empty string of at most ${MAX_NAME} characters.`, field: 'name' });
  const canName = (authenticator && authenticator.type !== 'recovery-code') || (other && other.type !== 'passkey');
  if (name !== undefined && !canName) errors.push({ detail: 'This authentication method cannot be named.', field: 'name' });
  const channels = ctx.tenant.phoneChannels;
  if (preferred !== undefined && (authenticator?.type !== 'phone' || typeof preferred !== 'string' || !channels.includes(preferred))) {
    errors.push({ detail: `preferred_authentication_method must be ${channels.join(' or ')}, for a phone method only.`, field: 'preferred_authentication_method' });
  }
  if (errors.length > 0) return invalid(ctx, errors);
  if (typeof name === 'string') {
    if (authenticator) authenticator.name = name;
    else if (other) other.name = name;
  }
  if (authenticator && (preferred === 'sms' || preferred === 'voice')) authenticator.preferredChannel = preferred;
  return sendJson(ctx.res, 200, ctx.tenant.describeMethod(user, id));
}

// ---- POST /me/v1/authentication-methods ---------------------------------------------------

/**
 * Start an enrollment. `{"type":"totp"}` adds an unconfirmed OTP authenticator (the MFA API
 * lists it `active:false`) and answers its QR URI and key; `{"type":"recovery-code"}` answers a
 * new recovery code that replaces the current one only once verified; phone, email and push are
 * my-account-oob.js's. Every answer carries an `auth_session` (single use, 5 minutes, this user
 * and method) and a `Location` header with the method's absolute URL. Status: the tenant's
 * `myAccountEnrollStatus`, 201 by default (the API contract's §7 says 200 or 201, its §10 the
 * OpenAPI description's 202). Only the factors the tenant enables (`factors`; recovery codes
 * with `recoveryCodes`) are enrolled.
 * @type {Handler}
 */
function startEnrollment(ctx) {
  const auth = authenticate(ctx, CREATE);
  if (!auth) return;
  const body = jsonBody(ctx);
  if (!body) return;
  const { tenant, res } = ctx;
  const { user } = auth;
  const type = body.type;
  if (type === undefined || type === null || type === '') return invalid(ctx, [{ detail: 'type is required.', field: 'type' }]);
  const supported = [...enrollableTypes(ctx), ...(tenant.recoveryCodes ? ['recovery-code'] : [])];
  if (typeof type !== 'string' || !supported.includes(type)) {
    // Unconfirmed: Auth0 enrolls more types (passkey, …); the stand-in does not, nor the
    // factors the tenant does not enable, and a tenant without recovery codes refuses them.
    const known = typeof type === 'string' && KNOWN_TYPES.includes(type);
    const detail = known ? `Authentication method type not supported: ${type}.` : `type must be one of: ${supported.join(', ')}.`;
    return invalid(ctx, [{ detail, field: 'type' }]);
  }
  const status = tenant.myAccountEnrollStatus;
  if (type === 'phone' || type === 'email' || type === 'push-notification') return startOobEnrollment(ctx, user, type, body);
  if (type === 'totp') {
    const { authenticator } = tenant.addOtpAuthenticator(user, false);
    const secret = /** @type {string} */ (authenticator.secret);
    const authSession = tenant.startAuthSession(user, { methodId: authenticator.id, type: 'totp' });
    const answer = { id: authenticator.id, type: 'totp', auth_session: authSession, barcode_uri: tenant.barcodeUri(user, secret), manual_input_code: secret };
    return sendJson(res, status, answer, { Location: methodUrl(ctx, authenticator.id) });
  }
  const id = tenant.recoveryAuthenticator(user)?.id ?? tenant.newRecoveryCodeId();
  const recoveryCode = tenant.newRecoveryCode(user);
  const authSession = tenant.startAuthSession(user, { methodId: id, type: 'recovery-code', recoveryCode });
  return sendJson(res, status, { id, type: 'recovery-code', auth_session: authSession, recovery_code: recoveryCode }, { Location: methodUrl(ctx, id) });
}

/**
 * The My Account types of the factors the tenant enables, in its order (`otp` is `totp` here).
 * @param {Context} ctx
 */
function enrollableTypes(ctx) {
  return ctx.tenant.factors.map((factor) => (factor === 'otp' ? 'totp' : factor));
}

// ---- POST /me/v1/authentication-methods/{id}/verify ---------------------------------------

/**
 * Confirm an enrollment: `{"auth_session","otp_code"}` for totp (phone and email:
 * my-account-oob.js), `{"auth_session"}` for a recovery code (push: my-account-oob.js). 200 with the method, `confirmed: true`. For totp the code must be the
 * authenticator's, accepted once only (the mfa-otp grant's rule); a wrong one spends an attempt
 * of the user's bucket (shared with the MFA API) and leaves the auth_session usable. For a
 * recovery code, the new code replaces the old one now. The auth_session is spent on success.
 * @type {Handler}
 */
function verifyEnrollment(ctx, match) {
  const auth = authenticate(ctx, CREATE);
  if (!auth) return;
  const { tenant } = ctx;
  const { user } = auth;
  const id = decodeId(match[1]);
  const body = jsonBody(ctx);
  if (!body) return;
  const params = stringParams(body);
  const value = params.auth_session;
  const session = value ? tenant.authSessions.get(value) : undefined;
  const ours = session && session.email === user.email && session.methodId === id ? session : undefined;
  const pendingHere = [...tenant.authSessions.values()].some((s) => s.email === user.email && s.methodId === id);
  if (!ours && !pendingHere && !tenant.describeMethod(user, id)) return methodNotFound(ctx);
  if (!value) return invalid(ctx, [{ detail: 'auth_session is required.', field: 'auth_session' }]);
  if (!ours || tenant.now() >= ours.expiresAt) return expiredSession(ctx);
  if (ours.type === 'recovery-code') {
    tenant.authSessions.delete(value);
    tenant.replaceRecoveryCode(user, id, /** @type {string} */ (ours.recoveryCode));
    return sendJson(ctx.res, 200, tenant.describeMethod(user, id));
  }
  if (ours.type !== 'totp') return verifyOobEnrollment(ctx, user, value, ours, params);
  if (!params.otp_code) return invalid(ctx, [{ detail: 'otp_code is required.', field: 'otp_code' }]);
  const authenticator = user.authenticators.find((a) => a.id === id && a.type === 'otp');
  if (!authenticator) {
    tenant.authSessions.delete(value);
    return methodNotFound(ctx); // removed (e.g. through the MFA API) since the enrollment started
  }
  if (rejectWhenBlocked(ctx, user)) return undefined;
  if (!tenant.confirmOtp(user, params.otp_code, authenticator)) {
    tenant.spendAttempt(user);
    // Unconfirmed status and wording: the API contract only says a 4xx naming the code. The
    // grant's "Invalid otp_code." is kept, then plain words for clients matching "code".
    return sendProblem(ctx.res, 403, 'Invalid otp_code. The code is wrong or was already used.');
  }
  tenant.authSessions.delete(value);
  return sendJson(ctx.res, 200, tenant.describeMethod(user, id));
}

// ---- GET /me/v1/factors -------------------------------------------------------------------

/**
 * The factors the tenant lets users enroll, in its `factors` order (`totp`, `phone`, `email`,
 * `push-notification`), then `recovery-code` when the tenant has recovery codes (unconfirmed
 * shape beyond the SDK's typings and the API contract's example).
 * @type {Handler}
 */
function factors(ctx) {
  const auth = authenticate(ctx, READ_FACTORS);
  if (!auth) return;
  const list = enrollableTypes(ctx).map((type) => ({ type, usage: ['secondary'] }));
  if (ctx.tenant.recoveryCodes) list.push({ type: 'recovery-code', usage: ['secondary'] });
  sendJson(ctx.res, 200, { factors: list });
}

/**
 * Anything else under /me/: 404, worded like Auth0's answer for a path the API does not have.
 * @type {Handler}
 */
function unknownPath(ctx) {
  sendProblem(ctx.res, 404, `The requested resource ${ctx.req.method} ${ctx.path} was not found.`);
}

/** @type {Route[]} */
export const MY_ACCOUNT_ROUTES = [
  { pattern: /^\/me\/v1\/authentication-methods$/, methods: { GET: listMethods, POST: startEnrollment }, problems: true },
  { pattern: /^\/me\/v1\/authentication-methods\/([^/]+)$/, methods: { GET: getMethod, PATCH: updateMethod, DELETE: deleteMethod }, problems: true },
  { pattern: /^\/me\/v1\/authentication-methods\/([^/]+)\/verify$/, methods: { POST: verifyEnrollment }, problems: true },
  { pattern: /^\/me\/v1\/factors$/, methods: { GET: factors }, problems: true },
  { pattern: /^\/me(\/.*)?$/, methods: { GET: unknownPath, POST: unknownPath, PUT: unknownPath, PATCH: unknownPath, DELETE: unknownPath }, problems: true },
];
