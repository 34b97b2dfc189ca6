// What can go wrong for <mfa-authenticators>, through the stand-in tenant over real HTTP: tokens
// without the scope an action needs (real tokens with exactly the scopes asked), expired and
// invalid tokens, and every fault a server or network can throw at each of its requests. Each
// gets a visible message, an `authenticators-error` with a stable code, and a way on; a refused
// action keeps what the user was doing on screen. (Nothing escaping as an uncaught error is
// checked after every test by the helpers.)
import { expect } from '@open-wc/testing';
import type { AuthenticatorsErrorDetail } from '../src/authenticators/define.js';
import {
  askForNewRecoveryCode,
  askToRemove,
  holdingRequests,
  inlineEnroll,
  manageError,
  manageErrorText,
  part,
  ofType,
  renderManage,
  rowOfType,
  rows,
  saveAndFinish,
  shownRecoveryCode,
  untilEvent,
  untilStep,
  type ManageOptions,
  type ManageWidget,
} from './helpers/authenticators.js';
import { enrolledUser } from './helpers/enrolled-user.js';
import { HOSTILE_HTML as HOSTILE, pwned } from './helpers/fixtures.js';
import {
  addFault,
  addMethod,
  allRequests,
  clearFaults,
  createTenant,
  expireTokens,
  listedMethods,
  myAccountProblem as problem,
  MY_ACCOUNT_SCOPES as SCOPES,
  newEmail,
  signIn,
  tenantUrl,
  userState,
  type Fault,
  type TestTenant,
} from './helpers/tenant.js';

type Answer = Omit<Fault, 'path' | 'method'>;
const LIST = { method: 'GET', path: '/me/v1/authentication-methods' } as const;
const DELETE = { method: 'DELETE', path: '/me/v1/authentication-methods/*' } as const;
const START = { method: 'POST', path: '/me/v1/authentication-methods' } as const;
const VERIFY = { method: 'POST', path: '/me/v1/authentication-methods/*' } as const;

const insufficient = (scope: string) => `Insufficient scope, expected any of: ${scope}`;

/** Renders the element with `answer` (if any) queued for the list, and waits for the failed load. */
async function failingLoad(tenant: TestTenant, answer: Answer | undefined, options: ManageOptions = {}): Promise<ManageWidget & { detail: AuthenticatorsErrorDetail }> {
  if (answer) await addFault(tenant, { ...LIST, ...answer });
  const widget = await renderManage(tenant, options);
  const detail = await manageError(widget);
  await untilStep(widget.el, 'error');
  expect(detail.step).to.equal('loading');
  expect(manageErrorText(widget.el)).to.equal(detail.message);
  expect(part(widget.el, 'list') === null, 'nothing listed').to.equal(true);
  expect(part(widget.el, 'add') === null, 'nothing to do').to.equal(true);
  return { ...widget, detail };
}

/** Try again, and the list loads. */
async function retryWorks(widget: ManageWidget): Promise<void> {
  part<HTMLButtonElement>(widget.el, 'retry')!.click();
  await untilStep(widget.el, 'list');
  expect(manageErrorText(widget.el)).to.equal('');
}

/** The list, then Remove on the app and Yes, with `answer` queued for the DELETE. */
async function failingRemove(tenant: TestTenant, answer: Answer, options: ManageOptions = {}): Promise<ManageWidget & { detail: AuthenticatorsErrorDetail }> {
  const widget = await renderManage(tenant, options);
  await untilStep(widget.el, 'list');
  await askToRemove(widget.el, rowOfType(widget.el, 'totp'));
  await addFault(tenant, { ...DELETE, ...answer });
  part<HTMLButtonElement>(widget.el, 'confirm-remove')!.click();
  const detail = await manageError(widget);
  expect(detail.step).to.equal('removing');
  expect(manageErrorText(widget.el)).to.equal(detail.message);
  return { ...widget, detail };
}

