import { MfaError } from '../core/errors.js';
import { errorFromAnswer } from './classify.js';

/** How a client reaches the network: `globalThis.fetch`, or an element's override of it. */
export type Fetch = (input: URL, init: RequestInit) => Promise<Response>;

export interface RequestOptions {
  /** Aborts the request when its caller no longer wants the answer. */
  readonly signal: AbortSignal;
  /** Milliseconds before giving up with a `timeout` error. */
  readonly timeout: number;
}

/** Sends one request and returns its parsed JSON body; see `send`. */
export async function sendRequest(fetch: Fetch, url: URL, init: RequestInit, options: RequestOptions): Promise<unknown> {
  return (await send(fetch, url, init, options)).body;
}

/**
 * Sends one request and returns its parsed JSON body (`undefined` when empty
 * or not JSON) and its headers. Anything but a 2xx answer throws a classified
 * `MfaError`, as do a dropped connection (`network`) and no answer in time
 * (`timeout`). The caller's own abort throws the signal's reason as it is: it
 * no longer wants the answer.
 */
export async function send(
  fetch: Fetch,
  url: URL,
  init: RequestInit,
  { signal, timeout }: RequestOptions,
): Promise<{ readonly body: unknown; readonly headers: Headers }> {
  // One controller of our own ends the request either way. Not `AbortSignal.any([signal,
  // AbortSignal.timeout()])`: WebKit lets the garbage collector take a combined signal that only
  // fetch holds, and the request then never times out (test/http.test.ts).
  const request = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    request.abort();
  }, timeout);
  const cancel = () => request.abort(signal.reason);
  if (signal.aborted) cancel();
  else signal.addEventListener('abort', cancel, { once: true });
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      ...init,
      signal: request.signal,
      cache: 'no-store',
      // Tokens travel in headers and bodies only; keep the page URL out of the tenant's logs too.
      referrerPolicy: 'no-referrer',
    });
    text = await response.text();
  } catch {
    if (signal.aborted) throw signal.reason;
    if (timedOut) throw new MfaError('timeout');
    throw new MfaError('network', { offline: navigator.onLine === false });
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', cancel);
  }
  const body = parseJson(text);
  if (response.status < 200 || response.status > 299) {
    throw errorFromAnswer(response.status, body, response.headers.get('Retry-After'));
  }
  return { body, headers: response.headers };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
