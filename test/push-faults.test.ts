// The fault matrix of push with Guardian, through the stand-in over real HTTP: on starting it
// (the enrollment's associate, the sign-in's challenge) each fault ends the step with its stable
// code, server text as text; on a poll, what passes (a 5xx, a dropped connection, an answer that
// never comes) slows the polling and the approval still signs in, and what doesn't (an expired
// token, a refusal) ends it with its code.
import { expect } from '@open-wc/testing';
import type { MfaErrorCode } from '../src/core/errors.js';
import { PUSH_POLL } from '../src/factors/push/push-poller.js';
import type { VerifyErrorDetail } from '../src/verify/define.js';
import { part, untilEvent, untilStep } from './helpers/element-core.js';
import { HOSTILE_HTML as HOSTILE, pwned } from './helpers/fixtures.js';
import { answerPush, pushUser, scanFor } from './helpers/guardian.js';
import { addFault, createTenant, expireTokens, mfaToken, type TestTenant } from './helpers/tenant.js';
import { renderVerify } from './helpers/verify.js';
import { renderWidget } from './helpers/widget.js';

const TIMES = { ...PUSH_POLL };
type Arrange = (tenant: TestTenant, request: { method: string; path: string }) => Promise<void>;

interface Case {
  readonly what: string;
  readonly arrange: Arrange;
  readonly code: MfaErrorCode;
  /** A poll failing so goes on polling. */
  readonly passes: boolean;
  readonly timeout?: number;
}

const CASES: readonly Case[] = [
  { what: 'an expired token', arrange: (tenant) => expireTokens(tenant), code: 'expired_token', passes: false },
  { what: 'a 503', arrange: (tenant, request) => addFault(tenant, { ...request, status: 503, body: '<html>Unavailable</html>' }), code: 'server', passes: true },
  { what: 'a dropped connection', arrange: (tenant, request) => addFault(tenant, { ...request, drop: true, times: 10 }), code: 'network', passes: true },
  { what: 'an answer that never comes', arrange: (tenant, request) => addFault(tenant, { ...request, status: 200, hang: true }), code: 'timeout', passes: true, timeout: 800 },
  {
    what: 'hostile text in a refusal',
    arrange: (tenant, request) => addFault(tenant, { ...request, status: 403, body: JSON.stringify({ error: HOSTILE, error_description: `${HOSTILE} Not allowed.` }) }),
    code: 'request_failed',
    passes: false,
  },
];

const ASSOCIATE = { method: 'POST', path: '/mfa/associate' };
const CHALLENGE = { method: 'POST', path: '/mfa/challenge' };
const TOKEN = { method: 'POST', path: '/oauth/token' };

/** The alert says the event's message, as text only. */
function alertIsText(el: HTMLElement, message: string): void {
  expect(part(el, 'error')!.textContent!.trim()).to.contain(message.slice(0, 20));
  expect(part(el, 'error')!.children, 'nothing but text in the alert').to.have.length(0);
  expect(pwned()).to.equal(false);
}

describe('faults on push with Guardian', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    Object.assign(PUSH_POLL, { intervalMs: 100, slowDownStepMs: 100, maxBackoffMs: 400 });
    tenant = await createTenant({ pushPollIntervalMs: 0 });
  });
  afterEach(() => Object.assign(PUSH_POLL, TIMES));

  for (const fault of CASES) {
    it(`enroll, starting: ${fault.what} is ${fault.code}`, async () => {
      const token = await mfaToken(tenant); // got before the fault: an expired token must be the widget's
      await fault.arrange(tenant, ASSOCIATE);
      const { el, events } = await renderWidget(tenant, { factors: 'push', token, timeout: fault.timeout ?? 30000 });
      const { detail } = (await untilEvent(events as CustomEvent[], 'enroll-error')) as CustomEvent<VerifyErrorDetail>;
      expect(detail).to.include({ code: fault.code, step: 'loading' });
      await untilStep(el, 'error');
      alertIsText(el, detail.message);
    });

    it(`enroll, polling: ${fault.what} ${fault.passes ? 'slows the polling, and the scan still confirms' : `ends it: ${fault.code}`}`, async () => {
      const { el, events, email } = await renderWidget(tenant, { factors: 'push', timeout: fault.timeout ?? 30000 });
      await untilStep(el, 'push-scan');
      await fault.arrange(tenant, TOKEN);
      if (fault.passes) {
        await new Promise((resolve) => setTimeout(resolve, 4 * PUSH_POLL.intervalMs + (fault.timeout ?? 0)));
        expect(el.step, 'still waiting').to.equal('push-scan');
        await scanFor(tenant, email);
        await untilStep(el, 'new-recovery-code');
      } else {
        const { detail } = (await untilEvent(events as CustomEvent[], 'enroll-error')) as CustomEvent<VerifyErrorDetail>;
        expect(detail).to.include({ code: fault.code, step: 'push-scan' });
        await untilStep(el, 'error');
        alertIsText(el, detail.message);
      }
    });

    it(`sign-in, polling: ${fault.what} ${fault.passes ? 'slows the polling, and the approval still signs in' : `ends it: ${fault.code}, another push may be asked for`}`, async () => {
      const user = await pushUser(tenant);
      const { el, events } = await renderVerify(tenant, { user: { ...user }, timeout: fault.timeout ?? 30000 });
      await untilStep(el, 'push-sent');
      await fault.arrange(tenant, TOKEN);
      if (fault.passes) {
        await new Promise((resolve) => setTimeout(resolve, 4 * PUSH_POLL.intervalMs + (fault.timeout ?? 0)));
        expect(el.step, 'still waiting').to.equal('push-sent');
        await answerPush(tenant, user.email, 'approve');
        await untilStep(el, 'done');
      } else {
        const detail = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
        expect(detail).to.include({ code: fault.code });
        alertIsText(el, detail.message);
      }
    });
  }

  for (const fault of CASES.filter((one) => one.code !== 'expired_token')) {
    it(`sign-in, sending the push: ${fault.what} is ${fault.code}, and other methods stay offered`, async () => {
      const user = await pushUser(tenant);
      await fault.arrange(tenant, CHALLENGE);
      const { el, events } = await renderVerify(tenant, { user: { ...user }, timeout: fault.timeout ?? 30000 });
      const detail = (await untilEvent(events, 'verify-error')).detail as VerifyErrorDetail;
      expect(detail).to.include({ code: fault.code, step: 'sending-push' });
      await untilStep(el, 'error');
      alertIsText(el, detail.message);
      expect(part(el, 'other-methods'), 'the app code or a recovery code still').to.not.equal(null);
    });
  }
});