describe('<mfa-authenticators>: tokens without the scope an action needs', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it(`a read-only token lists, but Remove is refused naming ${SCOPES.delete}: the confirmation stays, with the message`, async () => {
    const widget = await renderManage(tenant, { scope: SCOPES.read });
    const { el, user } = widget;
    await untilStep(el, 'list');
    expect(rows(el).map((r) => r.name)).to.deep.equal(['Password', 'Authenticator app', 'Recovery code']);
    const row = rowOfType(el, 'totp');
    await askToRemove(el, row);
    part<HTMLButtonElement>(el, 'confirm-remove')!.click();
    const detail = await manageError(widget);
    expect(detail).to.include({ code: 'insufficient_scope', status: 403, step: 'removing', retryable: false, description: insufficient(SCOPES.delete) });
    expect(detail.message).to.contain(SCOPES.delete);
    await untilStep(el, 'confirm-remove');
    expect(manageErrorText(el)).to.equal(detail.message);
    expect(manageErrorText(el)).to.contain(`lacks the permission ${SCOPES.delete}`);
    expect(row.querySelector('[part~="confirm-remove"]'), 'the confirmation is still there').not.to.equal(null);
    expect(row.querySelector('[part~="cancel-remove"]')).not.to.equal(null);
    expect(part(el, 'retry') === null).to.equal(true);
    expect((await userState(tenant, user!.email)).authenticators.some((a) => a.authenticator_type === 'otp'), 'nothing removed').to.equal(true);

    part<HTMLButtonElement>(el, 'cancel-remove')!.click();
    await untilStep(el, 'list');
    expect(manageErrorText(el)).to.equal('');
  });

  it(`a read-only token: Add shows the enrollment’s refusal naming ${SCOPES.create}, reported as authenticators-error in step adding`, async () => {
    const widget = await renderManage(tenant, { scope: SCOPES.read });
    const { el, events } = widget;
    await untilStep(el, 'list');
    part<HTMLButtonElement>(el, 'add')!.click();
    await untilStep(el, 'adding');
    const detail = await manageError(widget);
    expect(detail).to.include({ code: 'insufficient_scope', status: 403, step: 'adding', retryable: false, description: insufficient(SCOPES.create) });
    expect(detail.message).to.contain(SCOPES.create);
    const inline = inlineEnroll(el);
    await untilStep(inline, 'error');
    expect(part(inline, 'error')!.textContent!.trim()).to.equal(detail.message);
    expect(ofType(events, 'enroll-error'), 'the inline element’s own event stays inside').to.deep.equal([]);
    part<HTMLButtonElement>(el, 'cancel-add')!.click();
    await untilStep(el, 'list');
  });

  it(`a read-only token: a new recovery code is refused naming ${SCOPES.create}; the list stays with the message`, async () => {
    const widget = await renderManage(tenant, { scope: SCOPES.read });
    const { el } = widget;
    await untilStep(el, 'list');
    part<HTMLButtonElement>(el, 'regenerate-recovery-code')!.click();
    const detail = await manageError(widget);
    expect(detail).to.include({ code: 'insufficient_scope', status: 403, step: 'regenerating', retryable: false, description: insufficient(SCOPES.create) });
    await untilStep(el, 'list');
    expect(manageErrorText(el)).to.contain(`lacks the permission ${SCOPES.create}`);
    expect(rows(el).map((r) => r.name)).to.deep.equal(['Password', 'Authenticator app', 'Recovery code']);
    expect(part(el, 'recovery-codes') === null).to.equal(true);
  });

  it(`a token without ${SCOPES.read}: the load fails naming it, no Try again`, async () => {
    const widget = await renderManage(tenant, { scope: `${SCOPES.create} ${SCOPES.delete}` });
    const detail = await manageError(widget);
    expect(detail).to.include({ code: 'insufficient_scope', status: 403, step: 'loading', retryable: false, description: insufficient(SCOPES.read) });
    await untilStep(widget.el, 'error');
    expect(manageErrorText(widget.el)).to.contain(`lacks the permission ${SCOPES.read}`);
    expect(part(widget.el, 'retry') === null).to.equal(true);
  });

  it(`read and delete only: removing works, adding is refused`, async () => {
    const widget = await renderManage(tenant, { scope: `${SCOPES.read} ${SCOPES.delete}` });
    await untilStep(widget.el, 'list');
    await askToRemove(widget.el, rowOfType(widget.el, 'recovery-code'));
    part<HTMLButtonElement>(widget.el, 'confirm-remove')!.click();
    await untilEvent(widget.events, 'authenticator-removed');
    await untilStep(widget.el, 'list');
    part<HTMLButtonElement>(widget.el, 'regenerate-recovery-code')!.click();
    expect((await manageError(widget)).code).to.equal('insufficient_scope');
  });
});

