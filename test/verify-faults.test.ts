// Every fault a server or network can throw at <mfa-otp-verify>, on each of its requests (the
// authenticators list, the challenge, the grants), through the stand-in tenant over real HTTP:
// each gets a visible, specific message, a `verify-error` with a stable code, and a way on.
// (Nothing escaping as an uncaught error is checked after every test by the helpers.)
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { RESEND_WAIT } from '../src/factors/sent-code/resend-countdown.js';
import type { VerifiedDetail, VerifyErrorDetail, VerifyMethod } from '../src/verify/define.js';
import { HOSTILE_HTML as HOSTILE, pwned } from './helpers/fixtures.js';
import { nextCode, signInAgain } from './helpers/enrolled-user.js';
import { newestCode, newPhone, outbox, signingIn } from './helpers/sent-codes.js';
import { addFault, clearFaults, createTenant, expireTokens, requestsTo, userState, type Fault, type TestTenant } from './helpers/tenant.js';
import {
  errorText,
  renderVerify,
  shownNewCode,
  submitRecoveryCode,
  typeInto,
  untilEvent,
  untilStep,
  useRecoveryCode,
  part,
  wrongCodeFor,
  wrongRecoveryCode,
  type VerifyOptions,
  type VerifyWidget,
} from './helpers/verify.js';

type Answer = Omit<Fault, 'path' | 'method'>;

/** The two requests that find and challenge the authenticator, before anything is shown. */
const LOADING = {
  list: { method: 'GET', path: '/mfa/authenticators' },
  challenge: { method: 'POST', path: '/mfa/challenge' },
} as const;
type LoadingRequest = keyof typeof LOADING;

const json = (error: string, description: string) => JSON.stringify({ error, error_description: description });

/** Renders the element with `answer` queued for one of its loading requests, and waits for the failure. */
async function failingLoad(
  tenant: TestTenant,
  request: LoadingRequest,
  answer: Answer,
  options: VerifyOptions = {},
): Promise<VerifyWidget & { detail: VerifyErrorDetail }> {
  await addFault(tenant, { ...LOADING[request], ...answer });
  const widget = await renderVerify(tenant, options);
  const detail = (await untilEvent(widget.events, 'verify-error')).detail as VerifyErrorDetail;
  await untilStep(widget.el, 'error');
  expect(detail.step).to.equal('loading');
  expect(errorText(widget.el)).to.equal(detail.message);
  expect(part(widget.el, 'form'), 'nothing to enter').to.equal(null);
  return { ...widget, detail };
}

/** Try again, and the sign-in reaches the code. */
async function retryWorks(widget: VerifyWidget): Promise<void> {
  part<HTMLButtonElement>(widget.el, 'retry')!.click();
  await untilStep(widget.el, 'code');
}

/** The user enters what `method` asks for: the app's next code, or their recovery code. */
async function enter(widget: VerifyWidget, method: Exclude<VerifyMethod, 'sms' | 'voice' | 'email'>): Promise<void> {
  if (method === 'otp') typeInto(widget.el, 'code-input', await nextCode(widget.user));
  else await submitRecoveryCode(widget.el, widget.user.recoveryCode);
}

/** The field of the path, and what it holds. */
const field = (widget: VerifyWidget, method: 'otp' | 'recovery-code') =>
  part<HTMLInputElement>(widget.el, method === 'otp' ? 'code-input' : 'recovery-input')!;
const backTo = (method: 'otp' | 'recovery-code') => (method === 'otp' ? 'code' : 'recovery-code');

/** Renders the element, opens the path of `method`, queues `answer` for the grant, and enters the code. */
async function failingGrant(
  tenant: TestTenant,
  method: 'otp' | 'recovery-code',
  answer: Answer,
  options: VerifyOptions = {},
): Promise<VerifyWidget & { detail: VerifyErrorDetail }> {
  const widget = await renderVerify(tenant, options);
  await untilStep(widget.el, 'code');
  if (method === 'recovery-code') await useRecoveryCode(widget.el);
  await addFault(tenant, { method: 'POST', path: '/oauth/token', ...answer });
  await enter(widget, method);
  const detail = (await untilEvent(widget.events, 'verify-error')).detail as VerifyErrorDetail;
  await widget.el.updateComplete;
  expect(detail.step).to.equal('verifying');
  expect(errorText(widget.el)).to.equal(detail.message);
  return { ...widget, detail };
}

