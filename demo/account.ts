// The account-settings demo page: a signed-in user manages their authenticator apps, phones,
// emails and recovery code with <mfa-authenticators>, through Auth0's My Account API. CSP-safe: no innerHTML, no
// inline styles; DOM is built with createElement/textContent. Tokens are never written to the
// DOM (only a redacted prefix in the event log); recovery codes and secrets never at all.
//
// Sign-in as an app does it: the password grant asks for the My Account audience and the scopes
// the element needs. A user without a factor gets the access token at once (to enroll a first
// one); an enrolled user gets `mfa_required` with a challenge, <mfa-otp-verify> takes a code (the
// app's, or one sent by text, call or email), and its `verified` event carries the access token.

// Types only: the elements' modules are loaded at run time (below), so a missing or broken
// element cannot take the rest of the page down with it.
import type { MfaAuthenticators } from '../src/authenticators/define.ts';
import type { MfaOtpVerify, VerifiedDetail } from '../src/verify/define.ts';
import { defaultGuardianUrl, guardianPanel } from './shared/guardian.ts';
import { defaultOutboxUrl, messagesPanel } from './shared/messages.ts';
import { $, eventLog, passwordGrant, randomEmail, requirementTypes, setStatus } from './shared/page.ts';

/** Set by demo/serve.js through Vite `define`; absent when the page is served some other way. */
declare const __TENANT_URL__: string | undefined;

const DEMO_CLIENT_ID = 'demo-spa-client';
/**
 * What <mfa-authenticators> needs: list, remove, and add (an app, a phone, an email, a new
 * recovery code), and read the factors the tenant enables, which decide what it offers (without
 * that scope, GET /me/v1/factors answers 403 and the element offers what its `factors`
 * attribute lists).
 */
const MY_ACCOUNT_SCOPE = 'read:me:authentication_methods delete:me:authentication_methods create:me:authentication_methods read:me:factors';
/** The `mfa_requirements` factor types <mfa-otp-verify> signs in with (push-notification is not one of them). */
const HANDLED_FACTORS = ['otp', 'phone', 'email'];
const MANAGE_EVENTS = ['authenticator-added', 'authenticator-removed', 'recovery-code-regenerated', 'authenticators-error'] as const;
const VERIFY_EVENTS = ['verified', 'verify-error'] as const;

const TENANT_URL: string | null =
  typeof __TENANT_URL__ === 'string' && __TENANT_URL__ !== '' ? __TENANT_URL__.replace(/\/+$/, '') : null;
/** The My Account API's audience: `https://{domain}/me/`, here on the stand-in's base URL. */
const MY_ACCOUNT_AUDIENCE = TENANT_URL ? `${TENANT_URL}/me/` : '';

// ---------------------------------------------------------------------------------------------
// Page elements

const tenantUrlOut = $<HTMLElement>('tenant-url');
const signinForm = $<HTMLFormElement>('signin-form');
const signinButton = $<HTMLButtonElement>('signin-button');
const emailInput = $<HTMLInputElement>('email');
const passwordInput = $<HTMLInputElement>('password');
const freshUserButton = $<HTMLButtonElement>('fresh-user');
const signoutButton = $<HTMLButtonElement>('signout-button');
const signinStatus = $<HTMLElement>('signin-status');
const verifyBox = $<HTMLElement>('verify-box');
const verifyTitle = $<HTMLElement>('verify-title');
const verifyHost = $<HTMLElement>('verify-host');

const manageTitle = $<HTMLElement>('manage-title');
const manageHost = $<HTMLElement>('manage-host');
const stepOut = $<HTMLElement>('step-value');
const loadError = $<HTMLElement>('element-load-error');

const { addEvent, addNote } = eventLog($<HTMLOListElement>('event-log'), $<HTMLElement>('event-log-empty'), $<HTMLButtonElement>('clear-log'));

const manager = manageHost.querySelector('mfa-authenticators') as MfaAuthenticators;
/** Who is signed in: the email the last token is for. */
let signedInEmail = '';
/** Counts sign-ins, so that a slower, older one never hands over its token after a newer one. */
let signIns = 0;

