import { expect } from '@open-wc/testing';
import { enrolledUser, signInAgain } from './helpers/enrolled-user.js';
import { createTenant, mfaToken, myAccountToken, newEmail, tenantUrl, userState } from './helpers/tenant.js';
import { wrongCodeFor } from './helpers/verify-core.js';
import { newPhone, signingIn } from './helpers/sent-codes.js';

interface Report<Result = { events: string[]; qrDrawn: boolean; violations: string[]; trustedTypesEnforced: boolean }> {
  ready?: boolean;
  error?: string;
  violations?: string[];
  result?: Result;
}

interface SignInResult {
  events: string[];
  alert: string;
  newCode: string;
  violations: string[];
  trustedTypesEnforced: boolean;
}

/** What the page reports after setting up text messages. */
interface PhoneResult {
  events: string[];
  sentTo: string;
  violations: string[];
  trustedTypesEnforced: boolean;
}

/** What the account-settings page reports (test/csp/authenticators-page.ts). */
interface SettingsResult {
  events: string[];
  before: string[];
  after: string[];
  newCode: string;
  warned: boolean;
  violations: string[];
  trustedTypesEnforced: boolean;
}

/** Loads a page of `test/csp/` (each is served with the strict policy) in a frame and waits for its first message. */
function openStrictPage(path = '/test/csp/strict.html'): Promise<{ frame: HTMLIFrameElement; next: () => Promise<Report> }> {
  const frame = document.createElement('iframe');
  const inbox: Report[] = [];
  let wake: (() => void) | undefined;
  addEventListener('message', (event: MessageEvent<Report>) => {
    if (event.source !== frame.contentWindow) return;
    inbox.push(event.data);
    wake?.();
  });
  const next = async (): Promise<Report> => {
    while (!inbox.length) await new Promise<void>((resolve) => (wake = resolve));
    return inbox.shift()!;
  };
  frame.src = path;
  document.body.append(frame);
  return next().then(() => ({ frame, next }));
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
    const { frame, next } = await openStrictPage();
    const tenant = await createTenant();
    frame.contentWindow!.postMessage({ base: tenant.base, token: await mfaToken(tenant) }, location.origin);
    const report = await next();
    expect(report.error, `${report.error} ${report.violations?.join(', ')}`).to.equal(undefined);
    const { events, qrDrawn, violations, trustedTypesEnforced } = report.result!;
    expect(trustedTypesEnforced, 'the policy is in force').to.equal(true);
    expect(qrDrawn).to.equal(true);
    expect(events).to.deep.equal(['associated', 'enrolled']);
    expect(violations).to.deep.equal([]);
    frame.remove();
  });

  it('sets up text messages end to end (the choice, the country list, the countdown, the code) with zero violations', async () => {
    const { frame, next } = await openStrictPage();
    const tenant = await createTenant();
    const outbox = `${tenantUrl}/__control/tenants/${tenant.id}/outbox?to=${encodeURIComponent('+49301234567')}`;
    frame.contentWindow!.postMessage({ kind: 'sms', base: tenant.base, token: await mfaToken(tenant), outbox }, location.origin);
    const report = (await next()) as unknown as Report<PhoneResult>;
    expect(report.error, `${report.error} ${report.violations?.join(', ')}`).to.equal(undefined);
    const { events, sentTo, violations, trustedTypesEnforced } = report.result!;
    expect(trustedTypesEnforced, 'the policy is in force').to.equal(true);
    expect(sentTo).to.equal('We sent a code to +49 ••• ••• 4567.');
    expect(events).to.deep.equal(['associated', 'enrolled']);
    expect(violations).to.deep.equal([]);
    frame.remove();
  });

  it('sets up push with Guardian (the QR drawn, the polls, the recovery codes) with zero violations', async () => {
    const { frame, next } = await openStrictPage();
    const tenant = await createTenant();
    const email = newEmail();
    const scan = `${tenantUrl}/__control/tenants/${tenant.id}/guardian/scan`;
    frame.contentWindow!.postMessage({ kind: 'push', base: tenant.base, token: await mfaToken(tenant, email), scan, email }, location.origin);
    const report = (await next()) as unknown as Report;
    expect(report.error, `${report.error} ${report.violations?.join(', ')}`).to.equal(undefined);
    const { events, qrDrawn, violations, trustedTypesEnforced } = report.result!;
    expect(trustedTypesEnforced, 'the policy is in force').to.equal(true);
    expect(qrDrawn).to.equal(true);
    expect(events).to.deep.equal(['associated', 'enrolled']);
    expect(violations).to.deep.equal([]);
    frame.remove();
  });

  it('signs in again end to end, a wrong code and then a recovery code, with zero violations', async () => {
    const { frame, next } = await openStrictPage();
    const tenant = await createTenant();
    const user = await enrolledUser(tenant);
    const run = { kind: 'verify', base: tenant.base, token: await signInAgain(tenant, user), wrongCode: await wrongCodeFor(user), recoveryCode: user.recoveryCode };
    frame.contentWindow!.postMessage(run, location.origin);
    const report = (await next()) as unknown as Report<SignInResult>;
    expect(report.error, `${report.error} ${report.violations?.join(', ')}`).to.equal(undefined);
    const { events, alert, newCode, violations, trustedTypesEnforced } = report.result!;
    expect(trustedTypesEnforced, 'the policy is in force').to.equal(true);
    expect(alert).to.contain('Wrong code');
    expect(newCode).to.equal((await userState(tenant, user.email)).recoveryCode);
    expect(events).to.deep.equal(['verify-error', 'verified']);
    expect(violations).to.deep.equal([]);
    frame.remove();
  });

  it('signs in by text message, chosen from the list of methods, with zero violations', async () => {
    const { frame, next } = await openStrictPage();
    const tenant = await createTenant();
    const phone = newPhone();
    const { token } = await signingIn(tenant, { app: true, phone });
    const outbox = `${tenantUrl}/__control/tenants/${tenant.id}/outbox?to=${encodeURIComponent(phone)}`;
    frame.contentWindow!.postMessage({ kind: 'verify-sent', base: tenant.base, token, outbox }, location.origin);
    const report = (await next()) as unknown as Report<{ events: string[]; sentTo: string; methods: number; violations: string[]; trustedTypesEnforced: boolean }>;
    expect(report.error, `${report.error} ${report.violations?.join(', ')}`).to.equal(undefined);
    const { events, sentTo, methods, violations, trustedTypesEnforced } = report.result!;
    expect(trustedTypesEnforced, 'the policy is in force').to.equal(true);
    expect(methods).to.equal(4);
    expect(sentTo).to.equal(`We sent a code to ••••${phone.slice(-4)}.`);
    expect(events).to.deep.equal(['verified']);
    expect(violations).to.deep.equal([]);
    frame.remove();
  });

  it('lists, replaces the recovery code and removes the app with <mfa-authenticators>, with zero violations', async () => {
    const { frame, next } = await openStrictPage('/test/csp/authenticators.html');
    const tenant = await createTenant();
    const user = await enrolledUser(tenant);
    frame.contentWindow!.postMessage({ base: tenant.base, token: await myAccountToken(tenant, user.email) }, location.origin);
    const report = (await next()) as unknown as Report<SettingsResult>;
    expect(report.error, `${report.error} ${report.violations?.join(', ')}`).to.equal(undefined);
    const { events, before, after, newCode, warned, violations, trustedTypesEnforced } = report.result!;
    expect(trustedTypesEnforced, 'the policy is in force').to.equal(true);
    expect(before).to.deep.equal(['Password', 'Authenticator app', 'Recovery code']);
    expect(newCode).to.equal((await userState(tenant, user.email)).recoveryCode);
    expect(warned, 'the last second factor').to.equal(true);
    expect(after).to.deep.equal(['Password', 'Recovery code']);
    expect(events).to.deep.equal(['recovery-code-regenerated', 'authenticator-removed']);
    expect(violations).to.deep.equal([]);
    frame.remove();
  });
});