describe('faults while finding and challenging the authenticator', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('list: an expired token says the session expired, no retry; a new token starts over', async () => {
    const { enrolledUser } = await import('./helpers/enrolled-user.js');
    const user = await enrolledUser(tenant);
    const token = await signInAgain(tenant, user);
    await expireTokens(tenant);
    const { el, events } = await renderVerify(tenant, { user, token });
    const detail = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(detail).to.include({ code: 'expired_token', status: 401, step: 'loading', retryable: false, description: 'mfa_token is expired' });
    await untilStep(el, 'error');
    expect(errorText(el)).to.contain('session has expired');
    expect(part(el, 'retry')).to.equal(null);
    el.mfaToken = await signInAgain(tenant, user);
    await untilStep(el, 'code');
  });

  it('challenge: an expired token, no retry', async () => {
    const { el, detail } = await failingLoad(tenant, 'challenge', { status: 403, body: json('expired_token', 'mfa_token is expired') });
    expect(detail).to.include({ code: 'expired_token', status: 403, retryable: false });
    expect(errorText(el)).to.contain('session has expired');
    expect(part(el, 'retry')).to.equal(null);
  });

  it('list: a token the tenant does not know is invalid_token, no retry', async () => {
    const { el, events } = await renderVerify(tenant, { token: 'Fe26.2**not-a-token' });
    const detail = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(detail).to.include({ code: 'invalid_token', status: 401, step: 'loading', retryable: false });
    await untilStep(el, 'error');
    expect(errorText(el)).to.contain('session is not valid');
    expect(part(el, 'retry')).to.equal(null);
  });

  it('challenge: Malformed mfa_token is invalid_token, no retry', async () => {
    const { el, detail } = await failingLoad(tenant, 'challenge', { status: 403, body: json('invalid_grant', 'Malformed mfa_token') });
    expect(detail).to.include({ code: 'invalid_token', retryable: false });
    expect(part(el, 'retry')).to.equal(null);
  });

  for (const request of ['list', 'challenge'] as const) {
    it(`${request}: 429 with Retry-After is rate_limited, Try again waits it out, then works`, async () => {
      const widget = await failingLoad(tenant, request, {
        status: 429,
        body: json('too_many_attempts', 'Too many requests'),
        headers: { 'Retry-After': '2' },
      });
      expect(widget.detail).to.include({ code: 'rate_limited', status: 429, retryable: true, retryAfter: 2 });
      expect(errorText(widget.el)).to.contain('Too many attempts');
      const retry = part<HTMLButtonElement>(widget.el, 'retry')!;
      expect(retry.disabled).to.equal(true);
      expect(widget.el.shadowRoot!.textContent).to.contain('Try again in 2 seconds');
      await waitUntil(() => !part<HTMLButtonElement>(widget.el, 'retry')!.disabled, 'Try again enabled once Retry-After passed', { timeout: 5000 });
      await retryWorks(widget);
    });

    const serverErrors: [string, number, string][] = [
      ['503 with an HTML body', 503, '<html><body><h1>Service Unavailable</h1></body></html>'],
      ['502 with an empty body', 502, ''],
    ];
    for (const [what, status, body] of serverErrors) {
      it(`${request}: ${what} is a server problem, retryable, and Try again works`, async () => {
        const widget = await failingLoad(tenant, request, { status, body });
        expect(widget.detail).to.include({ code: 'server', status, retryable: true });
        expect(errorText(widget.el)).to.contain('had a problem');
        expect(widget.el.shadowRoot!.querySelector('h1')).to.equal(null);
        await retryWorks(widget);
      });
    }

    it(`${request}: a dropped connection is a retryable network error`, async () => {
      // Chromium silently resends a request when a reused connection drops (on each pooled
      // connection, then a new one): drop more often than that, and clear the rest before retrying.
      const widget = await failingLoad(tenant, request, { drop: true, times: 10 });
      expect(widget.detail).to.include({ code: 'network', retryable: true });
      expect(widget.detail).not.to.have.property('status');
      expect(errorText(widget.el)).to.contain('Couldn’t reach the server');
      await clearFaults(tenant);
      await retryWorks(widget);
    });

    it(`${request}: an answer that never comes is a retryable timeout after the configured time`, async () => {
      const started = Date.now();
      const widget = await failingLoad(tenant, request, { hang: true }, { timeout: 800 });
      expect(Date.now() - started).to.be.at.least(800);
      expect(widget.detail).to.include({ code: 'timeout', retryable: true });
      expect(errorText(widget.el)).to.contain('took too long');
      await retryWorks(widget);
    });

    it(`${request}: a hostile error_description is shown as text, never as HTML`, async () => {
      const { el, detail } = await failingLoad(tenant, request, { status: 400, body: json(HOSTILE, HOSTILE) });
      expect(detail).to.include({ code: 'request_failed', status: 400, error: HOSTILE, description: HOSTILE, retryable: false });
      expect(errorText(el)).to.contain(HOSTILE);
      expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
      expect(pwned()).to.equal(false);
    });

    it(`${request}: offline says so, and Try again works once back online [cdp]`, async () => {
      const { enrolledUser } = await import('./helpers/enrolled-user.js');
      const user = await enrolledUser(tenant);
      const token = await signInAgain(tenant, user);
      // The browser's own offline switch would also cut this page off from the test runner:
      // fail the tenant's requests at the network layer and report offline instead.
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      let widget: VerifyWidget | undefined;
      try {
        if (request === 'list') {
          await executeServerCommand('block-tenant', true);
          widget = await renderVerify(tenant, { user, token });
        } else {
          // Cut off once the list has answered, as the challenge goes out.
          const offlineForChallenge = async (input: URL, init: RequestInit) => {
            if (input.pathname.endsWith('/mfa/challenge')) await executeServerCommand('block-tenant', true);
            return globalThis.fetch(input, init);
          };
          widget = await renderVerify(tenant, { user, token, fetch: offlineForChallenge });
        }
        const detail = (await untilEvent(widget.events, 'verify-error')).detail as VerifyErrorDetail;
        expect(detail).to.include({ code: 'network', step: 'loading', retryable: true });
        await untilStep(widget.el, 'error');
        expect(errorText(widget.el)).to.contain('You are offline');
      } finally {
        await executeServerCommand('block-tenant', false);
        delete (navigator as { onLine?: boolean }).onLine;
      }
      widget.el.fetch = (input, init) => globalThis.fetch(input, init);
      await retryWorks(widget);
    });
  }

  it('a CORS refusal (this origin not allowed) is a network error with a retry', async () => {
    const closed = await createTenant({ allowedOrigins: ['https://someone-else.example'] });
    const reachable = await fetch(`${closed.base}/mfa/authenticators`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(reachable, 'the browser itself refuses this tenant').to.equal('refused');
    const { enrolledUser } = await import('./helpers/enrolled-user.js');
    const user = await enrolledUser(tenant);
    const { el, events } = await renderVerify(closed, { user, token: 'Fe26.2**whatever' });
    const detail = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
    expect(detail).to.include({ code: 'network', step: 'loading', retryable: true });
    expect(detail).not.to.have.property('status');
    await untilStep(el, 'error');
    expect(part(el, 'retry')).not.to.equal(null);
  });

  const badLists: [string, string][] = [
    ['an object instead of a list', JSON.stringify({ authenticators: [] })],
    ['entries without an id', JSON.stringify([{ authenticator_type: 'otp', active: true }])],
    ['an entry with a numeric id', JSON.stringify([{ id: 42, authenticator_type: 'otp', active: true }])],
    ['an entry without a type', JSON.stringify([{ id: 'totp|dev_x', active: true }])],
    ['null entries', JSON.stringify([null])],
    ['JSON null', 'null'],
    ['HTML', '<html><body>Welcome</body></html>'],
    ['nothing', ''],
    ['more than a hundred entries', JSON.stringify(Array.from({ length: 101 }, (_, i) => ({ id: `totp|dev_${i}`, authenticator_type: 'otp', active: true })))],
  ];
  for (const [what, body] of badLists) {
    it(`list: a 200 with ${what} is refused as bad_response, nothing challenged`, async () => {
      const { el, detail } = await failingLoad(tenant, 'list', { status: 200, body });
      expect(detail).to.include({ code: 'bad_response', status: 200, retryable: true });
      expect(errorText(el)).to.contain('unexpected answer');
      expect(await requestsTo(tenant, 'POST', '/mfa/challenge')).to.have.length(0);
    });
  }
});