// ---------------------------------------------------------------------------------------------
// The elements: <mfa-authenticators> (its entry registers <mfa-otp-enroll> too, for the inline
// enrollment) at once, <mfa-otp-verify> the first time a user needs it, as a host would.

function showLoadError(tag: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  loadError.textContent = `The <${tag}> element could not be loaded: ${message}`;
  loadError.hidden = false;
}

// The modules' exports are used on purpose: the package declares side effects for dist/ only, so a
// bundler building from src/ may drop a dynamic import whose namespace nothing reads, registration
// and all. The manage entry imports the enroll entry for the inline enrollment; it is named here too.
const managerReady: Promise<boolean> = Promise.all([import('../src/authenticators/define.ts'), import('../src/enroll/define.ts')])
  .then(([manage, enroll]) => Promise.all([customElements.whenDefined(manage.AUTHENTICATORS_TAG_NAME), customElements.whenDefined(enroll.TAG_NAME)]))
  .then(
    () => true,
    (err: unknown) => {
      showLoadError('mfa-authenticators', err);
      stepOut.textContent = 'not loaded';
      return false;
    },
  );

let verifyReady: Promise<boolean> | undefined;
function loadVerify(): Promise<boolean> {
  verifyReady ??= import('../src/verify/define.ts')
    .then((verify) => customElements.whenDefined(verify.VERIFY_TAG_NAME))
    .then(
      () => true,
      (err: unknown) => {
        showLoadError('mfa-otp-verify', err);
        return false;
      },
    );
  return verifyReady;
}

function showStep(): void {
  if (!customElements.get('mfa-authenticators')) return;
  stepOut.textContent = manager.getAttribute('step') ?? 'idle';
}
new MutationObserver(showStep).observe(manager, { attributes: true, attributeFilter: ['step'] });
void managerReady.then((ok) => {
  if (ok) showStep();
});

// ---------------------------------------------------------------------------------------------
// Panel 1: sign in against the stand-in tenant

tenantUrlOut.textContent = TENANT_URL ?? 'not configured (start the demo with npm start)';
// The codes the stand-in "sent" by text, call or email, in its outbox (the panel stays hidden without it).
if (TENANT_URL) messagesPanel($<HTMLElement>('messages'), { outboxUrl: defaultOutboxUrl(TENANT_URL) });
// The push enrollments and sign-in requests waiting in the stand-in's pretend Guardian app, for a newcomer with no phone.
if (TENANT_URL) guardianPanel($<HTMLElement>('guardian'), { guardianUrl: defaultGuardianUrl(TENANT_URL) });
if (!TENANT_URL) {
  signinButton.disabled = true;
  freshUserButton.disabled = true;
  setStatus(signinStatus, 'No stand-in tenant: this page was not served by demo/serve.js. Run `npm start`.', 'error');
}

freshUserButton.addEventListener('click', () => {
  emailInput.value = randomEmail();
  setStatus(signinStatus, `Email set to ${emailInput.value}, a user with no factor yet. Press “Sign in”.`);
  emailInput.focus();
});

signinForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void signIn();
});

signoutButton.addEventListener('click', () => {
  signIns++;
  removeVerify();
  manager.reset(); // forgets the list and the token
  manager.email = '';
  addNote(`signed out ${signedInEmail}: reset() called on <mfa-authenticators>`);
  signedInEmail = '';
  signoutButton.hidden = true;
  setStatus(signinStatus, 'Signed out. The access token is forgotten.');
  emailInput.focus();
});