describe('<mfa-authenticators>: tokens', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('an expired token: says the session expired, no Try again; a new token loads the list', async () => {
    const user = await enrolledUser(tenant);
    const { myAccountToken } = await import('./helpers/tenant.js');
    const token = await myAccountToken(tenant, user.email);
    await expireTokens(tenant);
    const widget = await renderManage(tenant, { user, token });
    const detail = await manageError(widget);
    expect(detail).to.include({ code: 'expired_token', status: 401, step: 'loading', retryable: false, description: 'The access token has expired.' });
    await untilStep(widget.el, 'error');
    expect(manageErrorText(widget.el)).to.contain('session has expired');
    expect(part(widget.el, 'retry') === null).to.equal(true);
    widget.el.accessToken = await myAccountToken(tenant, user.email, { expiresIn: 3600 });
    await untilStep(widget.el, 'list');
  });

  it('a token that expires while the list is on screen: Remove ends in the error step', async () => {
    const widget = await renderManage(tenant);
    await untilStep(widget.el, 'list');
    await askToRemove(widget.el, rowOfType(widget.el, 'totp'));
    await expireTokens(tenant);
    part<HTMLButtonElement>(widget.el, 'confirm-remove')!.click();
    const detail = await manageError(widget);
    expect(detail).to.include({ code: 'expired_token', step: 'removing', retryable: false });
    await untilStep(widget.el, 'error');
  });

  it('a token the tenant does not know: invalid_token, no Try again', async () => {
    const { detail, el } = await failingLoad(tenant, undefined, { email: newEmail(), token: 'not-a-token' });
    expect(detail).to.include({ code: 'invalid_token', status: 401, retryable: false, description: 'Missing or invalid token.' });
    expect(manageErrorText(el)).to.contain('not valid');
    expect(part(el, 'retry') === null).to.equal(true);
  });

  it('another API’s token (the MFA API’s): invalid_token', async () => {
    const email = newEmail();
    const { status, body } = await signIn(tenant, email, { audience: `${tenant.base}/mfa/`, scope: 'enroll read:authenticators' });
    expect(status).to.equal(200);
    const { detail } = await failingLoad(tenant, undefined, { email, token: body.access_token as string });
    expect(detail).to.include({ code: 'invalid_token', status: 401, retryable: false });
  });
});