describe('faults on the grants', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  for (const method of ['otp', 'recovery-code'] as const) {
    it(`${method}: an expired token (the tenant's own answer) ends the sign-in, no retry`, async () => {
      const widget = await renderVerify(tenant);
      await untilStep(widget.el, 'code');
      if (method === 'recovery-code') await useRecoveryCode(widget.el);
      await widget.quiet();
      await expireTokens(tenant);
      await enter(widget, method);
      const detail = (await untilEvent(widget.events, 'verify-error')).detail as VerifyErrorDetail;
      expect(detail).to.include({ code: 'expired_token', status: 403, step: 'verifying', retryable: false });
      await untilStep(widget.el, 'error');
      expect(errorText(widget.el)).to.contain('session has expired');
      expect(part(widget.el, 'form')).to.equal(null);
      expect(part(widget.el, 'retry')).to.equal(null);
      if (method === 'recovery-code') expect((await userState(tenant, widget.user.email)).recoveryCode).to.equal(widget.user.recoveryCode);
    });

    it(`${method}: Malformed mfa_token ends the sign-in as invalid_token`, async () => {
      const { el, detail } = await failingGrant(tenant, method, { status: 403, body: json('invalid_grant', 'Malformed mfa_token') });
      expect(detail).to.include({ code: 'invalid_token', status: 403, retryable: false });
      await untilStep(el, 'error');
      expect(errorText(el)).to.contain('session is not valid');
    });

    it(`${method}: 429 with Retry-After disables Verify until the wait is over, sends nothing meanwhile, then works`, async () => {
      const widget = await failingGrant(tenant, method, {
        status: 429,
        body: json('too_many_attempts', 'Too many failed attempts.'),
        headers: { 'Retry-After': '2' },
      });
      const { el, detail } = widget;
      expect(detail).to.include({ code: 'rate_limited', status: 429, retryAfter: 2, retryable: true });
      await untilStep(el, backTo(method));
      const submit = part<HTMLButtonElement>(el, 'submit')!;
      expect(submit.disabled).to.equal(true);
      expect(errorText(el)).to.contain('Too many attempts');
      expect(el.shadowRoot!.textContent).to.contain('Try again in 2 seconds');
      const field = method === 'otp' ? 'otp' : 'recovery_code';
      const sent = async () => (await requestsTo(tenant, 'POST', '/oauth/token')).filter((r) => r.bodyKeys.includes(field)).length;
      const sentBefore = await sent();
      await enter(widget, method); // refused while the wait runs: nothing is sent
      el.shadowRoot!.querySelector('form')!.requestSubmit();
      await el.updateComplete;
      expect(el.step).to.equal(backTo(method));
      expect(await sent()).to.equal(sentBefore);
      await waitUntil(() => !part<HTMLButtonElement>(el, 'submit')!.disabled, 'Verify enabled again once Retry-After passed', { timeout: 5000 });
      expect(el.shadowRoot!.textContent).not.to.contain('Try again in');
      await enter(widget, method);
      await untilStep(el, method === 'otp' ? 'done' : 'new-recovery-code');
    });

    it(`${method}: a 500 with an HTML body is retryable, the entry kept, and sending it again works`, async () => {
      const widget = await failingGrant(tenant, method, { status: 500, body: '<h1>Internal Server Error</h1>' });
      expect(widget.detail).to.include({ code: 'server', status: 500, retryable: true });
      await untilStep(widget.el, backTo(method));
      expect(widget.el.shadowRoot!.querySelector('h1')).to.equal(null);
      expect(field(widget, method).value).to.have.length(method === 'otp' ? 6 : 24);
      part<HTMLButtonElement>(widget.el, 'submit')!.click();
      await untilStep(widget.el, method === 'otp' ? 'done' : 'new-recovery-code');
    });

    it(`${method}: a 502 with an empty body is a retryable server problem, the entry kept`, async () => {
      const widget = await failingGrant(tenant, method, { status: 502, body: '' });
      expect(widget.detail).to.include({ code: 'server', status: 502, retryable: true });
      await untilStep(widget.el, backTo(method));
      expect(errorText(widget.el)).to.contain('had a problem');
      expect(field(widget, method).value).to.have.length(method === 'otp' ? 6 : 24);
    });

    it(`${method}: a dropped connection is a retryable network error, the entry kept`, async () => {
      const widget = await failingGrant(tenant, method, { drop: true, times: 10 });
      expect(widget.detail).to.include({ code: 'network', retryable: true });
      await untilStep(widget.el, backTo(method));
      expect(errorText(widget.el)).to.contain('Couldn’t reach the server');
      expect(field(widget, method).value).to.have.length(method === 'otp' ? 6 : 24);
      await clearFaults(tenant);
      part<HTMLButtonElement>(widget.el, 'submit')!.click();
      await untilStep(widget.el, method === 'otp' ? 'done' : 'new-recovery-code');
    });

    it(`${method}: an answer that never comes is a retryable timeout, the entry kept`, async () => {
      const widget = await failingGrant(tenant, method, { hang: true }, { timeout: 800 });
      expect(widget.detail).to.include({ code: 'timeout', retryable: true });
      await untilStep(widget.el, backTo(method));
      expect(errorText(widget.el)).to.contain('took too long');
      expect(field(widget, method).value).to.have.length(method === 'otp' ? 6 : 24);
    });

    it(`${method}: a hostile error_description is shown as text, and the form stays`, async () => {
      const widget = await failingGrant(tenant, method, { status: 400, body: json('invalid_request', HOSTILE) });
      expect(widget.detail).to.include({ code: 'request_failed', description: HOSTILE, retryable: false });
      await untilStep(widget.el, backTo(method));
      expect(errorText(widget.el)).to.contain(HOSTILE);
      expect(widget.el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
      expect(field(widget, method)).not.to.equal(null);
      expect(pwned()).to.equal(false);
    });

    it(`${method}: offline says so, keeps the entry, and works once back online [cdp]`, async () => {
      const widget = await renderVerify(tenant);
      await untilStep(widget.el, 'code');
      if (method === 'recovery-code') await useRecoveryCode(widget.el);
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      await executeServerCommand('block-tenant', true);
      try {
        await enter(widget, method);
        const detail = (await untilEvent(widget.events, 'verify-error')).detail as VerifyErrorDetail;
        expect(detail).to.include({ code: 'network', step: 'verifying', retryable: true });
        await untilStep(widget.el, backTo(method));
        expect(errorText(widget.el)).to.contain('You are offline');
      } finally {
        await executeServerCommand('block-tenant', false);
        delete (navigator as { onLine?: boolean }).onLine;
      }
      part<HTMLButtonElement>(widget.el, 'submit')!.click();
      await untilStep(widget.el, method === 'otp' ? 'done' : 'new-recovery-code');
    });
  }

  it('the tenant’s own bucket: ten wrong entries, codes and recovery codes together, then even the right recovery code is rate limited', async () => {
    const { el, events, user } = await renderVerify(tenant);
    await untilStep(el, 'code');
    const wrong = await wrongCodeFor(user);
    for (let attempt = 1; attempt <= 5; attempt++) {
      typeInto(el, 'code-input', wrong);
      const detail = (await untilEvent(events, 'verify-error', attempt)).detail as VerifyErrorDetail;
      expect(detail.code).to.equal('invalid_code');
      await untilStep(el, 'code');
    }
    await useRecoveryCode(el);
    for (let attempt = 6; attempt <= 10; attempt++) {
      await submitRecoveryCode(el, wrongRecoveryCode(user));
      const detail = (await untilEvent(events, 'verify-error', attempt)).detail as VerifyErrorDetail;
      expect(detail.code).to.equal('invalid_recovery_code');
      await untilStep(el, 'recovery-code');
    }
    await submitRecoveryCode(el, user.recoveryCode);
    const blocked = (await untilEvent(events, 'verify-error', 11)).detail as VerifyErrorDetail;
    expect(blocked).to.include({ code: 'rate_limited', status: 429, step: 'verifying', retryable: true });
    expect(blocked.retryAfter).to.be.a('number').greaterThan(0);
    await untilStep(el, 'recovery-code');
    expect(errorText(el)).to.contain('Too many attempts');
    expect(part<HTMLButtonElement>(el, 'submit')!.disabled).to.equal(true);
    expect(part<HTMLInputElement>(el, 'recovery-input')!.value).to.equal(user.recoveryCode);
    expect((await userState(tenant, user.email)).recoveryCode, 'the code is not spent').to.equal(user.recoveryCode);
    // The wait holds on the other path too.
    part<HTMLButtonElement>(el, 'use-code')!.click();
    await untilStep(el, 'code');
    expect(part<HTMLButtonElement>(el, 'submit')!.disabled).to.equal(true);
    const grants = (await requestsTo(tenant, 'POST', '/oauth/token')).length;
    typeInto(el, 'code-input', await nextCode(user));
    await el.updateComplete;
    expect(el.step).to.equal('code');
    expect(await requestsTo(tenant, 'POST', '/oauth/token')).to.have.length(grants);
  });

  const badTokens: [string, string][] = [
    ['JSON without an access_token', JSON.stringify({ token_type: 'Bearer', expires_in: 86400 })],
    ['a numeric access_token', JSON.stringify({ access_token: 42 })],
    ['not JSON', 'OK'],
    ['nothing', ''],
  ];
  for (const [what, body] of badTokens) {
    it(`otp: a 200 with ${what} is refused as bad_response, nobody signed in`, async () => {
      const widget = await failingGrant(tenant, 'otp', { status: 200, body });
      expect(widget.detail).to.include({ code: 'bad_response', status: 200, retryable: true });
      await untilStep(widget.el, 'code');
      expect(errorText(widget.el)).to.contain('unexpected answer');
      expect(widget.events.filter((e) => e.type === 'verified')).to.have.length(0);
    });
  }

  // Auth0's answer "might" carry the new code: without a usable one the tokens still sign the
  // user in (their code is spent either way), and the user hears they have none left.
  const grantsWithoutNewCode: [string, string][] = [
    ['tokens but no recovery_code', JSON.stringify({ access_token: 'at', id_token: 'it', token_type: 'Bearer' })],
    ['an empty recovery_code', JSON.stringify({ access_token: 'at', recovery_code: '' })],
    ['a numeric recovery_code', JSON.stringify({ access_token: 'at', recovery_code: 123456 })],
    ['an absurdly long recovery_code', JSON.stringify({ access_token: 'at', recovery_code: 'A'.repeat(101) })],
  ];
  for (const [what, body] of grantsWithoutNewCode) {
    it(`recovery-code: a 200 with ${what} signs in, keeps the tokens, and says no recovery code is left`, async () => {
      const { el, events } = await recoveryGrantAnswered(tenant, body);
      await untilStep(el, 'recovery-code-used-up');
      expect(part(el, 'new-recovery-code')).to.equal(null);
      expect(errorText(el)).to.equal('');
      expect(events).to.have.length(0);
      part<HTMLButtonElement>(el, 'finish')!.click();
      const verified = (await untilEvent(events, 'verified')).detail as VerifiedDetail;
      expect(verified).to.include({ accessToken: 'at', method: 'recovery-code', hasRecoveryCode: false });
    });
  }

  it('recovery-code: a 200 with a recovery_code but no access_token is refused as bad_response, and nothing moves on', async () => {
    const widget = await failingGrant(tenant, 'recovery-code', { status: 200, body: JSON.stringify({ recovery_code: 'ABCDEFGHIJKLMNOPQRSTUVWX' }) });
    expect(widget.detail).to.include({ code: 'bad_response', status: 200, retryable: true });
    await untilStep(widget.el, 'recovery-code');
    expect(part(widget.el, 'new-recovery-code')).to.equal(null);
    expect(part(widget.el, 'finish')).to.equal(null);
    expect(widget.events.filter((e) => e.type === 'verified')).to.have.length(0);
    expect(field(widget, 'recovery-code').value).to.equal(widget.user.recoveryCode);
    // The tenant never saw it: the code still works, and the answer with the new one does move on.
    part<HTMLButtonElement>(widget.el, 'submit')!.click();
    await untilStep(widget.el, 'new-recovery-code');
    expect(shownNewCode(widget.el)).to.equal((await userState(tenant, widget.user.email)).recoveryCode);
  });

  it('recovery-code through token-url: a backend answer without recovery_code signs in, and says no recovery code is left', async () => {
    await addFault(tenant, { method: 'POST', path: '/backend/verify', status: 200, body: JSON.stringify({ access_token: 'at' }) });
    const { el, events, user } = await renderVerify(tenant, { clientId: '', tokenUrl: `${tenant.base}/backend/verify` });
    await untilStep(el, 'code');
    await useRecoveryCode(el);
    await submitRecoveryCode(el, user.recoveryCode);
    await untilStep(el, 'recovery-code-used-up');
    expect(events).to.have.length(0);
    part<HTMLButtonElement>(el, 'finish')!.click();
    expect((await untilEvent(events, 'verified')).detail).to.deep.equal({ accessToken: 'at', method: 'recovery-code', hasRecoveryCode: false });
  });

  it('recovery-code: a hostile new recovery code from the server is shown as text', async () => {
    const { el, events } = await recoveryGrantAnswered(tenant, JSON.stringify({ access_token: 'at', recovery_code: HOSTILE }));
    await untilStep(el, 'new-recovery-code');
    expect(shownNewCode(el)).to.equal(HOSTILE);
    expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
    expect(pwned()).to.equal(false);
    expect(events).to.have.length(0);
  });
});

