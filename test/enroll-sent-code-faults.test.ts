// The fault matrix of codes by text, call and email with <mfa-otp-enroll>, through the stand-in
// over real HTTP: an expired token, a server error, a dropped connection, an answer that never
// comes and hostile server text, on each request of the setup (send, resend, confirm). Each gets
// its stable code and the words of the alert, server text stays text, and nothing the user typed
// is lost: the number stays in its field, the code sent stays on screen.
import { expect, waitUntil } from '@open-wc/testing';
import type { MfaErrorCode } from '../src/core/errors.js';
import type { EnrollErrorDetail } from '../src/enroll/events.js';
import type { MfaOtpEnroll } from '../src/index.js';
import { HOSTILE_HTML as HOSTILE, pwned } from './helpers/fixtures.js';
import { outbox } from './helpers/outbox.js';
import { alertText, send, shortResendWait, typeDestination, untilCodeSent, US_NUMBER } from './helpers/sent-code.js';
import { addFault, clearFaults, createTenant, expireTokens, mfaToken, type TestTenant } from './helpers/tenant.js';
import { part, renderWidget, typeCode, untilEvent, untilStep } from './helpers/widget.js';

const ASSOCIATE = { method: 'POST', path: '/mfa/associate' } as const;
const TOKEN = { method: 'POST', path: '/oauth/token' } as const;
type Request = typeof ASSOCIATE | typeof TOKEN;

interface FaultCase {
  readonly what: string;
  /** Makes the next `request` fail this way. */
  readonly arrange: (tenant: TestTenant, request: Request) => Promise<void>;
  readonly code: MfaErrorCode;
  readonly retryable: boolean;
  /** The element's `timeout`, where the case needs a short one. */
  readonly timeout?: number;
}

const CASES: readonly FaultCase[] = [
  { what: 'an expired token', arrange: (tenant) => expireTokens(tenant), code: 'expired_token', retryable: false },
  {
    what: 'a 503 with an HTML body',
    arrange: (tenant, request) => addFault(tenant, { ...request, status: 503, body: '<html><body>Service Unavailable</body></html>' }),
    code: 'server',
    retryable: true,
  },
  // Chromium resends a request silently when a pooled connection drops: drop more often than that.
  { what: 'a dropped connection', arrange: (tenant, request) => addFault(tenant, { ...request, drop: true, times: 10 }), code: 'network', retryable: true },
  {
    what: 'an answer that never comes',
    arrange: (tenant, request) => addFault(tenant, { ...request, status: 200, hang: true }),
    code: 'timeout',
    retryable: true,
    timeout: 800,
  },
  {
    // A refusal the element has no words for shows the server's description: as text.
    what: 'hostile text in the error',
    arrange: (tenant, request) =>
      addFault(tenant, { ...request, status: 403, body: JSON.stringify({ error: HOSTILE, error_description: `${HOSTILE} This factor is not enabled.` }) }),
    code: 'request_failed',
    retryable: false,
  },
];

/** The failure's event, checked against the case, and the alert saying its message as text. */
async function failure(el: MfaOtpEnroll, events: Event[], fault: FaultCase, step: string): Promise<EnrollErrorDetail> {
  const { detail } = (await untilEvent(events as CustomEvent[], 'enroll-error')) as CustomEvent<EnrollErrorDetail>;
  expect(detail).to.include({ code: fault.code, step, retryable: fault.retryable });
  await el.updateComplete;
  expect(alertText(el)).to.equal(detail.message);
  if (fault.code === 'request_failed') {
    expect(detail.description).to.contain(HOSTILE);
    expect(alertText(el), 'the server’s words, as text').to.contain(HOSTILE);
  }
  expect(part(el, 'error')!.children, 'nothing but text in the alert').to.have.length(0);
  expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
  expect(pwned()).to.equal(false);
  return detail;
}

/** What a case's title promises after it: the expired token's own way on, or the step kept. */
const outcome = (fault: FaultCase, kept: string, again?: string): string =>
  fault.code === 'expired_token' ? 'the session over, and a new token back at the number still typed' : `${kept}${again && fault.retryable ? `, and ${again} works` : ''}`;

