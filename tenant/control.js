// The stand-in's control API under /__control: create isolated tenants, read and change their
// settings, expire tokens, end sessions, read the request log, queue faults, inspect users (their
// current recovery code included), mint My Account API tokens, give users sign-in methods only the
// My Account API shows, get the HTTPS certificate. Not part of Auth0; tests and the demo use it.

import { notFound, parseBody, sendEmpty, sendError, sendJson, methodNotAllowed } from './http.js';
import { TOKEN_TTL_SECONDS } from './oauth.js';
import { MFA_POLICIES, MY_ACCOUNT_SCOPES, OTHER_METHOD_TYPES, scopeList } from './store.js';
import { totp } from './totp.js';

/** @typedef {import('./store.js').Tenant} Tenant */
/** @typedef {import('./store.js').Fault} Fault */

/**
 * @typedef {object} TenantSettings
 * @property {string} [name]
 * @property {boolean} [recoveryCodes]
 * @property {boolean} [recoveryCodeRotation] false: the recovery-code grant answers no new code
 * @property {number} [mfaTokenTtlSeconds]
 * @property {string[]} [allowedOrigins] replace the loopback default, for CORS and for callbacks
 * @property {string[]} [mfaAudiences] audiences whose tokens need MFA in the login
 * @property {401 | 403} [mfaErrorStatus] status of mfa_required and of the MFA grants' errors
 * @property {boolean} [dpopNonce] require a server nonce in DPoP proofs
 * @property {number} [latencyMs] milliseconds added to every answer of the tenant's APIs
 * @property {'stand-in' | 'auth0-fixtures'} [myAccountProblems] My Account validation and
 *   expired-session answers: the stand-in's own, or the shapes of Auth0's public fixtures
 * @property {import('./store.js').MfaPolicy} [mfaPolicy] 'per-app' (mfa_required lists the factors
 *   to enroll or challenge) or 'global' (a tenant-wide policy: no `mfa_requirements`)
 * @property {boolean} [typedAuthenticators] /mfa/authenticators rows carry `type` (Auth0's flag)
 *
 * @typedef {object} ControlContext
 * @property {import('node:http').IncomingMessage} req
 * @property {import('node:http').ServerResponse} res
 * @property {string} path full path, starting with /__control
 * @property {URLSearchParams} query
 * @property {{ url: string, pem: string, spkiSha256: string } | undefined} https the HTTPS
 *   listener and its certificate, when there is one
 * @property {string} text the raw body
 * @property {Map<string, Tenant>} tenants
 * @property {(settings: TenantSettings) => Tenant} createTenant
 * @property {(tenant: Tenant) => string} baseOf
 * @property {() => number} now the server's clock
 */

/**
 * Handle a /__control request.
 * @param {ControlContext} ctx
 */
export function handleControl(ctx) {
  const { req, res, path } = ctx;
  const method = req.method ?? '';
  if (path === '/__control/tenants') return only(ctx, ['POST'], () => createTenant(ctx));
  if (path === '/__control/totp') return only(ctx, ['POST'], () => currentCode(ctx));
  if (path === '/__control/https') {
    return only(ctx, ['GET'], () => (ctx.https ? sendJson(res, 200, ctx.https) : notFound(res, 'Not listening on HTTPS')));
  }

  const match = /^\/__control\/tenants\/([^/]+)\/(expire-tokens|expire-auth-sessions|requests|faults|settings|sessions|my-account-tokens|users\/[^/]+(?:\/methods)?)$/.exec(path);
  if (!match) return notFound(res);
  const tenant = ctx.tenants.get(match[1]);
  if (!tenant) return notFound(res, 'Unknown tenant');
  const [action, encodedEmail, sub] = match[2].split('/');

  if (action === 'expire-tokens') {
    return only(ctx, ['POST'], () => {
      tenant.expireTokens();
      sendEmpty(res, 204);
    });
  }
  if (action === 'expire-auth-sessions') {
    return only(ctx, ['POST'], () => {
      tenant.expireAuthSessions();
      sendEmpty(res, 204);
    });
  }
  if (action === 'requests') {
    return only(ctx, ['GET', 'DELETE'], () => {
      if (method === 'GET') {
        // ?detail=1 adds status, dpop, auth0Client, grantType, audience and tokenType.
        if (ctx.query.get('detail') === '1') return sendJson(res, 200, tenant.requests.map((entry) => ({ ...entry, ...tenant.requestDetails.get(entry) })));
        return sendJson(res, 200, tenant.requests);
      }
      tenant.requests.length = 0;
      return sendEmpty(res, 204);
    });
  }
  if (action === 'settings') {
    // POST, not PATCH: browser tests call the control API cross-origin, and its CORS allows POST.
    return only(ctx, ['GET', 'POST'], () => {
      if (method === 'GET') return sendJson(res, 200, tenant.settings());
      return changeSettings(ctx, tenant);
    });
  }
  if (action === 'sessions') {
    return only(ctx, ['DELETE'], () => {
      tenant.endAllSessions();
      sendEmpty(res, 204);
    });
  }
  if (action === 'faults') {
    return only(ctx, ['POST', 'DELETE'], () => {
      if (method === 'DELETE') {
        tenant.faults.length = 0;
        return sendEmpty(res, 204);
      }
      return addFault(ctx, tenant);
    });
  }
  if (action === 'my-account-tokens') return only(ctx, ['POST'], () => mintMyAccountToken(ctx, tenant));
  if (sub === 'methods') return only(ctx, ['POST'], () => addMethod(ctx, tenant, encodedEmail));
  return only(ctx, ['GET'], () => showUser(ctx, tenant, encodedEmail));
}

