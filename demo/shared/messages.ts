// The demo pages' "Messages" panel: the texts, voice calls and emails the stand-in tenant "sent"
// (its control API's outbox, tenant/README.md), newest first, so that a newcomer reads the code
// here instead of on a phone. It is the stand-in's outbox, not anyone's inbox, and says so.
//
// It looks by itself, every 1.5 s while the page is visible, and not while the tab is hidden:
// codes go out on steps that fire no event the page could wait for (a sign-in's challenge, a
// resend, an enrollment inside <mfa-authenticators>), and a local GET costs nothing. The list is
// redrawn only when the messages change (a code being selected stays selected), and only
// messages that arrive while the page is open are announced, once each.
//
// CSP-safe: the DOM is built with createElement and textContent, never innerHTML.

import { h } from './page.ts';
import { refreshWhileVisible, type Refresher, type RefreshOptions } from './refresh-while-visible.ts';

/** One row of `GET {control}/tenants/<id>/outbox`. */
export interface OutboxMessage {
  id: string;
  /** A phone number (E.164) or an email address. */
  to: string;
  channel: string;
  /** `enroll` or `challenge`. */
  purpose: string;
  /** As the person reads or hears it: it holds the code. */
  text: string;
  /** ISO 8601. */
  time: string;
}

export interface MessagesOptions extends Partial<RefreshOptions> {
  /** The outbox to show: `{tenant server}/__control/tenants/<id>/outbox`. */
  outboxUrl: string;
}

/** Looks at the outbox now (`refresh`), or no more (`stop`). */
export type MessagesPanel = Pick<Refresher, 'refresh' | 'stop'>;

/** The default tenant's outbox on the stand-in server at `tenantUrl` (what `npm start` runs). */
export function defaultOutboxUrl(tenantUrl: string): string {
  return `${tenantUrl.replace(/\/+$/, '')}/__control/tenants/default/outbox`;
}

const CHANNEL_NAMES: Record<string, string> = { sms: 'Text', voice: 'Voice call', email: 'Email' };
const PURPOSE_NAMES: Record<string, string> = { enroll: 'enrollment', challenge: 'sign-in' };
/** The newest this many are shown; the outbox keeps up to 1000. */
const SHOWN = 20;

const channelName = (channel: string): string => CHANNEL_NAMES[channel] ?? channel;

function isMessage(row: unknown): row is OutboxMessage {
  if (row === null || typeof row !== 'object') return false;
  const fields = row as Record<string, unknown>;
  return ['id', 'to', 'channel', 'purpose', 'text', 'time'].every((key) => typeof fields[key] === 'string');
}

/** "Text to +15555550100: 123456 is your verification code…", for announcements. */
function spoken(message: OutboxMessage): string {
  return `${channelName(message.channel)} to ${message.to}: ${message.text}`;
}

function renderMessage(message: OutboxMessage): HTMLLIElement {
  const when = new Date(message.time);
  const time = h('time', { text: Number.isNaN(when.getTime()) ? message.time : when.toLocaleTimeString(undefined, { hour12: false }) });
  time.dateTime = message.time;
  // The spaces between the parts are for copying and for screen readers; the flex gap lays them out.
  const head = h(
    'p',
    { className: 'message-head' },
    h('strong', { className: 'message-channel', text: channelName(message.channel) }),
    ' ',
    h('span', {}, 'to ', h('span', { className: 'message-to', text: message.to })),
    ' ',
    h('span', { text: PURPOSE_NAMES[message.purpose] ?? message.purpose }),
    ' ',
    time,
  );
  return h('li', { className: `message message-${message.channel}` }, head, h('p', { className: 'message-text', text: message.text }));
}

