// <mfa-otp-enroll api="my-account">: an authenticator app added from a signed-in user's settings
// page through Auth0's My Account API (`POST /me/v1/authentication-methods`, then
// `POST {Location}/verify`), against the stand-in tenant over real cross-origin HTTP. Errors are
// problem documents; each becomes a stable code and a visible message.
import { expect, waitUntil } from '@open-wc/testing';
import type { EnrolledDetail, EnrollErrorDetail } from '../src/enroll/events.js';
import { holdingRequests, renderManage, renderMyAccountEnroll, type MyAccountEnrollOptions, type MyAccountEnrollWidget } from './helpers/authenticators.js';
import { renderWidget } from './helpers/widget.js';
import { HOSTILE_HTML as HOSTILE, OTPAUTH_URI, pwned, SECRET } from './helpers/fixtures.js';
import {
  addFault,
  allRequests,
  clearFaults,
  createTenant,
  changeSettings,
  EXPIRED_SESSION_ANSWERS,
  expireAuthSessions,
  expireTokens,
  listedMethods,
  MY_ACCOUNT_SCOPES,
  myAccountToken,
  newEmail,
  tenantUrl,
  userState,
  type Fault,
  type TestTenant,
} from './helpers/tenant.js';
import { currentCode, part, shownSecret, typeCode, untilEvent, untilStep, wrongCode } from './helpers/widget-core.js';

const START = { method: 'POST', path: '/me/v1/authentication-methods' } as const;
const VERIFY = { method: 'POST', path: '/me/v1/authentication-methods/*' } as const;
type Answer = Omit<Fault, 'path' | 'method'>;

/** An RFC 7807 problem document, as the My Account API answers its errors. */
export function problem(status: number, detail: string, extra: Record<string, unknown> = {}): Answer {
  return {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
    body: JSON.stringify({ type: `https://auth0.com/api-errors/A0E-${status}-0001`, status, title: 'Error', detail, ...extra }),
  };
}

/** A started TOTP enrollment's answer, for faults that change one thing of it. */
function started(tenant: TestTenant, changes: Record<string, unknown> = {}, location: string | null = `${tenant.base}/me/v1/authentication-methods/totp%7Cdev_fault`): Answer {
  const body = { id: 'totp|dev_fault', type: 'totp', auth_session: 'session-from-fault', barcode_uri: OTPAUTH_URI, manual_input_code: SECRET, ...changes };
  return { status: 201, body: JSON.stringify(body), headers: location === null ? {} : { Location: location } };
}

/** Renders the element with `answer` queued for the start of the enrollment, and waits for the failure. */
async function failingStart(tenant: TestTenant, answer: Answer, options: MyAccountEnrollOptions = {}): Promise<MyAccountEnrollWidget & { detail: EnrollErrorDetail }> {
  await addFault(tenant, { ...START, ...answer });
  const widget = await renderMyAccountEnroll(tenant, options);
  const detail = (await untilEvent(widget.events, 'enroll-error')).detail as EnrollErrorDetail;
  await untilStep(widget.el, 'error');
  expect(detail.step).to.equal('loading');
  expect(part(widget.el, 'error')!.textContent!.trim()).to.equal(detail.message);
  expect(part(widget.el, 'qr') === null, 'nothing drawn').to.equal(true);
  return { ...widget, detail };
}

/** Renders the element, waits for the QR, queues `answer` for the verify, and types the right code. */
async function failingVerify(tenant: TestTenant, answer: Answer, options: MyAccountEnrollOptions = {}): Promise<MyAccountEnrollWidget & { detail: EnrollErrorDetail; code: string }> {
  const widget = await renderMyAccountEnroll(tenant, options);
  await untilStep(widget.el, 'scan');
  await addFault(tenant, { ...VERIFY, ...answer });
  const code = await currentCode(widget.el);
  typeCode(widget.el, code);
  const detail = (await untilEvent(widget.events, 'enroll-error')).detail as EnrollErrorDetail;
  await widget.el.updateComplete;
  expect(detail.step).to.equal('confirming');
  expect(part(widget.el, 'error')!.textContent!.trim()).to.equal(detail.message);
  return { ...widget, detail, code };
}