async function signIn(): Promise<void> {
  if (!TENANT_URL) return;
  const email = emailInput.value.trim();
  const attempt = ++signIns;
  removeVerify();
  signinButton.disabled = true;
  signinForm.setAttribute('aria-busy', 'true');
  setStatus(signinStatus, `Signing in as ${email}…`);
  try {
    const answer = await passwordGrant(
      TENANT_URL,
      {
        username: email,
        password: passwordInput.value,
        client_id: DEMO_CLIENT_ID,
        audience: MY_ACCOUNT_AUDIENCE,
        scope: MY_ACCOUNT_SCOPE,
      },
      signinStatus,
    );
    if (!answer) return;
    const { response: res, data } = answer;
    if (attempt !== signIns) return;

    if (res.ok && typeof data.access_token === 'string') {
      addNote(`signed in as ${email}: no factor yet, so the tenant answered a My Account token at once`);
      await handOver(email, data.access_token, 'No factor yet: the tenant answered the My Account token at once.');
      return;
    }
    if (data.error === 'mfa_required' && typeof data.mfa_token === 'string') {
      const types = requirementTypes(data.mfa_requirements, 'challenge');
      if (!types?.some((type) => HANDLED_FACTORS.includes(type))) {
        setStatus(signinStatus, `The tenant asks for ${JSON.stringify(data.mfa_requirements ?? null)}, which this page does not handle.`, 'error');
        return;
      }
      await showVerify(email, data.mfa_token, attempt);
      return;
    }
    const description = typeof data.error_description === 'string' ? data.error_description : res.statusText;
    setStatus(signinStatus, `Sign-in failed: ${description || `HTTP ${res.status}`}`, 'error');
  } finally {
    signinButton.disabled = false;
    signinForm.removeAttribute('aria-busy');
  }
}

/** An enrolled user: <mfa-otp-verify> with the mfa_token; its `verified` event hands the token over. */
async function showVerify(email: string, mfaToken: string, attempt: number): Promise<void> {
  if (!(await loadVerify()) || attempt !== signIns) {
    if (attempt === signIns) setStatus(signinStatus, 'Got an mfa_token, but <mfa-otp-verify> did not load.', 'error');
    return;
  }
  const verify = document.createElement('mfa-otp-verify') as MfaOtpVerify;
  verify.domain = TENANT_URL!;
  verify.clientId = DEMO_CLIENT_ID;
  verify.mfaToken = mfaToken;
  verify.addEventListener('verified', (event) => {
    const { accessToken, method } = event.detail as VerifiedDetail;
    if (attempt !== signIns) return;
    if (!accessToken) {
      setStatus(signinStatus, 'Verified, but the answer has no access token.', 'error');
      return;
    }
    removeVerify();
    void handOver(email, accessToken, `Verified (${method}).`);
  });
  verifyHost.replaceChildren(verify);
  verifyBox.hidden = false;
  addNote(`signed in as ${email}: mfa_required (challenge), mfa_token handed to <mfa-otp-verify>`);
  setStatus(signinStatus, `${email} has a second factor: type its code below (a code sent by text, call or email shows in the Messages panel) to get the My Account token.`, 'ok');
  verifyTitle.focus();
}

function removeVerify(): void {
  verifyHost.replaceChildren();
  verifyBox.hidden = true;
}

/** The access token goes to <mfa-authenticators> as a property: never an attribute, never shown. */
async function handOver(email: string, accessToken: string, how: string): Promise<void> {
  if (!(await managerReady)) {
    setStatus(signinStatus, 'Got a My Account token, but <mfa-authenticators> did not load.', 'error');
    return;
  }
  manager.domain = TENANT_URL!;
  manager.accessToken = accessToken;
  // The address the user signs in with: adding an email starts from it (a property, never an attribute).
  manager.email = email;
  signedInEmail = email;
  signoutButton.hidden = false;
  addNote(`My Account token handed to <mfa-authenticators> for ${email}`);
  setStatus(signinStatus, `Signed in as ${email}. ${how} Manage the sign-in methods in step 2.`, 'ok');
  manageTitle.focus();
}

// ---------------------------------------------------------------------------------------------
// Panel 3: the event log

for (const type of MANAGE_EVENTS) {
  manager.addEventListener(type, (event) => addEvent(type, (event as CustomEvent<unknown>).detail));
}
for (const type of VERIFY_EVENTS) {
  // They bubble and are composed: one listener on the host outlives each <mfa-otp-verify>.
  verifyHost.addEventListener(type, (event) => addEvent(type, (event as CustomEvent<unknown>).detail));
}
