// The demo pages' Guardian panel (demo/shared/guardian.ts) against the stand-in's real fake
// Guardian app: push enrollments started with POST /mfa/associate and push requests made with
// POST /mfa/challenge on an isolated tenant, listed, scanned, approved and denied over HTTP from
// another origin, and the mfa-oob grant then answering as it would after a phone's tap.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { guardianPanel, type GuardianPanel } from '../demo/shared/guardian.ts';
import { HOSTILE_HTML, pwned } from './helpers/fixtures.ts';
import { phoneScreen } from './helpers/screen.ts';
import { CLIENT_ID, createTenant, mfaToken, newEmail, tenantUrl, type TenantSettings, type TestTenant } from './helpers/tenant.ts';
import { hasCdp } from './helpers/widget-core.ts';

interface Listed {
  enrollments: { enrollmentTxId: string; email: string; time: string }[];
  requests: { id: string; email: string; time: string }[];
}

const guardianOf = (tenant: TestTenant): string => `${tenantUrl}/__control/tenants/${tenant.id}/guardian`;

async function listed(tenant: TestTenant): Promise<Listed> {
  return (await (await fetch(guardianOf(tenant))).json()) as Listed;
}

async function post(url: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The mfa-oob grant as the element polls it: no binding code for push. */
async function poll(tenant: TestTenant, token: string, oobCode: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${tenant.base}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'http://auth0.com/oauth/grant-type/mfa-oob', client_id: CLIENT_ID, mfa_token: token, oob_code: oobCode }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface Pending {
  email: string;
  token: string;
  oobCode: string;
  /** Only for an enrollment: the QR code the element would draw. */
  barcodeUri?: string;
}

/** A fresh user starts enrolling push: its QR code now waits in the fake app to be scanned. */
async function startEnrollment(tenant: TestTenant, email = newEmail()): Promise<Pending> {
  const token = await mfaToken(tenant, email);
  const added = await post(`${tenant.base}/mfa/associate`, { authenticator_types: ['oob'], oob_channels: ['auth0'] }, token);
  expect(added.status, JSON.stringify(added.body)).to.equal(200);
  return { email, token, oobCode: added.body.oob_code as string, barcodeUri: added.body.barcode_uri as string };
}

/** A user with push, enrolled and scanned here (not through the panel): nothing of theirs waits. */
async function pushUser(tenant: TestTenant, email = newEmail()): Promise<string> {
  const enrollment = await startEnrollment(tenant, email);
  expect((await post(`${guardianOf(tenant)}/scan`, { barcodeUri: enrollment.barcodeUri })).status).to.equal(200);
  expect((await poll(tenant, enrollment.token, enrollment.oobCode)).status).to.equal(200);
  return email;
}

/** A user with push signs in again: a push request now waits in the fake app. */
async function askToSignIn(tenant: TestTenant, email: string): Promise<Pending> {
  const token = await mfaToken(tenant, email);
  const asked = await post(`${tenant.base}/mfa/challenge`, { client_id: CLIENT_ID, mfa_token: token, challenge_type: 'oob' });
  expect(asked.status, JSON.stringify(asked.body)).to.equal(200);
  return { email, token, oobCode: asked.body.oob_code as string };
}

/** A new user enrolls push, then signs in again. */
const startSignIn = async (tenant: TestTenant, email = newEmail()): Promise<Pending> => askToSignIn(tenant, await pushUser(tenant, email));

const PENDING = { error: 'authorization_pending', error_description: 'Authorization pending: please repeat the request in a few seconds.' };

describe('demo: the Guardian panel', () => {
  let panel: GuardianPanel | undefined;
  afterEach(async () => {
    panel?.stop();
    if (hasCdp) await emulateMedia({ colorScheme: 'light' });
  });

  /** A tenant whose polls are never too fast: the tests poll the grant right after a tap. */
  const tenantWith = (settings: TenantSettings = {}) => createTenant({ ...settings, pushPollIntervalMs: 0 } as TenantSettings);

  async function mount(tenant: TestTenant | string, settings: { intervalMs?: number; parent?: HTMLElement } = {}): Promise<HTMLElement> {
    // The page's stylesheet, for the colours axe checks and the layout at 320 px.
    const page = await fixture<HTMLElement>(html`<div><link rel="stylesheet" href="/demo/demo.css" /><section class="panel panel-guardian" hidden></section></div>`, {
      parentNode: settings.parent,
    });
    const link = page.querySelector('link')!;
    if (!link.sheet) await new Promise((resolve) => link.addEventListener('load', resolve, { once: true }));
    const section = page.querySelector('section')!;
    panel = guardianPanel(section, { guardianUrl: typeof tenant === 'string' ? tenant : guardianOf(tenant), intervalMs: settings.intervalMs ?? 100, retryMs: 200 });
    return section;
  }
  const items = (section: HTMLElement) => [...section.querySelectorAll<HTMLLIElement>('ol > li')];
  const announcer = (section: HTMLElement) => section.querySelector('.visually-hidden')!;
  const statuses = (section: HTMLElement) => [...section.querySelectorAll('[role=status]:not(.visually-hidden)')];
  /** The status that says what a button did (the one after the list). */
  const outcome = (section: HTMLElement) => statuses(section).at(-1)!;
  const problem = (section: HTMLElement) => statuses(section)[0];
  const emptyNote = (section: HTMLElement) => [...section.querySelectorAll('p')].find((p) => p.textContent === 'Nothing waits in the pretend Guardian app.')!;
  const button = (row: Element, label: string) => [...row.querySelectorAll('button')].find((b) => b.textContent === label)!;
  const rowOf = (section: HTMLElement, email: string) => items(section).find((li) => li.querySelector('.guardian-email')!.textContent === email);

  it('is a region with a heading that says it is the stand-in’s pretend phone, and says so when nothing waits', async () => {
    const section = await mount(await tenantWith());
    await panel!.refresh();
    expect(section.hidden).to.equal(false);
    const heading = document.getElementById(section.getAttribute('aria-labelledby')!)!;
    expect(heading.localName).to.equal('h2');
    expect(heading.textContent).to.match(/^Guardian.*stand-in phone/);
    expect(section.textContent).to.contain('This is not a real phone');
    expect(section.querySelector('ol')!.getAttribute('aria-labelledby')).to.equal(heading.id);
    expect(emptyNote(section).hidden).to.equal(false);
    expect(section.querySelector('ol')!.hidden).to.equal(true);
    await expect(section).to.be.accessible();
  });

  it('lists enrollments to scan and sign-in requests to answer, newest first, with the email and the time; no oob_code, id or secret on the page', async () => {
    const tenant = await tenantWith();
    const first = await startSignIn(tenant);
    const second = await startEnrollment(tenant);
    const third = await startSignIn(tenant);
    const waiting = await listed(tenant);
    const section = await mount(tenant);
    await waitUntil(() => items(section).length === 3, 'the three waiting items are not listed');
    const rows = items(section).map((li) => ({
      kind: li.querySelector('.guardian-kind')!.textContent,
      email: li.querySelector('.guardian-email')!.textContent,
      time: li.querySelector('time')!.dateTime,
      buttons: [...li.querySelectorAll('button')].map((b) => [b.textContent, b.getAttribute('aria-label'), b.type]),
    }));
    expect(rows.map((row) => [row.kind, row.email])).to.deep.equal([
      ['Sign-in request', third.email],
      ['Push enrollment', second.email],
      ['Sign-in request', first.email],
    ]);
    expect(rows.map((row) => row.time)).to.deep.equal([waiting.requests[0].time, waiting.enrollments[0].time, waiting.requests[1].time]);
    expect(rows[0].buttons).to.deep.equal([
      ['Approve', `Approve: the sign-in request of ${third.email}`, 'button'],
      ['Deny', `Deny: the sign-in request of ${third.email}`, 'button'],
    ]);
    expect(rows[1].buttons).to.deep.equal([['Scan with Guardian', `Scan with Guardian: the push enrollment of ${second.email}`, 'button']]);
    expect(emptyNote(section).hidden).to.equal(true);
    await expect(section).to.be.accessible();

    // Nothing a phone keeps to itself, in text or in an attribute.
    const page = section.outerHTML;
    for (const value of [first.oobCode, second.oobCode, third.oobCode, waiting.enrollments[0].enrollmentTxId, ...waiting.requests.map((r) => r.id)]) {
      expect(page).not.to.contain(value);
    }
    expect(page).not.to.match(/otpauth:|oob_code|[A-Z2-7]{32}/);
  });

  it('Scan with Guardian scans the QR code: the row goes, a status says so, the enrollment’s oob_code then answers tokens, and the OTP secret is not shown', async () => {
    const tenant = await tenantWith();
    const enrollment = await startEnrollment(tenant);
    expect(await poll(tenant, enrollment.token, enrollment.oobCode)).to.deep.equal({ status: 400, body: PENDING });
    const section = await mount(tenant);
    await waitUntil(() => items(section).length === 1, 'the enrollment is not listed');
    button(items(section)[0], 'Scan with Guardian').click();
    await waitUntil(() => items(section).length === 0, 'the row stays after the scan');
    expect(outcome(section).textContent).to.equal(`Scanned the QR code of the push enrollment of ${enrollment.email}: the element’s next check confirms it.`);
    expect(outcome(section).classList.contains('status-ok')).to.equal(true);
    expect(emptyNote(section).hidden).to.equal(false);
    expect((await listed(tenant)).enrollments).to.deep.equal([]);
    const confirmed = await poll(tenant, enrollment.token, enrollment.oobCode);
    expect(confirmed.status, JSON.stringify(confirmed.body)).to.equal(200);
    expect(confirmed.body.access_token).to.be.a('string');
    expect(section.outerHTML).not.to.match(/[A-Z2-7]{32}/);
  });

  it('Approve and Deny answer the requests: the sign-in polls tokens, the other the rejection; each row goes and a status says what happened', async () => {
    const tenant = await tenantWith();
    const approving = await startSignIn(tenant);
    const denying = await startSignIn(tenant);
    expect(await poll(tenant, approving.token, approving.oobCode)).to.deep.equal({ status: 400, body: PENDING });
    const section = await mount(tenant);
    await waitUntil(() => items(section).length === 2, 'the requests are not listed');

    button(rowOf(section, approving.email)!, 'Approve').click();
    await waitUntil(() => !rowOf(section, approving.email), 'the approved row stays');
    expect(outcome(section).textContent).to.equal(`Approved the sign-in request of ${approving.email}: the element’s next check signs them in.`);
    const signedIn = await poll(tenant, approving.token, approving.oobCode);
    expect(signedIn.status, JSON.stringify(signedIn.body)).to.equal(200);
    expect(signedIn.body.id_token).to.be.a('string');

    button(rowOf(section, denying.email)!, 'Deny').click();
    await waitUntil(() => items(section).length === 0, 'the denied row stays');
    expect(outcome(section).textContent).to.equal(`Denied the sign-in request of ${denying.email}: the element’s next check is refused.`);
    expect(await poll(tenant, denying.token, denying.oobCode)).to.deep.equal({ status: 400, body: { error: 'access_denied', error_description: 'MFA Authorization rejected.' } });
    expect(await listed(tenant)).to.deep.equal({ enrollments: [], requests: [] });
  });

  it('works from the keyboard alone: Tab reaches the buttons, Enter approves, and the focus goes to the next row', async () => {
    const tenant = await tenantWith();
    const older = await startSignIn(tenant);
    const newer = await startSignIn(tenant);
    // No poll comes in time: what the keys do shows by itself.
    const section = await mount(tenant, { intervalMs: 60_000 });
    await waitUntil(() => items(section).length === 2, 'the requests are not listed');
    const focusable = [...section.querySelectorAll('button')];
    for (let i = 0; i < 10 && document.activeElement !== focusable[0]; i++) await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.getAttribute('aria-label')).to.equal(`Approve: the sign-in request of ${newer.email}`);
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.getAttribute('aria-label')).to.equal(`Deny: the sign-in request of ${newer.email}`);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => items(section).length === 1, 'the denied row stays');
    expect(document.activeElement?.getAttribute('aria-label')).to.equal(`Approve: the sign-in request of ${older.email}`);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => items(section).length === 0, 'the approved row stays');
    expect(document.activeElement?.id).to.equal('guardian-title', 'with no row left, the focus goes to the panel’s title');
    expect((await poll(tenant, newer.token, newer.oobCode)).body.error).to.equal('access_denied');
    expect((await poll(tenant, older.token, older.oobCode)).status).to.equal(200);
  });

  it('announces what arrives once, and neither what was there nor anything on later polls', async () => {
    const tenant = await tenantWith();
    await startEnrollment(tenant);
    const enrolled = await pushUser(tenant);
    const section = await mount(tenant);
    await waitUntil(() => items(section).length === 1, 'the first item is not listed');
    expect(announcer(section).getAttribute('role')).to.equal('status');
    expect(announcer(section).textContent).to.equal('');

    const request = await askToSignIn(tenant, enrolled);
    await waitUntil(() => announcer(section).textContent !== '', 'the new request is not announced');
    expect(announcer(section).textContent).to.equal(`Guardian: ${request.email} asks to sign in: approve or deny it.`);

    // Nothing changes on the polls after it: not the announcement, not the list's nodes.
    const shown = items(section);
    let changes = 0;
    new MutationObserver((records) => (changes += records.length)).observe(section, { subtree: true, childList: true, characterData: true, attributes: true });
    for (let i = 0; i < 3; i++) await panel!.refresh();
    expect(changes).to.equal(0);
    expect(items(section)).to.deep.equal(shown);
  });

  it('keeps a focused button focused while new items arrive above it', async () => {
    const tenant = await tenantWith();
    const first = await startSignIn(tenant);
    const section = await mount(tenant);
    await waitUntil(() => items(section).length === 1, 'the request is not listed');
    const approve = button(rowOf(section, first.email)!, 'Approve');
    approve.focus();
    await startEnrollment(tenant);
    await waitUntil(() => items(section).length === 2, 'the new item is not listed');
    expect(items(section)[1]).to.equal(rowOf(section, first.email));
    expect(document.activeElement).to.equal(approve);
  });

  describe('while the tab is hidden', () => {
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
    const realFetch = window.fetch;
    /** Every URL fetched since the test began. */
    let looks: string[] = [];
    /** Set to hold the next look at the tenant's list until it is called. */
    let holdNext: (() => void) | undefined;
    let holding: Promise<void> | undefined;

    beforeEach(() => {
      looks = [];
      window.fetch = async (input, init) => {
        looks.push(String(input));
        if (holdNext && !holding && /\/guardian$/.test(String(input))) {
          holding = new Promise((resolve) => (holdNext = resolve));
          await holding;
        }
        return realFetch(input, init);
      };
    });
    afterEach(() => {
      window.fetch = realFetch;
      holdNext = undefined;
      holding = undefined;
      delete (document as { visibilityState?: unknown }).visibilityState;
      expect(Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')).to.deep.equal(visibility);
    });

    function setVisibility(state: 'hidden' | 'visible'): void {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
      document.dispatchEvent(new Event('visibilitychange'));
    }

    /** Hidden: a request is made, and for twenty intervals no look comes; shown: it is listed at once. */
    async function hiddenThenShown(tenant: TestTenant, section: HTMLElement): Promise<void> {
      await startSignIn(tenant);
      looks.length = 0;
      // Proving an absence takes time.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(looks.filter((url) => url === guardianOf(tenant))).to.deep.equal([]);
      expect(items(section)).to.have.length(0);
      setVisibility('visible');
      await waitUntil(() => items(section).length === 1, 'the request is not listed once the tab shows');
    }

    it('stops looking when the tab hides between two looks, and looks again at once when it shows', async () => {
      const tenant = await tenantWith();
      const section = await mount(tenant, { intervalMs: 50 });
      // The first look ends, and the next is planned, before this goes on.
      await panel!.refresh();
      setVisibility('hidden');
      await hiddenThenShown(tenant, section);
    });

    it('plans no look after one that ends while the tab is hidden', async () => {
      const tenant = await tenantWith();
      const section = await mount(tenant, { intervalMs: 50 });
      await panel!.refresh();
      holdNext = () => undefined;
      await waitUntil(() => holding !== undefined, 'the panel does not look by itself');
      setVisibility('hidden');
      holdNext();
      await panel!.refresh(); // the held look ends
      await hiddenThenShown(tenant, section);
    });
  });

  it('says why an answer failed in the tenant’s words, keeps the row usable, and drops it once the tenant no longer lists it', async () => {
    const tenant = await tenantWith();
    const request = await startSignIn(tenant);
    const section = await mount(tenant, { intervalMs: 60_000 });
    await waitUntil(() => items(section).length === 1, 'the request is not listed');
    // The "phone" answers first: the panel's list is now stale.
    expect((await post(`${guardianOf(tenant)}/approve`, { email: request.email })).status).to.equal(200);
    const row = items(section)[0];
    button(row, 'Deny').click();
    await waitUntil(() => outcome(section).textContent !== '', 'the failure is not said');
    expect(outcome(section).textContent).to.equal(`Could not deny the sign-in request of ${request.email}: The push request was already approved (HTTP 409).`);
    expect(outcome(section).classList.contains('status-error')).to.equal(true);
    // The look after the failure finds nothing waiting.
    await waitUntil(() => items(section).length === 0, 'the stale row stays');
    expect((await poll(tenant, request.token, request.oobCode)).status).to.equal(200);
  });

  it('says when the fake app can’t be read, and clears that once it can', async () => {
    const lost = await mount(`${tenantUrl}/__control/tenants/no-such-tenant/guardian`);
    await waitUntil(() => problem(lost).textContent !== '', 'no problem shown for a 404');
    expect(problem(lost).textContent).to.contain('Could not read the stand-in’s Guardian app (HTTP 404)');
    expect(problem(lost).classList.contains('status-error')).to.equal(true);
    panel!.stop();

    const tenant = await tenantWith();
    await startEnrollment(tenant);
    const realFetch = window.fetch;
    let down = true;
    window.fetch = (input, init) => (down ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(input, init));
    try {
      const section = await mount(tenant);
      await waitUntil(() => problem(section).textContent !== '', 'no problem shown while the tenant is down');
      expect(problem(section).textContent).to.contain('(Failed to fetch). Is `npm start` still running?');
      down = false;
      await waitUntil(() => items(section).length === 1, 'the enrollment is not listed once the tenant is back');
      expect(problem(section).textContent).to.equal('');
      expect(problem(section).classList.contains('status-error')).to.equal(false);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('shows the email as text', async () => {
    const tenant = await tenantWith({ name: HOSTILE_HTML });
    const enrollment = await startEnrollment(tenant, `"<img src=x onerror=alert(1)>"@example.com`);
    const section = await mount(tenant);
    await waitUntil(() => items(section).length === 1, 'the enrollment is not listed');
    expect(section.querySelector('.guardian-email')!.textContent).to.equal(enrollment.email);
    expect(section.querySelector('img, script')).to.equal(null);
    expect(pwned()).to.equal(false);
  });

  it('fits a 320 px screen without sideways scrolling', async () => {
    const tenant = await tenantWith();
    await startSignIn(tenant, `a.rather.long.address.${newEmail()}`);
    await startEnrollment(tenant);
    const screen = phoneScreen(320);
    const section = await mount(tenant, { parent: screen });
    await waitUntil(() => items(section).length === 2, 'the items are not listed');
    expect(screen.scrollWidth).to.be.at.most(screen.clientWidth);
    for (const b of section.querySelectorAll('button')) expect(b.getBoundingClientRect().right).to.be.at.most(screen.getBoundingClientRect().right);
  });

  it('passes axe in dark mode with items waiting and after an answer [cdp]', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const tenant = await tenantWith();
    const request = await startSignIn(tenant);
    await startEnrollment(tenant);
    const section = await mount(tenant);
    await waitUntil(() => items(section).length === 2, 'the items are not listed');
    expect(getComputedStyle(section).backgroundColor).to.equal('rgb(23, 27, 33)', 'the dark palette is in use');
    await expect(section).to.be.accessible();
    button(rowOf(section, request.email)!, 'Approve').click();
    await waitUntil(() => outcome(section).textContent !== '', 'no status after Approve');
    await expect(section).to.be.accessible();
  });
});
