// One stand-in tenant's state: clients, users, tokens, authenticators, the request log, the fault
// queue and the per-user rate limit. Everything lives in memory; nothing here touches HTTP.

import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { base32Encode, matchTotp } from './totp.js';

/**
 * @typedef {object} Authenticator
 * @property {string} id e.g. "totp|dev_…" or "recovery-code|dev_…"
 * @property {'otp' | 'recovery-code'} type
 * @property {boolean} active
 * @property {number} createdAt
 * @property {string} [secret] base32 TOTP secret (otp only)
 * @property {string} [recoveryCode] the recovery code issued with it, if any; on the
 *   recovery-code authenticator, the code the recovery-code grant accepts now
 * @property {number} [lastStep] otp only: the TOTP time step of the last code accepted, so that a
 *   code is accepted once only (the API contract: a validated OTP code cannot be used again)
 *
 * @typedef {object} Challenge
 * @property {string} authenticatorId
 * @property {'otp'} challengeType
 * @property {number} at milliseconds
 *
 * @typedef {object} User
 * @property {string} id
 * @property {string} email
 * @property {Authenticator[]} authenticators
 * @property {{ left: number, since: number }} attempts failed-attempt bucket (OTP codes and
 *   recovery codes draw on the same one)
 * @property {Challenge[]} challenges every POST /mfa/challenge that succeeded, oldest first
 *
 * @typedef {object} Token
 * @property {'mfa' | 'access'} kind mfa_token, or an MFA-API access token
 * @property {string} email
 * @property {string} clientId
 * @property {string} scope for an mfa_token: the scope of the password grant that led to it
 * @property {boolean} mfaApi whether it is (or, for an mfa_token, was requested as) an MFA-API token
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
 * @typedef {object} TenantOptions
 * @property {string} id
 * @property {string} [name]
 * @property {string} prefix path prefix ("" for the default tenant)
 * @property {boolean} [recoveryCodes]
 * @property {number} [mfaTokenTtlSeconds]
 * @property {string[]} [allowedOrigins] replaces the loopback default when given
 * @property {() => number} [now]
 */

export const DEMO_PASSWORD = 'demo-password';
export const MFA_API_TOKEN_TTL_SECONDS = 600; // Auth0: MFA-audience tokens live 10 minutes
const ATTEMPT_BUCKET = 10;
const ATTEMPT_REFILL_MS = 6 * 60 * 1000;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

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

/** @param {unknown} value */
const encodeJson = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** @param {string} scope */
export const scopeList = (scope) => scope.split(/\s+/).filter(Boolean);