/**
 * Run the handler if the method is one of `methods`, else answer 405.
 * @param {ControlContext} ctx
 * @param {string[]} methods
 * @param {() => void} handler
 */
function only(ctx, methods, handler) {
  if (methods.includes(ctx.req.method ?? '')) handler();
  else methodNotAllowed(ctx.res, [...methods, 'OPTIONS']);
}

/**
 * The JSON object body of a control request ({} when empty), or undefined after answering 400.
 * @param {ControlContext} ctx
 * @returns {Record<string, unknown> | undefined}
 */
function jsonBody(ctx) {
  if (ctx.text.trim() === '') return {};
  const parsed = parseBody('application/json', ctx.text);
  if (parsed.ok) return parsed.params;
  sendError(ctx.res, 400, 'invalid_request', 'Body must be a JSON object');
  return undefined;
}

/** @param {unknown} value */
const isStringArray = (value) => Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * What is wrong with tenant settings, or undefined.
 * @param {Record<string, unknown>} body
 */
function tenantSettingsProblem(body) {
  if (body.name !== undefined && (typeof body.name !== 'string' || body.name === '')) return 'name must be a non-empty string';
  if (body.recoveryCodes !== undefined && typeof body.recoveryCodes !== 'boolean') return 'recoveryCodes must be a boolean';
  if (body.recoveryCodeRotation !== undefined && typeof body.recoveryCodeRotation !== 'boolean') return 'recoveryCodeRotation must be a boolean';
  const ttl = body.mfaTokenTtlSeconds;
  if (ttl !== undefined && (typeof ttl !== 'number' || !(ttl > 0))) return 'mfaTokenTtlSeconds must be a positive number';
  if (body.allowedOrigins !== undefined && !isStringArray(body.allowedOrigins)) return 'allowedOrigins must be an array of strings';
  if (body.mfaAudiences !== undefined && !isStringArray(body.mfaAudiences)) return 'mfaAudiences must be an array of strings';
  if (body.mfaErrorStatus !== undefined && body.mfaErrorStatus !== 401 && body.mfaErrorStatus !== 403) return 'mfaErrorStatus must be 401 or 403';
  if (body.dpopNonce !== undefined && typeof body.dpopNonce !== 'boolean') return 'dpopNonce must be a boolean';
  const latency = body.latencyMs;
  if (latency !== undefined && (typeof latency !== 'number' || !(latency >= 0 && latency <= 10_000))) return 'latencyMs must be a number from 0 to 10000';
  if (body.myAccountProblems !== undefined && body.myAccountProblems !== 'stand-in' && body.myAccountProblems !== 'auth0-fixtures') {
    return 'myAccountProblems must be "stand-in" or "auth0-fixtures"';
  }
  if (body.mfaPolicy !== undefined && !MFA_POLICIES.includes(/** @type {string} */ (body.mfaPolicy))) return `mfaPolicy must be one of ${MFA_POLICIES.join(', ')}`;
  if (body.typedAuthenticators !== undefined && typeof body.typedAuthenticators !== 'boolean') return 'typedAuthenticators must be a boolean';
  const known = ['name', 'recoveryCodes', 'recoveryCodeRotation', 'mfaTokenTtlSeconds', 'allowedOrigins', 'mfaAudiences', 'mfaErrorStatus', 'dpopNonce', 'myAccountProblems', 'latencyMs', 'mfaPolicy', 'typedAuthenticators'];
  const unknown = Object.keys(body).find((key) => !known.includes(key));
  if (unknown !== undefined) return `Unknown setting: ${unknown}`;
  return undefined;
}

