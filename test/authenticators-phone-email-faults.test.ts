// What can go wrong for <mfa-authenticators> with phones and emails, through the stand-in over
// real HTTP: every fault on removing a phone (the confirmation stays, with a message and an
// `authenticators-error`, and Yes tries again), and on reading the tenant's factors (never an
// error: the list loads and the host's factors are offered).
import { expect, waitUntil } from '@open-wc/testing';
import type { AuthenticatorsErrorDetail } from '../src/authenticators/define.js';
import {
  askToRemove,
  holdingRequests,
  manageError,
  manageErrorText,
  offeredAdds as offered,
  ofType,
  part,
  renderManage,
  rowOf,
  rows,
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
  clearFaults,
  createTenant,
  expireTokens,
  listedMethods,
  myAccountProblem as problem,
  untilRequests,
  type Fault,
  type TestTenant,
} from './helpers/tenant.js';

type Answer = Omit<Fault, 'path' | 'method'>;
const DELETE = { method: 'DELETE', path: '/me/v1/authentication-methods/*' } as const;
const FACTORS = { method: 'GET', path: '/me/v1/factors' } as const;
const PHONE = '+15551238730';


/** A user with an app and a phone; Remove on the phone and Yes, with `answer` queued for the DELETE. */
async function failingPhoneRemoval(tenant: TestTenant, answer: Answer | 'expired', options: ManageOptions = {}) {
  const user = await enrolledUser(tenant);
  const phone = await addMethod(tenant, user.email, { type: 'phone', phone_number: PHONE });
  const widget = await renderManage(tenant, { user, ...options });
  await untilStep(widget.el, 'list');
  await askToRemove(widget.el, rowOf(widget.el, phone.id));
  if (answer === 'expired') await expireTokens(tenant);
  else await addFault(tenant, { ...DELETE, ...answer });
  part<HTMLButtonElement>(widget.el, 'confirm-remove')!.click();
  const detail = await manageError(widget);
  expect(detail.step).to.equal('removing');
  expect(manageErrorText(widget.el)).to.equal(detail.message);
  expect(ofType(widget.events, 'authenticator-removed')).to.deep.equal([]);
  expect((await listedMethods(tenant, user.email)).map((m) => m.id), 'still on the tenant').to.include(phone.id);
  return { ...widget, phone, detail };
}

/** The confirmation for the phone is still there, and Yes removes it once the tenant answers. */
async function yesAgainRemoves(widget: ManageWidget & { phone: { id: string }; detail: AuthenticatorsErrorDetail }, tenant: TestTenant): Promise<void> {
  const { el, events, phone } = widget;
  await untilStep(el, 'confirm-remove');
  const row = rowOf(el, phone.id);
  expect(row.querySelector('[part~="confirm-remove"]'), 'the confirmation stays on the phone').not.to.equal(null);
  expect(part(el, 'retry') === null, 'Yes, remove is the way to try again').to.equal(true);
  await clearFaults(tenant);
  part<HTMLButtonElement>(el, 'confirm-remove')!.click();
  await untilEvent(events, 'authenticator-removed');
  await untilStep(el, 'list');
  expect(rows(el).map((r) => r.id)).not.to.include(phone.id);
  expect(manageErrorText(el)).to.equal('');
}

describe('<mfa-authenticators>: faults while removing a phone', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('a 503: server, the confirmation stays, Yes again removes it', async () => {
    const widget = await failingPhoneRemoval(tenant, { status: 503, body: '<h1>Service Unavailable</h1>' });
    expect(widget.detail).to.include({ code: 'server', status: 503, retryable: true });
    await yesAgainRemoves(widget, tenant);
  });

  it('a dropped connection: network, the confirmation stays, Yes again removes it', async () => {
    const widget = await failingPhoneRemoval(tenant, { drop: true, times: 10 });
    expect(widget.detail).to.include({ code: 'network', retryable: true });
    await yesAgainRemoves(widget, tenant);
  });

  it('an answer that never comes: timeout, the confirmation stays, Yes again removes it', async () => {
    const widget = await failingPhoneRemoval(tenant, { status: 204, hang: true }, { timeout: 800 });
    expect(widget.detail).to.include({ code: 'timeout', retryable: true });
    expect(manageErrorText(widget.el)).to.contain('took too long');
    await yesAgainRemoves(widget, tenant);
  });

  it('429 with Retry-After: rate_limited with the wait, the confirmation stays', async () => {
    const widget = await failingPhoneRemoval(tenant, { ...problem(429, 'Too many requests.'), headers: { 'Retry-After': '30', 'Content-Type': 'application/problem+json' } });
    expect(widget.detail).to.include({ code: 'rate_limited', status: 429, retryable: true, retryAfter: 30 });
    await untilStep(widget.el, 'confirm-remove');
  });

  it('an expired token: expired_token, the error step (a new token is needed)', async () => {
    const widget = await failingPhoneRemoval(tenant, 'expired');
    expect(widget.detail).to.include({ code: 'expired_token', status: 401, retryable: false });
    await untilStep(widget.el, 'error');
    expect(manageErrorText(widget.el)).to.contain('session has expired');
  });

  it('a hostile problem detail: shown as text, nothing rendered from it', async () => {
    const widget = await failingPhoneRemoval(tenant, problem(404, HOSTILE));
    expect(widget.detail).to.include({ code: 'request_failed', status: 404, description: HOSTILE });
    expect(manageErrorText(widget.el)).to.contain(HOSTILE);
    expect(widget.el.shadowRoot!.querySelector('img, script, b, iframe') === null).to.equal(true);
    expect(pwned()).to.equal(false);
  });

  it('a 400 for a phone: Auth0 keeps it, so the row stays without Remove (not asked again)', async () => {
    const widget = await failingPhoneRemoval(tenant, problem(400, 'This authentication method cannot be deleted.'));
    expect(widget.detail).to.include({ code: 'request_failed', status: 400, retryable: false });
    await untilStep(widget.el, 'list');
    expect(rows(widget.el).find((r) => r.id === widget.phone.id)!.removable).to.equal(false);
    expect(manageErrorText(widget.el)).to.contain('(This authentication method cannot be deleted.)');
  });
});