/**
 * After an expired token: the error step says so (the sent code can't be confirmed on it), and the
 * new token the host sets brings the user back to the number, still typed.
 */
async function signInAgain(el: MfaOtpEnroll, tenant: TestTenant, email: string): Promise<void> {
  await untilStep(el, 'error');
  expect(alertText(el)).to.contain('expired');
  expect(part(el, 'retry'), 'not retryable on this token').to.equal(null);
  el.mfaToken = await mfaToken(tenant, email);
  await untilStep(el, 'destination');
  expect(part<HTMLInputElement>(el, 'phone-input')!.value, 'the number still typed').to.equal(US_NUMBER.typed);
}

describe('faults on sending the code (POST /mfa/associate)', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  for (const fault of CASES) {
    it(`${fault.what}: ${fault.code}, ${outcome(fault, 'the number kept', 'Send again')}`, async () => {
      const { el, events, email } = await renderWidget(tenant, { factors: 'sms', timeout: fault.timeout ?? 30000 });
      await untilStep(el, 'destination');
      typeDestination(el, 'phone-input', US_NUMBER.typed);
      await fault.arrange(tenant, ASSOCIATE);
      send(el);
      await failure(el, events, fault, 'sending');
      if (fault.code === 'expired_token') return signInAgain(el, tenant, email);

      expect(el.step).to.equal('destination');
      expect(part<HTMLInputElement>(el, 'phone-input')!.value).to.equal(US_NUMBER.typed);
      expect(part<HTMLButtonElement>(el, 'send')!.disabled).to.equal(false);
      expect(await outbox(tenant, US_NUMBER.e164), 'nothing sent').to.have.length(0);
      if (!fault.retryable) return;
      await clearFaults(tenant);
      send(el);
      await untilStep(el, 'code-sent');
    });
  }
});

describe('faults on sending a new code (POST /mfa/associate again)', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });
  shortResendWait(300);

  for (const fault of CASES) {
    it(`${fault.what}: ${fault.code}, ${outcome(fault, 'the code already sent kept on screen, and still good')}`, async () => {
      const { el, events, email, message } = await untilCodeSent(tenant, { timeout: fault.timeout ?? 30000 });
      const resend = part<HTMLButtonElement>(el, 'resend')!;
      await waitUntil(() => !resend.disabled, 'the resend button stays disabled', { timeout: 5000 });
      await fault.arrange(tenant, ASSOCIATE);
      resend.click();
      await failure(el, events, fault, 'resending');
      if (fault.code === 'expired_token') return signInAgain(el, tenant, email);

      expect(el.step).to.equal('code-sent');
      expect(part(el, 'sent-to')!.textContent).to.contain('8730');
      expect(part<HTMLButtonElement>(el, 'resend')!.disabled, 'a new code may be asked for again').to.equal(false);
      expect(await outbox(tenant, US_NUMBER.e164), 'no new code went out').to.have.length(1);
      await clearFaults(tenant);
      typeCode(el, message.code);
      await untilStep(el, 'new-recovery-code');
    });
  }
});

describe('faults on confirming the code (POST /oauth/token, the mfa-oob grant)', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  for (const fault of CASES) {
    it(`${fault.what}: ${fault.code}, ${outcome(fault, 'the code sent and typed kept', 'Verify again')}`, async () => {
      const { el, events, email, message } = await untilCodeSent(tenant, { timeout: fault.timeout ?? 30000 });
      await fault.arrange(tenant, TOKEN);
      typeCode(el, message.code);
      await failure(el, events, fault, 'confirming-code');
      if (fault.code === 'expired_token') return signInAgain(el, tenant, email);

      expect(el.step).to.equal('code-sent');
      expect(part(el, 'sent-to')!.textContent).to.contain('8730');
      expect(part<HTMLInputElement>(el, 'code-input')!.value, 'a code that was not refused stays typed').to.equal(message.code);
      if (!fault.retryable) return;
      await clearFaults(tenant);
      part<HTMLButtonElement>(el, 'submit')!.click();
      await untilStep(el, 'new-recovery-code');
    });
  }
});
