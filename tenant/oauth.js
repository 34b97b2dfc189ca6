// The OAuth side of one stand-in tenant, as Auth0's browser SDK (@auth0/auth0-spa-js) uses it:
// the authorization_code (PKCE) and refresh_token grants, the tokens every successful grant
// answers (RS256 id_token and access token, rotating refresh tokens, DPoP binding), the
// mfa_required answer for audiences that need MFA, /oauth/revoke and the discovery documents.
// Where Auth0's status or wording is not recorded, the choice is marked "unconfirmed".

import { createHash, timingSafeEqual } from 'node:crypto';
import { checkDpopProof } from './dpop.js';
import { exposeHeader, sendEmpty, sendError, sendJson, stringParams } from './http.js';
import { PROOF_ALGORITHMS } from './jose.js';
import { MFA_API_TOKEN_TTL_SECONDS, scopeList } from './store.js';

/** @typedef {import('./routes.js').Context} Context */
/** @typedef {import('./store.js').User} User */
/** @typedef {import('./store.js').Session} Session */
/** @typedef {import('./store.js').Token} Token */
/** @typedef {import('./store.js').RefreshFamily} RefreshFamily */

export const GRANT_AUTHORIZATION_CODE = 'authorization_code';
export const GRANT_REFRESH_TOKEN = 'refresh_token';
export const TOKEN_TTL_SECONDS = 86400;
const ID_TOKEN_TTL_SECONDS = 36000;
/** What a grant that named no scope gets. */
export const DEFAULT_SCOPE = 'openid profile';

// ---- DPoP at the token endpoint --------------------------------------------------------------

/**
 * Check the DPoP proof of a token request, if one came, and remember its key's thumbprint in
 * `ctx.dpopJkt`. When the tenant demands nonces, every answer to a request with a proof carries
 * the current one in DPoP-Nonce (readable cross-origin). Answers the error itself.
 * @param {Context} ctx
 * @returns {boolean} false when it answered
 */
export function checkDpop(ctx) {
  const { req, res, tenant } = ctx;
  const header = req.headers.dpop;
  ctx.dpopJkt = null;
  if (header === undefined) return true;
  if (tenant.dpopNonce) {
    res.setHeader('DPoP-Nonce', tenant.dpopNonceNow());
    exposeHeader(res, 'DPoP-Nonce');
  }
  const result = checkDpopProof(header, {
    method: req.method ?? '',
    url: `${ctx.base}${ctx.path}`,
    now: tenant.now(),
    firstUse: (jti, until) => tenant.firstDpopUse(jti, until),
    nonceOk: tenant.dpopNonce ? (nonce) => tenant.acceptsDpopNonce(nonce) : undefined,
  });
  if (!result.ok) {
    // Auth0's descriptions for bad proofs are not recorded (unconfirmed); the codes are RFC 9449's.
    sendError(res, 400, result.error, result.description);
    return false;
  }
  ctx.dpopJkt = result.jkt;
  return true;
}

// ---- tokens ---------------------------------------------------------------------------------

/**
 * Whether tokens for an audience need MFA in the login: the tenant's `mfaAudiences`, and the My
 * Account API once the user has a confirmed factor (a user with none may get a token to enroll
 * their first one; Auth0 asks the login to meet the tenant's MFA policy, which the stand-in's
 * login page never does, so the token request is where MFA is asked for).
 * @param {Context} ctx
 * @param {string | null | undefined} audience
 * @param {User | undefined} user
 */
export function audienceNeedsMfa(ctx, audience, user) {
  if (ctx.tenant.needsMfa(audience)) return true;
  return typeof audience === 'string' && ctx.myAccountAudiences.includes(audience) && user !== undefined && ctx.tenant.isEnrolled(user);
}

/**
 * @typedef {object} Grant what a successful grant gives tokens for
 * @property {User} user
 * @property {string} clientId
 * @property {string} scope
 * @property {string | null | undefined} audience
 * @property {Session} session the login (refresh tokens belong to it; `mfa` gives amr)
 * @property {string | null} [nonce] from /authorize, for the id_token
 * @property {RefreshFamily} [family] a refresh token family to rotate instead of starting one
 */