describe('<mfa-authenticators>: faults while loading the list', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('429 with Retry-After: rate_limited with the wait, Try again', async () => {
    const widget = await failingLoad(tenant, { ...problem(429, 'Too many requests.'), headers: { 'Retry-After': '30' } });
    expect(widget.detail).to.include({ code: 'rate_limited', status: 429, retryable: true, retryAfter: 30 });
    expect(manageErrorText(widget.el)).to.contain('Too many attempts');
    expect(part(widget.el, 'retry')).not.to.equal(null);
  });

  const serverErrors: [string, number, string][] = [
    ['503 with an HTML body', 503, '<html><body>Service Unavailable</body></html>'],
    ['500 with an HTML body', 500, '<h1>Internal Server Error</h1>'],
    ['502 with an empty body', 502, ''],
  ];
  for (const [what, status, body] of serverErrors) {
    it(`${what}: a server problem, Try again works`, async () => {
      const widget = await failingLoad(tenant, { status, body });
      expect(widget.detail).to.include({ code: 'server', status, retryable: true });
      expect(widget.detail).not.to.have.property('description');
      expect(widget.detail.message).to.contain('had a problem');
      await retryWorks(widget);
    });
  }

  it('a dropped connection: a retryable network error, then Try again works', async () => {
    // Chromium resends a request once per pooled connection when a reused one drops: drop more often.
    const widget = await failingLoad(tenant, { drop: true, times: 10 });
    expect(widget.detail).to.include({ code: 'network', retryable: true });
    expect(widget.detail).not.to.have.property('status');
    await clearFaults(tenant);
    await retryWorks(widget);
  });

  it('an answer that never comes: a retryable timeout after the configured time', async () => {
    const widget = await failingLoad(tenant, { status: 200, hang: true }, { timeout: 800 });
    expect(widget.detail).to.include({ code: 'timeout', retryable: true });
    expect(manageErrorText(widget.el)).to.contain('took too long');
    await retryWorks(widget);
  });

  it('a CORS refusal (this origin not allowed): a network error with Try again', async () => {
    const closed = await createTenant({ allowedOrigins: ['https://someone-else.example'] });
    const refused = await fetch(`${closed.base}/me/v1/authentication-methods`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused, 'the browser itself refuses this tenant').to.equal('refused');
    const widget = await renderManage(closed, { email: newEmail(), token: 'any' });
    const detail = await manageError(widget);
    expect(detail).to.include({ code: 'network', retryable: true, step: 'loading' });
    expect(detail).not.to.have.property('status');
    expect(part(widget.el, 'retry')).not.to.equal(null);
  });

  it('a problem’s hostile detail is shown as text', async () => {
    const { el, detail } = await failingLoad(tenant, problem(400, HOSTILE));
    expect(detail).to.include({ code: 'request_failed', description: HOSTILE, retryable: false });
    expect(manageErrorText(el)).to.contain(HOSTILE);
    expect(el.shadowRoot!.querySelector('img, script, b') === null).to.equal(true);
    expect(pwned()).to.equal(false);
  });

  it('a hostile method name is shown as text', async () => {
    const user = await enrolledUser(tenant);
    await addMethod(tenant, user.email, { type: 'phone', name: HOSTILE });
    const { el } = await renderManage(tenant, { user });
    await untilStep(el, 'list');
    expect(rows(el).find((r) => r.name.startsWith('Phone'))!.name).to.match(new RegExp(`^Phone \\(${HOSTILE.slice(0, 100).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\) \u2068\\+`));
    expect(el.shadowRoot!.querySelector('img, script, b') === null).to.equal(true);
    expect(pwned()).to.equal(false);
  });

  const method = { id: 'totp|dev_1', type: 'totp', confirmed: true, created_at: '2026-01-05T10:00:00.000Z' };
  const badBodies: [string, string][] = [
    ['200 that is not JSON', 'OK'],
    ['200 HTML', '<html><body>Welcome</body></html>'],
    ['200 JSON null', 'null'],
    ['200 JSON without authentication_methods', JSON.stringify({ methods: [method] })],
    ['authentication_methods as a string', JSON.stringify({ authentication_methods: 'totp' })],
    ['authentication_methods as an object', JSON.stringify({ authentication_methods: { 0: method } })],
    ['a method without an id', JSON.stringify({ authentication_methods: [{ ...method, id: undefined }] })],
    ['a method with a numeric id', JSON.stringify({ authentication_methods: [{ ...method, id: 7 }] })],
    ['a method without a type', JSON.stringify({ authentication_methods: [{ ...method, type: undefined }] })],
    ['a method that is null', JSON.stringify({ authentication_methods: [method, null] })],
    ['101 methods', JSON.stringify({ authentication_methods: Array.from({ length: 101 }, (_, i) => ({ ...method, id: `totp|dev_${i}` })) })],
  ];
  for (const [what, body] of badBodies) {
    it(`${what}: refused as bad_response, nothing listed, Try again`, async () => {
      const widget = await failingLoad(tenant, { status: 200, body });
      expect(widget.detail).to.include({ code: 'bad_response', retryable: true });
      expect(widget.detail.message).to.contain('unexpected answer');
      await retryWorks(widget);
    });
  }

  it('the same shape, well formed, is listed (the cases above change one thing of it)', async () => {
    await addFault(tenant, { ...LIST, status: 200, body: JSON.stringify({ authentication_methods: [method] }) });
    const { el } = await renderManage(tenant, { email: newEmail() });
    await untilStep(el, 'list');
    expect(rows(el).map((r) => r.id)).to.deep.equal(['totp|dev_1']);
  });
});