/** @param {ControlContext} ctx */
function createTenant(ctx) {
  const body = jsonBody(ctx);
  if (!body) return;
  const problem = tenantSettingsProblem(body);
  if (problem) return sendError(ctx.res, 400, 'invalid_request', problem);
  const tenant = ctx.createTenant(/** @type {TenantSettings} */ (body));
  /** @type {Record<string, string>} */
  const answer = { id: tenant.id, base: ctx.baseOf(tenant) };
  if (ctx.https) answer.httpsBase = `${ctx.https.url}${tenant.prefix}`;
  return sendJson(ctx.res, 201, answer);
}

/**
 * POST …/settings: change some settings of a live tenant (the default one included); answers
 * them all. `allowedOrigins: null` goes back to the loopback default.
 * @param {ControlContext} ctx
 * @param {Tenant} tenant
 */
function changeSettings(ctx, tenant) {
  const body = jsonBody(ctx);
  if (!body) return;
  const resetOrigins = body.allowedOrigins === null;
  const problem = tenantSettingsProblem(resetOrigins ? { ...body, allowedOrigins: undefined } : body);
  if (problem) return sendError(ctx.res, 400, 'invalid_request', problem);
  const settings = /** @type {TenantSettings} */ (body);
  if (settings.name !== undefined) tenant.name = settings.name;
  if (settings.recoveryCodes !== undefined) tenant.recoveryCodes = settings.recoveryCodes;
  if (settings.recoveryCodeRotation !== undefined) tenant.recoveryCodeRotation = settings.recoveryCodeRotation;
  if (settings.mfaTokenTtlSeconds !== undefined) tenant.mfaTokenTtlSeconds = settings.mfaTokenTtlSeconds;
  if (resetOrigins) tenant.allowedOrigins = undefined;
  else if (settings.allowedOrigins !== undefined) tenant.allowedOrigins = settings.allowedOrigins;
  if (settings.mfaAudiences !== undefined) tenant.mfaAudiences = settings.mfaAudiences;
  if (settings.mfaErrorStatus !== undefined) tenant.mfaErrorStatus = settings.mfaErrorStatus;
  if (settings.dpopNonce !== undefined) tenant.dpopNonce = settings.dpopNonce;
  if (settings.myAccountProblems !== undefined) tenant.myAccountProblems = settings.myAccountProblems;
  if (settings.latencyMs !== undefined) tenant.latencyMs = settings.latencyMs;
  if (settings.mfaPolicy !== undefined) tenant.mfaPolicy = settings.mfaPolicy;
  if (settings.typedAuthenticators !== undefined) tenant.typedAuthenticators = settings.typedAuthenticators;
  return sendJson(ctx.res, 200, tenant.settings());
}

/**
 * What is wrong with a fault, or undefined.
 * @param {Record<string, unknown>} body
 */
function faultProblem(body) {
  const { method, path, status, headers, delayMs, hang, drop, times } = body;
  if (method !== undefined && (typeof method !== 'string' || method === '')) return 'method must be a non-empty string';
  if (typeof path !== 'string' || !path.startsWith('/')) return 'path must be a string starting with "/"';
  const needsStatus = hang !== true && drop !== true;
  if ((needsStatus || status !== undefined) && !(Number.isInteger(status) && Number(status) >= 200 && Number(status) <= 599)) {
    return 'status must be an integer from 200 to 599';
  }
  if (body.body !== undefined && typeof body.body !== 'string') return 'body must be a string';
  if (headers !== undefined && (typeof headers !== 'object' || headers === null || Array.isArray(headers) || !Object.values(headers).every((v) => typeof v === 'string'))) {
    return 'headers must be an object of strings';
  }
  if (delayMs !== undefined && (typeof delayMs !== 'number' || !(delayMs >= 0))) return 'delayMs must be a number >= 0';
  if (hang !== undefined && typeof hang !== 'boolean') return 'hang must be a boolean';
  if (drop !== undefined && typeof drop !== 'boolean') return 'drop must be a boolean';
  if (times !== undefined && !(Number.isInteger(times) && Number(times) >= 1)) return 'times must be an integer >= 1';
  return undefined;
}