/** Builds the panel inside `section` (left empty in the page), shows it, and starts looking. */
export function messagesPanel(section: HTMLElement, options: MessagesOptions): MessagesPanel {
  const { outboxUrl, intervalMs = 1500, retryMs = 5000 } = options;

  const title = h('h2', { text: 'Messages ' }, h('span', { className: 'stand-in-tag', text: 'stand-in outbox' }));
  title.id = 'messages-title';
  const intro = h('p', {
    text: 'The texts, voice calls and emails the stand-in tenant “sent”, newest first. Nothing leaves this machine: read the code here instead of on a phone. This is not a real inbox.',
  });
  const problem = h('div', { className: 'status' });
  problem.setAttribute('role', 'status');
  const announcer = h('div', { className: 'visually-hidden' });
  announcer.setAttribute('role', 'status');
  const empty = h('p', { className: 'empty', text: 'No messages yet.' });
  const list = h('ol', { className: 'message-list' });
  list.setAttribute('aria-labelledby', title.id);
  list.hidden = true;
  const more = h('p', { className: 'hint' });
  more.hidden = true;
  const clear = h('button', { text: 'Clear messages' });
  clear.type = 'button';
  const clearHint = h('p', { className: 'hint', text: 'Clearing also resets the stand-in’s limit of 10 messages an hour to one number or address.' });
  section.setAttribute('aria-labelledby', title.id);
  section.replaceChildren(title, intro, problem, announcer, empty, list, more, h('div', { className: 'actions' }, clear), clearHint);
  section.hidden = false;

  /** The ids of the last answer; null before the first, whose messages are not news. */
  let seen: Set<string> | null = null;
  /** What the list shows now, to leave it alone when nothing changed. */
  let shownKey = '';

  function show(messages: OutboxMessage[]): void {
    const newest = messages.slice(0, SHOWN);
    const key = `${messages.length}:${newest.map((m) => m.id).join(',')}`;
    if (key !== shownKey) {
      shownKey = key;
      list.replaceChildren(...newest.map(renderMessage));
      list.hidden = newest.length === 0;
      empty.hidden = newest.length > 0;
      more.hidden = messages.length <= SHOWN;
      more.textContent = `Showing the newest ${SHOWN} of ${messages.length} messages.`;
    }
    const arrived = seen ? messages.filter((m) => !seen!.has(m.id)) : [];
    seen = new Set(messages.map((m) => m.id));
    if (arrived.length === 1) announcer.textContent = `New message. ${spoken(arrived[0])}`;
    else if (arrived.length > 1) announcer.textContent = `${arrived.length} new messages. Newest: ${spoken(arrived[0])}`;
  }

  /** Says what went wrong, or nothing; the same words are not written again (nor re-announced). */
  function report(text: string): void {
    if (problem.textContent !== text) problem.textContent = text;
    problem.classList.toggle('status-error', text !== '');
  }

  /** One look at the outbox: whether it could be read. */
  async function look(signal: AbortSignal): Promise<boolean> {
    try {
      const response = await fetch(outboxUrl, { cache: 'no-store', signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data: unknown = await response.json();
      if (!Array.isArray(data)) throw new Error('the answer is not a list');
      show(data.filter(isMessage));
      report('');
      return true;
    } catch (err) {
      if (!signal.aborted) report(`Could not read the stand-in’s outbox (${err instanceof Error ? err.message : String(err)}). Is \`npm start\` still running? Trying again every few seconds.`);
      return false;
    }
  }

  const looks = refreshWhileVisible(look, { intervalMs, retryMs });

  clear.addEventListener('click', () => {
    clear.disabled = true;
    void fetch(outboxUrl, { method: 'DELETE', signal: looks.signal })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        announcer.textContent = 'Messages cleared.';
        // A look that started before the DELETE may still bring the old list: look again after it.
        return (looks.looking ?? Promise.resolve()).then(looks.refresh);
      })
      .catch((err: unknown) => {
        if (!looks.signal.aborted) report(`Could not clear the outbox (${err instanceof Error ? err.message : String(err)}).`);
      })
      .finally(() => {
        clear.disabled = false;
      });
  });

  return { refresh: looks.refresh, stop: looks.stop };
}
