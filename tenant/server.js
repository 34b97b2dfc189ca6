// A stand-in Auth0 tenant: a small HTTP server speaking the slice of Auth0's Authentication and
// MFA APIs that <mfa-otp-enroll> and Auth0's browser SDK use, cross-origin with CORS, plus a
// control API for tests. Optionally on HTTPS too (the SDK's MFA client only calls
// https://{domain}), with a certificate made at start. Plain Node built-ins only.

import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { randomBytes } from 'node:crypto';
import { createCertificate } from './cert.js';
import { handleControl } from './control.js';
import { BodyTooLarge, MAX_BODY_BYTES, MY_ACCOUNT_CORS, applyCors, mediaType, notFound, originPolicy, parseBody, readBody, sendEmpty, sendError } from './http.js';
import { createSigner } from './jose.js';
import { findRoute } from './routes.js';
import { listen } from './listen.js';
import { Tenant } from './store.js';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/** @typedef {import('./store.js').Fault} Fault */
/** @typedef {import('./control.js').TenantSettings} TenantSettings */

/**
 * @typedef {object} TenantServerOptions
 * @property {number} [port] 0 (default) picks a free port
 * @property {string} [host] default '127.0.0.1'
 * @property {string[]} [allowedOrigins] origins allowed besides any http://localhost:* / http://127.0.0.1:*
 * @property {string} [name] the default tenant's name (default "Stand-in Tenant")
 * @property {boolean} [recoveryCodes] for the default tenant (default true)
 * @property {boolean} [recoveryCodeRotation] for the default tenant (default true)
 * @property {number} [mfaTokenTtlSeconds] for the default tenant (default 600)
 * @property {string[]} [mfaAudiences] for the default tenant: audiences whose tokens need MFA
 *   (default ["https://api.stand-in.example/"])
 * @property {401 | 403} [mfaErrorStatus] for the default tenant (default 403)
 * @property {boolean} [dpopNonce] for the default tenant: require DPoP nonces (default false)
 * @property {'stand-in' | 'auth0-fixtures'} [myAccountProblems] for the default tenant (default 'stand-in')
 * @property {number} [latencyMs] for the default tenant: added to every answer (default 0)
 * @property {import('./store.js').MfaPolicy} [mfaPolicy] for the default tenant (default 'per-app')
 * @property {boolean} [typedAuthenticators] for the default tenant (default false)
 * @property {string[]} [factors] for the default tenant (default all: otp, phone, email, push-notification)
 * @property {string[]} [phoneChannels] for the default tenant (default ['sms', 'voice'])
 * @property {number} [messageLimit] for the default tenant (default 10)
 * @property {number} [messageWindowSeconds] for the default tenant (default 3600)
 * @property {number} [pushPollIntervalMs] for the default tenant (default 5000)
 * @property {import('./store.js').PushRejection} [pushRejection] for the default tenant (default 'access_denied')
 * @property {200 | 201 | 202} [myAccountEnrollStatus] for the default tenant (default 201)
 * @property {{ port?: number }} [https] also listen on HTTPS (port 0, the default, picks a free
 *   one), same host, same tenants, with a self-signed certificate for 127.0.0.1, ::1 and localhost
 *   made at start (its key only in memory)
 * @property {() => number} [now] clock in milliseconds (tests move time with it)
 *
 * @typedef {object} TenantServer
 * @property {string} url e.g. "http://127.0.0.1:3001", no trailing slash; the default tenant's base
 * @property {string} [httpsUrl] e.g. "https://127.0.0.1:3443", when listening on HTTPS
 * @property {{ pem: string, spkiSha256: string }} [certificate] the HTTPS certificate, to trust
 *   exactly it: `pem` as a CA for Node (`new https.Agent({ ca })`), `spkiSha256` for Chromium's
 *   --ignore-certificate-errors-spki-list
 * @property {() => Promise<void>} close stops listening and ends every open or hanging connection
 * @property {Map<string, Tenant>} tenants every tenant by id ("default" included)
 * @property {(settings?: TenantSettings) => Tenant} createTenant the control API's tenant creation
 * @property {(tenant: Tenant) => string} baseOf a tenant's base URL
 */

/**
 * Start a stand-in tenant server.
 * @param {TenantServerOptions} [options]
 * @returns {Promise<TenantServer>}
 */