describe('<mfa-authenticators>: faults while removing', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('a 503: the confirmation stays with the message, and Yes again removes it', async () => {
    const { el, events, detail } = await failingRemove(tenant, { status: 503, body: '' });
    expect(detail).to.include({ code: 'server', status: 503, retryable: true });
    await untilStep(el, 'confirm-remove');
    expect(part(el, 'retry') === null, 'Yes, remove is the way to try again').to.equal(true);
    part<HTMLButtonElement>(el, 'confirm-remove')!.click();
    await untilEvent(events, 'authenticator-removed');
    await untilStep(el, 'list');
    expect(manageErrorText(el)).to.equal('');
  });

  it('a dropped connection: network, the confirmation stays', async () => {
    const { el, detail } = await failingRemove(tenant, { drop: true, times: 10 });
    expect(detail).to.include({ code: 'network', retryable: true });
    await untilStep(el, 'confirm-remove');
  });

  it('an answer that never comes: timeout, the confirmation stays', async () => {
    const { el, detail } = await failingRemove(tenant, { status: 204, hang: true }, { timeout: 800 });
    expect(detail).to.include({ code: 'timeout', retryable: true });
    await untilStep(el, 'confirm-remove');
  });

  it('a method already gone (404): says the server refused it, with its words', async () => {
    const { detail } = await failingRemove(tenant, problem(404, 'Authentication method not found.'));
    expect(detail).to.include({ code: 'request_failed', status: 404, description: 'Authentication method not found.' });
    expect(detail.message).to.contain('(Authentication method not found.)');
  });

  it('removed, but the list fails to load again: authenticator-removed still fires, and the user is not asked again', async () => {
    const widget = await renderManage(tenant);
    const { el, events, user } = widget;
    await untilStep(el, 'list');
    const app = rowOfType(el, 'totp').dataset.id!;
    await askToRemove(el, rowOfType(el, 'totp'));
    await addFault(tenant, { ...LIST, status: 503, body: '' });
    part<HTMLButtonElement>(el, 'confirm-remove')!.click();
    const detail = await manageError(widget);
    expect(detail).to.include({ code: 'server', status: 503 });
    expect((await userState(tenant, user!.email)).authenticators.some((a) => a.id === app), 'removed on the tenant').to.equal(false);
    expect(ofType(events, 'authenticator-removed').map((e) => e.detail.authenticationMethod.id)).to.deep.equal([app]);
    expect(el.step).not.to.equal('confirm-remove');
    expect(part(el, 'confirm-remove') === null, 'not asked to remove it again').to.equal(true);
    expect(rows(el).map((r) => r.id)).not.to.include(app);
  });
});

