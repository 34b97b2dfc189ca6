// One stand-in tenant's state: clients, users, tokens, authenticators, the request log, the fault
// queue and the per-user rate limit. Everything lives in memory; nothing here touches HTTP.

import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { FACTORS, PHONE_CHANNELS, mfaApiRows } from './factors.js';
import { createSigner } from './jose.js';
import { OobTransactions } from './oob-transactions.js';
import { Outbox } from './outbox.js';
import { base32Encode, matchTotp } from './totp.js';

/**
 * @typedef {object} Authenticator one factor of a user, as both the MFA API and the My Account
 *   API see it (the MFA API lists a phone once per channel: see factors.js)
 * @property {string} id e.g. "totp|dev_…", "recovery-code|dev_…", "phone|dev_…" (listed by the
 *   MFA API as "sms|dev_…" and "voice|dev_…"), "email|dev_…", "push|dev_…"
 * @property {import('./factors.js').FactorType} type the factor, as `mfa_requirements` names it
 * @property {boolean} active
 * @property {number} createdAt
 * @property {string} [secret] base32 TOTP secret (otp only)
 * @property {string} [recoveryCode] the recovery code issued with it, if any; on the
 *   recovery-code authenticator, the code the recovery-code grant accepts now
 * @property {number} [lastStep] otp only: the TOTP time step of the last code accepted, so that a
 *   code is accepted once only (the API contract: a validated OTP code cannot be used again)
 * @property {string} [name] a name given on the My Account API (PATCH), not the recovery code
 * @property {string} [phoneNumber] phone: E.164
 * @property {'sms' | 'voice'} [preferredChannel] phone: how it was enrolled, or PATCHed since
 * @property {string} [email] email: the address
 * @property {boolean} [verifiedAddress] email: made by Auth0 from the user's verified address,
 *   which Auth0 does not let be deleted
 * @property {string} [linkedId] push and the OTP authenticator enrolled with it (Guardian shows
 *   codes too): each names the other; removing either removes both
 *
 * @typedef {'passkey' | 'webauthn-platform' | 'webauthn-roaming'} OtherMethodType
 *
 * @typedef {object} OtherMethod a sign-in method that only the My Account API shows, given to a
 *   user through the control API so that read-only rendering can be tested: the stand-in cannot
 *   enroll or challenge these, the MFA API does not list them and they do not count as enrolled
 * @property {string} id e.g. "passkey|dev_…"
 * @property {OtherMethodType} type
 * @property {boolean} confirmed
 * @property {number} createdAt
 * @property {string} [name]
 * @property {Record<string, string | boolean>} fields the type's own members (key_id, …)
 *
 * @typedef {object} MyAccountToken an access token for the My Account API audience
 * @property {string} email
 * @property {string} clientId
 * @property {string} scope
 * @property {string | null} jkt the DPoP key it is bound to, if any
 * @property {number} expiresAt milliseconds
 *
 * @typedef {object} AuthSession an enrollment started on the My Account API, until verified
 * @property {string} email
 * @property {string} methodId
 * @property {'totp' | 'recovery-code' | 'phone' | 'email' | 'push-notification'} type
 * @property {string} [recoveryCode] recovery-code: the new code, in force only once verified
 * @property {string} [oobCode] phone, email, push: the transaction of the code sent or the QR
 * @property {number} expiresAt milliseconds
 *
 * @typedef {object} Challenge
 * @property {string} authenticatorId
 * @property {'otp' | 'oob'} challengeType
 * @property {number} at milliseconds
 *
 * @typedef {object} User
 * @property {string} id
 * @property {string} email
 * @property {number} createdAt milliseconds
 * @property {string} passwordId the id of the password method (My Account API)
 * @property {Authenticator[]} authenticators
 * @property {OtherMethod[]} otherMethods see OtherMethod
 * @property {{ left: number, since: number }} attempts failed-attempt bucket (OTP codes and
 *   recovery codes draw on the same one)
 * @property {Challenge[]} challenges every POST /mfa/challenge that succeeded, oldest first
 *
 * @typedef {object} Token
 * @property {'mfa' | 'access'} kind mfa_token, or an MFA-API access token
 * @property {string} email
 * @property {string} clientId
 * @property {string} scope for an mfa_token: the scope of the token request that led to it
 * @property {boolean} mfaApi whether it is (or, for an mfa_token, was requested as) an MFA-API token
 * @property {number} expiresAt milliseconds
 * @property {string} [audience] mfa_token: the audience the refused token request asked for
 * @property {string} [sessionId] mfa_token: the login it belongs to (completing MFA marks it)
 * @property {string} [familyId] mfa_token from a refresh: the refresh token family to rotate
 * @property {string} [nonce] mfa_token from an authorization code: the nonce sent to /authorize
 *
 * @typedef {object} Session one login: a sign-in on the login page, or a password grant
 * @property {string} id
 * @property {string} email
 * @property {boolean} mfa whether MFA was completed in this login (Auth0 remembers it for the session)
 * @property {number} authTime milliseconds
 * @property {number} expiresAt milliseconds
 *
 * @typedef {object} AuthorizationRequest what /authorize was asked, once the client and
 *   redirect_uri are known to be good
 * @property {string} clientId
 * @property {string} redirectUri
 * @property {'query' | 'web_message'} responseMode
 * @property {string | null} state
 * @property {string | null} nonce
 * @property {string} scope
 * @property {string | null} audience
 * @property {string} codeChallenge
 * @property {string | null} dpopJkt
 *
 * @typedef {AuthorizationRequest & { sessionId: string, email: string, expiresAt: number, used: boolean, familyId?: string }} AuthorizationCode
 *
 * @typedef {object} RefreshFamily refresh tokens that rotate from one grant
 * @property {string} id
 * @property {string} clientId
 * @property {string} sessionId
 * @property {string} email
 * @property {string | null} audience the audience of the grant that started it
 * @property {string} scope
 * @property {string | null} jkt the DPoP key it is bound to, if any
 * @property {string} current the only token of the family that still works
 * @property {boolean} revoked
 * @property {number} expiresAt milliseconds
 *
 * @typedef {object} Client
 * @property {string} id
 * @property {boolean} mfaGrant whether the MFA grant (mfa-otp and mfa-recovery-code) is enabled for it
 *
 * @typedef {object} Fault
 * @property {string} [method]
 * @property {string} path exact path below the tenant, or a prefix ending in "*"
 * @property {number} status
 * @property {string} [body]
 * @property {Record<string, string>} [headers]
 * @property {number} [delayMs]
 * @property {boolean} [hang] never answer
 * @property {boolean} [drop] close the connection without an answer
 * @property {number} times
 *
 * @typedef {object} LoggedRequest
 * @property {string} method
 * @property {string} path
 * @property {string | null} origin
 * @property {string | null} contentType
 * @property {string[]} bodyKeys names only: values may be passwords, codes or tokens
 * @property {boolean} authorization
 *
 * @typedef {object} RequestDetail more about a request, for GET …/requests?detail=1 (never a
 *   header's value, a token or a code)
 * @property {number | null} status the answer's status, null until answered
 * @property {boolean} dpop whether a DPoP header came
 * @property {boolean} auth0Client whether an Auth0-Client header came
 * @property {string | null} grantType /oauth/token: the grant_type asked
 * @property {string | null} audience /oauth/token and /authorize: the audience asked
 * @property {string | null} tokenType the token_type answered, when tokens were answered
 *
 * @typedef {object} TenantOptions
 * @property {string} id
 * @property {string} [name]
 * @property {string} prefix path prefix ("" for the default tenant)
 * @property {boolean} [recoveryCodes]
 * @property {boolean} [recoveryCodeRotation] whether the recovery-code grant answers a new code
 *   (true, the default) or only the tokens, leaving the user without one
 * @property {number} [mfaTokenTtlSeconds]
 * @property {string[]} [allowedOrigins] replaces the loopback default when given
 * @property {string[]} [mfaAudiences] audiences whose tokens need MFA in the login
 * @property {401 | 403} [mfaErrorStatus] status of mfa_required and the MFA grants' 403 errors
 * @property {boolean} [dpopNonce] require a server nonce in DPoP proofs
 * @property {number} [latencyMs] added to every answer of the tenant's APIs, as a network's round trip
 * @property {'stand-in' | 'auth0-fixtures'} [myAccountProblems] the My Account API's validation
 *   errors and expired auth_session answers: the stand-in's own, or Auth0's public fixtures' shapes
 * @property {MfaPolicy} [mfaPolicy] what mfa_required says of the factors (default 'per-app')
 * @property {boolean} [typedAuthenticators] /mfa/authenticators rows carry `type` (default false)
 * @property {string[]} [factors] the factors users may enroll, in the order mfa_requirements and
 *   /me/v1/factors list them (default all of FACTORS)
 * @property {string[]} [phoneChannels] how a phone is reached; with both, the MFA API lists each
 *   phone twice (default ['sms', 'voice'])
 * @property {number} [messageLimit] messages to one destination per window (default 10)
 * @property {number} [messageWindowSeconds] the window of messageLimit (default 3600)
 * @property {number} [pushPollIntervalMs] polls of one push request closer than this get
 *   slow_down (default 5000)
 * @property {PushRejection} [pushRejection] the error of a push the user rejected (default 'access_denied')
 * @property {200 | 201 | 202} [myAccountEnrollStatus] the status of a My Account enrollment's
 *   start (default 201)
 * @property {import('./jose.js').Signer} [signer] the RS256 key (one per server)
 * @property {() => number} [now]
 */