/**
 * The token answer of a successful grant: access_token (RS256 JWT; `aud` the audience asked,
 * else the tenant's userinfo; `cnf.jkt` and token_type "DPoP" when the request had a DPoP
 * proof), id_token (RS256), refresh_token (rotating) when offline_access was asked or a family
 * is being refreshed, expires_in, scope, token_type. Tokens for the tenant's MFA API audience live
 * 10 minutes and are accepted by /mfa/*; tokens for its My Account API audience are accepted by
 * /me/* (bound to the DPoP key when issued with a proof).
 * @param {Context} ctx
 * @param {Grant} grant
 * @returns {{ body: Record<string, string | number>, family?: RefreshFamily }}
 */
export function issueTokens(ctx, grant) {
  const { tenant } = ctx;
  const { user, clientId, session } = grant;
  const now = Math.floor(tenant.now() / 1000);
  const scope = grant.scope || DEFAULT_SCOPE;
  const mfaApi = typeof grant.audience === 'string' && ctx.mfaApiAudiences.includes(grant.audience);
  const audience = grant.audience || `${ctx.issuer}userinfo`;
  const expiresIn = mfaApi ? MFA_API_TOKEN_TTL_SECONDS : TOKEN_TTL_SECONDS;
  const jkt = ctx.dpopJkt ?? null;
  /** @type {Record<string, unknown>} */
  const claims = { iss: ctx.issuer, sub: user.id, aud: audience, iat: now, exp: now + expiresIn, scope, azp: clientId };
  if (session.mfa) claims.amr = ['mfa'];
  if (jkt) claims.cnf = { jkt };
  const accessToken = tenant.signJwt(claims);
  if (mfaApi) tenant.issueAccessToken(user, clientId, scope, accessToken);
  if (ctx.myAccountAudiences.includes(audience)) {
    tenant.registerMyAccountToken(accessToken, { email: user.email, clientId, scope, jkt, expiresAt: (now + expiresIn) * 1000 });
  }
  /** @type {Record<string, string | number>} */
  const body = {
    access_token: accessToken,
    id_token: idToken(ctx, grant),
    expires_in: expiresIn,
    scope,
    token_type: jkt ? 'DPoP' : 'Bearer',
  };
  let family = grant.family && !grant.family.revoked ? grant.family : undefined;
  if (!family && scopeList(scope).includes('offline_access')) {
    // Bound to the DPoP key when issued with one (RFC 9449 §5: public clients' refresh tokens).
    family = tenant.startRefreshFamily({ clientId, session, audience: grant.audience ?? null, scope, jkt });
  }
  if (family) body.refresh_token = tenant.rotateRefreshToken(family);
  ctx.detail.tokenType = String(body.token_type);
  return { body, family };
}

/**
 * An RS256 id_token with the claims Auth0's SDK checks (iss, aud, sub, iat, exp, nonce, azp).
 * @param {Context} ctx
 * @param {Grant} grant
 */
function idToken(ctx, { user, clientId, session, nonce }) {
  const now = Math.floor(ctx.tenant.now() / 1000);
  /** @type {Record<string, unknown>} */
  const claims = {
    iss: ctx.issuer,
    sub: user.id,
    aud: clientId,
    iat: now,
    exp: now + ID_TOKEN_TTL_SECONDS,
    azp: clientId,
    auth_time: Math.floor(session.authTime / 1000),
    email: user.email,
    name: user.email,
    nickname: user.email.split('@')[0],
  };
  if (nonce) claims.nonce = nonce;
  if (session.mfa) claims.amr = ['mfa'];
  return ctx.tenant.signJwt(claims);
}

/**
 * Answer mfa_required (status: the tenant's mfaErrorStatus, 403 unless set to 401) with an
 * mfa_token that remembers what was asked, so that the MFA grants can answer tokens for it, and
 * `mfa_requirements` unless the tenant's `mfaPolicy` is 'global' (the factors to enroll, or the
 * user's to challenge: Tenant.mfaRequirements).
 * @param {Context} ctx
 * @param {{ user: User, clientId: string, scope: string, audience: string | null | undefined, session: Session, mfaApi?: boolean, familyId?: string, nonce?: string | null }} asked
 */
