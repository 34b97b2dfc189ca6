// The demo pages' "Guardian" panel: the stand-in tenant's pretend Auth0 Guardian app (its control
// API, tenant/README.md), so that a newcomer with no phone can try push. It lists what waits in
// that app, newest first: push enrollments whose QR code is not scanned yet, and sign-in requests
// not answered yet; a button scans the one, Approve and Deny answer the other. The element on the
// page then sees the answer on its next poll, as if a phone had tapped it.
//
// It looks by itself, as the Messages panel does (messages.ts): every 1.5 s while the page is
// visible, never while the tab is hidden, one request at a time. Rows are added and removed in
// place (a focused button keeps its focus while others arrive), only what arrives while the page
// is open is announced, once, and each answer is said in a polite status.
//
// What the tenant's list holds that a phone would keep to itself (the enrollment's transaction id,
// the request's id) stays in this module's memory: it is sent back, never shown nor put in an
// attribute. The scan's answer carries the OTP secret; it is not read.
//
// CSP-safe: the DOM is built with createElement and textContent, never innerHTML.

import { h, setStatus } from './page.ts';
import { refreshWhileVisible, type Refresher, type RefreshOptions } from './refresh-while-visible.ts';

/** One item waiting in the fake Guardian app, as this panel shows it. */
interface Waiting {
  /** Unique in the panel: `enroll:<enrollmentTxId>` or `request:<id>`. */
  key: string;
  kind: 'enroll' | 'request';
  email: string;
  /** ISO 8601: when the enrollment or the request was made. */
  time: string;
  /** What the tenant's control API takes to answer it. */
  body: { enrollmentTxId: string } | { id: string };
}

export interface GuardianOptions extends Partial<RefreshOptions> {
  /** The fake app: `{tenant server}/__control/tenants/<id>/guardian`. */
  guardianUrl: string;
}

/** Looks at the fake app now (`refresh`), or no more (`stop`). */
export type GuardianPanel = Pick<Refresher, 'refresh' | 'stop'>;

