// Small HTTP helpers shared by the tenant API and the control API: body reading and parsing,
// JSON answers, CORS.

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

export const MAX_BODY_BYTES = 64 * 1024;

/** Thrown by readBody when the body is over the limit; the server answers 413. */
export class BodyTooLarge extends Error {}

/**
 * Read the whole request body as UTF-8 text, up to MAX_BODY_BYTES.
 * Past the limit the rest is drained and dropped so the client sees the 413 instead of a reset.
 * @param {Request} req
 * @returns {Promise<string>}
 */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > 16 * MAX_BODY_BYTES) {
        reject(new BodyTooLarge('Request body too large'));
        req.destroy(); // not worth draining: someone is flooding us
      }
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(new BodyTooLarge('Request body too large'));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
    // A client that goes away mid-body must not leave the promise pending (no-op once settled).
    req.on('close', () => reject(new Error('Client closed the request')));
  });
}

/**
 * The media type of a request, lower-case, without parameters ('' when absent).
 * @param {Request} req
 */
export function mediaType(req) {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Parse a body by its media type. `ok: false` means a JSON body that does not parse, or a
 * media type we do not understand; `params` is then empty.
 * @param {string} type
 * @param {string} text
 * @returns {{ ok: boolean, params: Record<string, unknown> }}
 */
export function parseBody(type, text) {
  if (type === 'application/x-www-form-urlencoded') {
    return { ok: true, params: Object.fromEntries(new URLSearchParams(text)) };
  }
  if (type === 'application/json' || type.endsWith('+json')) {
    if (text.trim() === '') return { ok: true, params: {} };
    try {
      const value = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) return { ok: true, params: value };
    } catch {
      // fall through: not JSON
    }
    return { ok: false, params: {} };
  }
  return { ok: text === '', params: {} };
}

/**
 * Body parameters as strings. Numbers are accepted (an `otp` sent as a JSON number) but other
 * types are ignored, as if absent.
 * @param {Record<string, unknown>} params
 * @returns {Record<string, string>}
 */
export function stringParams(params) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) out[key] = String(value);
  }
  return out;
}

/**
 * The value of one cookie of a request, undefined when absent.
 * @param {Request} req
 * @param {string} name
 */
