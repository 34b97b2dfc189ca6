// The stand-in's control API under /__control: create isolated tenants, read and change their
// settings, expire tokens and codes, end sessions, read the request log, queue faults, inspect
// users (their current recovery code included), mint My Account API tokens, give users sign-in
// methods, read the outbox of codes "sent", play the Guardian app (guardian.js), get the HTTPS
// certificate. Not part of Auth0; tests and the demo use it.

import { FACTORS, PHONE_CHANNELS, plausibleEmail, plausiblePhoneNumber } from './factors.js';
import { guardianAnswer, guardianList, guardianScan } from './guardian.js';
import { notFound, parseBody, sendEmpty, sendError, sendJson, methodNotAllowed } from './http.js';
import { TOKEN_TTL_SECONDS } from './oauth.js';
import { CONTROL_METHOD_TYPES, MFA_POLICIES, MY_ACCOUNT_SCOPES, PUSH_REJECTIONS, scopeList } from './store.js';
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
 * @property {string[]} [factors] the factors users may enroll (FACTORS), in the order listed
 * @property {string[]} [phoneChannels] how phones are reached: sms, voice or both
 * @property {number} [messageLimit] messages to one destination per window
 * @property {number} [messageWindowSeconds] that window
 * @property {number} [pushPollIntervalMs] polls of a push request closer than this get slow_down
 * @property {import('./store.js').PushRejection} [pushRejection] the error of a rejected push
 * @property {200 | 201 | 202} [myAccountEnrollStatus] the status of a My Account enrollment's start
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

  const match = /^\/__control\/tenants\/([^/]+)\/(expire-tokens|expire-auth-sessions|expire-codes|requests|faults|settings|sessions|my-account-tokens|outbox|guardian(?:\/(?:scan|approve|deny))?|users\/[^/]+(?:\/methods)?)$/.exec(path);
  if (!match) return notFound(res);
  const tenant = ctx.tenants.get(match[1]);
  if (!tenant) return notFound(res, 'Unknown tenant');
  // users/<email>[/methods], guardian[/<scan|approve|deny>]
  const [action, segment, sub] = match[2].split('/');

  if (action === 'expire-codes') {
    return only(ctx, ['POST'], () => {
      tenant.oob.expireAll();
      sendEmpty(res, 204);
    });
  }
  if (action === 'outbox') {
    // Newest first; ?to= and ?channel= narrow it. DELETE empties it (and the per-destination counts).
    return only(ctx, ['GET', 'DELETE'], () => {
      if (method === 'GET') return sendJson(res, 200, tenant.outbox.list({ to: ctx.query.get('to'), channel: ctx.query.get('channel') }));
      tenant.outbox.clear();
      return sendEmpty(res, 204);
    });
  }
  if (action === 'guardian') {
    const step = segment;
    if (step === undefined) return only(ctx, ['GET'], () => answer(ctx, guardianList(tenant)));
    return only(ctx, ['POST'], () => {
      const body = jsonBody(ctx);
      if (!body) return;
      if (step === 'scan') answer(ctx, guardianScan(tenant, body));
      else answer(ctx, guardianAnswer(tenant, body, step === 'approve' ? 'approved' : 'rejected'));
    });
  }

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
  if (sub === 'methods') return only(ctx, ['POST'], () => addMethod(ctx, tenant, segment));
  return only(ctx, ['GET'], () => showUser(ctx, tenant, segment));
}

/**
 * Send a status and body decided elsewhere (guardian.js).
 * @param {ControlContext} ctx
 * @param {{ status: number, body: unknown }} result
 */