/** The default tenant's fake Guardian app on the stand-in server at `tenantUrl` (what `npm start` runs). */
export function defaultGuardianUrl(tenantUrl: string): string {
  return `${tenantUrl.replace(/\/+$/, '')}/__control/tenants/default/guardian`;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';
const strings = (row: Record<string, unknown>, keys: string[]): boolean => keys.every((key) => typeof row[key] === 'string');

/** The items of `GET …/guardian` (`{enrollments, requests}`), newest first; malformed rows left out. */
function waitingItems(data: unknown): Waiting[] {
  if (!isRecord(data) || !Array.isArray(data.enrollments) || !Array.isArray(data.requests)) throw new Error('the answer is not the Guardian list');
  const enrollments = data.enrollments.filter((row): row is Record<string, string> => isRecord(row) && strings(row, ['enrollmentTxId', 'email', 'time']));
  const requests = data.requests.filter((row): row is Record<string, string> => isRecord(row) && strings(row, ['id', 'email', 'time']));
  const items: Waiting[] = [
    ...enrollments.map((row) => ({ key: `enroll:${row.enrollmentTxId}`, kind: 'enroll' as const, email: row.email, time: row.time, body: { enrollmentTxId: row.enrollmentTxId } })),
    ...requests.map((row) => ({ key: `request:${row.id}`, kind: 'request' as const, email: row.email, time: row.time, body: { id: row.id } })),
  ];
  // ISO 8601 times in UTC sort as text; the sort is stable, so equal times keep the tenant's order.
  return items.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
}

/** "the sign-in request of ana@example.com": what a button acts on, in its name and in the status. */
const subject = (item: Waiting): string => (item.kind === 'enroll' ? `the push enrollment of ${item.email}` : `the sign-in request of ${item.email}`);

/** Each button: its visible words, the control API step, and what the status says once it is done. */
const ACTIONS = {
  scan: { label: 'Scan with Guardian', done: (item: Waiting) => `Scanned the QR code of ${subject(item)}: the element’s next check confirms it.` },
  approve: { label: 'Approve', done: (item: Waiting) => `Approved ${subject(item)}: the element’s next check signs them in.` },
  deny: { label: 'Deny', done: (item: Waiting) => `Denied ${subject(item)}: the element’s next check is refused.` },
} as const;
/** Also the control API's path step and the verb of a failure: "Could not approve …". */
type Step = keyof typeof ACTIONS;

/** Builds the panel inside `section` (left empty in the page), shows it, and starts looking. */
export function guardianPanel(section: HTMLElement, options: GuardianOptions): GuardianPanel {
  const { guardianUrl, intervalMs = 1500, retryMs = 5000 } = options;

  const title = h('h2', { text: 'Guardian ' }, h('span', { className: 'stand-in-tag', text: 'stand-in phone' }));
  title.id = 'guardian-title';
  title.tabIndex = -1;
  const intro = h('p', {
    text: 'The stand-in’s pretend Auth0 Guardian app, playing the phone so that you can try push without one. What waits in it shows here, newest first: scan a push enrollment’s QR code, approve or deny a sign-in request. This is not a real phone: a real user taps these in the Guardian app.',
  });
  const problem = h('div', { className: 'status' });
  problem.setAttribute('role', 'status');
  const outcome = h('div', { className: 'status' });
  outcome.setAttribute('role', 'status');
  const announcer = h('div', { className: 'visually-hidden' });
  announcer.setAttribute('role', 'status');
  const empty = h('p', { className: 'empty', text: 'Nothing waits in the pretend Guardian app.' });
  const list = h('ol', { className: 'guardian-list' });
  list.setAttribute('aria-labelledby', title.id);
  list.hidden = true;
  section.setAttribute('aria-labelledby', title.id);
  section.replaceChildren(title, intro, problem, announcer, empty, list, outcome);
  section.hidden = false;

  /** The rows shown, by key. */
  const rows = new Map<string, HTMLLIElement>();
  /** Answered here: left out of later lists, even of a look that started before the answer. */
  const answered = new Set<string>();
  /** The keys of the last answer; null before the first, whose items are not news. */
  let seen: Set<string> | null = null;

  function renderRow(item: Waiting): HTMLLIElement {
    const when = new Date(item.time);
    const time = h('time', { text: Number.isNaN(when.getTime()) ? item.time : when.toLocaleTimeString(undefined, { hour12: false }) });
    time.dateTime = item.time;
    const head = h(
      'p',
      { className: 'guardian-head' },
      h('strong', { className: 'guardian-kind', text: item.kind === 'enroll' ? 'Push enrollment' : 'Sign-in request' }),
      ' ',
      h('span', {}, 'for ', h('span', { className: 'guardian-email', text: item.email })),
      ' ',
      time,
    );
    const steps: Step[] = item.kind === 'enroll' ? ['scan'] : ['approve', 'deny'];
    const buttons = steps.map((step) => {
      const button = h('button', { text: ACTIONS[step].label, className: step === 'deny' ? '' : 'primary' });
      button.type = 'button';
      // The visible words first (what speech input users say), then what it acts on.
      button.setAttribute('aria-label', `${ACTIONS[step].label}: ${subject(item)}`);
      button.addEventListener('click', () => void act(item, step, row));
      return button;
    });
    const row = h('li', { className: `guardian-item guardian-${item.kind}` }, head, h('div', { className: 'actions guardian-actions' }, ...buttons));
    return row;
  }

  /** Shows `items`, adding and removing rows in place: nothing moves that did not change. */
  function show(items: Waiting[]): void {
    const shown = items.filter((item) => !answered.has(item.key));
    const keys = new Set(shown.map((item) => item.key));
    for (const [key, row] of rows) {
      if (!keys.has(key)) remove(key, row);
    }
    shown.forEach((item, index) => {
      let row = rows.get(item.key);
      if (!row) rows.set(item.key, (row = renderRow(item)));
      if (list.children[index] !== row) list.insertBefore(row, list.children[index] ?? null);
    });
    showEmpty();

    const arrived = seen ? shown.filter((item) => !seen!.has(item.key)) : [];
    seen = keys;
    const spoken = (item: Waiting): string =>
      item.kind === 'enroll' ? `A push enrollment of ${item.email} waits to be scanned.` : `${item.email} asks to sign in: approve or deny it.`;
    if (arrived.length === 1) announcer.textContent = `Guardian: ${spoken(arrived[0])}`;
    else if (arrived.length > 1) announcer.textContent = `Guardian: ${arrived.length} new items. Newest: ${spoken(arrived[0])}`;
  }

  /** The list, or the note that nothing waits; written only when it changes (each write is a mutation). */
  function showEmpty(): void {
    const none = rows.size === 0;
    if (list.hidden !== none) list.hidden = none;
    if (empty.hidden === none) empty.hidden = !none;
  }

  /** Takes a row away; when it held the focus, the focus goes to the next row's button, or the title. */
  function remove(key: string, row: HTMLLIElement): void {
    const hadFocus = row.contains(document.activeElement);
    const next = (row.nextElementSibling ?? row.previousElementSibling)?.querySelector('button');
    rows.delete(key);
    row.remove();
    if (hadFocus) (next ?? title).focus();
  }

  /** Says why the list can't be read, or nothing; the same words are not written again (nor re-announced). */
  function report(text: string): void {
    if (problem.textContent !== text) problem.textContent = text;
    problem.classList.toggle('status-error', text !== '');
  }

  /** Sends one answer to the fake app; while it is under way the row's buttons do nothing more. */
  async function act(item: Waiting, step: Step, row: HTMLLIElement): Promise<void> {
    if (row.getAttribute('aria-busy') === 'true') return;
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus to the page.
    row.setAttribute('aria-busy', 'true');
    for (const button of row.querySelectorAll('button')) button.setAttribute('aria-disabled', 'true');
    try {
      const response = await fetch(`${guardianUrl}/${step}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(item.body),
        signal: looks.signal,
      });
      if (!response.ok) {
        const data: unknown = await response.json().catch(() => null);
        const description = isRecord(data) && typeof data.error_description === 'string' ? `${data.error_description} (HTTP ${response.status})` : `HTTP ${response.status}`;
        throw new Error(description);
      }
      answered.add(item.key);
      setStatus(outcome, ACTIONS[step].done(item), 'ok');
      if (rows.get(item.key) === row) remove(item.key, row);
      showEmpty();
    } catch (err) {
      if (looks.signal.aborted) return;
      // Expired or already answered (a 409 or 410) goes from the list on the next look.
      setStatus(outcome, `Could not ${step} ${subject(item)}: ${errorText(err)}.`, 'error');
      row.removeAttribute('aria-busy');
      for (const button of row.querySelectorAll('button')) button.removeAttribute('aria-disabled');
    }
    void looks.refresh();
  }

  /** One look at the fake app: whether it could be read. */
  async function look(signal: AbortSignal): Promise<boolean> {
    try {
      const response = await fetch(guardianUrl, { cache: 'no-store', signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      show(waitingItems(await response.json()));
      report('');
      return true;
    } catch (err) {
      if (!signal.aborted) report(`Could not read the stand-in’s Guardian app (${errorText(err)}). Is \`npm start\` still running? Trying again every few seconds.`);
      return false;
    }
  }

  const looks = refreshWhileVisible(look, { intervalMs, retryMs });
  return { refresh: looks.refresh, stop: looks.stop };
}
