// The demo page for <mfa-otp-enroll>. CSP-safe: no innerHTML, no inline styles; DOM is built with
// createElement/textContent. Tokens are never written to the DOM (only a redacted prefix).

// Types only: the element's module is loaded at run time with a dynamic import (below), so a
// missing or broken element cannot take the rest of the page down with it.
import type { MfaOtpEnroll } from '../src/index.ts';

/** Set by demo/serve.js through Vite `define`; absent when the page is served some other way. */
declare const __TENANT_URL__: string | undefined;

const TAG = 'mfa-otp-enroll' as const;
const DEMO_CLIENT_ID = 'demo-spa-client';
const DEMO_SCOPE = 'openid profile offline_access';
const EVENTS = ['associated', 'enrolled', 'enroll-error'] as const;

interface Session {
  /** Base URL for MFA API calls, no trailing slash. */
  base: string;
  /** The token handed to the element (mfa_token or access token), kept in memory only. */
  token: string;
  kind: 'mfa_token' | 'access token';
}

const TENANT_URL: string | null =
  typeof __TENANT_URL__ === 'string' && __TENANT_URL__ !== '' ? __TENANT_URL__.replace(/\/+$/, '') : null;

// ---------------------------------------------------------------------------------------------
// DOM helpers

function $<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`demo: #${id} is missing from index.html`);
  return node as T;
}

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const child of children) node.append(child);
  return node;
}

function setStatus(node: HTMLElement, message: string, tone: 'info' | 'ok' | 'error' = 'info'): void {
  node.textContent = message;
  node.classList.toggle('status-ok', tone === 'ok');
  node.classList.toggle('status-error', tone === 'error');
}

/** "https://tenant.auth0.com" from "tenant.auth0.com" or a base URL with scheme. */
function toBaseUrl(domain: string): string {
  const trimmed = domain.trim().replace(/\/+$/, '');
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

// ---------------------------------------------------------------------------------------------
// Redaction: what may appear in the event log

const REDACTED_PREFIX = 8;

function redactToken(value: string): string {
  return value.length > REDACTED_PREFIX ? `${value.slice(0, REDACTED_PREFIX)}…` : '…';
}

/** Keys whose values are never shown at all (secret material). */
const HIDDEN_KEY = /^(secret|otp|barcode_?uri|uri|otpauth.*|recovery_?codes?)$/i;
/** Keys holding tokens: shown as an 8-character prefix. `tokenType` is not a token. */
function isTokenKey(key: string): boolean {
  return /token/i.test(key) && !/type$/i.test(key);
}

function redact(value: unknown, key = ''): unknown {
  if (HIDDEN_KEY.test(key) && value !== undefined && value !== null) return '[hidden]';
  if (typeof value === 'string') {
    if (/^otpauth:/i.test(value)) return '[hidden]';
    return isTokenKey(key) ? redactToken(value) : value;
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, key));
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redact(v, k);
    return out;
  }
  return value;
}

function formatDetail(detail: unknown): string {
  if (detail === undefined || detail === null) return '(no detail)';
  try {
    return JSON.stringify(redact(detail), null, 2);
  } catch {
    return '(detail could not be shown)';
  }
}

// ---------------------------------------------------------------------------------------------
// Page elements

const tenantUrlOut = $<HTMLElement>('tenant-url');
const signinForm = $<HTMLFormElement>('signin-form');
const signinButton = $<HTMLButtonElement>('signin-button');
const emailInput = $<HTMLInputElement>('email');
const passwordInput = $<HTMLInputElement>('password');
const freshUserButton = $<HTMLButtonElement>('fresh-user');
const signinStatus = $<HTMLElement>('signin-status');
const signinResult = $<HTMLElement>('signin-result');

const enrollHeading = $<HTMLElement>('enroll-title');
const elementHost = $<HTMLElement>('element-host');
const stepOut = $<HTMLElement>('step-value');
const loadError = $<HTMLElement>('element-load-error');
const resetButton = $<HTMLButtonElement>('reset-button');

const eventLog = $<HTMLOListElement>('event-log');
const eventLogEmpty = $<HTMLElement>('event-log-empty');
const clearLogButton = $<HTMLButtonElement>('clear-log');
const authenticatorsBox = $<HTMLElement>('authenticators');
const authenticatorsStatus = $<HTMLElement>('authenticators-status');
const authenticatorsTable = $<HTMLElement>('authenticators-table');