describe('<mfa-authenticators>: faults while reading the tenant’s factors', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    // The tenant enables only the app: the host's list (app, phone, email) shows when its factors can't be read.
    tenant = await createTenant({ factors: ['otp'] });
  });

  /** The element with `answer` queued for GET /me/v1/factors: the list loads, with the host's factors and no error. */
  async function listDespite(answer: Answer, options: ManageOptions = {}): Promise<ManageWidget> {
    await addFault(tenant, { ...FACTORS, ...answer });
    const widget = await renderManage(tenant, { factors: 'otp sms email', ...options });
    await untilStep(widget.el, 'list');
    await untilRequests(tenant, 'GET', '/me/v1/factors');
    expect(rows(widget.el).map((r) => r.name)).to.deep.equal(['Password', 'Authenticator app', 'Recovery code']);
    expect(offered(widget.el), 'the host’s factors').to.deep.equal(['add', 'add-phone', 'add-email']);
    expect(ofType(widget.events, 'authenticators-error'), 'the list is what matters: no error').to.deep.equal([]);
    expect(manageErrorText(widget.el)).to.equal('');
    return widget;
  }

  const answers: [string, Answer][] = [
    ['a 503', { status: 503, body: '' }],
    ['a 500 with an HTML body', { status: 500, body: '<h1>Internal Server Error</h1>' }],
    ['a 429 with Retry-After', { ...problem(429, 'Too many requests.'), headers: { 'Retry-After': '30' } }],
    ['a dropped connection', { drop: true, times: 10 }],
    ['a 200 that is not JSON', { status: 200, body: 'OK' }],
    ['a 200 without factors', { status: 200, body: JSON.stringify({ authentication_methods: [] }) }],
    ['a 401 problem', problem(401, 'The access token has expired.')],
    ['a 403 for the scope (a token that did not say it lacks it)', problem(403, 'Insufficient scope, expected any of: read:me:factors')],
  ];
  for (const [what, answer] of answers) {
    it(`${what}: the list loads, the host’s factors are offered, no error`, async () => {
      await listDespite(answer);
    });
  }

  it('an answer that never comes: the list loads meanwhile, with the host’s factors, and works', async () => {
    // Straight to the network: the list must not wait for the factors here.
    const widget = await listDespite({ status: 200, hang: true }, { timeout: 800, fetch: (input, init) => globalThis.fetch(input, init) });
    // The load itself is done: a button of the list works while the factors call is still out.
    part<HTMLButtonElement>(widget.el, 'add-email')!.click();
    await untilStep(widget.el, 'adding');
  });

  it('hostile factor types: ignored as unknown, the known ones offered, nothing rendered from them', async () => {
    await addFault(tenant, { ...FACTORS, status: 200, body: JSON.stringify({ factors: [{ type: HOSTILE }, { type: 'email' }, null, 7] }) });
    const widget = await renderManage(tenant, { factors: 'otp sms' });
    await untilStep(widget.el, 'list');
    await waitUntil(() => offered(widget.el).join() === 'add-email', `offered ${offered(widget.el).join()}`);
    expect(widget.el.shadowRoot!.innerHTML).not.to.contain('<img');
    expect(pwned()).to.equal(false);
  });

  it('held until the list is on screen: the host’s factors meanwhile, the tenant’s once it answers', async () => {
    const seam = holdingRequests();
    seam.hold((url) => url.pathname.endsWith('/me/v1/factors'));
    const widget = await renderManage(tenant, { factors: 'otp sms email', fetch: seam.fetch });
    await untilStep(widget.el, 'list');
    expect(seam.held).to.equal(1);
    expect(offered(widget.el)).to.deep.equal(['add', 'add-phone', 'add-email']);
    seam.release();
    await waitUntil(() => offered(widget.el).length === 1, 'the tenant’s factors never came');
    expect(offered(widget.el)).to.deep.equal(['add']);
    expect(ofType(widget.events, 'authenticators-error')).to.deep.equal([]);
  });
});
