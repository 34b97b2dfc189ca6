// The demo page for <mfa-otp-enroll> and <mfa-otp-verify>. CSP-safe: no innerHTML, no inline
// styles; DOM is built with createElement/textContent. Tokens are never written to the DOM (only a
// redacted prefix); recovery codes, secrets and otpauth URIs never at all.
//
// The page does what a real host does after the password grant answers `mfa_required`: it reads
// `mfa_requirements` and mounts <mfa-otp-enroll> for `enroll` (a user without an authenticator
// app) or <mfa-otp-verify> for `challenge` (a user who has one), with the mfa_token as a property.

// Types only: the elements' modules are loaded at run time with dynamic imports (below), so a
// missing or broken element cannot take the rest of the page down with it.
import type { MfaOtpEnroll, MfaOtpVerify, VerifiedDetail } from '../src/index.ts';
import { defaultGuardianUrl, guardianPanel } from './shared/guardian.ts';
import { defaultOutboxUrl, messagesPanel } from './shared/messages.ts';
import { $, eventLog, passwordGrant, h, randomEmail, requirementTypes, setStatus } from './shared/page.ts';

/** Set by demo/serve.js through Vite `define`; absent when the page is served some other way. */
declare const __TENANT_URL__: string | undefined;

type ElementKind = 'enroll' | 'verify';
type DemoElement = MfaOtpEnroll | MfaOtpVerify;

const TAGS = { enroll: 'mfa-otp-enroll', verify: 'mfa-otp-verify' } as const satisfies Record<ElementKind, string>;
const DEMO_CLIENT_ID = 'demo-spa-client';
const DEMO_SCOPE = 'openid profile offline_access';
const EVENTS = ['associated', 'enrolled', 'enroll-error', 'verified', 'verify-error'] as const;
/** What <mfa-otp-enroll> offers: the app, codes by text message, voice call and email, and push with Guardian. */
const ENROLL_FACTORS = 'otp sms voice email push';
/** The `mfa_requirements` factor types the elements handle (push-notification is not one of them). */
const HANDLED_FACTORS = ['otp', 'phone', 'email'];

/** Panel 2's title and text for the element shown. */
const PANEL: Record<ElementKind, { verb: string; intro: string }> = {
  enroll: {
    verb: 'Enroll with',
    intro:
      'Choose how to get codes. An authenticator app: scan the QR code with Google Authenticator, 1Password, Authy, Microsoft Authenticator or any other, then type the 6-digit code it shows (on the same phone, copy the secret key or use the link). A text message, voice call or email: type the number or address, then the code the stand-in “sent” to the Messages panel. Push with Auth0 Guardian: the Guardian panel plays the phone (Scan with Guardian, then Approve or Deny at sign-in). Save the recovery code: it signs you in the day the phone is lost.',
  },
  verify: {
    verb: 'Sign in with',
    intro:
      'This user already has a second factor: type the code from the authenticator app, or the one the stand-in “sent” by text, call or email (see the Messages panel), or approve the push in the Guardian panel; another method of theirs is a click away. Lost your phone? Choose the recovery code and type the one you saved when you enrolled; it works once, so you get a new one to save.',
  },
};

interface Session {
  /** Base URL for MFA API calls, no trailing slash. */
  base: string;
  /** The token handed to the element (mfa_token or access token), kept in memory only. */
  token: string;
  kind: 'mfa_token' | 'access token';
}

type MountConfig =
  | { kind: 'enroll'; domain: string; clientId: string; mfaToken?: string; accessToken?: string; email?: string }
  | { kind: 'verify'; domain: string; clientId: string; mfaToken: string };

const TENANT_URL: string | null =
  typeof __TENANT_URL__ === 'string' && __TENANT_URL__ !== '' ? __TENANT_URL__.replace(/\/+$/, '') : null;

// ---------------------------------------------------------------------------------------------
// Settings