/** A recovery-code sign-in whose grant gets `body` as a 200. */
async function recoveryGrantAnswered(tenant: TestTenant, body: string): Promise<VerifyWidget> {
  const widget = await renderVerify(tenant);
  await untilStep(widget.el, 'code');
  await useRecoveryCode(widget.el);
  await addFault(tenant, { method: 'POST', path: '/oauth/token', status: 200, body });
  await enter(widget, 'recovery-code');
  return widget;
}

describe('faults on a code sent by text, call or email: sending it, sending another, and the grant', () => {
  let tenant: TestTenant;
  const wait = RESEND_WAIT.ms;
  beforeEach(async () => {
    tenant = await createTenant();
  });
  afterEach(() => {
    RESEND_WAIT.ms = wait;
  });

  type PhoneWidget = VerifyWidget & { readonly phone: string };
  const button = (widget: VerifyWidget, name: string) => part<HTMLButtonElement>(widget.el, name)!;

  /** A user with a phone (and an email to switch to) signing in: a text message first. */
  async function phoneSignIn(options: VerifyOptions = {}): Promise<PhoneWidget> {
    const phone = newPhone();
    const { user, token } = await signingIn(tenant, { phone, email: 'elsewhere@example.com' });
    return { ...(await renderVerify(tenant, { user, token, ...options })), phone };
  }

  /** The first text message gets `answer`: the sign-in ends with the failure, in the step that sends it. */
  async function failingSend(answer: Answer, options: VerifyOptions = {}): Promise<PhoneWidget & { detail: VerifyErrorDetail }> {
    await addFault(tenant, { method: 'POST', path: '/mfa/challenge', ...answer });
    const widget = await phoneSignIn(options);
    const detail = (await untilEvent(widget.events, 'verify-error')).detail as VerifyErrorDetail;
    await untilStep(widget.el, 'error');
    expect(detail.step).to.equal('sending-code');
    expect(errorText(widget.el)).to.equal(detail.message);
    expect(part(widget.el, 'code-input') === null, 'nothing to enter').to.equal(true);
    return { ...widget, detail };
  }

  /** Try again sends the text message again, and its code signs in. */
  async function sendAgainWorks(widget: PhoneWidget): Promise<void> {
    button(widget, 'retry').click();
    await untilStep(widget.el, 'code-sent');
    typeInto(widget.el, 'code-input', await newestCode(tenant, widget.phone));
    expect(((await untilEvent(widget.events, 'verified')).detail as VerifiedDetail).method).to.equal('sms');
  }

  /** The text message came; another, asked for, gets `answer`. */
  async function failingResend(answer: Answer, options: VerifyOptions = {}): Promise<PhoneWidget & { detail: VerifyErrorDetail; code: string }> {
    RESEND_WAIT.ms = 0;
    const widget = await phoneSignIn(options);
    await untilStep(widget.el, 'code-sent');
    const code = await newestCode(tenant, widget.phone);
    await addFault(tenant, { method: 'POST', path: '/mfa/challenge', ...answer });
    button(widget, 'resend').click();
    const detail = (await untilEvent(widget.events, 'verify-error')).detail as VerifyErrorDetail;
    await widget.el.updateComplete;
    expect(detail.step).to.equal('code-sent');
    expect(errorText(widget.el)).to.equal(detail.message);
    return { ...widget, detail, code };
  }

  /** After a resend failed: still on the code, another may be asked for at once, and the code before signs in. */
  async function codeBeforeWorks(widget: PhoneWidget & { code: string }): Promise<void> {
    expect(widget.el.step).to.equal('code-sent');
    expect(button(widget, 'resend').disabled, 'another may be asked for').to.equal(false);
    expect(part(widget.el, 'code-input')!.getAttribute('aria-invalid'), 'nothing wrong with the field').to.equal('false');
    typeInto(widget.el, 'code-input', widget.code);
    expect(((await untilEvent(widget.events, 'verified')).detail as VerifiedDetail).method).to.equal('sms');
  }

  /** The code came and is typed; the grant gets `answer`. */
  async function failingConfirm(answer: Answer, options: VerifyOptions = {}): Promise<PhoneWidget & { detail: VerifyErrorDetail; code: string }> {
    const widget = await phoneSignIn(options);
    await untilStep(widget.el, 'code-sent');
    const code = await newestCode(tenant, widget.phone);
    await addFault(tenant, { method: 'POST', path: '/oauth/token', ...answer });
    typeInto(widget.el, 'code-input', code);
    const detail = (await untilEvent(widget.events, 'verify-error')).detail as VerifyErrorDetail;
    await widget.el.updateComplete;
    expect(detail.step).to.equal('verifying');
    expect(errorText(widget.el)).to.equal(detail.message);
    return { ...widget, detail, code };
  }

  /** The grant failed on the way: the code is kept, and Verify sends it again. */
  async function codeKeptAndSentAgain(widget: PhoneWidget & { code: string }): Promise<void> {
    await untilStep(widget.el, 'code-sent');
    expect(part<HTMLInputElement>(widget.el, 'code-input')!.value).to.equal(widget.code);
    button(widget, 'submit').click();
    expect(((await untilEvent(widget.events, 'verified')).detail as VerifiedDetail).method).to.equal('sms');
  }

  // Sending the first code.

  it('send: an expired token ends the sign-in, no retry and no other method', async () => {
    const { el, detail } = await failingSend({ status: 403, body: json('expired_token', 'mfa_token is expired') });
    expect(detail).to.include({ code: 'expired_token', status: 403, retryable: false });
    expect(errorText(el)).to.contain('session has expired');
    expect(part(el, 'retry') === null, 'no retry').to.equal(true);
    expect(part(el, 'other-methods') === null, 'no other-methods').to.equal(true);
  });

  it('send: a 503 with an HTML body is a server problem; Try again sends it again', async () => {
    const widget = await failingSend({ status: 503, body: '<html><body><h1>Service Unavailable</h1></body></html>' });
    expect(widget.detail).to.include({ code: 'server', status: 503, retryable: true });
    expect(widget.el.shadowRoot!.querySelector('h1') === null, 'no h1').to.equal(true);
    expect(await outbox(tenant, widget.phone)).to.deep.equal([]);
    await sendAgainWorks(widget);
  });

  it('send: a dropped connection is a retryable network error', async () => {
    const widget = await failingSend({ drop: true, times: 10 });
    expect(widget.detail).to.include({ code: 'network', retryable: true });
    expect(errorText(widget.el)).to.contain('Couldn’t reach the server');
    await clearFaults(tenant);
    await sendAgainWorks(widget);
  });

  it('send: an answer that never comes is a retryable timeout', async () => {
    const widget = await failingSend({ hang: true }, { timeout: 800 });
    expect(widget.detail).to.include({ code: 'timeout', retryable: true });
    expect(errorText(widget.el)).to.contain('took too long');
    await sendAgainWorks(widget);
  });

  it('send: a hostile error_description is shown as text, and the other methods are offered', async () => {
    const { el, detail } = await failingSend({ status: 400, body: json(HOSTILE, HOSTILE) });
    expect(detail).to.include({ code: 'request_failed', status: 400, description: HOSTILE, retryable: false });
    expect(errorText(el)).to.contain(HOSTILE);
    expect(el.shadowRoot!.querySelector('img, script, b') === null, 'no img, script, b').to.equal(true);
    expect(pwned()).to.equal(false);
    part<HTMLButtonElement>(el, 'other-methods')!.click();
    await untilStep(el, 'choose-method');
    const email = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=method-option]')].find((option) => option.textContent!.includes('Email to'))!;
    email.click();
    await untilStep(el, 'code-sent');
    expect((await outbox(tenant, 'elsewhere@example.com'))[0]!.channel).to.equal('email');
  });

  // Sending another.

  it('resend: an expired token ends the sign-in, no retry', async () => {
    const { el, detail } = await failingResend({ status: 403, body: json('expired_token', 'mfa_token is expired') });
    expect(detail).to.include({ code: 'expired_token', retryable: false });
    await untilStep(el, 'error');
    expect(part(el, 'retry') === null, 'no retry').to.equal(true);
  });

  it('resend: a 502 with an empty body says so, and the code before still signs in', async () => {
    const widget = await failingResend({ status: 502, body: '' });
    expect(widget.detail).to.include({ code: 'server', status: 502, retryable: true });
    expect(errorText(widget.el)).to.contain('had a problem');
    await codeBeforeWorks(widget);
  });

  it('resend: a dropped connection says so, and the code before still signs in', async () => {
    const widget = await failingResend({ drop: true, times: 10 });
    expect(widget.detail).to.include({ code: 'network', retryable: true });
    await clearFaults(tenant);
    await codeBeforeWorks(widget);
  });

  it('resend: an answer that never comes is a timeout; asking again sends one, whose code signs in', async () => {
    const widget = await failingResend({ hang: true }, { timeout: 800 });
    expect(widget.detail).to.include({ code: 'timeout', retryable: true });
    expect(errorText(widget.el)).to.contain('took too long');
    button(widget, 'resend').click();
    await widget.el.updateComplete;
    expect(errorText(widget.el), 'the alert is cleared').to.equal('');
    typeInto(widget.el, 'code-input', await newestCode(tenant, widget.phone, 2));
    await untilEvent(widget.events, 'verified');
  });

  it('resend: a hostile error_description is shown as text, the field kept', async () => {
    const widget = await failingResend({ status: 400, body: json('invalid_request', HOSTILE) });
    expect(widget.detail).to.include({ code: 'request_failed', description: HOSTILE, retryable: false });
    expect(errorText(widget.el)).to.contain(HOSTILE);
    expect(widget.el.shadowRoot!.querySelector('img, script, b') === null, 'no img, script, b').to.equal(true);
    expect(pwned()).to.equal(false);
    await codeBeforeWorks(widget);
  });

  // The grant.

  it('confirm: an expired token (the tenant’s own answer) ends the sign-in, no retry', async () => {
    const widget = await phoneSignIn();
    await untilStep(widget.el, 'code-sent');
    const code = await newestCode(tenant, widget.phone);
    await expireTokens(tenant);
    typeInto(widget.el, 'code-input', code);
    const detail = (await untilEvent(widget.events, 'verify-error')).detail as VerifyErrorDetail;
    expect(detail).to.include({ code: 'expired_token', status: 403, step: 'verifying', retryable: false, description: 'mfa_token is expired' });
    await untilStep(widget.el, 'error');
    expect(part(widget.el, 'retry') === null, 'no retry').to.equal(true);
    expect(part(widget.el, 'other-methods') === null, 'no other-methods').to.equal(true);
  });

  it('confirm: a 500 with an HTML body is retryable, the code kept, and Verify sends it again', async () => {
    const widget = await failingConfirm({ status: 500, body: '<h1>Internal Server Error</h1>' });
    expect(widget.detail).to.include({ code: 'server', status: 500, retryable: true });
    expect(widget.el.shadowRoot!.querySelector('h1') === null, 'no h1').to.equal(true);
    await codeKeptAndSentAgain(widget);
  });

  it('confirm: a dropped connection is a retryable network error, the code kept', async () => {
    const widget = await failingConfirm({ drop: true, times: 10 });
    expect(widget.detail).to.include({ code: 'network', retryable: true });
    await clearFaults(tenant);
    await codeKeptAndSentAgain(widget);
  });

  it('confirm: an answer that never comes is a retryable timeout, the code kept', async () => {
    const widget = await failingConfirm({ hang: true }, { timeout: 800 });
    expect(widget.detail).to.include({ code: 'timeout', retryable: true });
    expect(errorText(widget.el)).to.contain('took too long');
    await codeKeptAndSentAgain(widget);
  });

  it('confirm: a hostile error_description is shown as text, and the field stays', async () => {
    const widget = await failingConfirm({ status: 400, body: json('invalid_request', HOSTILE) });
    expect(widget.detail).to.include({ code: 'request_failed', description: HOSTILE, retryable: false });
    await untilStep(widget.el, 'code-sent');
    expect(errorText(widget.el)).to.contain(HOSTILE);
    expect(widget.el.shadowRoot!.querySelector('img, script, b') === null, 'no img, script, b').to.equal(true);
    expect(part(widget.el, 'code-input')).not.to.equal(null);
    expect(pwned()).to.equal(false);
  });
});
