// What the demo pages (index.html with main.ts, account.html with account.ts) share: DOM helpers
// that stay CSP-safe (createElement and textContent, never innerHTML), the redaction of what the
// event log may show, the event log itself, and reading the tenant's `mfa_requirements`.

export function $<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`demo: #${id} is missing from ${location.pathname}`);
  return node as T;
}

export function h<K extends keyof HTMLElementTagNameMap>(
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

export function setStatus(node: HTMLElement, message: string, tone: 'info' | 'ok' | 'error' = 'info'): void {
  node.textContent = message;
  node.classList.toggle('status-ok', tone === 'ok');
  node.classList.toggle('status-error', tone === 'error');
}

/** A new demo address each time: a user with no authenticator yet. */
export function randomEmail(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  const id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `demo+${id}@example.com`;
}

/** The factor types `mfa_requirements` lists under `key` (`enroll` or `challenge`), or null when it has none. */
export function requirementTypes(req: unknown, key: 'enroll' | 'challenge'): string[] | null {
  if (req === null || typeof req !== 'object') return null;
  const list = (req as Record<string, unknown>)[key];
  if (!Array.isArray(list)) return null;
  return list.map((item) =>
    item !== null && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string'
      ? (item as { type: string }).type
      : '?',
  );
}

/**
 * The stand-in's password grant with `params` (username, password, client_id, scope…): its
 * answer, with the body read as JSON (`{}` when it is none). When the tenant can't be reached,
 * says so in `status` and gives nothing.
 */
export async function passwordGrant(
  tenantUrl: string,
  params: Record<string, string>,
  status: HTMLElement,
): Promise<{ response: Response; data: Record<string, unknown> } | undefined> {
  let response: Response;
  try {
    response = await fetch(`${tenantUrl}/oauth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', ...params }) });
  } catch {
    setStatus(status, `Could not reach the stand-in tenant at ${tenantUrl}. Is \`npm start\` still running?`, 'error');
    return undefined;
  }
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = await response.json();
    if (parsed !== null && typeof parsed === 'object') data = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: the caller reports the status.
  }
  return { response, data };
}

// ---------------------------------------------------------------------------------------------
// Redaction: what may appear in the event log

const REDACTED_PREFIX = 8;

function redactToken(value: string): string {
  return value.length > REDACTED_PREFIX ? `${value.slice(0, REDACTED_PREFIX)}…` : '…';
}

/**
 * Keys whose values are never shown at all (secret material): the TOTP secret and code, otpauth
 * URIs and the manual key, a My Account `auth_session`, and recovery codes in every spelling
 * (`recoveryCode`, `recovery_codes`, `newRecoveryCode`…). `hasRecoveryCodes` is a flag, not a
 * code: the match is whole-key.
 */
const HIDDEN_KEY = /^(secret|otp|otp_?code|barcode_?uri|uri|otpauth.*|manual_?input_?code|auth_?session|(new_?)?recovery_?codes?)$/i;

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

export function formatDetail(detail: unknown): string {
  if (detail === undefined || detail === null) return '(no detail)';
  try {
    const text = JSON.stringify(redact(detail), null, 2);
    return text === '{}' ? '(empty detail)' : text;
  } catch {
    return '(detail could not be shown)';
  }
}

// ---------------------------------------------------------------------------------------------
// The event log: every event the elements fire, redacted, and the page's own notes

export interface EventLog {
  /** An element's event, its detail redacted. */
  addEvent(type: string, detail: unknown): void;
  /** What the demo page itself did. */
  addNote(text: string): void;
}

/** The log in `list`, with `empty` shown while it has nothing and `clear` emptying it. */
export function eventLog(list: HTMLOListElement, empty: HTMLElement, clear: HTMLButtonElement): EventLog {
  const timestamp = (): HTMLTimeElement => {
    const now = new Date();
    const time = h('time', { text: now.toLocaleTimeString(undefined, { hour12: false }) });
    time.dateTime = now.toISOString();
    return time;
  };
  const append = (item: HTMLLIElement): void => {
    list.append(item);
    empty.hidden = true;
    // Scroll the log box only, never the page (the user may be looking at the QR code).
    list.scrollTop = list.scrollHeight;
  };
  clear.addEventListener('click', () => {
    list.replaceChildren();
    empty.hidden = false;
  });
  return {
    addEvent(type, detail) {
      const head = h('div', { className: 'event-head' }, timestamp(), ' ', h('strong', { text: type }));
      append(h('li', { className: `event event-${type}` }, head, h('pre', { text: formatDetail(detail) })));
    },
    addNote(text) {
      const head = h('div', { className: 'event-head' }, timestamp(), ' ', h('span', { text: `demo: ${text}` }));
      append(h('li', { className: 'event event-note' }, head));
    },
  };
}