/**
 * @param {ControlContext} ctx
 * @param {Tenant} tenant
 */
function addFault(ctx, tenant) {
  const body = jsonBody(ctx);
  if (!body) return;
  const problem = faultProblem(body);
  if (problem) return sendError(ctx.res, 400, 'invalid_request', problem);
  /** @type {Fault} */
  const fault = {
    path: /** @type {string} */ (body.path),
    status: typeof body.status === 'number' ? body.status : 200,
    times: typeof body.times === 'number' ? body.times : 1,
  };
  if (typeof body.method === 'string') fault.method = body.method.toUpperCase();
  if (typeof body.body === 'string') fault.body = body.body;
  if (body.headers) fault.headers = /** @type {Record<string, string>} */ (body.headers);
  if (typeof body.delayMs === 'number') fault.delayMs = body.delayMs;
  if (body.hang === true) fault.hang = true;
  if (body.drop === true) fault.drop = true;
  tenant.addFault(fault);
  return sendEmpty(ctx.res, 204);
}

/**
 * An email from a path segment ('' for a malformed escape, which names no user).
 * @param {string} encoded
 */
function decodeEmail(encoded) {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return '';
  }
}

/**
 * POST …/my-account-tokens: a My Account API access token for a user (made on first use, as a
 * sign-in would), with exactly the scopes asked, without signing in or doing MFA: browser tests
 * use it to get, say, a token without delete:me:authentication_methods. Body `{ email, scope?
 * (space-separated; default all five My Account scopes), expiresIn? (seconds, default 86400),
 * jkt? (a DPoP key thumbprint: the token is then DPoP-bound) }`. Answers `{ access_token,
 * token_type, expires_in, scope, audience }`; the token is an RS256 JWT like the token
 * endpoint's, for the audience `<tenant base>/me/` (accepted under every URL the tenant answers on).
 * @param {ControlContext} ctx
 * @param {Tenant} tenant
 */
function mintMyAccountToken(ctx, tenant) {
  const body = jsonBody(ctx);
  if (!body) return undefined;
  const { email, scope, expiresIn, jkt } = body;
  if (typeof email !== 'string' || email.trim() === '') return sendError(ctx.res, 400, 'invalid_request', 'email must be a non-empty string');
  if (scope !== undefined && typeof scope !== 'string') return sendError(ctx.res, 400, 'invalid_request', 'scope must be a space-separated string');
  if (expiresIn !== undefined && !(Number.isInteger(expiresIn) && Number(expiresIn) >= 1)) return sendError(ctx.res, 400, 'invalid_request', 'expiresIn must be an integer >= 1 (seconds)');
  if (jkt !== undefined && (typeof jkt !== 'string' || !/^[\w-]{43}$/.test(jkt))) return sendError(ctx.res, 400, 'invalid_request', 'jkt must be a base64url SHA-256 JWK thumbprint');
  const user = tenant.signIn(email);
  const granted = scopeList(typeof scope === 'string' ? scope : MY_ACCOUNT_SCOPES.join(' ')).join(' ');
  const ttl = typeof expiresIn === 'number' ? expiresIn : TOKEN_TTL_SECONDS;
  const base = ctx.baseOf(tenant);
  const audience = `${base}/me/`;
  const now = Math.floor(tenant.now() / 1000);
  const clientId = 'demo-spa-client';
  /** @type {Record<string, unknown>} */
  const claims = { iss: `${base}/`, sub: user.id, aud: audience, iat: now, exp: now + ttl, scope: granted, azp: clientId };
  if (typeof jkt === 'string') claims.cnf = { jkt };
  const accessToken = tenant.signJwt(claims);
  tenant.registerMyAccountToken(accessToken, { email: user.email, clientId, scope: granted, jkt: typeof jkt === 'string' ? jkt : null, expiresAt: (now + ttl) * 1000 });
  return sendJson(ctx.res, 200, { access_token: accessToken, token_type: jkt ? 'DPoP' : 'Bearer', expires_in: ttl, scope: granted, audience });
}