/** "https://tenant.auth0.com" from "tenant.auth0.com" or a base URL with scheme. */
function toBaseUrl(domain: string): string {
  const trimmed = domain.trim().replace(/\/+$/, '');
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
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

const elementHeading = $<HTMLElement>('element-title');
const elementVerb = $<HTMLElement>('element-verb');
const elementTag = $<HTMLElement>('element-tag');
const elementIntro = $<HTMLElement>('element-intro');
const elementHost = $<HTMLElement>('element-host');
const stepOut = $<HTMLElement>('step-value');
const loadError = $<HTMLElement>('element-load-error');
const outcomeStatus = $<HTMLElement>('element-status');
const resetButton = $<HTMLButtonElement>('reset-button');
const signinAgainButton = $<HTMLButtonElement>('signin-again');

const { addEvent, addNote } = eventLog($<HTMLOListElement>('event-log'), $<HTMLElement>('event-log-empty'), $<HTMLButtonElement>('clear-log'));
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
/** Who signed in last on the stand-in tenant: "Sign in again" uses this email. */
let signedInEmail = '';
let currentKind: ElementKind = 'enroll';
let current: DemoElement = elementHost.querySelector(TAGS.enroll) as MfaOtpEnroll;
/** Counts mounts, so that a slower, older one never replaces a newer element. */
let mounts = 0;

// ---------------------------------------------------------------------------------------------
// The elements: load them without letting a broken or missing module break the page

const loaders: Record<ElementKind, () => Promise<unknown>> = {
  // The package entry registers <mfa-otp-enroll>; the sign-in element registers from its own
  // entry (mfa-otp-enroll/verify), loaded the first time a user needs it, as a host would.
  enroll: () => import('../src/index.ts'),
  verify: () => import('../src/verify/define.ts'),
};
const loading = new Map<ElementKind, Promise<boolean>>();

function elementReady(kind: ElementKind): Promise<boolean> {
  let ready = loading.get(kind);
  if (!ready) {
    ready = loaders[kind]()
      .then(() => customElements.whenDefined(TAGS[kind]))
      .then(
        () => true,
        (err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          loadError.textContent = `The <${TAGS[kind]}> element could not be loaded: ${message}`;
          loadError.hidden = false;
          if (kind === currentKind) stepOut.textContent = 'not loaded';
          return false;
        },
      );
    loading.set(kind, ready);
  }
  return ready;
}

resetButton.disabled = true;
void elementReady('enroll').then((ok) => {
  if (!ok || currentKind !== 'enroll') return;
  resetButton.disabled = false;
  showStep();
});

const stepObserver = new MutationObserver(showStep);

function showStep(): void {
  if (!customElements.get(current.localName)) return; // still loading, or failed (see #element-load-error)
  stepOut.textContent = current.getAttribute('step') ?? 'idle';
}

function observeStep(): void {
  stepObserver.disconnect();
  stepObserver.observe(current, { attributes: true, attributeFilter: ['step'] });
  showStep();
}
observeStep();

/** Panel 2's title and text follow the element shown. */
function showPanelFor(kind: ElementKind): void {
  elementVerb.textContent = PANEL[kind].verb;
  elementTag.textContent = `<${TAGS[kind]}>`;
  elementIntro.textContent = PANEL[kind].intro;
}

function createElementFor(config: MountConfig): DemoElement {
  if (config.kind === 'verify') {
    const el = document.createElement(TAGS.verify) as MfaOtpVerify;
    el.domain = config.domain;
    el.clientId = config.clientId;
    el.mfaToken = config.mfaToken;
    return el;
  }
  // `email` prefills the email field: a property, as the user's address never goes in an attribute.
  const el = document.createElement(TAGS.enroll) as MfaOtpEnroll;
  el.setAttribute('factors', ENROLL_FACTORS);
  el.domain = config.domain;
  el.clientId = config.clientId;
  if (config.email) el.email = config.email;
  if (config.mfaToken) el.mfaToken = config.mfaToken;
  if (config.accessToken) el.accessToken = config.accessToken;
  return el;
}

/**
 * Puts a fresh element in place with its properties set before it is connected, so it starts by
 * itself exactly once. Tokens go in as properties, never as attributes.
 */
async function mountElement(config: MountConfig): Promise<boolean> {
  const mount = ++mounts;
  if (!(await elementReady(config.kind))) return false;
  if (mount !== mounts) return false; // a newer sign-in took over meanwhile
  const el = createElementFor(config);
  current.replaceWith(el);
  current = el;
  currentKind = config.kind;
  loadError.hidden = true;
  resetButton.disabled = false;
  showPanelFor(config.kind);
  observeStep();
  hideAuthenticators();
  clearOutcome();
  return true;
}

// ---------------------------------------------------------------------------------------------
// Panel 1: password grant against the stand-in tenant

tenantUrlOut.textContent = TENANT_URL ?? 'not configured (start the demo with npm start)';
// The codes the stand-in "sent" by text, call or email, in its outbox (the panel stays hidden without it).
if (TENANT_URL) messagesPanel($<HTMLElement>('messages'), { outboxUrl: defaultOutboxUrl(TENANT_URL) });
// The push enrollments and sign-in requests waiting in the stand-in's pretend Guardian app, for a newcomer with no phone.
if (TENANT_URL) guardianPanel($<HTMLElement>('guardian'), { guardianUrl: defaultGuardianUrl(TENANT_URL) });
if (!TENANT_URL) {
  signinButton.disabled = true;
  freshUserButton.disabled = true;
  setStatus(
    signinStatus,
    'No stand-in tenant: this page was not served by demo/serve.js. Run `npm start`, or use a real Auth0 tenant below.',
    'error',
  );
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

/**
 * Which element answers an `mfa_required`, as a host decides it: `challenge` means the user has
 * a factor (sign in with it), `enroll` that they must set one up first.
 */
function elementFor(req: unknown): { kind: ElementKind } | { problem: string } {
  const challenge = requirementTypes(req, 'challenge');
  const enroll = requirementTypes(req, 'enroll');
  const handled = (types: string[] | null): boolean => types?.some((type) => HANDLED_FACTORS.includes(type)) ?? false;
  if (handled(challenge)) return { kind: 'verify' };
  if (handled(enroll)) return { kind: 'enroll' };
  if (challenge) return { problem: `The tenant asks for a challenge with ${challenge.join(', ')}, none of ${HANDLED_FACTORS.join(', ')}.` };
  if (enroll) return { problem: `The tenant offers enrollment for ${enroll.join(', ')}, none of ${HANDLED_FACTORS.join(', ')}.` };
  return { problem: 'The mfa_required answer has no mfa_requirements to choose an element by.' };
}

signinForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void signIn();
});