const pageOrigin = $<HTMLElement>('page-origin');
const realForm = $<HTMLFormElement>('real-form');
const realDomain = $<HTMLInputElement>('real-domain');
const realClientId = $<HTMLInputElement>('real-client-id');
const realMfaToken = $<HTMLTextAreaElement>('real-mfa-token');
const realAccessToken = $<HTMLTextAreaElement>('real-access-token');
const realStatus = $<HTMLElement>('real-status');

pageOrigin.textContent = location.origin;

let session: Session | null = null;
let current: MfaOtpEnroll = elementHost.querySelector(TAG) as MfaOtpEnroll;

// ---------------------------------------------------------------------------------------------
// The element: load it without letting a broken or missing module break the page

const elementReady: Promise<boolean> = import('../src/index.ts')
  .then(() => customElements.whenDefined(TAG))
  .then(
    () => true,
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      loadError.textContent = `The <${TAG}> element could not be loaded: ${message}`;
      loadError.hidden = false;
      stepOut.textContent = 'not loaded';
      resetButton.disabled = true;
      return false;
    },
  );

resetButton.disabled = true;
void elementReady.then((ok) => {
  if (!ok) return;
  resetButton.disabled = false;
  showStep();
});

const stepObserver = new MutationObserver(showStep);

function showStep(): void {
  if (!customElements.get(TAG)) return; // still loading, or failed (reported in #element-load-error)
  stepOut.textContent = current.getAttribute('step') ?? 'idle';
}

function observeStep(): void {
  stepObserver.disconnect();
  stepObserver.observe(current, { attributes: true, attributeFilter: ['step'] });
  showStep();
}
observeStep();

/**
 * Puts a fresh element in place with its properties set before it is connected, so it starts by
 * itself exactly once. Tokens go in as properties, never as attributes.
 */
async function mountElement(config: {
  domain: string;
  clientId: string;
  mfaToken?: string;
  accessToken?: string;
}): Promise<boolean> {
  if (!(await elementReady)) return false;
  const el = document.createElement(TAG);
  el.domain = config.domain;
  el.clientId = config.clientId;
  if (config.mfaToken) el.mfaToken = config.mfaToken;
  if (config.accessToken) el.accessToken = config.accessToken;
  current.replaceWith(el);
  current = el;
  observeStep();
  hideAuthenticators();
  return true;
}

// ---------------------------------------------------------------------------------------------
// Panel 1: password grant against the stand-in tenant

tenantUrlOut.textContent = TENANT_URL ?? 'not configured (start the demo with npm start)';
if (!TENANT_URL) {
  signinButton.disabled = true;
  freshUserButton.disabled = true;
  setStatus(
    signinStatus,
    'No stand-in tenant: this page was not served by demo/serve.js. Run `npm start`, or use a real Auth0 tenant below.',
    'error',
  );
}

function randomEmail(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  const id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `demo+${id}@example.com`;
}

freshUserButton.addEventListener('click', () => {
  emailInput.value = randomEmail();
  setStatus(signinStatus, `Email set to ${emailInput.value}. Press “Sign in”.`);
  emailInput.focus();
});

function renderSigninResult(status: number, body: Record<string, unknown>): void {
  const dl = h('dl', { className: 'kv' });
  const add = (term: string, value: string | Node): void => {
    dl.append(h('dt', { text: term }), h('dd', {}, value));
  };
  add('HTTP status', String(status));
  if (typeof body.error === 'string') add('error', h('code', { text: body.error }));
  if (typeof body.error_description === 'string') add('error_description', body.error_description);
  if ('mfa_requirements' in body) {
    add('mfa_requirements', h('pre', { text: JSON.stringify(body.mfa_requirements, null, 2) }));
  }
  if (typeof body.mfa_token === 'string') add('mfa_token', 'received (not shown)');
  if (typeof body.access_token === 'string') add('access_token', 'received (not shown)');
  signinResult.replaceChildren(h('h3', { text: 'Tenant answer' }), dl);
  signinResult.hidden = false;
}

function requirementTypes(req: unknown, key: 'enroll' | 'challenge'): string[] | null {
  if (req === null || typeof req !== 'object') return null;
  const list = (req as Record<string, unknown>)[key];
  if (!Array.isArray(list)) return null;
  return list.map((item) =>
    item !== null && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string'
      ? (item as { type: string }).type
      : '?',
  );
}

signinForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void signIn();
});