/**
 * @typedef {'per-app' | 'global'} MfaPolicy how the tenant asks for MFA, as mfa_required shows it:
 *   'per-app' (an application's or API's policy, step-up) sends `mfa_requirements` with an
 *   `enroll` or `challenge` list; 'global' (the tenant's "Require Multi-factor Auth: Always")
 *   sends none.
 */
export const MFA_POLICIES = ['per-app', 'global'];

/**
 * @typedef {'access_denied' | 'invalid_grant'} PushRejection the `error` of the mfa-oob grant for
 *   a push the user rejected: 'access_denied', as a real tenant answered (go-auth0's recording), or
 *   'invalid_grant', as Auth0's API reference says
 */
export const PUSH_REJECTIONS = ['access_denied', 'invalid_grant'];

export const DEMO_PASSWORD = 'demo-password';
export const MFA_API_TOKEN_TTL_SECONDS = 600; // Auth0: MFA-audience tokens live 10 minutes
/** The audience every tenant marks as needing MFA unless told otherwise. */
export const DEFAULT_MFA_AUDIENCE = 'https://api.stand-in.example/';
const CODE_TTL_MS = 60 * 1000;
const SESSION_TTL_MS = 3 * 24 * 60 * 60 * 1000; // Auth0's default inactivity timeout: 3 days
const REFRESH_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const LOGIN_TTL_MS = 10 * 60 * 1000; // how long the login page's transaction stays good
const DPOP_NONCE_TTL_MS = 5 * 60 * 1000;
const ATTEMPT_BUCKET = 10;
const ATTEMPT_REFILL_MS = 6 * 60 * 1000;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** How long a My Account enrollment's auth_session stays good (unconfirmed: Auth0's is not recorded). */
export const AUTH_SESSION_TTL_MS = 5 * 60 * 1000;
/** The My Account API's scopes. */
export const MY_ACCOUNT_SCOPES = [
  'read:me:authentication_methods',
  'create:me:authentication_methods',
  'update:me:authentication_methods',
  'delete:me:authentication_methods',
  'read:me:factors',
];
/** The method types the control API may give a user: real factors (phone, email, push) or OtherMethods. */
export const CONTROL_METHOD_TYPES = ['phone', 'email', 'passkey', 'webauthn-platform', 'webauthn-roaming', 'push-notification'];