export class Tenant {
  /** @param {TenantOptions} options */
  constructor({ id, name = 'Stand-in Tenant', prefix, recoveryCodes = true, mfaTokenTtlSeconds = 600, allowedOrigins, now = Date.now }) {
    this.id = id;
    this.name = name;
    this.prefix = prefix;
    this.recoveryCodes = recoveryCodes;
    this.mfaTokenTtlSeconds = mfaTokenTtlSeconds;
    this.allowedOrigins = allowedOrigins;
    this.now = now;
    /** @type {Map<string, Client>} */
    this.clients = new Map([
      ['demo-spa-client', { id: 'demo-spa-client', mfaGrant: true }],
      ['spa-without-mfa-grant', { id: 'spa-without-mfa-grant', mfaGrant: false }],
    ]);
    /** @type {Map<string, User>} keyed by lower-case email */
    this.users = new Map();
    /** @type {Map<string, Token>} keyed by the token string */
    this.tokens = new Map();
    /** @type {LoggedRequest[]} */
    this.requests = [];
    /** @type {Fault[]} */
    this.faults = [];
    // Signs the JWT-like tokens of a successful confirm; never leaves the process.
    this.signingKey = randomBytes(32);
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
      user = { id: `auth0|${randomBytes(12).toString('hex')}`, email: email.trim(), authenticators: [], attempts: { left: ATTEMPT_BUCKET, since: this.now() }, challenges: [] };
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
   */
  issueMfaToken(user, clientId, scope, mfaApi) {
    const value = `Fe26.2**${randomBytes(32).toString('hex')}*${b64url(16)}*${b64url(48)}**${randomBytes(32).toString('hex')}*${b64url(32)}`;
    this.tokens.set(value, { kind: 'mfa', email: user.email, clientId, scope, mfaApi, expiresAt: this.now() + this.mfaTokenTtlSeconds * 1000 });
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

  /** Expire every token issued so far (control API). */
  expireTokens() {
    const now = this.now();
    for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
  }

  /**
   * A signed JWT (HS256 with a key only this process knows): real-looking, never verifiable
   * by clients, which must treat it as opaque anyway.
   * @param {Record<string, unknown>} payload
   */
  signJwt(payload) {
    const head = `${encodeJson({ alg: 'HS256', typ: 'JWT', kid: 'stand-in' })}.${encodeJson(payload)}`;
    return `${head}.${createHmac('sha256', this.signingKey).update(head).digest('base64url')}`;
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
    const recoveryCode = randomString(ALPHANUMERIC, 24);
    authenticator.recoveryCode = recoveryCode;
    // One recovery-code authenticator per user: a new enrollment attempt re-issues its code.
    let recovery = this.recoveryAuthenticator(user);
    if (!recovery) {
      recovery = { id: `recovery-code|dev_${randomString(BASE62, 16)}`, type: 'recovery-code', active: false, createdAt: this.now() };
      user.authenticators.push(recovery);
    }
    recovery.active = false;
    recovery.recoveryCode = recoveryCode;
    return { authenticator, recoveryCode };
  }

  /**
   * Check a code against the user's OTP authenticators: unconfirmed ones newest first, then
   * active ones. A match on an unconfirmed one activates it, and the recovery code issued with it.
   * A code is accepted once only: each authenticator remembers the time step of the last code it
   * accepted (a confirm counts too) and accepts only later steps.
   * @param {User} user
   * @param {string} code
   * @returns {Authenticator | undefined} the matching authenticator
   */
  confirmOtp(user, code) {
    const otps = user.authenticators.filter((a) => a.type === 'otp');
    const pending = otps.filter((a) => !a.active).reverse(); // pushed in creation order
    const candidates = [...pending, ...otps.filter((a) => a.active)];
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
    if (match.active) return match;
    match.active = true;
    const recovery = this.recoveryAuthenticator(user);
    if (recovery && match.recoveryCode) {
      recovery.active = true;
      recovery.recoveryCode = match.recoveryCode;
    }
    return match;
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
   * 24 uppercase alphanumerics), replace it with a new one and return the new one; else undefined.
   * @param {User} user
   * @param {string} code
   * @returns {string | undefined} the new recovery code
   */
  redeemRecoveryCode(user, code) {
    const recovery = this.recoveryAuthenticator(user);
    const current = this.currentRecoveryCode(user);
    if (!recovery || current === undefined || !sameString(current, code)) return undefined;
    let next = randomString(ALPHANUMERIC, 24);
    while (next === current) next = randomString(ALPHANUMERIC, 24);
    recovery.recoveryCode = next;
    return next;
  }

  /**
   * Record an OTP challenge (POST /mfa/challenge): nothing is sent anywhere for OTP.
   * @param {User} user
   * @param {Authenticator} authenticator
   */
  recordChallenge(user, authenticator) {
    user.challenges.push({ authenticatorId: authenticator.id, challengeType: 'otp', at: this.now() });
  }

  /**
   * @param {User} user
   * @param {string} id
   * @returns {boolean} whether it existed
   */
  removeAuthenticator(user, id) {
    const index = user.authenticators.findIndex((a) => a.id === id);
    if (index < 0) return false;
    user.authenticators.splice(index, 1);
    return true;
  }

  /**
   * The authenticators as GET /mfa/authenticators shows them (no secrets).
   * @param {User} user
   */
  describeAuthenticators(user) {
    return user.authenticators.map((a) => ({ id: a.id, authenticator_type: a.type, active: a.active }));
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

  /** @param {LoggedRequest} entry */
  log(entry) {
    this.requests.push(entry);
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
