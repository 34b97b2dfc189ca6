// The demo pages' Messages panel (demo/shared/messages.ts) against the stand-in's real outbox:
// codes "sent" by POST /mfa/associate on an isolated tenant, read over HTTP from another origin.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { messagesPanel, type MessagesPanel } from '../demo/shared/messages.ts';
import { HOSTILE_HTML, pwned } from './helpers/fixtures.ts';
import { createTenant, mfaToken, newEmail, tenantUrl, type TenantSettings, type TestTenant } from './helpers/tenant.ts';

interface Sent {
  to: string;
  channel: string;
  text: string;
  code: string;
  time: string;
}

const outboxOf = (tenant: TestTenant): string => `${tenantUrl}/__control/tenants/${tenant.id}/outbox`;

async function outbox(tenant: TestTenant): Promise<Sent[]> {
  return (await (await fetch(outboxOf(tenant))).json()) as Sent[];
}

/** A fresh user starts enrolling a phone or an email: the tenant "sends" its first code. */
async function send(tenant: TestTenant, channel: 'sms' | 'voice' | 'email', phoneNumber = '+15551230001'): Promise<void> {
  const email = newEmail();
  const response = await fetch(`${tenant.base}/mfa/associate`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await mfaToken(tenant, email)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ authenticator_types: ['oob'], oob_channels: [channel], ...(channel === 'email' ? { email } : { phone_number: phoneNumber }) }),
  });
  expect(response.status, await response.clone().text()).to.equal(200);
}

