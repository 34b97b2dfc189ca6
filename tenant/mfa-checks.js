// Checks shared by the stand-in's MFA API handlers (routes.js, oob.js): no client_secret from a
// browser, the mfa_token of a grant or challenge, the user's failed-attempt bucket, and the bearer
// token of an /mfa/* request. Each answers the error itself when the check fails.

import { sendError } from './http.js';
import { scopeList } from './store.js';

/** @typedef {import('./routes.js').Context} Context */
/** @typedef {import('./store.js').Token} Token */
/** @typedef {import('./store.js').User} User */

/**
 * The project promises browsers never send a client_secret; every client here is public, so a
 * secret in a request is a regression worth a loud error.
 * @param {Context} ctx
 */
export function rejectClientSecret(ctx) {
  if (!('client_secret' in ctx.body.params)) return false;
  sendError(ctx.res, 401, 'invalid_client', 'Public clients must not send a client_secret');
  return true;
}

/**
 * Look up the mfa_token of an MFA grant or challenge and its user. Besides an mfa_token, an
 * MFA-API access token of the same user is accepted. Public reports disagree on whether Auth0
 * does this; accepting it lets a signed-in user confirm an authenticator added with such a token
 * (the contract says: surface whatever the server says). Answers the error itself when it fails.
 * @param {Context} ctx
 * @param {string} value the mfa_token parameter
 * @param {string} clientId
 * @returns {{ token: Token, user: User } | undefined}
 */
export function mfaTokenUser(ctx, value, clientId) {
  const { res, tenant } = ctx;
  const found = tenant.tokens.get(value);
  const user = found && tenant.findUser(found.email);
  // Status: the tenant's mfaErrorStatus (403 unless set to 401; Auth0's is unconfirmed).
  const status = tenant.mfaErrorStatus;
  if (!found || !user) {
    sendError(res, status, 'invalid_grant', 'Malformed mfa_token');
    return undefined;
  }
  if (tenant.isExpired(found)) {
    sendError(res, status, 'expired_token', 'mfa_token is expired');
    return undefined;
  }
  if (found.clientId !== clientId) {
    sendError(res, status, 'invalid_request', 'mfa_token not issued to this client');
    return undefined;
  }
  return { token: found, user };
}

/**
 * Answer 429 when the user's failed-attempt bucket is empty.
 * @param {Context} ctx
 * @param {User} user
 * @returns {boolean} whether it answered
 */
export function rejectWhenBlocked(ctx, user) {
  const wait = ctx.tenant.retryAfterSeconds(user);
  if (wait <= 0) return false;
  sendError(ctx.res, 429, 'too_many_attempts', 'Too many failed attempts. Please try again later.', { 'Retry-After': String(wait) });
  return true;
}

/**
 * Check the bearer token of an /mfa/* request. An mfa_token may enroll and list; removing needs
 * an access token with remove:authenticators. Answers the error itself when it fails.
 * @param {Context} ctx
 * @param {string} scope the scope an access token needs
 * @returns {{ token: Token, user: User } | undefined}
 */
export function authenticate(ctx, scope) {
  const { req, res, tenant } = ctx;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  const found = match ? tenant.tokens.get(match[1]) : undefined;
  const user = found && tenant.findUser(found.email);
  if (!found || !user) {
    sendError(res, 401, 'invalid_token', 'Invalid MFA token');
    return undefined;
  }
  if (tenant.isExpired(found)) {
    // Auth0's wording for an expired access token is not recorded; the code matches the mfa_token's.
    sendError(res, 401, 'expired_token', found.kind === 'mfa' ? 'mfa_token is expired' : 'Access token is expired');
    return undefined;
  }
  const allowed = found.kind === 'mfa' ? scope !== 'remove:authenticators' : scopeList(found.scope).includes(scope);
  if (!allowed) {
    sendError(res, 403, 'insufficient_scope', `Insufficient scope, expected any of: ${scope}`);
    return undefined;
  }
  return { token: found, user };
}