export function mfaRequired(ctx, { user, clientId, scope, audience, session, mfaApi = false, familyId, nonce }) {
  const { tenant } = ctx;
  const mfaToken = tenant.issueMfaToken(user, clientId, scope, mfaApi, { audience, sessionId: session.id, familyId, nonce });
  /** @type {Record<string, unknown>} */
  const body = { error: 'mfa_required', error_description: 'Multifactor authentication required', mfa_token: mfaToken };
  // A tenant-wide policy says nothing of the factors: the app can't tell enroll from challenge.
  if (tenant.mfaPolicy === 'per-app') body.mfa_requirements = tenant.mfaRequirements(user);
  sendJson(ctx.res, tenant.mfaErrorStatus, body);
}

/**
 * The tokens of a successful mfa-otp or mfa-recovery-code grant: MFA is now done for the login
 * the mfa_token came from (later refreshes of its refresh tokens need none), and the tokens are
 * for the audience and scope the refused request asked (the MFA API's, with the scopes asked,
 * when a password grant asked for it; "openid profile" for the tenant's userinfo when no scope
 * was named). A refused refresh's family is rotated.
 * @param {Context} ctx
 * @param {Token} token the mfa_token (or an MFA-API access token standing in for it)
 * @param {User} user
 * @param {string} clientId
 */
export function completeMfa(ctx, token, user, clientId) {
  const { tenant } = ctx;
  const session = tenant.findSession(token.sessionId) ?? tenant.createSession(user);
  session.mfa = true;
  if (token.kind === 'access') return issueTokens(ctx, { user, clientId, scope: DEFAULT_SCOPE, audience: null, session }).body;
  const family = token.familyId === undefined ? undefined : tenant.families.get(token.familyId);
  const audience = token.mfaApi ? ctx.mfaApiAudiences[0] : token.audience;
  return issueTokens(ctx, { user, clientId, scope: token.scope, audience, session, nonce: token.nonce, family }).body;
}

// ---- POST /oauth/token, authorization_code grant ---------------------------------------------

/** @param {string} a @param {string} b */
function sameString(a, b) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Exchange an authorization code (PKCE S256). The code works once, for 60 s, for the client and
 * redirect_uri it was issued to; a second use also revokes the refresh token it gave (RFC 6749
 * §4.1.2). For an audience that needs MFA, a login without MFA gets mfa_required.
 * @param {Context} ctx
 * @param {Record<string, string>} params
 * @param {string} clientId
 */
export function authorizationCodeGrant(ctx, params, clientId) {
  const { res, tenant } = ctx;
  if (!params.code) return sendError(res, 400, 'invalid_request', 'Missing required parameter: code');
  const code = tenant.codes.get(params.code);
  const invalid = () => sendError(res, 403, 'invalid_grant', 'Invalid authorization code');
  if (!code) return invalid();
  if (code.used) {
    const family = code.familyId === undefined ? undefined : tenant.families.get(code.familyId);
    if (family) family.revoked = true;
    return invalid();
  }
  code.used = true;
  if (tenant.now() >= code.expiresAt || code.clientId !== clientId) return invalid();
  // Unconfirmed wording: Auth0's description for a redirect_uri mismatch is not recorded.
  if (params.redirect_uri !== code.redirectUri) return sendError(res, 403, 'invalid_grant', 'Invalid redirect_uri');
  const verifier = params.code_verifier ?? '';
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  if (!/^[\w.~-]{43,128}$/.test(verifier) || !sameString(challenge, code.codeChallenge)) {
    return sendError(res, 403, 'invalid_grant', 'Failed to verify code verifier');
  }
  if (code.dpopJkt && ctx.dpopJkt !== code.dpopJkt) {
    return sendError(res, 400, 'invalid_dpop_proof', 'The DPoP proof key does not match the dpop_jkt sent to /authorize');
  }
  const user = tenant.findUser(code.email);
  const session = tenant.findSession(code.sessionId);
  if (!user || !session) return invalid(); // signed out between /authorize and the exchange
  const asked = { user, clientId, scope: code.scope, audience: code.audience, session, nonce: code.nonce };
  if (audienceNeedsMfa(ctx, code.audience, user) && !session.mfa) return mfaRequired(ctx, asked);
  const { body, family } = issueTokens(ctx, asked);
  if (family) code.familyId = family.id;
  return sendJson(res, 200, body);
}

// ---- POST /oauth/token, refresh_token grant --------------------------------------------------