export async function startTenant(options = {}) {
  const { port = 0, host = '127.0.0.1', allowedOrigins = [], now = Date.now } = options;
  const defaultOrigins = originPolicy(allowedOrigins, true);
  // One RS256 key for the server's tenants, made now, never written anywhere.
  const signer = createSigner();
  /** @type {Map<string, Tenant>} */
  const tenants = new Map();
  const { name, recoveryCodes, recoveryCodeRotation, mfaTokenTtlSeconds, mfaAudiences, mfaErrorStatus, dpopNonce, mfaPolicy, typedAuthenticators, myAccountProblems, latencyMs } = options;
  const { factors, phoneChannels, messageLimit, messageWindowSeconds, pushPollIntervalMs, pushRejection, myAccountEnrollStatus } = options;
  const defaultSettings = { name, recoveryCodes, recoveryCodeRotation, mfaTokenTtlSeconds, mfaAudiences, mfaErrorStatus, dpopNonce, mfaPolicy, typedAuthenticators, myAccountProblems, latencyMs };
  Object.assign(defaultSettings, { factors, phoneChannels, messageLimit, messageWindowSeconds, pushPollIntervalMs, pushRejection, myAccountEnrollStatus });
  tenants.set('default', new Tenant({ ...defaultSettings, id: 'default', prefix: '', signer, now }));

  /** @type {Set<NodeJS.Timeout>} delayed fault answers, cancelled on close */
  const timers = new Set();
  let url = '';
  let httpsUrl = '';

  /** @param {Tenant} tenant */
  const baseOf = (tenant) => `${url}${tenant.prefix}`;

  /** @param {TenantSettings} [settings] */
  const createTenant = (settings = {}) => {
    const id = randomBytes(6).toString('hex');
    const tenant = new Tenant({ ...settings, id, prefix: `/tenants/${id}`, signer, now });
    tenants.set(id, tenant);
    return tenant;
  };

  /** @param {Tenant} tenant */
  const originsFor = (tenant) => (tenant.allowedOrigins ? originPolicy(tenant.allowedOrigins, false) : defaultOrigins);

  /**
   * @param {Request} req
   * @param {Response} res
   * @param {boolean} secure whether it came over HTTPS
   */
  async function handle(req, res, secure) {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://stand-in');
    if (pathname === '/__control' || pathname.startsWith('/__control/')) {
      applyCors(req, res, defaultOrigins);
      const text = await readBodyOr413(req, res);
      if (text === undefined) return;
      if (req.method === 'OPTIONS') return sendEmpty(res, 204);
      return handleControl({ req, res, path: pathname, query: searchParams, text, tenants, createTenant, baseOf, now, https: certificate && { url: httpsUrl, ...certificate } });
    }

    const located = locateTenant(pathname, tenants);
    if (!located) {
      applyCors(req, res, defaultOrigins);
      return notFound(res, 'Unknown tenant');
    }
    const { tenant, prefix, path } = located;
    const originAllowed = originsFor(tenant);
    applyCors(req, res, originAllowed, path === '/me' || path.startsWith('/me/') ? MY_ACCOUNT_CORS : undefined);
    const text = await readBodyOr413(req, res);
    const type = mediaType(req);
    const body = text === undefined ? { ok: false, params: {} } : parseBody(type, text);
    /** @type {import('./store.js').LoggedRequest} */
    const entry = {
      method: req.method ?? '',
      path,
      origin: req.headers.origin ?? null,
      contentType: req.headers['content-type'] ?? null,
      bodyKeys: body.ok ? Object.keys(body.params) : [],
      authorization: Boolean(req.headers.authorization),
    };
    const detail = requestDetail(req, path, searchParams, body.params);
    tenant.log(entry, detail);
    res.on('finish', () => {
      detail.status = res.statusCode;
    });
    if (text === undefined) return; // already answered 413, or the client is gone
    if (tenant.latencyMs > 0) await pause(tenant.latencyMs, timers);

    const fault = tenant.takeFault(req.method ?? '', path);
    if (fault) return serveFault(res, fault, timers);
    if (req.method === 'OPTIONS') return sendEmpty(res, 204);

    const origin = requestOrigin(req, secure, secure ? httpsUrl : url);
    const base = `${origin}${prefix}`;
    // Accept the MFA API audience under the configured URLs and the Host the client used
    // (localhost vs 127.0.0.1, http vs https), since clients build it from the domain they were given.
    /** @param {string} api */
    const audiences = (api) => [...new Set([`${url}${prefix}/${api}/`, `${base}/${api}/`, ...(httpsUrl ? [`${httpsUrl}${prefix}/${api}/`] : [])])];
    const mfaApiAudiences = audiences('mfa');
    // The My Account API's audience, https://{domain}/me/, likewise.
    const myAccountAudiences = audiences('me');
    /** @type {import('./routes.js').Context} */
    const ctx = { req, res, tenant, path, mediaType: type, body, query: searchParams, mfaApiAudiences, myAccountAudiences, origin, base, issuer: `${base}/`, secure, originAllowed, detail };
    if (!findRoute(ctx)) notFound(res);
    return undefined;
  }

  /** @param {boolean} secure */
  const handler = (secure) => (/** @type {Request} */ req, /** @type {Response} */ res) => {
    handle(req, res, secure).catch((error) => {
      // Message only: a stack or the request could carry a token.
      console.error(`stand-in tenant: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendError(res, 500, 'server_error', 'Internal error');
      else res.destroy();
    });
  };
  const listening = await listen(createServer(handler(false)), port, host);
  url = `http://${displayHost(host)}:${listening.port}`;

  /** @type {{ pem: string, spkiSha256: string } | undefined} */
  let certificate;
  /** @type {Awaited<ReturnType<typeof listen>> | undefined} */
  let secureListening;
  if (options.https) {
    const made = createCertificate();
    certificate = { pem: made.cert, spkiSha256: made.spkiSha256 };
    try {
      secureListening = await listen(createHttpsServer({ key: made.key, cert: made.cert }, handler(true)), options.https.port ?? 0, host);
    } catch (error) {
      await listening.close();
      throw error;
    }
    httpsUrl = `https://${displayHost(host)}:${secureListening.port}`;
  }

  return {
    url,
    ...(certificate && { httpsUrl, certificate }),
    tenants,
    createTenant,
    baseOf,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([listening.close(), secureListening?.close()]);
    },
  };
}

// A Host header the stand-in will echo into issuers and URLs: a DNS name or an IP literal, and a port.
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * scheme://host as the client addressed the server (the issuer Auth0's SDK expects is
 * https://{the domain it was given}/), or the listener's own URL when the Host header is odd.
 * @param {Request} req
 * @param {boolean} secure
 * @param {string} fallback
 */
function requestOrigin(req, secure, fallback) {
  const host = req.headers.host;
  return host && HOST.test(host) ? `${secure ? 'https' : 'http'}://${host.toLowerCase()}` : fallback;
}

/**
 * What the request log's detail view shows of a request: no header values, tokens or codes.
 * @param {Request} req
 * @param {string} path
 * @param {URLSearchParams} query
 * @param {Record<string, unknown>} params
 * @returns {import('./store.js').RequestDetail}
 */
function requestDetail(req, path, query, params) {
  /** @param {unknown} value */
  const short = (value) => (typeof value === 'string' && value !== '' ? value.slice(0, 200) : null);
  const token = path === '/oauth/token';
  return {
    status: null,
    dpop: req.headers.dpop !== undefined,
    auth0Client: req.headers['auth0-client'] !== undefined,
    grantType: token ? short(params.grant_type) : null,
    audience: token ? short(params.audience) : path === '/authorize' ? short(query.get('audience')) : null,
    tokenType: null,
  };
}

/**
 * Which tenant a path belongs to: /tenants/<id>/… for isolated tenants, anything else for the
 * default one.
 * @param {string} pathname
 * @param {Map<string, Tenant>} tenants
 * @returns {{ tenant: Tenant, prefix: string, path: string } | undefined}
 */
function locateTenant(pathname, tenants) {
  const match = /^\/tenants\/([^/]+)(\/.*)?$/.exec(pathname);
  if (!match) return { tenant: /** @type {Tenant} */ (tenants.get('default')), prefix: '', path: pathname };
  const tenant = tenants.get(match[1]);
  return tenant && { tenant, prefix: `/tenants/${match[1]}`, path: match[2] ?? '/' };
}

/**
 * Read the body, or answer 413 and return undefined when it is over the limit.
 * @param {Request} req
 * @param {Response} res
 * @returns {Promise<string | undefined>}
 */
async function readBodyOr413(req, res) {
  try {
    return await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLarge) sendError(res, 413, 'payload_too_large', `Request body must not exceed ${MAX_BODY_BYTES} bytes`);
    else res.destroy(); // the client went away: nobody to answer
    return undefined;
  }
}

/**
 * Waits `ms` (a tenant's `latencyMs`: a network's round trip, for the bench), on a timer that
 * closing the server cancels.
 * @param {number} ms
 * @param {Set<NodeJS.Timeout>} timers
 * @returns {Promise<void>}
 */
function pause(ms, timers) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });
}