async function signIn(): Promise<void> {
  if (!TENANT_URL) return;
  signinButton.disabled = true;
  signinForm.setAttribute('aria-busy', 'true');
  setStatus(signinStatus, 'Signing in…');
  signinResult.hidden = true;
  try {
    const body = new URLSearchParams({
      grant_type: 'password',
      username: emailInput.value.trim(),
      password: passwordInput.value,
      client_id: DEMO_CLIENT_ID,
      scope: DEMO_SCOPE,
    });
    let res: Response;
    try {
      res = await fetch(`${TENANT_URL}/oauth/token`, { method: 'POST', body });
    } catch {
      setStatus(signinStatus, `Could not reach the stand-in tenant at ${TENANT_URL}. Is \`npm start\` still running?`, 'error');
      return;
    }
    let data: Record<string, unknown> = {};
    try {
      const parsed: unknown = await res.json();
      if (parsed !== null && typeof parsed === 'object') data = parsed as Record<string, unknown>;
    } catch {
      // Not JSON: reported below with the status.
    }
    renderSigninResult(res.status, data);

    if (data.error === 'mfa_required' && typeof data.mfa_token === 'string') {
      const req = data.mfa_requirements;
      const enroll = requirementTypes(req, 'enroll');
      const challenge = requirementTypes(req, 'challenge');
      if (challenge && !enroll) {
        setStatus(
          signinStatus,
          `${emailInput.value.trim()} already has an authenticator (${challenge.join(', ')}): the tenant asks for a challenge, not an enrollment. Use a fresh demo user to try enrollment again.`,
          'error',
        );
        freshUserButton.focus();
        return;
      }
      if (enroll && !enroll.includes('otp')) {
        setStatus(signinStatus, `The tenant offers enrollment for ${enroll.join(', ')}, not otp.`, 'error');
        return;
      }
      const mounted = await mountElement({ domain: TENANT_URL, clientId: DEMO_CLIENT_ID, mfaToken: data.mfa_token });
      if (!mounted) {
        setStatus(signinStatus, 'Got an mfa_token, but the element did not load (see panel 2).', 'error');
        return;
      }
      session = { base: TENANT_URL, token: data.mfa_token, kind: 'mfa_token' };
      addNote(`signed in as ${emailInput.value.trim()}; mfa_token handed to the element`);
      setStatus(signinStatus, 'MFA required: the mfa_token was handed to the element. Continue in step 2.', 'ok');
      enrollHeading.focus();
      return;
    }
    if (res.ok) {
      setStatus(signinStatus, 'Signed in without MFA: this user has nothing to enroll.', 'ok');
      return;
    }
    const description = typeof data.error_description === 'string' ? data.error_description : res.statusText;
    setStatus(signinStatus, `Sign-in failed: ${description || `HTTP ${res.status}`}`, 'error');
  } finally {
    signinButton.disabled = false;
    signinForm.removeAttribute('aria-busy');
  }
}

// ---------------------------------------------------------------------------------------------
// Panel 2: reset