async function signIn(): Promise<void> {
  if (!TENANT_URL) return;
  const email = emailInput.value.trim();
  signinButton.disabled = true;
  signinAgainButton.disabled = true;
  signinForm.setAttribute('aria-busy', 'true');
  setStatus(signinStatus, `Signing in as ${email}…`);
  signinResult.hidden = true;
  try {
    const answer = await passwordGrant(
      TENANT_URL,
      {
        username: email,
        password: passwordInput.value,
        client_id: DEMO_CLIENT_ID,
        scope: DEMO_SCOPE,
      },
      signinStatus,
    );
    if (!answer) return;
    const { response: res, data } = answer;
    renderSigninResult(res.status, data);

    if (data.error === 'mfa_required' && typeof data.mfa_token === 'string') {
      const choice = elementFor(data.mfa_requirements);
      if ('problem' in choice) {
        setStatus(signinStatus, choice.problem, 'error');
        return;
      }
      const { kind } = choice;
      const mounted = await mountElement(
        kind === 'verify'
          ? { kind, domain: TENANT_URL, clientId: DEMO_CLIENT_ID, mfaToken: data.mfa_token }
          : { kind, domain: TENANT_URL, clientId: DEMO_CLIENT_ID, mfaToken: data.mfa_token, email },
      );
      if (!mounted) {
        if (!loadError.hidden) setStatus(signinStatus, `Got an mfa_token, but <${TAGS[kind]}> did not load (see step 2).`, 'error');
        return;
      }
      session = { base: TENANT_URL, token: data.mfa_token, kind: 'mfa_token' };
      signedInEmail = email;
      addNote(`signed in as ${email}; mfa_required (${kind === 'verify' ? 'challenge' : 'enroll'}): mfa_token handed to <${TAGS[kind]}>`);
      setStatus(
        signinStatus,
        kind === 'verify'
          ? `MFA required: ${email} already has a second factor, so the tenant asks for a challenge. The mfa_token was handed to <mfa-otp-verify>: continue in step 2.`
          : `MFA required: ${email} has no second factor yet, so the tenant asks for an enrollment. The mfa_token was handed to <mfa-otp-enroll>: continue in step 2.`,
        'ok',
      );
      elementHeading.focus();
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
    signinAgainButton.disabled = false;
    signinForm.removeAttribute('aria-busy');
  }
}

// ---------------------------------------------------------------------------------------------
// Panel 2: the outcome, sign in again, reset

function clearOutcome(): void {
  setStatus(outcomeStatus, '');
  signinAgainButton.hidden = true;
}

/** After enrolling or signing in: say so, and offer the next sign-in as the same user. */
function showOutcome(message: string): void {
  setStatus(outcomeStatus, message, 'ok');
  if (TENANT_URL && signedInEmail) {
    signinAgainButton.textContent = `Sign in again as ${signedInEmail}`;
    signinAgainButton.hidden = false;
  }
}

/** How the user proved it's them, in words. */
function methodText(method: unknown): string {
  if (method === 'otp') return ' with the code from the authenticator app.';
  if (method === 'sms') return ' with the code sent by text message.';
  if (method === 'voice') return ' with the code read out by a voice call.';
  if (method === 'email') return ' with the code sent by email.';
  if (method === 'recovery-code') return ' with the saved recovery code, which is spent now: the new one just saved replaces it.';
  return '.';
}

signinAgainButton.addEventListener('click', () => {
  if (!signedInEmail) return;
  emailInput.value = signedInEmail;
  void signIn();
});

resetButton.addEventListener('click', () => {
  try {
    current.reset();
    addNote(`reset() called on <${TAGS[currentKind]}>`);
  } catch (err) {
    addNote(`reset() failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  session = null;
  hideAuthenticators();
  clearOutcome();
});

// ---------------------------------------------------------------------------------------------
// Panel 3: event log and the authenticators check

for (const type of EVENTS) {
  // The events bubble and are composed: one listener on the host survives element replacement.
  elementHost.addEventListener(type, (event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    addEvent(type, detail);
    if (type === 'enrolled') {
      const factor = factorText((detail as { factor?: unknown } | null)?.factor);
      showOutcome(
        signedInEmail
          ? `Enrolled: ${signedInEmail} has ${factor} now. Sign in again as the same user to try <mfa-otp-verify>.`
          : `Enrolled: the user has ${factor} now.`,
      );
      void checkAuthenticators();
    } else if (type === 'verified') {
      const { method } = detail as VerifiedDetail;
      showOutcome(`Signed in (${String(method)})${signedInEmail ? ` as ${signedInEmail}` : ''}${methodText(method)}`);
    }
  });
}

function hideAuthenticators(): void {
  authenticatorsBox.hidden = true;
  authenticatorsTable.replaceChildren();
  setStatus(authenticatorsStatus, '');
}

/** What the user enrolled, in words, from `enrolled`'s `factor`. */
function factorText(factor: unknown): string {
  if (factor === 'sms') return 'a phone for text messages';
  if (factor === 'voice') return 'a phone for voice calls';
  if (factor === 'email') return 'an email address for codes';
  if (factor === 'otp') return 'an authenticator app';
  return 'a second factor';
}

interface Authenticator {
  id?: unknown;
  authenticator_type?: unknown;
  oob_channel?: unknown;
  name?: unknown;
  active?: unknown;
}

/** "otp", or "oob (sms)" for a phone's row. */
function typeText(a: Authenticator): string {
  const type = String(a.authenticator_type ?? '');
  return typeof a.oob_channel === 'string' ? `${type} (${a.oob_channel})` : type;
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
    // The recovery code is no factor of its own: the enrollment made an app, a phone or an email active.
    const active = list.filter((a) => a.active === true && a.authenticator_type !== 'recovery-code').map(typeText);
    setStatus(
      authenticatorsStatus,
      active.length > 0
        ? `GET /mfa/authenticators: active: ${active.join(', ')} (${list.length} listed).`
        : `GET /mfa/authenticators: no active factor (${list.length} listed).`,
      active.length > 0 ? 'ok' : 'error',
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
  for (const label of ['ID', 'Type', 'Name', 'Active']) {
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
        h('td', { text: typeText(a) }),
        h('td', { text: typeof a.name === 'string' ? a.name : '' }),
        h('td', { className: active ? 'yes' : 'no', text: active ? 'true' : 'false' }),
      ),
    );
  }
  if (list.length === 0) {
    const td = h('td', { text: 'No authenticators.' });
    td.colSpan = 4;
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
  const kind: ElementKind = new FormData(realForm).get('element') === 'verify' ? 'verify' : 'enroll';
  if (!domain || !clientId) {
    setStatus(realStatus, 'Fill in the domain and the client ID.', 'error');
    return;
  }
  if (kind === 'verify' && (!mfaToken || accessToken)) {
    setStatus(realStatus, 'Signing in with <mfa-otp-verify> takes an mfa_token (from an mfa_required answer with a challenge), not an access token.', 'error');
    realMfaToken.focus();
    return;
  }
  if (Boolean(mfaToken) === Boolean(accessToken)) {
    setStatus(realStatus, 'Paste exactly one token: an mfa_token or an MFA API access token.', 'error');
    (mfaToken ? realAccessToken : realMfaToken).focus();
    return;
  }
  const config: MountConfig =
    kind === 'verify'
      ? { kind, domain, clientId, mfaToken }
      : mfaToken
        ? { kind, domain, clientId, mfaToken }
        : { kind, domain, clientId, accessToken };
  const mounted = await mountElement(config);
  if (!mounted) {
    if (!loadError.hidden) setStatus(realStatus, `<${TAGS[kind]}> did not load (see step 2).`, 'error');
    return;
  }
  session = mfaToken
    ? { base: toBaseUrl(domain), token: mfaToken, kind: 'mfa_token' }
    : { base: toBaseUrl(domain), token: accessToken, kind: 'access token' };
  signedInEmail = '';
  realMfaToken.value = '';
  realAccessToken.value = '';
  setStatus(
    realStatus,
    `Applied: <${TAGS[kind]}> now talks to ${toBaseUrl(domain)} with your ${session.kind}. Continue in step 2.`,
    'ok',
  );
  addNote(`<${TAGS[kind]}> pointed at ${toBaseUrl(domain)} (${session.kind})`);
  elementHeading.focus();
}