describe('<mfa-otp-enroll api="my-account">: enrollment', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant({ name: 'Settings Co' });
  });

  it('enrolls a real app: the QR and key, a code computed from the key on screen, enrolled with the method and no tokens', async () => {
    const seam = holdingRequests();
    const { el, events, email, token } = await renderMyAccountEnroll(tenant, { fetch: seam.fetch });
    await untilStep(el, 'scan');
    const associated = await untilEvent(events, 'associated');
    expect(associated.detail).to.deep.equal({ authenticatorType: 'otp', factor: 'otp', hasRecoveryCodes: false });
    const secret = shownSecret(el);
    expect(secret).to.match(/^[A-Z2-7]{32}$/);
    const link = part<HTMLAnchorElement>(el, 'app-link')!.getAttribute('href')!;
    expect(link).to.match(/^otpauth:\/\/totp\/Settings%20Co:/);
    expect(new URL(link).searchParams.get('secret')).to.equal(secret);
    expect(part(el, 'qr')!.querySelector('path')!.getAttribute('d')).to.have.length.greaterThan(100);
    await expect(el).to.be.accessible();

    typeCode(el, await currentCode(el));
    const enrolled = await untilEvent(events, 'enrolled');
    const detail = enrolled.detail as EnrolledDetail;
    expect(Object.keys(detail), 'no tokens, no recovery codes').to.deep.equal(['authenticationMethod', 'factor']);
    const method = detail.authenticationMethod!;
    expect(method).to.include({ type: 'totp', confirmed: true });
    expect(method.id).to.match(/^totp\|dev_/);
    expect(Date.parse(method.created_at!)).to.be.closeTo(Date.now(), 60_000);
    expect(enrolled.bubbles && enrolled.composed).to.equal(true);
    expect(el.step).to.equal('done');
    expect(part(el, 'recovery-codes') === null).to.equal(true);
    expect(part(el, 'done')!.textContent).to.contain('set up');
    expect(el.accessToken, 'the token is not kept once used').to.equal('');

    // The requests: the start, then {Location}/verify, both with the token, and nothing else.
    expect(seam.sent.map((r) => `${r.method} ${r.url.pathname}`)).to.deep.equal([
      `POST ${new URL(tenant.base).pathname}/me/v1/authentication-methods`,
      `POST ${new URL(tenant.base).pathname}/me/v1/authentication-methods/${encodeURIComponent(method.id)}/verify`,
    ]);
    expect(seam.sent.every((r) => r.headers.get('Authorization') === `Bearer ${token}`)).to.equal(true);
    expect(JSON.parse(seam.sent[0]!.body)).to.deep.equal({ type: 'totp' });
    expect(Object.keys(JSON.parse(seam.sent[1]!.body)).sort()).to.deep.equal(['auth_session', 'otp_code']);
    const logged = (await allRequests(tenant)).filter((r) => r.method !== 'OPTIONS'); // CORS preflights aside
    expect(logged.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      'POST /me/v1/authentication-methods',
      `POST /me/v1/authentication-methods/${encodeURIComponent(method.id)}/verify`,
    ]);
    expect(logged.every((r) => r.origin === location.origin && r.authorization)).to.equal(true);

    // The tenant has it, confirmed, in both APIs.
    const otp = (await userState(tenant, email)).authenticators.filter((a) => a.authenticator_type === 'otp');
    expect(otp).to.deep.equal([{ ...otp[0], id: method.id, active: true }]);
    const listed = (await listedMethods(tenant, email)).filter((m) => m.type === 'totp');
    expect(listed.map((m) => [m.id, m.confirmed])).to.deep.equal([[method.id, true]]);
  });

  it('after a wrong code keeps the QR and key, clears the input, explains; the right code then enrolls', async () => {
    const { el, events, email } = await renderMyAccountEnroll(tenant);
    await untilStep(el, 'scan');
    const secret = shownSecret(el);
    const qr = part(el, 'qr')!.outerHTML;
    typeCode(el, await wrongCode(el));
    const detail = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(detail).to.include({ code: 'invalid_code', step: 'confirming', status: 403, retryable: true });
    expect(detail.description).to.equal('Invalid otp_code. The code is wrong or was already used.');
    await untilStep(el, 'scan');
    expect(shownSecret(el)).to.equal(secret);
    expect(part(el, 'qr')!.outerHTML).to.equal(qr);
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.equal('');
    expect(part(el, 'error')!.textContent).to.contain('Wrong code');
    expect((await userState(tenant, email)).authenticators.find((a) => a.authenticator_type === 'otp')!.active, 'not confirmed yet').to.equal(false);

    typeCode(el, await currentCode(el));
    await untilEvent(events, 'enrolled');
    expect(part(el, 'error')!.textContent!.trim()).to.equal('');
  });

  it('confirms at the Location the API answered, whatever the id in the body', async () => {
    const elsewhere = `${tenant.base}/me/v1/authentication-methods/totp%7Cdev_elsewhere`;
    await addFault(tenant, { ...START, ...started(tenant, {}, elsewhere) });
    const { el, events } = await renderMyAccountEnroll(tenant);
    await untilStep(el, 'scan');
    typeCode(el, await currentCode(el));
    const detail = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(detail).to.include({ code: 'request_failed', status: 404, description: 'Authentication method not found.' });
    const verifies = (await allRequests(tenant)).filter((r) => r.method === 'POST' && r.path.endsWith('/verify'));
    expect(verifies.map((r) => r.path)).to.deep.equal(['/me/v1/authentication-methods/totp%7Cdev_elsewhere/verify']);
  });
});