describe('demo: the Messages panel', () => {
  let panel: MessagesPanel | undefined;
  afterEach(() => panel?.stop());

  async function mount(tenant: TestTenant | string, settings: { intervalMs?: number } = {}): Promise<HTMLElement> {
    const section = await fixture<HTMLElement>(html`<section hidden></section>`);
    panel = messagesPanel(section, { outboxUrl: typeof tenant === 'string' ? tenant : outboxOf(tenant), intervalMs: settings.intervalMs ?? 100, retryMs: 200 });
    return section;
  }
  const items = (section: HTMLElement) => [...section.querySelectorAll('ol > li')];
  const announcer = (section: HTMLElement) => section.querySelector('.visually-hidden')!;
  const emptyNote = (section: HTMLElement) => [...section.querySelectorAll('p')].find((p) => p.textContent === 'No messages yet.')!;
  const tenantWith = (settings: TenantSettings = {}) => createTenant(settings);

  it('is a region with a heading, labelled as the stand-in’s outbox, not an inbox', async () => {
    const section = await mount(await tenantWith());
    expect(section.hidden).to.equal(false);
    const heading = document.getElementById(section.getAttribute('aria-labelledby')!)!;
    expect(heading.localName).to.equal('h2');
    expect(heading.textContent).to.match(/^Messages.*stand-in/);
    expect(section.textContent).to.contain('not a real inbox');
    expect(section.querySelector('ol')!.getAttribute('aria-labelledby')).to.equal(heading.id);
  });

  it('shows texts, calls and emails newest first: channel, destination, time and the text with the code', async () => {
    const tenant = await tenantWith();
    await send(tenant, 'sms', '+15551230001');
    await send(tenant, 'voice', '+15551230002');
    await send(tenant, 'email');
    const sent = await outbox(tenant);
    const section = await mount(tenant);
    await waitUntil(() => items(section).length === 3, 'the three messages are not listed');
    const rows = items(section).map((li) => ({
      channel: li.querySelector('.message-channel')!.textContent,
      to: li.querySelector('.message-to')!.textContent,
      time: li.querySelector('time')!.dateTime,
      text: li.querySelector('.message-text')!.textContent,
    }));
    expect(rows.map((row) => row.channel)).to.deep.equal(['Email', 'Voice call', 'Text']);
    expect(rows.map((row) => row.to)).to.deep.equal(sent.map((message) => message.to));
    expect(rows[1].to).to.equal('+15551230002');
    expect(rows.map((row) => row.time)).to.deep.equal(sent.map((message) => message.time));
    expect(rows.map((row) => row.text)).to.deep.equal(sent.map((message) => message.text));
    expect(rows[2].text).to.contain(sent[2].code);
    expect(emptyNote(section).hidden).to.equal(true);
  });

  it('says "No messages yet" until a message comes, then lists it by itself', async () => {
    const tenant = await tenantWith();
    const section = await mount(tenant);
    await panel!.refresh();
    expect(emptyNote(section).hidden).to.equal(false);
    expect(section.querySelector('ol')!.hidden).to.equal(true);
    await send(tenant, 'sms');
    await waitUntil(() => items(section).length === 1, 'the new message is not listed');
    expect(emptyNote(section).hidden).to.equal(true);
  });

  it('announces a message that arrives once, and neither those already there nor anything on later polls', async () => {
    const tenant = await tenantWith();
    await send(tenant, 'email');
    const section = await mount(tenant);
    await waitUntil(() => items(section).length === 1, 'the first message is not listed');
    expect(announcer(section).getAttribute('role')).to.equal('status');
    expect(announcer(section).textContent).to.equal('');

    await send(tenant, 'sms', '+15551230003');
    const [newest] = await outbox(tenant);
    await waitUntil(() => announcer(section).textContent !== '', 'the new message is not announced');
    expect(announcer(section).textContent).to.equal(`New message. Text to +15551230003: ${newest.text}`);

    // Nothing changes on the polls after it: not the announcement, not the list's nodes.
    const listed = items(section);
    let changes = 0;
    new MutationObserver((records) => (changes += records.length)).observe(section, { subtree: true, childList: true, characterData: true });
    for (let i = 0; i < 3; i++) await panel!.refresh();
    expect(changes).to.equal(0);
    expect(items(section)).to.deep.equal(listed);
  });

  it('stops looking while the tab is hidden and looks again at once when it shows', async () => {
    const tenant = await tenantWith();
    const section = await mount(tenant, { intervalMs: 50 });
    await panel!.refresh();
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
    const looks: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      looks.push(String(input));
      return realFetch(input, init);
    };
    try {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
      await panel!.refresh(); // the look under way, if any, ends before the message is sent
      await send(tenant, 'sms');
      looks.length = 0;
      // Proving an absence takes time: twenty intervals without a single look.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(looks.filter((url) => url === outboxOf(tenant))).to.deep.equal([]);
      expect(items(section)).to.have.length(0);

      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
      await waitUntil(() => items(section).length === 1, 'the message is not listed once the tab shows');
    } finally {
      window.fetch = realFetch;
      delete (document as { visibilityState?: unknown }).visibilityState;
      expect(Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')).to.deep.equal(visibility);
    }
  });

  it('shows server text as text', async () => {
    const tenant = await tenantWith({ name: HOSTILE_HTML });
    await send(tenant, 'sms');
    const section = await mount(tenant);
    await waitUntil(() => items(section).length === 1, 'the message is not listed');
    expect(section.querySelector('.message-text')!.textContent).to.contain(HOSTILE_HTML);
    expect(section.querySelector('img, script, b')).to.equal(null);
    expect(pwned()).to.equal(false);
  });

  it('says when the outbox can’t be read, and clears that once it can', async () => {
    const lost = await mount(`${tenantUrl}/__control/tenants/no-such-tenant/outbox`);
    const problemOf = (section: HTMLElement) => section.querySelector('[role=status]:not(.visually-hidden)')!;
    await waitUntil(() => problemOf(lost).textContent !== '', 'no problem shown for a 404');
    expect(problemOf(lost).textContent).to.contain('Could not read the stand-in’s outbox (HTTP 404)');
    expect(problemOf(lost).classList.contains('status-error')).to.equal(true);
    panel!.stop();

    // The tenant stops answering (as when `npm start` stops), then comes back.
    const tenant = await tenantWith();
    await send(tenant, 'sms');
    const realFetch = window.fetch;
    let down = true;
    window.fetch = (input, init) => (down ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(input, init));
    try {
      const section = await mount(tenant);
      await waitUntil(() => problemOf(section).textContent !== '', 'no problem shown while the tenant is down');
      expect(problemOf(section).textContent).to.contain('(Failed to fetch). Is `npm start` still running?');
      down = false;
      await waitUntil(() => items(section).length === 1, 'the message is not listed once the tenant is back');
      expect(problemOf(section).textContent).to.equal('');
      expect(problemOf(section).classList.contains('status-error')).to.equal(false);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('Clear messages empties the stand-in’s outbox', async () => {
    const tenant = await tenantWith();
    await send(tenant, 'sms');
    // No poll comes in time: what the button does shows by itself.
    const section = await mount(tenant, { intervalMs: 60_000 });
    await waitUntil(() => items(section).length === 1, 'the message is not listed');
    const clear = [...section.querySelectorAll('button')].find((button) => button.textContent === 'Clear messages')!;
    clear.click();
    await waitUntil(() => items(section).length === 0 && !emptyNote(section).hidden, 'the list is not emptied');
    expect(await outbox(tenant)).to.deep.equal([]);
    expect(announcer(section).textContent).to.equal('Messages cleared.');
  });
});