/**
 * Answer with a queued fault: its status, body and headers (CORS headers already set stay, so
 * the browser can read it), after delayMs; a hanging fault never answers; a dropping one
 * closes the connection without a word, as a crashed proxy or a lost network would.
 * @param {Response} res
 * @param {Fault} fault
 * @param {Set<NodeJS.Timeout>} timers
 */
function serveFault(res, fault, timers) {
  if (fault.hang) return;
  const send = () => {
    if (res.destroyed) return;
    if (fault.drop) return void res.socket?.destroy();
    const body = fault.body ?? '';
    const given = Object.keys(fault.headers ?? {}).map((h) => h.toLowerCase());
    /** @type {Record<string, string>} */
    const headers = {};
    if (!given.includes('content-type') && body !== '') headers['Content-Type'] = looksLikeJson(body) ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8';
    if (!given.includes('cache-control')) headers['Cache-Control'] = 'no-store';
    res.writeHead(fault.status, { ...headers, ...fault.headers });
    // 204 and 304 carry no body by definition.
    res.end(fault.status === 204 || fault.status === 304 ? undefined : body);
  };
  if (!fault.delayMs) return send();
  const timer = setTimeout(() => {
    timers.delete(timer);
    send();
  }, fault.delayMs);
  timers.add(timer);
  return undefined;
}

/** @param {string} text */
function looksLikeJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The host as it goes in a URL: wildcard addresses become loopback, IPv6 gets brackets.
 * @param {string} host
 */
function displayHost(host) {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
