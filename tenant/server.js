// A stand-in Auth0 tenant: a small HTTP server speaking the slice of Auth0's Authentication and
// MFA APIs that <mfa-otp-enroll> uses, cross-origin with CORS, plus a control API for tests.
// Plain Node built-ins only.

import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { handleControl } from './control.js';
import { BodyTooLarge, MAX_BODY_BYTES, applyCors, mediaType, notFound, originPolicy, parseBody, readBody, sendEmpty, sendError } from './http.js';
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
 * @property {number} [mfaTokenTtlSeconds] for the default tenant (default 600)
 * @property {() => number} [now] clock in milliseconds (tests move time with it)
 *
 * @typedef {object} TenantServer
 * @property {string} url e.g. "http://127.0.0.1:3001", no trailing slash; the default tenant's base
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
  /** @type {Map<string, Tenant>} */
  const tenants = new Map();
  tenants.set('default', new Tenant({ id: 'default', prefix: '', name: options.name, recoveryCodes: options.recoveryCodes, mfaTokenTtlSeconds: options.mfaTokenTtlSeconds, now }));

  /** @type {Set<NodeJS.Timeout>} delayed fault answers, cancelled on close */
  const timers = new Set();
  let url = '';

  /** @param {Tenant} tenant */
  const baseOf = (tenant) => `${url}${tenant.prefix}`;

  /** @param {TenantSettings} [settings] */
  const createTenant = (settings = {}) => {
    const id = randomBytes(6).toString('hex');
    const tenant = new Tenant({ ...settings, id, prefix: `/tenants/${id}`, now });
    tenants.set(id, tenant);
    return tenant;
  };

  /** @param {Tenant} tenant */
  const originsFor = (tenant) => (tenant.allowedOrigins ? originPolicy(tenant.allowedOrigins, false) : defaultOrigins);

  /**
   * @param {Request} req
   * @param {Response} res
   */
  async function handle(req, res) {
    const { pathname } = new URL(req.url ?? '/', 'http://stand-in');
    if (pathname === '/__control' || pathname.startsWith('/__control/')) {
      applyCors(req, res, defaultOrigins);
      const text = await readBodyOr413(req, res);
      if (text === undefined) return;
      if (req.method === 'OPTIONS') return sendEmpty(res, 204);
      return handleControl({ req, res, path: pathname, text, tenants, createTenant, baseOf, now });
    }

    const located = locateTenant(pathname, tenants);
    if (!located) {
      applyCors(req, res, defaultOrigins);
      return notFound(res, 'Unknown tenant');
    }
    const { tenant, prefix, path } = located;
    applyCors(req, res, originsFor(tenant));
    const text = await readBodyOr413(req, res);
    const type = mediaType(req);
    const body = text === undefined ? { ok: false, params: {} } : parseBody(type, text);
    tenant.log({
      method: req.method ?? '',
      path,
      origin: req.headers.origin ?? null,
      contentType: req.headers['content-type'] ?? null,
      bodyKeys: body.ok ? Object.keys(body.params) : [],
      authorization: Boolean(req.headers.authorization),
    });
    if (text === undefined) return; // already answered 413, or the client is gone

    const fault = tenant.takeFault(req.method ?? '', path);
    if (fault) return serveFault(res, fault, timers);
    if (req.method === 'OPTIONS') return sendEmpty(res, 204);

    // Accept the audience under both the configured URL and the Host the client used
    // (localhost vs 127.0.0.1), since the element builds it from the domain it was given.
    const hostBase = `http://${req.headers.host}${prefix}`;
    const mfaAudiences = [`${url}${prefix}/mfa/`, `${hostBase}/mfa/`];
    const ctx = { req, res, tenant, path, mediaType: type, body, mfaAudiences, issuer: `${url}${prefix}/` };
    if (!findRoute(ctx)) notFound(res);
    return undefined;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      // Message only: a stack or the request could carry a token.
      console.error(`stand-in tenant: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendError(res, 500, 'server_error', 'Internal error');
      else res.destroy();
    });
  });
  const listening = await listen(server, port, host);
  url = `http://${displayHost(host)}:${listening.port}`;

  return {
    url,
    tenants,
    createTenant,
    baseOf,
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return listening.close();
    },
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