export function readCookie(req, name) {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Answer with JSON, never cacheable (these answers carry tokens and secrets).
 * @param {Response} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/**
 * Answer in Auth0's error shape.
 * @param {Response} res
 * @param {number} status
 * @param {string} error
 * @param {string} description
 * @param {Record<string, string>} [headers]
 */
export function sendError(res, status, error, description, headers) {
  sendJson(res, status, { error, error_description: description }, headers);
}

/**
 * @typedef {object} ValidationError
 * @property {string} detail
 * @property {string} [field] the stand-in's own shape
 * @property {string} [pointer] Auth0's fixture's: a JSON pointer into the body ("/otp_code")
 */

const PROBLEM_TITLES = /** @type {Record<number, string>} */ ({
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  429: 'Too Many Requests',
});

/**
 * Answer with an RFC 7807 problem document, the My Account API's error shape:
 * `{type, status, title, detail, validation_errors?}`, `application/problem+json`. The `type`
 * URIs follow the one the API contract quotes (`https://auth0.com/api-errors/A0E-401-0001`);
 * the suffix numbers for other statuses are unconfirmed, as is the media type (RFC 7807's).
 * @param {Response} res
 * @param {number} status
 * @param {string} detail
 * @param {{ validationErrors?: ValidationError[], headers?: Record<string, string>, code?: string, title?: string }} [options]
 *   code: the type's suffix, default "0001"; title: default the status's reason phrase
 */
export function sendProblem(res, status, detail, { validationErrors, headers = {}, code = '0001', title = PROBLEM_TITLES[status] ?? 'Error' } = {}) {
  /** @type {Record<string, unknown>} */
  const body = { type: `https://auth0.com/api-errors/A0E-${status}-${code}`, status, title, detail };
  if (validationErrors) body.validation_errors = validationErrors;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/**
 * Answer with no body (204 and the like).
 * @param {Response} res
 * @param {number} status
 * @param {Record<string, string>} [headers]
 */
export function sendEmpty(res, status, headers = {}) {
  res.writeHead(status, { ...headers, 'Cache-Control': 'no-store' });
  res.end();
}

// Any port on the loopback names, http or https: where the demo and the test runner serve their
// pages (and, for /authorize, where callbacks may go).
const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/**
 * Decide which origins may read answers.
 * @param {string[] | undefined} exact origins allowed as written ('*' allows any)
 * @param {boolean} loopback whether any http(s)://localhost:* / http(s)://127.0.0.1:* is allowed too
 * @returns {(origin: string) => boolean}
 */
export function originPolicy(exact = [], loopback = true) {
  const set = new Set(exact.map((o) => o.replace(/\/+$/, '')));
  return (origin) => set.has('*') || set.has(origin) || (loopback && LOOPBACK_ORIGIN.test(origin));
}

export const ALLOW_METHODS = 'GET, POST, DELETE, OPTIONS';
export const ALLOW_HEADERS = 'Authorization, Content-Type, Auth0-Client, DPoP';
export const EXPOSE_HEADERS = 'Retry-After';
/**
 * The My Account API (/me/…) also takes PATCH (the SDK's updateAuthenticationMethod), and its
 * answers let the browser read `Location` (the SDK takes a new method's id and its verify URL
 * from it), `WWW-Authenticate` (the SDK's fetcher looks for use_dpop_nonce there) and
 * `DPoP-Nonce`.
 */
export const MY_ACCOUNT_CORS = { methods: 'GET, POST, PATCH, DELETE, OPTIONS', expose: 'Retry-After, Location, WWW-Authenticate, DPoP-Nonce' };

/**
 * Set the CORS headers on a response for the request's Origin. A disallowed origin gets no
 * Access-Control-Allow-Origin, so the browser refuses the answer, as Auth0 does.
 * @param {Request} req
 * @param {Response} res
 * @param {(origin: string) => boolean} allowed
 * @param {{ methods?: string, expose?: string }} [lists] the allowed methods and exposed headers
 *   when they differ from the defaults (ALLOW_METHODS, EXPOSE_HEADERS)
 */
export function applyCors(req, res, allowed, { methods = ALLOW_METHODS, expose = EXPOSE_HEADERS } = {}) {
  res.setHeader('Vary', 'Origin'); // answers differ by Origin: keep shared caches honest
  const origin = req.headers.origin;
  if (!origin || !allowed(origin)) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', expose);
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', methods);
    res.setHeader('Access-Control-Allow-Headers', ALLOW_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
  }
}

/**
 * Let the browser read one more response header, when the answer is readable cross-origin at
 * all (the SDK reads DPoP-Nonce from token answers).
 * @param {Response} res
 * @param {string} name
 */
export function exposeHeader(res, name) {
  if (!res.hasHeader('Access-Control-Allow-Origin')) return;
  const current = String(res.getHeader('Access-Control-Expose-Headers') ?? '');
  const names = current.split(',').map((h) => h.trim()).filter(Boolean);
  if (!names.some((h) => h.toLowerCase() === name.toLowerCase())) names.push(name);
  res.setHeader('Access-Control-Expose-Headers', names.join(', '));
}

/**
 * Answer 405 with the methods the path does accept.
 * @param {Response} res
 * @param {string[]} methods
 */
export function methodNotAllowed(res, methods) {
  sendError(res, 405, 'method_not_allowed', 'Method not allowed', { Allow: methods.join(', ') });
}

/** @param {Response} res */
export function notFound(res, description = 'Not found') {
  sendError(res, 404, 'not_found', description);
}