describe('<mfa-otp-enroll api="my-account">: problem documents and faults', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  const problems: [string, Answer, Partial<EnrollErrorDetail>][] = [
    ['401 missing or invalid token', problem(401, 'Missing or invalid token.'), { code: 'invalid_token', retryable: false }],
    ['401 another audience’s token', problem(401, 'Invalid token: its audience is not https://t/me/.'), { code: 'invalid_token', retryable: false }],
    ['401 expired', problem(401, 'The access token has expired.'), { code: 'expired_token', retryable: false }],
    ['403 insufficient scope', problem(403, `Insufficient scope, expected any of: ${MY_ACCOUNT_SCOPES.create}`), { code: 'insufficient_scope', retryable: false }],
    ['400 invalid payload', problem(400, 'Invalid request payload.', { validation_errors: [{ detail: 'type is required.', field: 'type' }] }), { code: 'request_failed', retryable: false }],
    [
      '400 validation error as Auth0’s fixture',
      problem(400, 'Invalid request payload input', {
        type: 'https://auth0.com/api-errors/A0E-400-0003',
        title: 'Validation Error',
        validation_errors: [{ detail: 'Value must be one of the supported types', pointer: '/type' }],
      }),
      { code: 'request_failed', retryable: false },
    ],
    ['404 not found', problem(404, 'The requested resource POST /me/v1/x was not found.'), { code: 'request_failed', retryable: false }],
    ['429 with Retry-After', { ...problem(429, 'Too many failed attempts. Please try again later.'), headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '30' } }, { code: 'rate_limited', retryable: true, retryAfter: 30 }],
    ['500 problem', problem(500, 'Internal error.'), { code: 'server', retryable: true }],
  ];
  /** What the description says: the detail, then what each validation error says of which field. */
  const described: Record<string, string> = {
    '400 invalid payload': 'Invalid request payload. type is required.',
    '400 validation error as Auth0’s fixture': 'Invalid request payload input. type: Value must be one of the supported types',
  };
  for (const [what, answer, expected] of problems) {
    it(`start, ${what}: ${expected.code}, its detail kept as the description`, async () => {
      const { detail } = await failingStart(tenant, answer);
      const sent = JSON.parse(answer.body!) as { type: string; detail: string };
      expect(detail).to.include({ ...expected, status: answer.status });
      expect(detail.description).to.equal(described[what] ?? sent.detail);
      expect(detail.error).to.equal(sent.type);
      if (expected.code === 'request_failed') expect(detail.message).to.contain(detail.description);
    });
  }

  it('a real token without create:me:authentication_methods: insufficient_scope naming it, no retry', async () => {
    const { el, events } = await renderMyAccountEnroll(tenant, { scope: `${MY_ACCOUNT_SCOPES.read} ${MY_ACCOUNT_SCOPES.delete}` });
    const detail = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    await untilStep(el, 'error');
    expect(detail).to.include({ code: 'insufficient_scope', status: 403, step: 'loading', retryable: false });
    expect(detail.description).to.equal(`Insufficient scope, expected any of: ${MY_ACCOUNT_SCOPES.create}`);
    expect(detail.message).to.contain(MY_ACCOUNT_SCOPES.create);
    expect(detail.message).not.to.contain('{scope}');
    expect(part(el, 'error')!.textContent).to.contain(`lacks the permission ${MY_ACCOUNT_SCOPES.create}`);
    expect(part(el, 'retry') === null).to.equal(true);
  });

  it('an expired token: says the session expired, no retry; a new token starts over', async () => {
    const email = newEmail();
    const token = await myAccountToken(tenant, email);
    await expireTokens(tenant);
    const { el, events } = await renderMyAccountEnroll(tenant, { email, token });
    const detail = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(detail).to.include({ code: 'expired_token', status: 401, step: 'loading', retryable: false, description: 'The access token has expired.' });
    await untilStep(el, 'error');
    expect(part(el, 'error')!.textContent).to.contain('expired');
    expect(part(el, 'retry') === null).to.equal(true);
    // Another expiry than the first: an RS256 token minted with the same claims would be the same string.
    el.accessToken = await myAccountToken(tenant, email, { expiresIn: 3600 });
    await untilStep(el, 'scan');
  });

  it('a token that expires while the QR is on screen: the confirm says so and drops the QR', async () => {
    const { el, events } = await renderMyAccountEnroll(tenant);
    await untilStep(el, 'scan');
    const code = await currentCode(el);
    await expireTokens(tenant);
    typeCode(el, code);
    const detail = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(detail).to.include({ code: 'expired_token', status: 401, step: 'confirming', retryable: false });
    await untilStep(el, 'error');
    expect(part(el, 'qr') === null).to.equal(true);
  });

  it('a DPoP-bound access token given directly: a config error that says to pass auth0, and nothing sent with it', async () => {
    const email = newEmail();
    const bound = await myAccountToken(tenant, email, { jkt: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs' });
    const myAccount = await renderMyAccountEnroll(tenant, { token: bound });
    const settings = await renderManage(tenant, { email, token: bound });
    const mfaApi = await renderWidget(tenant, { token: bound, useAccessToken: true });
    for (const [what, events, type] of [
      ['<mfa-otp-enroll api="my-account">', myAccount.events, 'enroll-error'],
      ['<mfa-authenticators>', settings.events, 'authenticators-error'],
      ['<mfa-otp-enroll> on the MFA API', mfaApi.events, 'enroll-error'],
    ] as const) {
      await waitUntil(() => events.some((event) => event.type === type), `${what}: no ${type}`);
      const detail = (events.find((event) => event.type === type) as CustomEvent<EnrollErrorDetail>).detail;
      expect(detail, what).to.include({ code: 'config', step: 'idle', retryable: false });
      expect(detail.message, what).to.contain('DPoP').and.contain('"auth0"');
    }
    expect((await allRequests(tenant)).map((request) => `${request.method} ${request.path}`), 'nothing sent').to.deep.equal([]);
  });

  for (const { myAccountProblems, status } of EXPIRED_SESSION_ANSWERS) {
    it(`an enrollment left until its auth_session expired (${status}, ${myAccountProblems}): says so, drops the QR, and Try again enrolls with a new one`, async () => {
      await changeSettings(tenant, { myAccountProblems });
      const { el, events, email } = await renderMyAccountEnroll(tenant);
      await untilStep(el, 'scan');
      const firstSecret = shownSecret(el);
      await expireAuthSessions(tenant);
      typeCode(el, await currentCode(el));
      const detail = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
      expect(detail).to.include({ code: 'expired_enrollment', status, step: 'confirming', retryable: true });
      await untilStep(el, 'error');
      expect(part(el, 'error')!.textContent).to.contain('expired before it was finished');
      expect(part(el, 'qr') === null, 'the QR of the expired enrollment is gone').to.equal(true);
      part<HTMLButtonElement>(el, 'retry')!.click();
      await untilStep(el, 'scan');
      expect(shownSecret(el), 'a new enrollment, with a new key').not.to.equal(firstSecret);
      typeCode(el, await currentCode(el));
      await untilEvent(events, 'enrolled');
      const apps = (await listedMethods(tenant, email)).filter((method) => method.type === 'totp' && method.confirmed);
      expect(apps).to.have.length(1);
    });
  }

  it('start, 503 with an HTML body: a server problem, and Try again works', async () => {
    const { el, detail } = await failingStart(tenant, { status: 503, body: '<html><body>Service Unavailable</body></html>' });
    expect(detail).to.include({ code: 'server', status: 503, retryable: true });
    expect(detail).not.to.have.property('description');
    part<HTMLButtonElement>(el, 'retry')!.click();
    await untilStep(el, 'scan');
  });

  it('verify, 500 with an HTML body: retryable, the QR and the typed code kept, Verify then enrolls', async () => {
    const { el, events, detail, code } = await failingVerify(tenant, { status: 500, body: '<h1>Internal Server Error</h1>' });
    expect(detail).to.include({ code: 'server', status: 500, retryable: true });
    await untilStep(el, 'scan');
    expect(part(el, 'qr')).not.to.equal(null);
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.equal(code);
    part<HTMLButtonElement>(el, 'submit')!.click();
    await untilEvent(events, 'enrolled');
  });

  it('start, a dropped connection: a retryable network error, then a retry works', async () => {
    // Chromium resends a request once per pooled connection when a reused one drops: drop more often.
    const { el, detail } = await failingStart(tenant, { drop: true, times: 10 });
    expect(detail).to.include({ code: 'network', retryable: true });
    expect(detail).not.to.have.property('status');
    await clearFaults(tenant);
    part<HTMLButtonElement>(el, 'retry')!.click();
    await untilStep(el, 'scan');
  });

  it('verify, a dropped connection: retryable, the QR and the typed code kept', async () => {
    const { el, detail, code } = await failingVerify(tenant, { drop: true, times: 10 });
    expect(detail).to.include({ code: 'network', retryable: true });
    await untilStep(el, 'scan');
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.equal(code);
  });

  it('start, an answer that never comes: a retryable timeout after the configured time', async () => {
    const { detail } = await failingStart(tenant, { status: 201, hang: true }, { timeout: 800 });
    expect(detail).to.include({ code: 'timeout', retryable: true });
  });

  it('verify, an answer that never comes: a timeout, the typed code kept', async () => {
    const { el, detail, code } = await failingVerify(tenant, { status: 200, hang: true }, { timeout: 800 });
    expect(detail).to.include({ code: 'timeout', retryable: true });
    await untilStep(el, 'scan');
    expect(part<HTMLInputElement>(el, 'code-input')!.value).to.equal(code);
  });

  it('a problem’s hostile detail is shown as text, on the start and on the verify', async () => {
    const starting = await failingStart(tenant, problem(400, HOSTILE));
    expect(starting.detail).to.include({ code: 'request_failed', description: HOSTILE });
    expect(part(starting.el, 'error')!.textContent).to.contain(HOSTILE);
    expect(starting.el.shadowRoot!.querySelector('img, script, b') === null).to.equal(true);

    const verifying = await failingVerify(tenant, problem(400, HOSTILE));
    expect(verifying.detail).to.include({ code: 'request_failed', description: HOSTILE, retryable: false });
    expect(part(verifying.el, 'error')!.textContent).to.contain(HOSTILE);
    expect(verifying.el.shadowRoot!.querySelector('img, script, b') === null).to.equal(true);
    expect(part(verifying.el, 'qr'), 'the user can still confirm').not.to.equal(null);
    expect(pwned()).to.equal(false);
  });
});