/**
 * POST …/users/<email>/methods: give a user (made on first use) a sign-in method that only the
 * My Account API shows, so that rendering of methods the widget cannot manage can be tested.
 * Body `{ type: phone|email|passkey|webauthn-platform|webauthn-roaming|push-notification,
 * confirmed? (default true), name?, phone_number?, preferred_authentication_method? (sms|voice),
 * email? }`. Answers 201 with the method as the My Account API lists it. The MFA API does not list
 * these, they do not count as enrolled, and the stand-in cannot challenge them.
 * @param {ControlContext} ctx
 * @param {Tenant} tenant
 * @param {string} encodedEmail
 */
function addMethod(ctx, tenant, encodedEmail) {
  const email = decodeEmail(encodedEmail);
  if (email.trim() === '') return notFound(ctx.res, 'Unknown user');
  const body = jsonBody(ctx);
  if (!body) return undefined;
  const { type, confirmed, name } = body;
  const bad = (/** @type {string} */ description) => sendError(ctx.res, 400, 'invalid_request', description);
  if (typeof type !== 'string' || !OTHER_METHOD_TYPES.includes(type)) return bad(`type must be one of: ${OTHER_METHOD_TYPES.join(', ')}`);
  if (confirmed !== undefined && typeof confirmed !== 'boolean') return bad('confirmed must be a boolean');
  if (name !== undefined && (typeof name !== 'string' || name === '')) return bad('name must be a non-empty string');
  /** @type {Record<string, string[]>} */
  const allowed = { phone: ['phone_number', 'preferred_authentication_method'], email: ['email'] };
  const known = ['type', 'confirmed', 'name', ...(allowed[type] ?? [])];
  const unknown = Object.keys(body).find((key) => !known.includes(key));
  if (unknown !== undefined) return bad(`Unknown field for ${type}: ${unknown}`);
  /** @type {Record<string, string>} */
  const fields = {};
  for (const key of allowed[type] ?? []) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== 'string' || body[key] === '') return bad(`${key} must be a non-empty string`);
    fields[key] = body[key];
  }
  if (fields.preferred_authentication_method !== undefined && !['sms', 'voice'].includes(fields.preferred_authentication_method)) {
    return bad('preferred_authentication_method must be sms or voice');
  }
  const user = tenant.signIn(email);
  const method = tenant.addOtherMethod(user, { type: /** @type {import('./store.js').OtherMethodType} */ (type), confirmed, name: typeof name === 'string' ? name : undefined, fields });
  return sendJson(ctx.res, 201, tenant.describeMethod(user, method.id));
}

/**
 * @param {ControlContext} ctx
 * @param {Tenant} tenant
 * @param {string} encodedEmail
 */
function showUser(ctx, tenant, encodedEmail) {
  const email = decodeEmail(encodedEmail);
  const user = tenant.findUser(email);
  if (!user) return notFound(ctx.res, 'Unknown user');
  // Test-only, like all of /__control: `recoveryCode` is the code the recovery-code grant accepts
  // now (null when none), so that browser tests can type "the code the user saved";
  // `challenges` counts the successful POST /mfa/challenge calls. No TOTP secrets here.
  return sendJson(ctx.res, 200, {
    email: user.email,
    authenticators: tenant.describeAuthenticators(user),
    recoveryCode: tenant.currentRecoveryCode(user) ?? null,
    challenges: user.challenges.length,
  });
}

/**
 * The current TOTP code for a secret: lets browser tests type a right code without their own
 * TOTP implementation. Body `{ secret, time? (ms) }`.
 * @param {ControlContext} ctx
 */
function currentCode(ctx) {
  const body = jsonBody(ctx);
  if (!body) return;
  const { secret, time } = body;
  if (typeof secret !== 'string' || secret === '') return sendError(ctx.res, 400, 'invalid_request', 'secret must be a base32 string');
  if (time !== undefined && typeof time !== 'number') return sendError(ctx.res, 400, 'invalid_request', 'time must be a number (ms)');
  try {
    return sendJson(ctx.res, 200, { code: totp(secret, { time: typeof time === 'number' ? time : ctx.now() }) });
  } catch {
    return sendError(ctx.res, 400, 'invalid_request', 'secret must be a base32 string');
  }
}
