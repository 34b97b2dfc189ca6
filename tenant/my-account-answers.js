// Answers the My Account API's handlers share (my-account.js, my-account-oob.js): a method's
// URL, the JSON body, and the problem documents for validation errors, an unusable auth_session,
// an unknown method and an empty failed-attempt bucket. Where Auth0's status or wording is not
// recorded (the API contract only has the shapes), the choice is marked "unconfirmed".

import { sendProblem } from './http.js';

/** @typedef {import('./routes.js').Context} Context */
/** @typedef {import('./store.js').User} User */

export const METHODS_PATH = '/me/v1/authentication-methods';

/**
 * The absolute URL of a method on the API, on the origin and tenant the client used (the SDK
 * takes the id from its last segment and POSTs to `${Location}/verify`).
 * @param {Context} ctx
 * @param {string} id
 */
export function methodUrl(ctx, id) {
  return `${ctx.base}${METHODS_PATH}/${encodeURIComponent(id)}`;
}

/**
 * The JSON object body of a request, or undefined after a 400 problem.
 * @param {Context} ctx
 * @returns {Record<string, unknown> | undefined}
 */
export function jsonBody(ctx) {
  const json = ctx.mediaType === 'application/json' || ctx.mediaType.endsWith('+json');
  if (json && ctx.body.ok) return ctx.body.params;
  sendProblem(ctx.res, 400, 'The request body must be a JSON object (Content-Type: application/json).');
  return undefined;
}

/**
 * Answer 400 with validation errors. The stand-in's own wording (unconfirmed; the shape is the API
 * contract's, with `field`), or, with the tenant's `myAccountProblems: 'auth0-fixtures'`, the
 * shape of the only public fixture (Auth0.swift): A0E-400-0003 "Validation Error", "Invalid
 * request payload input", `validation_errors[].pointer`.
 * @param {Context} ctx
 * @param {{ detail: string, field: string }[]} errors
 */
export function invalid(ctx, errors) {
  if (ctx.tenant.myAccountProblems === 'auth0-fixtures') {
    const validationErrors = errors.map(({ detail, field }) => ({ detail, pointer: `/${field}` }));
    return sendProblem(ctx.res, 400, 'Invalid request payload input', { code: '0003', title: 'Validation Error', validationErrors });
  }
  return sendProblem(ctx.res, 400, 'Invalid request payload.', { validationErrors: errors });
}

/**
 * An unknown, used, expired or other method's auth_session. Unconfirmed: the stand-in's own 400,
 * or, with `myAccountProblems: 'auth0-fixtures'`, the only public fixture of an expired session
 * (nextjs-auth0, connected accounts): 404 A0E-404-0001 "Invalid or expired session".
 * @param {Context} ctx
 */
export function expiredSession(ctx) {
  if (ctx.tenant.myAccountProblems === 'auth0-fixtures') return sendProblem(ctx.res, 404, 'Invalid or expired session');
  return sendProblem(ctx.res, 400, 'The auth_session is invalid or has expired. Start the enrollment again.');
}

/** @param {Context} ctx */
export function methodNotFound(ctx) {
  sendProblem(ctx.res, 404, 'Authentication method not found.');
}

/**
 * Answer 429 with Retry-After when the user's failed-attempt bucket (shared with the MFA API's
 * grants) is empty. Unconfirmed wording.
 * @param {Context} ctx
 * @param {User} user
 */
export function rejectWhenBlocked(ctx, user) {
  const wait = ctx.tenant.retryAfterSeconds(user);
  if (wait <= 0) return false;
  sendProblem(ctx.res, 429, 'Too many failed attempts. Please try again later.', { headers: { 'Retry-After': String(wait) } });
  return true;
}