describe('<mfa-otp-enroll api="my-account">: answers it must refuse', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('the answer itself, unchanged, is accepted (the cases below change one thing of it)', async () => {
    await addFault(tenant, { ...START, ...started(tenant) });
    const { el } = await renderMyAccountEnroll(tenant);
    await untilStep(el, 'scan');
    expect(shownSecret(el)).to.equal(SECRET);
  });

  const refused: [string, (tenant: TestTenant) => Answer][] = [
    ['no Location header', (t) => started(t, {}, null)],
    ['no auth_session', (t) => started(t, { auth_session: undefined })],
    ['an empty auth_session', (t) => started(t, { auth_session: '' })],
    ['a barcode_uri that is https:', (t) => started(t, { barcode_uri: `https://evil.example/?${OTPAUTH_URI}` })],
    ['a javascript: barcode_uri', (t) => started(t, { barcode_uri: 'javascript:alert(document.domain)' })],
    ['an HOTP barcode_uri', (t) => started(t, { barcode_uri: OTPAUTH_URI.replace('otpauth://totp/', 'otpauth://hotp/') })],
    ['a manual_input_code that is not the QR’s key', (t) => started(t, { manual_input_code: 'A'.repeat(32) })],
    ['a body that is not JSON', () => ({ status: 201, body: '<html>Created</html>', headers: { Location: 'x' } })],
    ['JSON null', (t) => ({ ...started(t), body: 'null' })],
  ];
  for (const [what, answer] of refused) {
    it(`${what}: refused as bad_response, nothing drawn, Try again offered`, async () => {
      const { el, detail } = await failingStart(tenant, answer(tenant));
      expect(detail).to.include({ code: 'bad_response', retryable: true });
      expect(part(el, 'app-link') === null).to.equal(true);
      expect(el.shadowRoot!.querySelector('a[href^="javascript"], a[href^="https"]') === null).to.equal(true);
      expect(part(el, 'retry')).not.to.equal(null);
    });
  }

  it('a Location on another origin: refused, and nothing is ever sent there', async () => {
    // The same stand-in under another name is another origin: anything sent there would be logged.
    const otherOrigin = tenantUrl.replace('127.0.0.1', 'localhost');
    expect(new URL(otherOrigin).origin).not.to.equal(new URL(tenantUrl).origin);
    const seam = holdingRequests();
    const { el, detail } = await failingStart(tenant, started(tenant, {}, `${otherOrigin}${new URL(tenant.base).pathname}/me/v1/authentication-methods/totp%7Cdev_fault`), {
      fetch: seam.fetch,
    });
    expect(detail).to.include({ code: 'bad_response', retryable: true });
    expect(part(el, 'code-input') === null, 'no code can be typed for it').to.equal(true);
    expect(seam.sent.map((r) => r.url.origin)).to.deep.equal([new URL(tenantUrl).origin]);
    const logged = (await allRequests(tenant)).filter((r) => r.method !== 'OPTIONS');
    expect(logged.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST /me/v1/authentication-methods']);
  });
});