/**
 * Refresh. Tokens rotate (Auth0 with rotation on): every answer carries a new refresh_token and
 * the one presented stops working; presenting a rotated-away one revokes the whole family (reuse
 * detection). `audience` and `scope` may name another API than the family's (what the SDK sends
 * with useMrrt, Auth0's multi-resource refresh tokens; the My Account API's among them); they are
 * granted as asked. For an audience that needs MFA (audienceNeedsMfa), a login that has not done
 * MFA gets mfa_required; the refused request
 * does not rotate the token, the MFA grant that completes it does.
 * @param {Context} ctx
 * @param {Record<string, string>} params
 * @param {string} clientId
 */
export function refreshTokenGrant(ctx, params, clientId) {
  const { res, tenant } = ctx;
  if (!params.refresh_token) return sendError(res, 400, 'invalid_request', 'Missing required parameter: refresh_token');
  const family = tenant.findRefreshFamily(params.refresh_token);
  const invalid = () => sendError(res, 403, 'invalid_grant', 'Unknown or invalid refresh token.');
  if (!family || family.revoked || tenant.now() >= family.expiresAt || family.clientId !== clientId) return invalid();
  if (family.current !== params.refresh_token) {
    family.revoked = true;
    return invalid();
  }
  // Unconfirmed wording: a proof by another key than the one the refresh token is bound to.
  if (family.jkt && ctx.dpopJkt !== family.jkt) {
    return sendError(res, 400, 'invalid_dpop_proof', 'The DPoP proof key does not match the key the refresh token is bound to');
  }
  const user = tenant.findUser(family.email);
  if (!user) return invalid();
  // After a logout the login is gone: a refresh token outlives it, but MFA must be done again.
  let session = tenant.sessions.get(family.sessionId);
  if (!session) {
    session = tenant.createSession(user);
    family.sessionId = session.id;
  }
  const audience = params.audience || family.audience;
  const scope = params.scope || family.scope;
  if (audienceNeedsMfa(ctx, audience, user) && !session.mfa) return mfaRequired(ctx, { user, clientId, scope, audience, session, familyId: family.id });
  return sendJson(res, 200, issueTokens(ctx, { user, clientId, scope, audience, session, family }).body);
}

// ---- POST /oauth/revoke ----------------------------------------------------------------------

/**
 * Revoke a refresh token (RFC 7009; what the SDK's revokeRefreshToken calls): its whole family
 * stops working. 200 with no body, for unknown tokens too.
 * @param {Context} ctx
 */
export function revoke(ctx) {
  const { res, tenant } = ctx;
  if (!ctx.body.ok) return sendError(res, 400, 'invalid_request', 'Request body must be application/x-www-form-urlencoded or application/json');
  const params = stringParams(ctx.body.params);
  const client = tenant.clients.get(params.client_id ?? '');
  if (!client) return sendError(res, 401, 'access_denied', 'Unauthorized');
  if (!params.token) return sendError(res, 400, 'invalid_request', 'Missing required parameter: token');
  const family = tenant.findRefreshFamily(params.token);
  if (family && family.clientId === client.id) family.revoked = true;
  return sendEmpty(res, 200);
}

// ---- discovery -------------------------------------------------------------------------------

/**
 * GET /.well-known/openid-configuration, for the base the client used (http or https, its Host).
 * @param {Context} ctx
 * @param {string[]} grants the grant types the token endpoint takes
 */
export function openidConfiguration(ctx, grants) {
  const base = ctx.base;
  sendJson(ctx.res, 200, {
    issuer: ctx.issuer,
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/oauth/token`,
    revocation_endpoint: `${base}/oauth/revoke`,
    jwks_uri: `${base}/.well-known/jwks.json`,
    mfa_challenge_endpoint: `${base}/mfa/challenge`,
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'web_message'],
    grant_types_supported: grants,
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['none'],
    code_challenge_methods_supported: ['S256'],
    claims_supported: ['aud', 'amr', 'auth_time', 'azp', 'email', 'exp', 'iat', 'iss', 'name', 'nickname', 'nonce', 'sub'],
    dpop_signing_alg_values_supported: PROOF_ALGORITHMS,
    request_uri_parameter_supported: false,
  });
}

/**
 * GET /.well-known/jwks.json: the public key that signs every JWT.
 * @param {Context} ctx
 */
export function jwks(ctx) {
  sendJson(ctx.res, 200, { keys: [ctx.tenant.signer.jwk] });
}
