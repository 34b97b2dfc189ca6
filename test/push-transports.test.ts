import { expect } from '@open-wc/testing';
import { MfaEnrollClient } from '../src/auth0/mfa-enroll-api.js';
import { MfaSignInClient } from '../src/auth0/mfa-sign-in-api.js';
import { MyAccountClient } from '../src/auth0/my-account-api.js';
import { SdkMfaClient } from '../src/auth0/sdk.js';
import { isMfaError } from '../src/core/errors.js';
import type { PushAnswer, PushRequest } from '../src/core/ports.js';
import { answerPush, scanWithGuardian } from './helpers/guardian.js';
import { sdkOverTenant } from './helpers/sdk-over-tenant.js';
import { CLIENT_ID, createTenant, mfaToken, myAccountToken, newEmail, type TestTenant } from './helpers/tenant.js';

// Push with Guardian through each way to Auth0, against the stand-in over HTTP (its fake
// Guardian scans, approves and denies): the enrollment's QR, the polls' waits, slow_down, the
// approval's tokens or method, and the denial in both of the words Auth0 may use.

const settings = (tenant: TestTenant, bearer: string) => ({ domain: tenant.base, clientId: CLIENT_ID, bearer, tokenUrl: '', timeout: 10_000, fetch: (input: URL, init: RequestInit) => fetch(input, init) });

/** What a poll's refusal was, by its code. */
async function refusal(poll: Promise<unknown>): Promise<string> {
  try {
    await poll;
  } catch (error) {
    if (isMfaError(error)) return error.code;
    throw error;
  }
  return 'no refusal';
}

/** A user enrolled with push over the MFA API, and a fresh mfa_token for signing in again. */
async function pushUser(tenant: TestTenant) {
  const email = newEmail();
  const enroll = new MfaEnrollClient(settings(tenant, await mfaToken(tenant, email)));
  const signal = new AbortController().signal;
  const request = await enroll.startPush(signal);
  await scanWithGuardian(tenant, request.barcodeUri!);
  const answer = await enroll.pollPush(request, signal);
  expect(answer.approved).to.equal(true);
  return { email, signIn: new MfaSignInClient(settings(tenant, await mfaToken(tenant, email))) };
}

describe('push with Guardian through each way to Auth0', () => {
  let tenant: TestTenant;
  const signal = new AbortController().signal;
  beforeEach(async () => {
    tenant = await createTenant({ pushPollIntervalMs: 0 });
  });

  it('MFA API: enrolls with the QR Guardian scans, waiting until it is scanned, then the tokens and recovery codes', async () => {
    const client = new MfaEnrollClient(settings(tenant, await mfaToken(tenant)));
    const request = await client.startPush(signal);
    expect(request.barcodeUri).to.match(/^otpauth:\/\/totp\/.*enrollment_tx_id=/);
    expect(request.recoveryCodes).to.have.length(1);
    expect(await client.pollPush(request, signal)).to.deep.equal({ approved: false, slowDown: false });
    const scanned = await scanWithGuardian(tenant, request.barcodeUri!);
    expect(scanned.secret, 'Guardian shows app codes too').to.be.a('string');
    const answer = (await client.pollPush(request, signal)) as Extract<PushAnswer<unknown>, { approved: true }>;
    expect(answer.approved).to.equal(true);
    expect(answer.result).to.have.property('accessToken').that.is.a('string');
  });

  it('MFA API: a poll sooner than Auth0 allows is slow_down, a wait and not a failure', async () => {
    tenant = await createTenant({ pushPollIntervalMs: 60_000 });
    const client = new MfaEnrollClient(settings(tenant, await mfaToken(tenant)));
    const request = await client.startPush(signal);
    expect(await client.pollPush(request, signal)).to.deep.equal({ approved: false, slowDown: false });
    expect(await client.pollPush(request, signal)).to.deep.equal({ approved: false, slowDown: true });
  });

  it('MFA API sign-in: the push row, a challenge, waits, then the tokens once approved', async () => {
    const { email, signIn } = await pushUser(tenant);
    const push = (await signIn.listAuthenticators(signal)).find((row) => row.channel === 'auth0' && row.active);
    expect(push, 'listed as an oob authenticator of channel auth0').to.not.equal(undefined);
    const request: PushRequest = await signIn.sendPush(push!.id, signal);
    expect(await signIn.pollPush(request, signal)).to.deep.equal({ approved: false, slowDown: false });
    await answerPush(tenant, email, 'approve');
    const answer = await signIn.pollPush(request, signal);
    expect(answer.approved && answer.result.accessToken).to.be.a('string');
  });

  for (const pushRejection of ['access_denied', 'invalid_grant'] as const) {
    it(`MFA API sign-in: a denial is push_rejected (Auth0 answering ${pushRejection})`, async () => {
      tenant = await createTenant({ pushPollIntervalMs: 0, pushRejection });
      const { email, signIn } = await pushUser(tenant);
      const push = (await signIn.listAuthenticators(signal)).find((row) => row.channel === 'auth0')!;
      const request = await signIn.sendPush(push.id, signal);
      await answerPush(tenant, email, 'deny');
      expect(await refusal(signIn.pollPush(request, signal))).to.equal('push_rejected');
    });
  }

  it('My Account API: enrolls push-notification, "Authorization pending" until scanned, then the method', async () => {
    const email = newEmail();
    await pushUser(tenant); // (another user: this one enrolls on the settings page)
    const client = new MyAccountClient({ domain: tenant.base, accessToken: await myAccountToken(tenant, email), timeout: 10_000, fetch: (input, init) => fetch(input, init) });
    const request = await client.startPush(signal);
    expect(request.location).to.be.a('string');
    expect(await client.pollPush(request, signal)).to.deep.equal({ approved: false, slowDown: false });
    await scanWithGuardian(tenant, request.barcodeUri!);
    const answer = await client.pollPush(request, signal);
    expect(answer.approved && answer.result.authenticationMethod?.type).to.equal('push-notification');
  });

  it('through the SDK’s shape: enroll({ factorType: "push" }), then verify({ oobCode }) polled', async () => {
    const client = new SdkMfaClient(sdkOverTenant(tenant), await mfaToken(tenant), 10_000);
    const request = await client.startPush(signal);
    expect(await client.pollPush(request, signal)).to.deep.equal({ approved: false, slowDown: false });
    await scanWithGuardian(tenant, request.barcodeUri!);
    const answer = await client.pollPush(request, signal);
    expect(answer.approved && answer.result.accessToken).to.be.a('string');
  });
});