function answer(ctx, { status, body }) {
  sendJson(ctx.res, status, body);
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
  const subset = (/** @type {unknown} */ value, /** @type {string[]} */ all) => isStringArray(value) && value.every((v) => all.includes(v)) && new Set(value).size === value.length;
  if (body.factors !== undefined && !subset(body.factors, FACTORS)) return `factors must be a list of distinct factors among ${FACTORS.join(', ')}`;
  if (body.phoneChannels !== undefined && !(subset(body.phoneChannels, PHONE_CHANNELS) && /** @type {string[]} */ (body.phoneChannels).length > 0)) return 'phoneChannels must be sms, voice or both';
  const { messageLimit, messageWindowSeconds, pushPollIntervalMs } = body;
  if (messageLimit !== undefined && !(Number.isInteger(messageLimit) && Number(messageLimit) >= 1)) return 'messageLimit must be an integer >= 1';
  if (messageWindowSeconds !== undefined && (typeof messageWindowSeconds !== 'number' || !(messageWindowSeconds > 0))) return 'messageWindowSeconds must be a positive number';
  if (pushPollIntervalMs !== undefined && (typeof pushPollIntervalMs !== 'number' || !(pushPollIntervalMs >= 0))) return 'pushPollIntervalMs must be a number >= 0';
  if (body.pushRejection !== undefined && !PUSH_REJECTIONS.includes(/** @type {string} */ (body.pushRejection))) return `pushRejection must be one of ${PUSH_REJECTIONS.join(', ')}`;
  if (body.myAccountEnrollStatus !== undefined && ![200, 201, 202].includes(/** @type {number} */ (body.myAccountEnrollStatus))) return 'myAccountEnrollStatus must be 200, 201 or 202';
  const known = [
    ...['name', 'recoveryCodes', 'recoveryCodeRotation', 'mfaTokenTtlSeconds', 'allowedOrigins', 'mfaAudiences', 'mfaErrorStatus', 'dpopNonce', 'myAccountProblems', 'latencyMs', 'mfaPolicy'],
    ...['typedAuthenticators', 'factors', 'phoneChannels', 'messageLimit', 'messageWindowSeconds', 'pushPollIntervalMs', 'pushRejection', 'myAccountEnrollStatus'],
  ];
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
  if (settings.factors !== undefined) tenant.factors = settings.factors;
  if (settings.phoneChannels !== undefined) tenant.phoneChannels = settings.phoneChannels;
  if (settings.messageLimit !== undefined) tenant.messageLimit = settings.messageLimit;
  if (settings.messageWindowSeconds !== undefined) tenant.messageWindowSeconds = settings.messageWindowSeconds;
  if (settings.pushPollIntervalMs !== undefined) tenant.pushPollIntervalMs = settings.pushPollIntervalMs;
  if (settings.pushRejection !== undefined) tenant.pushRejection = settings.pushRejection;
  if (settings.myAccountEnrollStatus !== undefined) tenant.myAccountEnrollStatus = settings.myAccountEnrollStatus;
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
 * POST …/users/<email>/methods: give a user (made on first use) a sign-in method without
 * enrolling it. Body `{ type: phone|email|push-notification|passkey|webauthn-platform|
 * webauthn-roaming, confirmed? (default true), name?, phone_number? (E.164, default
 * +15555550100), preferred_authentication_method? (sms|voice, default sms), email? (default the
 * user's), verified? (email: the authenticator Auth0 makes from a verified address, which cannot
 * be deleted) }`. Phone, email and push are real factors, as if enrolled: both APIs list them,
 * they count as enrolled once confirmed, and they can be challenged (push comes with its OTP
 * authenticator). Passkeys and WebAuthn keys only show on the My Account API. Answers 201 with the
 * method as the My Account API lists it.
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
  if (typeof type !== 'string' || !CONTROL_METHOD_TYPES.includes(type)) return bad(`type must be one of: ${CONTROL_METHOD_TYPES.join(', ')}`);
  if (confirmed !== undefined && typeof confirmed !== 'boolean') return bad('confirmed must be a boolean');
  if (name !== undefined && (typeof name !== 'string' || name === '')) return bad('name must be a non-empty string');
  /** @type {Record<string, string[]>} */
  const allowed = { phone: ['phone_number', 'preferred_authentication_method'], email: ['email', 'verified'] };
  const known = ['type', 'confirmed', 'name', ...(allowed[type] ?? [])];
  const unknown = Object.keys(body).find((key) => !known.includes(key));
  if (unknown !== undefined) return bad(`Unknown field for ${type}: ${unknown}`);
  const { phone_number: phoneNumber = '+15555550100', preferred_authentication_method: preferred = 'sms', email: address, verified = false } = body;
  if (type === 'phone' && !plausiblePhoneNumber(phoneNumber)) return bad('phone_number must be an E.164 number');
  if (type === 'phone' && preferred !== 'sms' && preferred !== 'voice') return bad('preferred_authentication_method must be sms or voice');
  if (type === 'email' && address !== undefined && !plausibleEmail(address)) return bad('email must be an email address');
  if (type === 'email' && typeof verified !== 'boolean') return bad('verified must be a boolean');
  const user = tenant.signIn(email);
  let id;
  if (type === 'phone' || type === 'email' || type === 'push-notification') {
    /** @type {Parameters<Tenant['addOobAuthenticator']>[1]} */
    const factor =
      type === 'phone'
        ? { type, phoneNumber: /** @type {string} */ (phoneNumber), channel: /** @type {'sms' | 'voice'} */ (preferred) }
        : type === 'email'
          ? { type, email: typeof address === 'string' ? address : user.email, verifiedAddress: verified === true }
          : { type };
    const { authenticator } = tenant.addOobAuthenticator(user, factor, false);
    if (confirmed !== false) tenant.activate(user, authenticator);
    if (typeof name === 'string') authenticator.name = name;
    id = authenticator.id;
  } else {
    const method = tenant.addOtherMethod(user, { type: /** @type {import('./store.js').OtherMethodType} */ (type), confirmed, name: typeof name === 'string' ? name : undefined });
    id = method.id;
  }
  return sendJson(ctx.res, 201, tenant.describeMethod(user, id));
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
