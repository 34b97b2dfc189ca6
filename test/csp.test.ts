import { expect } from '@open-wc/testing';
import { enrolledUser, signInAgain } from './helpers/enrolled-user.js';
import { createTenant, mfaToken, myAccountToken, newEmail, tenantUrl, userState } from './helpers/tenant.js';
import { wrongCodeFor } from './helpers/verify-core.js';
import { newPhone, signingIn } from './helpers/sent-codes.js';

/** What a page of `test/csp/` reports: its result, or the error that stopped it. */
interface Report<Result> {
  ready?: boolean;
  error?: string;
  violations?: string[];
  result?: Result & Enforced;
}

/** What every run reports besides its own result. */
interface Enforced {
  violations: string[];
  trustedTypesEnforced: boolean;
}

/** Loads a page of `test/csp/` (each is served with the strict policy) in a frame and waits for its first message. */
function openStrictPage(path: string): Promise<{ frame: HTMLIFrameElement; next: () => Promise<Report<unknown>> }> {
  const frame = document.createElement('iframe');
  const inbox: Report<unknown>[] = [];
  let wake: (() => void) | undefined;
  addEventListener('message', (event: MessageEvent<Report<unknown>>) => {
    if (event.source !== frame.contentWindow) return;
    inbox.push(event.data);
    wake?.();
  });
  const next = async (): Promise<Report<unknown>> => {
    while (!inbox.length) await new Promise<void>((resolve) => (wake = resolve));
    return inbox.shift()!;
  };
  frame.src = path;
  document.body.append(frame);
  return next().then(() => ({ frame, next }));
}

/**
 * Runs `run` on a strict page (the policy in force, Trusted Types required) and answers its
 * result, once the page said it finished with no error and no violation.
 */
async function runStrict<Result>(run: Record<string, unknown>, path = '/test/csp/strict.html'): Promise<Result> {
  const { frame, next } = await openStrictPage(path);
  try {
    frame.contentWindow!.postMessage(run, location.origin);
    const report = (await next()) as Report<Result>;
    expect(report.error, `${report.error} ${report.violations?.join(', ')}`).to.equal(undefined);
    const result = report.result!;
    expect(result.trustedTypesEnforced, 'the policy is in force').to.equal(true);
    expect(result.violations).to.deep.equal([]);
    return result;
  } finally {
    frame.remove();
  }
}

/** What the page reports after enrolling the app or push. */
interface EnrollResult {
  events: string[];
  qrDrawn: boolean;
}

/** What the account-settings page reports (test/csp/authenticators-page.ts). */
interface SettingsResult {
  events: string[];
  before: string[];
  after: string[];
  newCode: string;
  warned: boolean;
}

describe('under a strict Content-Security-Policy with Trusted Types', () => {
  it('serves the page with the policy the README documents', async () => {
    const response = await fetch('/test/csp/strict.html');
    const policy = response.headers.get('Content-Security-Policy')!;
    expect(policy).to.contain("default-src 'none'");
    expect(policy).to.contain("require-trusted-types-for 'script'");
    expect(policy).to.contain('trusted-types lit-html mfa-otp-enroll');
    expect(policy).to.contain(`connect-src ${new URL(tenantUrl).origin}`);
  });

  it('enrolls end to end with zero violations', async () => {
    const tenant = await createTenant();
    const { events, qrDrawn } = await runStrict<EnrollResult>({ base: tenant.base, token: await mfaToken(tenant) });
    expect(qrDrawn).to.equal(true);
    expect(events).to.deep.equal(['associated', 'enrolled']);
  });

  it('sets up text messages end to end (the choice, the country list, the countdown, the code) with zero violations', async () => {
    const tenant = await createTenant();
    const outbox = `${tenantUrl}/__control/tenants/${tenant.id}/outbox?to=${encodeURIComponent('+49301234567')}`;
    const { events, sentTo } = await runStrict<{ events: string[]; sentTo: string }>({ kind: 'sms', base: tenant.base, token: await mfaToken(tenant), outbox });
    expect(sentTo).to.equal('We sent a code to +49 ••• ••• 4567.');
    expect(events).to.deep.equal(['associated', 'enrolled']);
  });

  it('sets up push with Guardian (the QR drawn, the polls, the recovery codes) with zero violations', async () => {
    const tenant = await createTenant();
    const email = newEmail();
    const scan = `${tenantUrl}/__control/tenants/${tenant.id}/guardian/scan`;
    const { events, qrDrawn } = await runStrict<EnrollResult>({ kind: 'push', base: tenant.base, token: await mfaToken(tenant, email), scan, email });
    expect(qrDrawn).to.equal(true);
    expect(events).to.deep.equal(['associated', 'enrolled']);
  });

  it('signs in again end to end, a wrong code and then a recovery code, with zero violations', async () => {
    const tenant = await createTenant();
    const user = await enrolledUser(tenant);
    const run = { kind: 'verify', base: tenant.base, token: await signInAgain(tenant, user), wrongCode: await wrongCodeFor(user), recoveryCode: user.recoveryCode };
    const { events, alert, newCode } = await runStrict<{ events: string[]; alert: string; newCode: string }>(run);
    expect(alert).to.contain('Wrong code');
    expect(newCode).to.equal((await userState(tenant, user.email)).recoveryCode);
    expect(events).to.deep.equal(['verify-error', 'verified']);
  });

  it('signs in by text message, chosen from the list of methods, with zero violations', async () => {
    const tenant = await createTenant();
    const phone = newPhone();
    const { token } = await signingIn(tenant, { app: true, phone });
    const outbox = `${tenantUrl}/__control/tenants/${tenant.id}/outbox?to=${encodeURIComponent(phone)}`;
    const { events, sentTo, methods } = await runStrict<{ events: string[]; sentTo: string; methods: number }>({ kind: 'verify-sent', base: tenant.base, token, outbox });
    expect(methods).to.equal(4);
    expect(sentTo).to.equal(`We sent a code to ••••${phone.slice(-4)}.`);
    expect(events).to.deep.equal(['verified']);
  });

  it('lists, replaces the recovery code and removes the app with <mfa-authenticators>, with zero violations', async () => {
    const tenant = await createTenant();
    const user = await enrolledUser(tenant);
    const { events, before, after, newCode, warned } = await runStrict<SettingsResult>({ base: tenant.base, token: await myAccountToken(tenant, user.email) }, '/test/csp/authenticators.html');
    expect(before).to.deep.equal(['Password', 'Authenticator app', 'Recovery code']);
    expect(newCode).to.equal((await userState(tenant, user.email)).recoveryCode);
    expect(warned, 'the last second factor').to.equal(true);
    expect(after).to.deep.equal(['Password', 'Recovery code']);
    expect(events).to.deep.equal(['recovery-code-regenerated', 'authenticator-removed']);
  });
});
