// The classic scripts as a site under `script-src 'self'` uses them: it self-hosts the one file.
// Each page here is on a site of its own whose folder holds that file and nothing else
// (test/helpers/own-site.ts), and runs the elements in the modes that load code on use in
// an app's bundle (Auth0's SDK, the My Account API), over real HTTP to the stand-in tenant.
// They must work, and the page must ask its own origin for nothing but itself and the script.
import { expect, waitUntil } from '@open-wc/testing';
import type { MfaOtpEnroll } from '../src/index.js';
import type { MfaAuthenticators } from '../src/authenticators/define.js';
import type { MfaOtpVerify, VerifiedDetail } from '../src/verify/define.js';
import type { EnrolledDetail } from '../src/enroll/events.js';
import { enrolledUser, nextCode, signInAgain } from './helpers/enrolled-user.js';
import { openOwnSite, place, type OwnSite } from './helpers/own-site.js';
import { sdkOverTenant } from './helpers/sdk-over-tenant.js';
import { createTenant, mfaToken, myAccountToken, newEmail, type TestTenant } from './helpers/tenant.js';
import { typeInto, untilStep, part } from './helpers/verify-core.js';
import { currentCode, typeCode } from './helpers/widget-core.js';

/** What the element's alert says, if anything. */
const alertOf = (el: HTMLElement): string => el.shadowRoot!.querySelector('[part~="error"]')?.textContent?.trim() ?? 'no alert';

/** The names of the methods `<mfa-authenticators>` lists, once it lists them. */
async function listedNames(el: MfaAuthenticators): Promise<string[]> {
  await waitUntil(() => el.step === 'list' || el.step === 'error', 'neither a list nor an error', { timeout: 10000 });
  await el.updateComplete;
  expect(el.step, alertOf(el)).to.equal('list');
  return [...el.shadowRoot!.querySelectorAll('[part~="item"] .name')].map((name) => name.textContent!.trim());
}

function firstEvent<Detail>(el: HTMLElement, type: string): Promise<CustomEvent<Detail>> {
  return new Promise((resolve) => el.addEventListener(type, resolve as EventListener, { once: true }));
}

/** A page of a site's own that loads `script` alone, and checks after each test that it fetched nothing else. */
function selfHosting(script: string, name: string): () => OwnSite {
  let site: OwnSite;
  before(async () => {
    site = await openOwnSite(name, { script });
  });
  afterEach(async () => {
    expect(site.escaped, 'errors in the page').to.deep.equal([]);
    const asked = await site.ownRequests();
    expect(asked, `what the page asked its own origin for: ${asked.join(', ')}`).to.deep.equal([site.folder, `${site.folder}${script}`]);
    site.document.body.replaceChildren();
  });
  after(() => site.close());
  return () => site;
}

describe('dist/mfa-otp-enroll.global.js self-hosted alone', () => {
  const site = selfHosting('mfa-otp-enroll.global.js', 'enroll-script');
  let tenant: TestTenant;
  before(async () => {
    tenant = await createTenant({ recoveryCodes: false });
  });

  it('registers the three elements, their classes on window.MfaOtpEnroll', () => {
    const { customElements, MfaOtpEnroll: global } = site().window as unknown as typeof window & { MfaOtpEnroll: Record<string, unknown> };
    expect(customElements.get('mfa-otp-enroll')).to.equal(global.MfaOtpEnroll);
    expect(customElements.get('mfa-otp-verify')).to.equal(global.MfaOtpVerify);
    expect(customElements.get('mfa-authenticators') === global.MfaAuthenticators, 'the registered class is the global one').to.equal(true);
  });

  it('lists a user’s methods with <mfa-authenticators> on the My Account API', async () => {
    const token = await myAccountToken(tenant, newEmail());
    const el = place<MfaAuthenticators>(site(), 'mfa-authenticators', { domain: tenant.base, accessToken: token });
    expect(await listedNames(el)).to.deep.equal(['Password']);
  });

  it('lists them through the SDK’s My Account client (auth0)', async () => {
    const auth0 = sdkOverTenant(tenant, await myAccountToken(tenant, newEmail()));
    const el = place<MfaAuthenticators>(site(), 'mfa-authenticators', { auth0 });
    expect(await listedNames(el)).to.deep.equal(['Password']);
  });

  it('enrolls with <mfa-otp-enroll> through the SDK (auth0)', async () => {
    const el = place<MfaOtpEnroll>(site(), 'mfa-otp-enroll', { auth0: sdkOverTenant(tenant), mfaToken: await mfaToken(tenant) });
    const enrolled = firstEvent<EnrolledDetail>(el, 'enrolled');
    await untilStep(el, 'scan');
    typeCode(el, await currentCode(el));
    expect((await enrolled).detail.accessToken).to.be.a('string');
    expect(part(el, 'done')).not.to.equal(null);
  });

  it('signs in again with <mfa-otp-verify> through the SDK (auth0)', async () => {
    const user = await enrolledUser(tenant);
    const el = place<MfaOtpVerify>(site(), 'mfa-otp-verify', { auth0: sdkOverTenant(tenant), mfaToken: await signInAgain(tenant, user) });
    const verified = firstEvent<VerifiedDetail>(el, 'verified');
    await untilStep(el, 'code');
    typeInto(el, 'code-input', await nextCode(user));
    expect((await verified).detail.method).to.equal('otp');
    expect(part(el, 'done')).not.to.equal(null);
  });
});

describe('dist/mfa-otp-verify.global.js self-hosted alone', () => {
  const site = selfHosting('mfa-otp-verify.global.js', 'verify-script');

  it('registers <mfa-otp-verify> only, its class on window.MfaOtpVerify', () => {
    const { customElements, MfaOtpVerify: global } = site().window as unknown as typeof window & { MfaOtpVerify: Record<string, unknown> };
    expect(global.MfaOtpVerify).to.be.a('function');
    expect(customElements.get('mfa-otp-verify')).to.equal(global.MfaOtpVerify);
    expect(customElements.get('mfa-otp-enroll')).to.equal(undefined);
    expect(customElements.get('mfa-authenticators')).to.equal(undefined);
  });

  it('signs in again through the SDK (auth0)', async () => {
    const tenant = await createTenant();
    const user = await enrolledUser(tenant);
    const el = place<MfaOtpVerify>(site(), 'mfa-otp-verify', { auth0: sdkOverTenant(tenant), mfaToken: await signInAgain(tenant, user) });
    const verified = firstEvent<VerifiedDetail>(el, 'verified');
    await untilStep(el, 'code');
    typeInto(el, 'code-input', await nextCode(user));
    const event = await verified;
    expect(event.detail.method).to.equal('otp');
    expect(event.detail.accessToken).to.be.a('string');
  });
});