describe('<mfa-authenticators>: faults while adding and replacing the recovery code', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('the inline enrollment’s server error: authenticators-error in step adding; Cancel goes back to the list', async () => {
    const widget = await renderManage(tenant);
    await untilStep(widget.el, 'list');
    await addFault(tenant, { ...START, status: 500, body: '' });
    part<HTMLButtonElement>(widget.el, 'add')!.click();
    const detail = await manageError(widget);
    expect(detail).to.include({ code: 'server', status: 500, step: 'adding', retryable: true });
    expect(widget.el.step).to.equal('adding');
    part<HTMLButtonElement>(widget.el, 'cancel-add')!.click();
    await untilStep(widget.el, 'list');
  });

  it('starting a new code fails (503): the list stays with the message, and the button tries again', async () => {
    const widget = await renderManage(tenant);
    await untilStep(widget.el, 'list');
    await addFault(tenant, { ...START, status: 503, body: '' });
    part<HTMLButtonElement>(widget.el, 'regenerate-recovery-code')!.click();
    const detail = await manageError(widget);
    expect(detail).to.include({ code: 'server', step: 'regenerating', retryable: true });
    await untilStep(widget.el, 'list');
    part<HTMLButtonElement>(widget.el, 'regenerate-recovery-code')!.click();
    await untilStep(widget.el, 'new-recovery-code');
    expect(manageErrorText(widget.el)).to.equal('');
  });

  for (const [myAccountProblems, said] of [
    ['stand-in', 'Invalid request payload. Authentication method type not supported: recovery-code.'],
    ['auth0-fixtures', 'Invalid request payload input. Authentication method type not supported: recovery-code.'],
  ] as const) {
    it(`a tenant without recovery codes refuses a new one (${myAccountProblems} validation error): request_failed, saying what was invalid`, async () => {
      const noCodes = await createTenant({ recoveryCodes: false, myAccountProblems });
      const widget = await renderManage(noCodes);
      await untilStep(widget.el, 'list');
      part<HTMLButtonElement>(widget.el, 'regenerate-recovery-code')!.click();
      const detail = await manageError(widget);
      expect(detail).to.include({ code: 'request_failed', status: 400, step: 'regenerating', retryable: false, description: said });
      expect(manageErrorText(widget.el)).to.equal(`The server refused the request. (${said})`);
      await untilStep(widget.el, 'list');
    });
  }

  const started = (changes: Record<string, unknown>, location: string | null): Answer => ({
    status: 201,
    body: JSON.stringify({ id: 'recovery-code|dev_f', type: 'recovery-code', auth_session: 'fault-session', recovery_code: 'NEWCODE0NEWCODE0NEWCODE0', ...changes }),
    headers: location === null ? {} : { Location: location },
  });
  const badStarts: [string, (tenant: TestTenant) => Answer][] = [
    ['no recovery_code', (t) => started({ recovery_code: undefined }, `${t.base}/me/v1/authentication-methods/recovery-code%7Cdev_f`)],
    ['a numeric recovery_code', (t) => started({ recovery_code: 1234 }, `${t.base}/me/v1/authentication-methods/recovery-code%7Cdev_f`)],
    ['no auth_session', (t) => started({ auth_session: undefined }, `${t.base}/me/v1/authentication-methods/recovery-code%7Cdev_f`)],
    ['no Location', () => started({}, null)],
  ];
  for (const [what, answer] of badStarts) {
    it(`a new code answered with ${what}: bad_response, no code shown`, async () => {
      const widget = await renderManage(tenant);
      await untilStep(widget.el, 'list');
      await addFault(tenant, { ...START, ...answer(tenant) });
      part<HTMLButtonElement>(widget.el, 'regenerate-recovery-code')!.click();
      const detail = await manageError(widget);
      expect(detail).to.include({ code: 'bad_response', step: 'regenerating' });
      await untilStep(widget.el, 'list');
      expect(part(widget.el, 'recovery-codes') === null).to.equal(true);
    });
  }

  it('a new code whose Location is on another origin: refused, and nothing is ever sent there', async () => {
    const seam = holdingRequests();
    const widget = await renderManage(tenant, { fetch: seam.fetch });
    await untilStep(widget.el, 'list');
    const otherOrigin = tenantUrl.replace('127.0.0.1', 'localhost');
    await addFault(tenant, { ...START, ...started({}, `${otherOrigin}${new URL(tenant.base).pathname}/me/v1/authentication-methods/recovery-code%7Cdev_f`) });
    part<HTMLButtonElement>(widget.el, 'regenerate-recovery-code')!.click();
    const detail = await manageError(widget);
    expect(detail).to.include({ code: 'bad_response', step: 'regenerating' });
    expect(widget.el.shadowRoot!.textContent).not.to.contain('NEWCODE0NEWCODE0NEWCODE0');
    expect(new Set(seam.sent.map((r) => r.url.origin))).to.deep.equal(new Set([new URL(tenantUrl).origin]));
    const verifies = (await allRequests(tenant)).filter((r) => r.path.endsWith('/verify'));
    expect(verifies).to.deep.equal([]);
  });

  it('a failed confirmation keeps the code on screen with the message; Finish again confirms it', async () => {
    const widget = await renderManage(tenant);
    const { el, events, user } = widget;
    await untilStep(el, 'list');
    const code = await askForNewRecoveryCode(el);
    await addFault(tenant, { ...VERIFY, drop: true, times: 10 });
    await saveAndFinish(el);
    const detail = await manageError(widget);
    expect(detail).to.include({ code: 'network', step: 'saving-recovery-code', retryable: true });
    await untilStep(el, 'new-recovery-code');
    expect(shownRecoveryCode(el)).to.equal(code);
    expect((await userState(tenant, user!.email)).recoveryCode).to.equal(user!.recoveryCode);
    await clearFaults(tenant);
    part<HTMLButtonElement>(el, 'finish')!.click();
    await untilEvent(events, 'recovery-code-regenerated');
    expect((await userState(tenant, user!.email)).recoveryCode).to.equal(code);
  });

  it('confirmed, but the list fails to load again: recovery-code-regenerated still fires, and the user is not stuck on the code', async () => {
    const widget = await renderManage(tenant);
    const { el, events, user } = widget;
    await untilStep(el, 'list');
    const code = await askForNewRecoveryCode(el);
    await addFault(tenant, { ...LIST, status: 503, body: '' });
    await saveAndFinish(el);
    const detail = await manageError(widget);
    expect(detail).to.include({ code: 'server', status: 503 });
    expect((await userState(tenant, user!.email)).recoveryCode, 'in force on the tenant').to.equal(code);
    expect(ofType(events, 'recovery-code-regenerated')).to.have.length(1);
    expect(el.step).not.to.equal('new-recovery-code');
    expect(part(el, 'finish') === null, 'no Finish that can only fail now').to.equal(true);
    expect(el.shadowRoot!.textContent).not.to.contain(code);
  });

  it('added, but the list fails to load again: authenticator-added still fires', async () => {
    const widget = await renderManage(tenant, { email: newEmail() });
    const { el, events, email } = widget;
    await untilStep(el, 'list');
    part<HTMLButtonElement>(el, 'add')!.click();
    await untilStep(el, 'adding');
    const inline = inlineEnroll(el);
    await untilStep(inline, 'scan');
    await addFault(tenant, { ...LIST, status: 503, body: '' });
    const { currentCode, typeCode } = await import('./helpers/widget-core.js');
    typeCode(inline, await currentCode(inline));
    const detail = await manageError(widget);
    expect(detail).to.include({ code: 'server', status: 503, step: 'loading' });
    const added = (await listedMethods(tenant, email)).find((m) => m.type === 'totp')!;
    expect(added.confirmed).to.equal(true);
    expect(ofType(events, 'authenticator-added').map((e) => e.detail.authenticationMethod.id)).to.deep.equal([added.id]);
    await untilStep(el, 'list');
    expect(manageErrorText(el)).to.equal(detail.message);
    expect(rows(el).map((r) => r.id), 'the list as it was, with the new app').to.include(added.id);
  });
});