resetButton.addEventListener('click', () => {
  try {
    current.reset();
    addNote('reset() called');
  } catch (err) {
    addNote(`reset() failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  session = null;
  hideAuthenticators();
});

// ---------------------------------------------------------------------------------------------
// Panel 3: event log and the authenticators check

function timestamp(): HTMLTimeElement {
  const now = new Date();
  const t = h('time', { text: now.toLocaleTimeString(undefined, { hour12: false }) });
  t.dateTime = now.toISOString();
  return t;
}

function appendLog(item: HTMLLIElement): void {
  eventLog.append(item);
  eventLogEmpty.hidden = true;
  // Scroll the log box only, never the page (the user may be looking at the QR code).
  eventLog.scrollTop = eventLog.scrollHeight;
}

function addEvent(type: string, detail: unknown): void {
  const head = h('div', { className: 'event-head' }, timestamp(), ' ', h('strong', { text: type }));
  appendLog(h('li', { className: `event event-${type}` }, head, h('pre', { text: formatDetail(detail) })));
}

function addNote(text: string): void {
  const head = h('div', { className: 'event-head' }, timestamp(), ' ', h('span', { text: `demo: ${text}` }));
  appendLog(h('li', { className: 'event event-note' }, head));
}

clearLogButton.addEventListener('click', () => {
  eventLog.replaceChildren();
  eventLogEmpty.hidden = false;
});

for (const type of EVENTS) {
  // The events bubble and are composed: one listener on the host survives element replacement.
  elementHost.addEventListener(type, (event) => {
    addEvent(type, (event as CustomEvent<unknown>).detail);
    if (type === 'enrolled') void checkAuthenticators();
  });
}

function hideAuthenticators(): void {
  authenticatorsBox.hidden = true;
  authenticatorsTable.replaceChildren();
  setStatus(authenticatorsStatus, '');
}

interface Authenticator {
  id?: unknown;
  authenticator_type?: unknown;
  active?: unknown;
}

async function checkAuthenticators(): Promise<void> {
  if (!session) return;
  const { base, token, kind } = session;
  authenticatorsBox.hidden = false;
  authenticatorsTable.replaceChildren();
  setStatus(authenticatorsStatus, `Checking GET ${base}/mfa/authenticators with the ${kind}…`);
  try {
    const res = await fetch(`${base}/mfa/authenticators`, { headers: { Authorization: `Bearer ${token}` } });
    const data: unknown = await res.json().catch(() => null);
    if (!res.ok || !Array.isArray(data)) {
      const desc =
        data !== null && typeof data === 'object' && typeof (data as { error_description?: unknown }).error_description === 'string'
          ? (data as { error_description: string }).error_description
          : `HTTP ${res.status}`;
      setStatus(authenticatorsStatus, `GET /mfa/authenticators failed: ${desc}`, 'error');
      return;
    }
    const list = data as Authenticator[];
    authenticatorsTable.replaceChildren(renderAuthenticators(list));
    const activeOtp = list.some((a) => a.authenticator_type === 'otp' && a.active === true);
    setStatus(
      authenticatorsStatus,
      activeOtp
        ? `GET /mfa/authenticators: an OTP authenticator is active (${list.length} listed).`
        : `GET /mfa/authenticators: no active OTP authenticator (${list.length} listed).`,
      activeOtp ? 'ok' : 'error',
    );
  } catch (err) {
    setStatus(
      authenticatorsStatus,
      `GET /mfa/authenticators failed: ${err instanceof Error ? err.message : String(err)}`,
      'error',
    );
  }
}

function renderAuthenticators(list: Authenticator[]): HTMLTableElement {
  const table = h('table', { className: 'authenticator-table' });
  table.setAttribute('aria-labelledby', 'authenticators-title');
  const headRow = h('tr');
  for (const label of ['ID', 'Type', 'Active']) {
    const th = h('th', { text: label });
    th.scope = 'col';
    headRow.append(th);
  }
  table.append(h('thead', {}, headRow));
  const tbody = h('tbody');
  for (const a of list) {
    const active = a.active === true;
    tbody.append(
      h(
        'tr',
        { className: active ? 'is-active' : '' },
        h('td', {}, h('code', { text: String(a.id ?? '') })),
        h('td', { text: String(a.authenticator_type ?? '') }),
        h('td', { className: active ? 'yes' : 'no', text: active ? 'true' : 'false' }),
      ),
    );
  }
  if (list.length === 0) {
    const td = h('td', { text: 'No authenticators.' });
    td.colSpan = 3;
    tbody.append(h('tr', {}, td));
  }
  table.append(tbody);
  return table;
}

// ---------------------------------------------------------------------------------------------
// Real Auth0 tenant

realForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void applyRealTenant();
});

async function applyRealTenant(): Promise<void> {
  const domain = realDomain.value.trim();
  const clientId = realClientId.value.trim();
  const mfaToken = realMfaToken.value.trim();
  const accessToken = realAccessToken.value.trim();
  if (!domain || !clientId) {
    setStatus(realStatus, 'Fill in the domain and the client ID.', 'error');
    return;
  }
  if (Boolean(mfaToken) === Boolean(accessToken)) {
    setStatus(realStatus, 'Paste exactly one token: an mfa_token or an MFA API access token.', 'error');
    (mfaToken ? realAccessToken : realMfaToken).focus();
    return;
  }
  const mounted = await mountElement(mfaToken ? { domain, clientId, mfaToken } : { domain, clientId, accessToken });
  if (!mounted) {
    setStatus(realStatus, 'The element did not load (see step 2).', 'error');
    return;
  }
  session = mfaToken
    ? { base: toBaseUrl(domain), token: mfaToken, kind: 'mfa_token' }
    : { base: toBaseUrl(domain), token: accessToken, kind: 'access token' };
  realMfaToken.value = '';
  realAccessToken.value = '';
  setStatus(realStatus, `Applied: the element now talks to ${toBaseUrl(domain)} with your ${session.kind}. Continue in step 2.`, 'ok');
  addNote(`element pointed at ${toBaseUrl(domain)} (${session.kind})`);
  enrollHeading.focus();
}