/** @param {number} bytes */
const b64url = (bytes) => randomBytes(bytes).toString('base64url');

/**
 * @param {string} alphabet
 * @param {number} length
 */
function randomString(alphabet, length) {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** @param {string} scope */
export const scopeList = (scope) => scope.split(/\s+/).filter(Boolean);

export class Tenant {
  /** @param {TenantOptions} options */
  constructor(options) {
    const { id, name = 'Stand-in Tenant', prefix, recoveryCodes = true, recoveryCodeRotation = true, mfaTokenTtlSeconds = 600, allowedOrigins } = options;
    const { mfaAudiences = [DEFAULT_MFA_AUDIENCE], mfaErrorStatus = 403, dpopNonce = false, myAccountProblems = 'stand-in', latencyMs = 0, signer, now = Date.now } = options;
    const { mfaPolicy = 'per-app', typedAuthenticators = false, factors = [...FACTORS], phoneChannels = [...PHONE_CHANNELS] } = options;
    const { messageLimit = 10, messageWindowSeconds = 3600, pushPollIntervalMs = 5000, pushRejection = 'access_denied', myAccountEnrollStatus = 201 } = options;
    this.id = id;
    this.name = name;
    this.prefix = prefix;
    this.recoveryCodes = recoveryCodes;
    this.recoveryCodeRotation = recoveryCodeRotation;
    this.mfaTokenTtlSeconds = mfaTokenTtlSeconds;
    this.allowedOrigins = allowedOrigins;
    this.mfaAudiences = mfaAudiences;
    /** @type {401 | 403} */
    this.mfaErrorStatus = mfaErrorStatus;
    this.dpopNonce = dpopNonce;
    /** @type {'stand-in' | 'auth0-fixtures'} */
    this.myAccountProblems = myAccountProblems;
    this.latencyMs = latencyMs;
    /** @type {MfaPolicy} */
    this.mfaPolicy = mfaPolicy;
    this.typedAuthenticators = typedAuthenticators;
    this.factors = factors;
    this.phoneChannels = phoneChannels;
    this.messageLimit = messageLimit;
    this.messageWindowSeconds = messageWindowSeconds;
    this.pushPollIntervalMs = pushPollIntervalMs;
    /** @type {PushRejection} */
    this.pushRejection = pushRejection;
    /** @type {200 | 201 | 202} */
    this.myAccountEnrollStatus = myAccountEnrollStatus;
    this.now = now;
    /** Messages "sent" by text, voice and email, and the per-destination limit. */
    this.outbox = new Outbox(() => this.now(), () => ({ limit: this.messageLimit, windowMs: this.messageWindowSeconds * 1000 }));
    /** Every oob_code handed out: codes sent, push requests and enrollments. */
    this.oob = new OobTransactions(() => this.now());
    // Signs every JWT; its private key never leaves the process.
    this.signer = signer ?? createSigner();
    /** @type {Map<string, Client>} */
    this.clients = new Map([
      ['demo-spa-client', { id: 'demo-spa-client', mfaGrant: true }],
      ['spa-without-mfa-grant', { id: 'spa-without-mfa-grant', mfaGrant: false }],
    ]);
    /** @type {Map<string, User>} keyed by lower-case email */
    this.users = new Map();
    /** @type {Map<string, Token>} keyed by the token string */
    this.tokens = new Map();
    /** @type {Map<string, MyAccountToken>} My Account API access tokens, keyed by the token string */
    this.myAccountTokens = new Map();
    /** @type {Map<string, AuthSession>} My Account enrollments in progress, keyed by auth_session */
    this.authSessions = new Map();
    /** @type {LoggedRequest[]} */
    this.requests = [];
    /** @type {WeakMap<LoggedRequest, RequestDetail>} what the log shows with ?detail=1 */
    this.requestDetails = new WeakMap();
    /** @type {Fault[]} */
    this.faults = [];
    /** @type {Map<string, Session>} by id */
    this.sessions = new Map();
    /** @type {Map<string, string>} browser session cookie value → session id */
    this.sessionCookies = new Map();
    /** @type {Map<string, AuthorizationRequest & { expiresAt: number }>} the login page's pending requests */
    this.logins = new Map();
    /** @type {Map<string, AuthorizationCode>} */
    this.codes = new Map();
    /** @type {Map<string, RefreshFamily>} by id */
    this.families = new Map();
    /** @type {Map<string, string>} every refresh token ever issued → its family id (so reuse is noticed) */
    this.refreshTokens = new Map();
    /** @type {Map<string, number>} DPoP proof jti → until when it is remembered (ms) */
    this.dpopJtis = new Map();
    /** @type {{ current: string, previous: string | null, since: number } | undefined} */
    this.nonces = undefined;
  }

  /** The settings the control API shows and changes. */
  settings() {
    return {
      name: this.name,
      recoveryCodes: this.recoveryCodes,
      recoveryCodeRotation: this.recoveryCodeRotation,
      mfaTokenTtlSeconds: this.mfaTokenTtlSeconds,
      allowedOrigins: this.allowedOrigins ?? null,
      mfaAudiences: this.mfaAudiences,
      mfaErrorStatus: this.mfaErrorStatus,
      dpopNonce: this.dpopNonce,
      myAccountProblems: this.myAccountProblems,
      latencyMs: this.latencyMs,
      mfaPolicy: this.mfaPolicy,
      typedAuthenticators: this.typedAuthenticators,
      factors: this.factors,
      phoneChannels: this.phoneChannels,
      messageLimit: this.messageLimit,
      messageWindowSeconds: this.messageWindowSeconds,
      pushPollIntervalMs: this.pushPollIntervalMs,
      pushRejection: this.pushRejection,
      myAccountEnrollStatus: this.myAccountEnrollStatus,
    };
  }

  /**
   * Whether tokens for an audience need MFA in the login (exact match, as Auth0 compares API
   * identifiers).
   * @param {string | null | undefined} audience
   */
  needsMfa(audience) {
    return typeof audience === 'string' && this.mfaAudiences.includes(audience);
  }

  // ---- users -------------------------------------------------------------------------------

  /**
   * The user for an email, created on first sign-in (every user has MFA required).
   * @param {string} email
   * @returns {User}
   */
  signIn(email) {
    const key = email.trim().toLowerCase();
    let user = this.users.get(key);
    if (!user) {
      const now = this.now();
      user = { id: `auth0|${randomBytes(12).toString('hex')}`, email: email.trim(), createdAt: now, passwordId: `password|dev_${randomString(BASE62, 16)}`, authenticators: [], otherMethods: [], attempts: { left: ATTEMPT_BUCKET, since: now }, challenges: [] };
      this.users.set(key, user);
    }
    return user;
  }

  /** @param {string} email */
  findUser(email) {
    return this.users.get(email.trim().toLowerCase());
  }

  /**
   * Whether the user has confirmed a factor. A recovery code alone does not count: it only
   * exists to stand in for the authenticator it came with.
   * @param {User} user
   */
  isEnrolled(user) {
    return user.authenticators.some((a) => a.active && a.type !== 'recovery-code');
  }

  // ---- tokens ------------------------------------------------------------------------------

  /**
   * Issue an mfa_token: opaque, shaped like Auth0's iron-sealed ones.
   * @param {User} user
   * @param {string} clientId
   * @param {string} scope
   * @param {boolean} mfaApi whether the password grant asked for the MFA API audience
   * @param {{ audience?: string | null, sessionId?: string, familyId?: string, nonce?: string | null }} [context]
   *   what the completing MFA grant needs: the audience asked, the login, the refresh family
   */
  issueMfaToken(user, clientId, scope, mfaApi, context = {}) {
    const value = `Fe26.2**${randomBytes(32).toString('hex')}*${b64url(16)}*${b64url(48)}**${randomBytes(32).toString('hex')}*${b64url(32)}`;
    /** @type {Token} */
    const token = { kind: 'mfa', email: user.email, clientId, scope, mfaApi, expiresAt: this.now() + this.mfaTokenTtlSeconds * 1000 };
    for (const key of /** @type {const} */ (['audience', 'sessionId', 'familyId', 'nonce'])) {
      const given = context[key];
      if (given) token[key] = given;
    }
    this.tokens.set(value, token);
    return value;
  }

  /**
   * Register an MFA-API access token (opaque unless a value is given).
   * @param {User} user
   * @param {string} clientId
   * @param {string} scope
   * @param {string} [value]
   */
  issueAccessToken(user, clientId, scope, value = b64url(32)) {
    this.tokens.set(value, { kind: 'access', email: user.email, clientId, scope, mfaApi: true, expiresAt: this.now() + MFA_API_TOKEN_TTL_SECONDS * 1000 });
    return value;
  }

  /** @param {Token} token */
  isExpired(token) {
    return this.now() >= token.expiresAt;
  }

  /**
   * Register a My Account API access token (the JWT the token endpoint answers, or one the
   * control API mints).
   * @param {string} value
   * @param {MyAccountToken} token
   */
  registerMyAccountToken(value, token) {
    this.myAccountTokens.set(value, token);
  }

  /**
   * Expire every token issued so far: mfa_tokens, MFA-API and My Account tokens, My Account
   * auth_sessions, authorization codes, oob_codes, refresh tokens (control API).
   */
  expireTokens() {
    const now = this.now();
    this.oob.expireAll();
    for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
    for (const token of this.myAccountTokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
    this.expireAuthSessions();
    for (const code of this.codes.values()) code.expiresAt = Math.min(code.expiresAt, now);
    for (const family of this.families.values()) family.expiresAt = Math.min(family.expiresAt, now);
  }

  /**
   * Expire every My Account auth_session issued so far, and nothing else (control API): an
   * enrollment left on screen longer than its session lasts, with the token still good.
   */
  expireAuthSessions() {
    const now = this.now();
    for (const session of this.authSessions.values()) session.expiresAt = Math.min(session.expiresAt, now);
  }

  /**
   * An RS256 JWT signed with the server's key (published at /.well-known/jwks.json).
   * @param {Record<string, unknown>} payload
   */
  signJwt(payload) {
    return this.signer.sign(payload);
  }

  // ---- logins, codes, refresh tokens -------------------------------------------------------

  /**
   * Start a login (session) for a user.
   * @param {User} user
   * @returns {Session}
   */
  createSession(user) {
    const now = this.now();
    /** @type {Session} */
    const session = { id: b64url(16), email: user.email, mfa: false, authTime: now, expiresAt: now + SESSION_TTL_MS };
    this.sessions.set(session.id, session);
    return session;
  }

  /**
   * A live session by id.
   * @param {string | undefined} id
   */
  findSession(id) {
    const session = id === undefined ? undefined : this.sessions.get(id);
    return session && this.now() < session.expiresAt ? session : undefined;
  }

  /**
   * A browser cookie for a session: an unguessable handle, kept apart from the session id (which
   * goes into codes and tokens).
   * @param {Session} session
   */
  sessionCookie(session) {
    const value = b64url(32);
    this.sessionCookies.set(value, session.id);
    return value;
  }

  /** @param {string | undefined} cookie */
  sessionFromCookie(cookie) {
    return cookie === undefined ? undefined : this.findSession(this.sessionCookies.get(cookie));
  }

  /**
   * End a browser session (logout): its cookie and the session itself.
   * @param {string} cookie
   */
  endSession(cookie) {
    const id = this.sessionCookies.get(cookie);
    this.sessionCookies.delete(cookie);
    if (id !== undefined) this.sessions.delete(id);
  }

  /** End every browser session (control API). */
  endAllSessions() {
    for (const id of this.sessionCookies.values()) this.sessions.delete(id);
    this.sessionCookies.clear();
  }

  /**
   * Remember an authorization request while the login page is shown.
   * @param {AuthorizationRequest} request
   */
  startLogin(request) {
    const id = b64url(24);
    this.logins.set(id, { ...request, expiresAt: this.now() + LOGIN_TTL_MS });
    return id;
  }

  /**
   * The pending authorization request of a login page, if still good.
   * @param {string} id
   */
  findLogin(id) {
    const login = this.logins.get(id);
    if (!login) return undefined;
    if (this.now() >= login.expiresAt) {
      this.logins.delete(id);
      return undefined;
    }
    return login;
  }

  /**
   * Issue an authorization code: single use, 60 s, bound to the request and the login.
   * @param {AuthorizationRequest} request
   * @param {Session} session
   */
  issueCode(request, session) {
    const code = b64url(32);
    const { clientId, redirectUri, responseMode, state, nonce, scope, audience, codeChallenge, dpopJkt } = request;
    this.codes.set(code, { clientId, redirectUri, responseMode, state, nonce, scope, audience, codeChallenge, dpopJkt, sessionId: session.id, email: session.email, expiresAt: this.now() + CODE_TTL_MS, used: false });
    return code;
  }

  /**
   * Start a refresh token family.
   * @param {{ clientId: string, session: Session, audience: string | null, scope: string, jkt: string | null }} grant
   * @returns {RefreshFamily}
   */
  startRefreshFamily({ clientId, session, audience, scope, jkt }) {
    /** @type {RefreshFamily} */
    const family = { id: b64url(12), clientId, sessionId: session.id, email: session.email, audience, scope, jkt, current: '', revoked: false, expiresAt: this.now() + REFRESH_TTL_MS };
    this.families.set(family.id, family);
    return family;
  }

  /**
   * Rotate a family: a new refresh token, and every earlier one stops working.
   * @param {RefreshFamily} family
   */
  rotateRefreshToken(family) {
    const token = b64url(32);
    family.current = token;
    this.refreshTokens.set(token, family.id);
    return token;
  }

  /**
   * The family of a refresh token, whether the token is its current one or an older one.
   * @param {string} token
   */
  findRefreshFamily(token) {
    const id = this.refreshTokens.get(token);
    return id === undefined ? undefined : this.families.get(id);
  }

  // ---- DPoP --------------------------------------------------------------------------------

  /**
   * Record a DPoP proof's jti; false when it was seen before (a replay).
   * @param {string} jti
   * @param {number} until milliseconds
   */
  firstDpopUse(jti, until) {
    const now = this.now();
    for (const [seen, expiry] of this.dpopJtis) if (expiry < now) this.dpopJtis.delete(seen);
    if (this.dpopJtis.has(jti)) return false;
    this.dpopJtis.set(jti, until);
    return true;
  }

  /** The DPoP nonce to hand out now; a new one every 5 minutes, the one before still accepted. */
  dpopNonceNow() {
    const now = this.now();
    if (!this.nonces) this.nonces = { current: b64url(24), previous: null, since: now };
    else if (now - this.nonces.since >= DPOP_NONCE_TTL_MS) this.nonces = { current: b64url(24), previous: this.nonces.current, since: now };
    return this.nonces.current;
  }

  /** @param {unknown} nonce */
  acceptsDpopNonce(nonce) {
    const current = this.dpopNonceNow();
    return typeof nonce === 'string' && (nonce === current || nonce === this.nonces?.previous);
  }

  // ---- authenticators ----------------------------------------------------------------------

  /**
   * Add a new unconfirmed OTP authenticator (earlier unconfirmed ones stay, as on Auth0).
   * @param {User} user
   * @param {boolean} withRecoveryCode
   * @returns {{ authenticator: Authenticator, recoveryCode?: string }}
   */
  addOtpAuthenticator(user, withRecoveryCode) {
    /** @type {Authenticator} */
    const authenticator = { id: `totp|dev_${randomString(BASE62, 16)}`, type: 'otp', active: false, createdAt: this.now(), secret: base32Encode(randomBytes(20)) };
    user.authenticators.push(authenticator);
    if (!withRecoveryCode) return { authenticator };
    return { authenticator, recoveryCode: this.issueRecoveryCode(user, authenticator) };
  }

  /**
   * Add an unconfirmed phone, email or push authenticator. Push comes with an OTP authenticator
   * (the Guardian app shows codes too), linked to it: confirmed together, removed together.
   * @param {User} user
   * @param {{ type: 'phone', phoneNumber: string, channel: 'sms' | 'voice' } | { type: 'email', email: string, verifiedAddress?: boolean } | { type: 'push-notification' }} factor
   * @param {boolean} withRecoveryCode whether it is the user's first factor, on a tenant with recovery codes
   * @returns {{ authenticator: Authenticator, recoveryCode?: string }}
   */
  addOobAuthenticator(user, factor, withRecoveryCode) {
    const tail = `dev_${randomString(BASE62, 16)}`;
    const createdAt = this.now();
    /** @type {Authenticator} */
    let authenticator;
    if (factor.type === 'phone') {
      authenticator = { id: `phone|${tail}`, type: 'phone', active: false, createdAt, phoneNumber: factor.phoneNumber, preferredChannel: factor.channel };
    } else if (factor.type === 'email') {
      authenticator = { id: `email|${tail}`, type: 'email', active: false, createdAt, email: factor.email };
      if (factor.verifiedAddress) authenticator.verifiedAddress = true;
    } else {
      authenticator = { id: `push|${tail}`, type: 'push-notification', active: false, createdAt };
    }
    user.authenticators.push(authenticator);
    if (factor.type === 'push-notification') {
      const otp = this.addOtpAuthenticator(user, false).authenticator;
      otp.linkedId = authenticator.id;
      authenticator.linkedId = otp.id;
    }
    if (!withRecoveryCode) return { authenticator };
    return { authenticator, recoveryCode: this.issueRecoveryCode(user, authenticator) };
  }

  /**
   * Issue a recovery code with a first factor: the factor remembers it, and it comes in force
   * when the factor is confirmed. One recovery-code authenticator per user: a new enrollment
   * attempt re-issues its code.
   * @param {User} user
   * @param {Authenticator} authenticator
   */
  issueRecoveryCode(user, authenticator) {
    const recoveryCode = randomString(ALPHANUMERIC, 24);
    authenticator.recoveryCode = recoveryCode;
    let recovery = this.recoveryAuthenticator(user);
    if (!recovery) {
      recovery = { id: `recovery-code|dev_${randomString(BASE62, 16)}`, type: 'recovery-code', active: false, createdAt: this.now() };
      user.authenticators.push(recovery);
    }
    recovery.active = false;
    recovery.recoveryCode = recoveryCode;
    return recoveryCode;
  }

  /**
   * Confirm an authenticator: it becomes active, with the authenticator linked to it (push and its
   * OTP) and the recovery code issued with it.
   * @param {User} user
   * @param {Authenticator} authenticator
   */
  activate(user, authenticator) {
    if (authenticator.active) return;
    authenticator.active = true;
    const linked = authenticator.linkedId === undefined ? undefined : this.findAuthenticator(user, authenticator.linkedId);
    if (linked) linked.active = true;
    const recovery = this.recoveryAuthenticator(user);
    if (recovery && authenticator.recoveryCode) {
      recovery.active = true;
      recovery.recoveryCode = authenticator.recoveryCode;
    }
  }

  /**
   * An authenticator by id, as either API names it: its own id, or for a phone the MFA API's
   * per-channel ids ("sms|dev_X", "voice|dev_X" for "phone|dev_X").
   * @param {User} user
   * @param {string} id
   */
  findAuthenticator(user, id) {
    const channel = /^(sms|voice)\|(.+)$/.exec(id);
    const own = channel ? `phone|${channel[2]}` : id;
    return user.authenticators.find((a) => a.id === own);
  }

  /**
   * Start enrolling a phone, an email or push: the user's unconfirmed phone or email
   * authenticator for the same destination when there is one (enrolling it again sends a new
   * code to it rather than adding another; a phone takes the channel asked), else a new one; for
   * push, always a new one, replacing any unconfirmed push enrollment (with its OTP half).
   * @param {User} user
   * @param {Parameters<Tenant['addOobAuthenticator']>[1]} factor
   * @param {boolean} withRecoveryCode see addOobAuthenticator
   * @returns {{ authenticator: Authenticator, recoveryCode?: string }}
   */
  startOobEnrollment(user, factor, withRecoveryCode) {
    if (factor.type === 'push-notification') {
      for (const old of user.authenticators.filter((a) => a.type === 'push-notification' && !a.active)) this.removeAuthenticator(user, old.id);
      return this.addOobAuthenticator(user, factor, withRecoveryCode);
    }
    const same = (/** @type {Authenticator} */ a) =>
      factor.type === 'phone' ? a.type === 'phone' && a.phoneNumber === factor.phoneNumber : a.type === 'email' && a.email?.toLowerCase() === factor.email.toLowerCase();
    const pending = user.authenticators.find((a) => !a.active && same(a));
    if (!pending) return this.addOobAuthenticator(user, factor, withRecoveryCode);
    if (factor.type === 'phone') pending.preferredChannel = factor.channel;
    return withRecoveryCode ? { authenticator: pending, recoveryCode: this.issueRecoveryCode(user, pending) } : { authenticator: pending };
  }

  /**
   * Check a code against the user's OTP authenticators: unconfirmed ones newest first, then
   * active ones. A match on an unconfirmed one activates it, and the recovery code issued with it.
   * A code is accepted once only: each authenticator remembers the time step of the last code it
   * accepted (a confirm counts too) and accepts only later steps.
   * @param {User} user
   * @param {string} code
   * @param {Authenticator} [only] check this authenticator alone (a My Account verify names it)
   * @returns {Authenticator | undefined} the matching authenticator
   */
  confirmOtp(user, code, only) {
    // The OTP half of a push enrollment is confirmed by the Guardian app's scan, not by a code.
    const otps = user.authenticators.filter((a) => a.type === 'otp' && (a.active || a.linkedId === undefined));
    const pending = otps.filter((a) => !a.active).reverse(); // pushed in creation order
    const candidates = only ? [only] : [...pending, ...otps.filter((a) => a.active)];
    const time = this.now();
    /** @type {Authenticator | undefined} */
    let match;
    for (const candidate of candidates) {
      const step = candidate.secret === undefined ? undefined : matchTotp(candidate.secret, code, { time, after: candidate.lastStep });
      if (step === undefined) continue;
      match = candidate;
      match.lastStep = step;
      break;
    }
    if (!match) return undefined;
    this.activate(user, match);
    return match;
  }

  /**
   * The otpauth: URI of a TOTP secret: label `{tenant name}:{user email}`, as the API contract
   * records Auth0's.
   * @param {User} user
   * @param {string} secret
   */
  barcodeUri(user, secret) {
    const issuer = encodeURIComponent(this.name);
    return `otpauth://totp/${issuer}:${encodeURIComponent(user.email)}?secret=${secret}&issuer=${issuer}&algorithm=SHA1&digits=6&period=30`;
  }

  /**
   * The user's recovery-code authenticator (at most one), active or not.
   * @param {User} user
   */
  recoveryAuthenticator(user) {
    return user.authenticators.find((a) => a.type === 'recovery-code');
  }

  /**
   * The recovery code the recovery-code grant accepts now: the active recovery-code
   * authenticator's, or undefined when there is none.
   * @param {User} user
   */
  currentRecoveryCode(user) {
    const recovery = this.recoveryAuthenticator(user);
    return recovery?.active ? recovery.recoveryCode : undefined;
  }

  /**
   * Spend a recovery code: when `code` is exactly the current one (case-sensitive, as stored:
   * 24 uppercase alphanumerics), replace it with a new one and return `{ next }`; else undefined.
   * Without `recoveryCodeRotation` (Auth0's answer "might" carry a new code: one that doesn't)
   * the spent code goes and none replaces it: `{ next: undefined }`, and the user has no
   * recovery code left.
   * @param {User} user
   * @param {string} code
   * @returns {{ next: string | undefined } | undefined}
   */
  redeemRecoveryCode(user, code) {
    const recovery = this.recoveryAuthenticator(user);
    const current = this.currentRecoveryCode(user);
    if (!recovery || current === undefined || !sameString(current, code)) return undefined;
    if (!this.recoveryCodeRotation) {
      this.removeAuthenticator(user, recovery.id);
      return { next: undefined };
    }
    const next = this.newRecoveryCode(user);
    recovery.recoveryCode = next;
    return { next };
  }

  /**
   * A new recovery code (24 uppercase alphanumerics) other than the current one.
   * @param {User} user
   */
  newRecoveryCode(user) {
    const current = this.recoveryAuthenticator(user)?.recoveryCode;
    let next = randomString(ALPHANUMERIC, 24);
    while (next === current) next = randomString(ALPHANUMERIC, 24);
    return next;
  }

  /** A fresh id for a recovery-code authenticator. */
  newRecoveryCodeId() {
    return `recovery-code|dev_${randomString(BASE62, 16)}`;
  }

  /**
   * Put a new recovery code in force (a verified My Account recovery-code enrollment): the
   * recovery-code authenticator (made with `id` when the user has none) becomes active with it,
   * and the old code stops working. Unconfirmed OTP authenticators forget the code they were
   * issued with, so confirming one later cannot bring an old code back.
   * @param {User} user
   * @param {string} id
   * @param {string} code
   * @returns {Authenticator}
   */
  replaceRecoveryCode(user, id, code) {
    let recovery = this.recoveryAuthenticator(user);
    if (!recovery) {
      recovery = { id, type: 'recovery-code', active: true, createdAt: this.now() };
      user.authenticators.push(recovery);
    }
    recovery.active = true;
    recovery.recoveryCode = code;
    for (const a of user.authenticators) if (a.type !== 'recovery-code') delete a.recoveryCode;
    return recovery;
  }

  /**
   * Record a challenge (POST /mfa/challenge): for OTP nothing is sent anywhere.
   * @param {User} user
   * @param {Authenticator} authenticator
   */
  recordChallenge(user, authenticator) {
    user.challenges.push({ authenticatorId: authenticator.id, challengeType: authenticator.type === 'otp' ? 'otp' : 'oob', at: this.now() });
  }

  /**
   * Remove an authenticator (by either API's id), with the one linked to it (push and its OTP);
   * their oob_codes stop working.
   * @param {User} user
   * @param {string} id
   * @returns {boolean} whether it existed
   */
  removeAuthenticator(user, id) {
    const authenticator = this.findAuthenticator(user, id);
    if (!authenticator) return false;
    const gone = [authenticator.id, ...(authenticator.linkedId === undefined ? [] : [authenticator.linkedId])];
    user.authenticators = user.authenticators.filter((a) => !gone.includes(a.id));
    for (const each of gone) this.oob.voidFor(each);
    return true;
  }

  /**
   * The authenticators as GET /mfa/authenticators shows them (no secrets): a phone once per
   * channel the tenant delivers by, emails and phone numbers masked; with `typedAuthenticators`
   * (Auth0's feature flag) each row carries the factor's `type` (see factors.js).
   * @param {User} user
   */
  describeAuthenticators(user) {
    const options = { phoneChannels: this.phoneChannels, typed: this.typedAuthenticators };
    return user.authenticators.flatMap((a) => mfaApiRows(a, options));
  }

  /**
   * What `mfa_required` says a user must do (a per-app policy): a user with no confirmed factor
   * enrolls one of the factors the tenant enables; an enrolled one is challenged with the
   * factors they have that the tenant enables (recovery codes are not listed), or, when the
   * tenant has since disabled them all, with those they have (Auth0 would not lock them out).
   * @param {User} user
   * @returns {{ enroll: { type: string }[] } | { challenge: { type: string }[] }}
   */
  mfaRequirements(user) {
    if (!this.isEnrolled(user)) return { enroll: this.factors.map((type) => ({ type })) };
    const have = new Set(user.authenticators.filter((a) => a.active && a.type !== 'recovery-code').map((a) => a.type));
    const enabled = this.factors.filter((type) => have.has(/** @type {import('./factors.js').FactorType} */ (type)));
    const types = enabled.length > 0 ? enabled : FACTORS.filter((type) => have.has(/** @type {import('./factors.js').FactorType} */ (type)));
    return { challenge: types.map((type) => ({ type })) };
  }

  // ---- the My Account API's view -----------------------------------------------------------

  /**
   * The user's sign-in methods as the My Account API lists them: the password (primary), every
   * authenticator, confirmed or not (`confirmed` is the MFA API's `active`): OTP as `totp`, the
   * recovery code, a phone once (`phone_number` in full*, `preferred_authentication_method`), an
   * email (`email`), push as `push-notification` (its OTP half as a `totp` of its own); then the
   * methods the control API gave the user. No secrets.
   * @param {User} user
   * @returns {Record<string, unknown>[]}
   */
  describeMethods(user) {
    const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();
    /** @type {Record<string, unknown>[]} */
    const methods = [{ id: user.passwordId, type: 'password', usage: ['primary'], created_at: iso(user.createdAt), identity_user_id: user.id.slice(user.id.indexOf('|') + 1) }];
    for (const a of user.authenticators) {
      /** @type {Record<string, unknown>} */
      const method = { id: a.id, type: a.type === 'otp' ? 'totp' : a.type, confirmed: a.active, created_at: iso(a.createdAt), usage: ['secondary'] };
      if (a.type === 'phone') Object.assign(method, { phone_number: a.phoneNumber, preferred_authentication_method: a.preferredChannel });
      if (a.type === 'email') method.email = a.email;
      if (a.name !== undefined) method.name = a.name;
      methods.push(method);
    }
    for (const m of user.otherMethods) {
      // Passkeys are primary and carry no `confirmed` (the SDK's typings).
      const passkey = m.type === 'passkey';
      /** @type {Record<string, unknown>} */
      const method = { id: m.id, type: m.type, ...(passkey ? {} : { confirmed: m.confirmed }), created_at: iso(m.createdAt), usage: [passkey ? 'primary' : 'secondary'], ...m.fields };
      if (m.name !== undefined) method.name = m.name;
      methods.push(method);
    }
    return methods;
  }

  /**
   * One method as the My Account API shows it, or undefined. A phone is also found by the MFA
   * API's per-channel ids ("sms|dev_X" names "phone|dev_X").
   * @param {User} user
   * @param {string} id
   */
  describeMethod(user, id) {
    const own = this.findAuthenticator(user, id)?.id ?? id;
    return this.describeMethods(user).find((m) => m.id === own);
  }

  /**
   * Give a user a method only the My Account API shows (control API).
   * @param {User} user
   * @param {{ type: OtherMethodType, confirmed?: boolean, name?: string }} method
   * @returns {OtherMethod}
   */
  addOtherMethod(user, { type, confirmed = true, name }) {
    const tail = user.id.slice(user.id.indexOf('|') + 1);
    /** @type {Record<OtherMethodType, Record<string, string | boolean>>} */
    const defaults = {
      passkey: { key_id: b64url(32), public_key: b64url(64), credential_device_type: 'multi_device', credential_backed_up: true, identity_user_id: tail, user_handle: b64url(32) },
      'webauthn-platform': { key_id: b64url(32) },
      'webauthn-roaming': { key_id: b64url(32) },
    };
    /** @type {OtherMethod} */
    const method = { id: `${type}|dev_${randomString(BASE62, 16)}`, type, confirmed, createdAt: this.now(), fields: { ...defaults[type] } };
    if (name !== undefined) method.name = name;
    user.otherMethods.push(method);
    return method;
  }

  /**
   * Remove a method by its My Account id: an authenticator (so the MFA API loses it too) or a
   * method the control API gave. The password cannot be removed here.
   * @param {User} user
   * @param {string} id
   * @returns {boolean} whether it existed
   */
  removeMethod(user, id) {
    if (this.removeAuthenticator(user, id)) return true;
    const index = user.otherMethods.findIndex((m) => m.id === id);
    if (index < 0) return false;
    user.otherMethods.splice(index, 1);
    return true;
  }

  /**
   * Start a My Account enrollment's session: an opaque single-use handle, good for 5 minutes,
   * for this user and this method.
   * @param {User} user
   * @param {{ methodId: string, type: AuthSession['type'], recoveryCode?: string, oobCode?: string }} what
   */
  startAuthSession(user, { methodId, type, recoveryCode, oobCode }) {
    const value = `Fe26.2**${randomBytes(32).toString('hex')}*${b64url(16)}*${b64url(48)}**${randomBytes(32).toString('hex')}*${b64url(32)}`;
    /** @type {AuthSession} */
    const session = { email: user.email, methodId, type, expiresAt: this.now() + AUTH_SESSION_TTL_MS };
    if (recoveryCode !== undefined) session.recoveryCode = recoveryCode;
    if (oobCode !== undefined) session.oobCode = oobCode;
    const now = this.now();
    for (const [key, old] of this.authSessions) if (old.expiresAt <= now) this.authSessions.delete(key);
    this.authSessions.set(value, session);
    return value;
  }

  // ---- rate limit --------------------------------------------------------------------------

  /**
   * Refill the user's bucket of failed attempts (1 per 6 minutes, up to 10).
   * @param {User} user
   */
  refillAttempts(user) {
    const bucket = user.attempts;
    const now = this.now();
    if (bucket.left >= ATTEMPT_BUCKET) {
      bucket.since = now; // a full bucket does not bank refills
      return bucket;
    }
    const refills = Math.floor((now - bucket.since) / ATTEMPT_REFILL_MS);
    if (refills > 0) {
      bucket.left = Math.min(ATTEMPT_BUCKET, bucket.left + refills);
      bucket.since += refills * ATTEMPT_REFILL_MS;
    }
    return bucket;
  }

  /**
   * Seconds until the user may try again, or 0 when an attempt is available.
   * @param {User} user
   */
  retryAfterSeconds(user) {
    const bucket = this.refillAttempts(user);
    if (bucket.left > 0) return 0;
    return Math.max(1, Math.ceil((bucket.since + ATTEMPT_REFILL_MS - this.now()) / 1000));
  }

  /** @param {User} user */
  spendAttempt(user) {
    const bucket = this.refillAttempts(user);
    bucket.left = Math.max(0, bucket.left - 1);
  }

  // ---- request log and faults --------------------------------------------------------------

  /**
   * @param {LoggedRequest} entry
   * @param {RequestDetail} [detail]
   */
  log(entry, detail) {
    this.requests.push(entry);
    if (detail) this.requestDetails.set(entry, detail);
  }

  /** @param {Fault} fault */
  addFault(fault) {
    this.faults.push(fault);
  }

  /**
   * Take the first queued fault matching a request, if any. A fault without a method never
   * matches a preflight: otherwise it would be spent on the OPTIONS before the real request.
   * @param {string} method
   * @param {string} path
   * @returns {Fault | undefined}
   */
  takeFault(method, path) {
    const index = this.faults.findIndex((f) => (f.method ? f.method.toUpperCase() === method : method !== 'OPTIONS') && pathMatches(f.path, path));
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.times -= 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }
}

/**
 * Compare two strings without revealing through timing where they first differ.
 * @param {string} a
 * @param {string} b
 */
function sameString(a, b) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * @param {string} pattern exact path, or a prefix ending in "*"
 * @param {string} path
 */
function pathMatches(pattern, path) {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}
