// Drives the built classic-script bundle (dist/mfa-otp-enroll.global.js) the way a
// plain HTML page uses it: no imports from src, only <script src>. A copy of either script
// alone on a site of its own: test/self-hosted.test.ts.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MfaOtpEnroll } from '../src/index.js';
import type { MfaAuthenticators } from '../src/authenticators/define.js';
import type { MfaOtpVerify, VerifiedDetail } from '../src/verify/define.js';
import { enrolledUser, nextCode, signInAgain } from './helpers/enrolled-user.js';
import { CLIENT_ID, createTenant, mfaToken, myAccountToken, newEmail } from './helpers/tenant.js';
import { typeInto, untilStep, part } from './helpers/verify-core.js';
import { currentCode, typeCode } from './helpers/widget-core.js';

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

/** Loads `src` as `loadScript` does, and returns the errors the page reported meanwhile. */
async function errorsLoading(src: string): Promise<ErrorEvent[]> {
  const errors: ErrorEvent[] = [];
  const onError = (event: ErrorEvent) => errors.push(event);
  window.addEventListener('error', onError);
  await loadScript(src).finally(() => window.removeEventListener('error', onError));
  return errors;
}

describe('the script-tag bundle', () => {
  before(async () => {
    await loadScript('/dist/mfa-otp-enroll.global.js');
  });

  it('registers <mfa-otp-enroll> and exposes the class as a global', () => {
    const global = (window as unknown as { MfaOtpEnroll: { MfaOtpEnroll: unknown } }).MfaOtpEnroll;
    expect(customElements.get('mfa-otp-enroll')).to.equal(global.MfaOtpEnroll);
  });

  it('registers <mfa-otp-verify> too, its class on the same global', () => {
    const global = (window as unknown as { MfaOtpEnroll: { MfaOtpVerify: unknown; MfaOtpEnroll: unknown } }).MfaOtpEnroll;
    expect(global.MfaOtpVerify).to.be.a('function');
    expect(customElements.get('mfa-otp-verify')).to.equal(global.MfaOtpVerify);
    expect(global.MfaOtpVerify).not.to.equal(global.MfaOtpEnroll);
    expect(document.createElement('mfa-otp-verify')).to.be.instanceOf(global.MfaOtpVerify as CustomElementConstructor);
  });

  it('registers <mfa-authenticators> too, its class on the same global', () => {
    const global = (window as unknown as { MfaOtpEnroll: { MfaAuthenticators: unknown; MfaOtpEnroll: unknown } }).MfaOtpEnroll;
    expect(global.MfaAuthenticators).to.be.a('function');
    expect(customElements.get('mfa-authenticators') === global.MfaAuthenticators, 'the registered class is the global one').to.equal(true);
    expect(document.createElement('mfa-authenticators')).to.be.instanceOf(global.MfaAuthenticators as CustomElementConstructor);
  });

  it('is safe to load twice', async () => {
    expect(await errorsLoading('/dist/mfa-otp-enroll.global.js')).to.have.length(0);
  });

  it('speaks a language module from dist/locales loaded next to it (strings packed without keys)', async () => {
    const el = await fixture<MfaOtpEnroll>(html`<mfa-otp-enroll lang="uk"></mfa-otp-enroll>`);
    const heading = () => part(el, 'heading')!.textContent!.trim();
    const english = heading();
    const path = '/dist/locales/uk.js';
    const { default: ukrainian } = (await import(/* @vite-ignore */ path)) as { default: { heading: string } };
    await waitUntil(() => heading() !== english, 'the widget did not switch language');
    expect(heading()).to.equal(ukrainian.heading);
    expect(part<HTMLInputElement>(el, 'code-input')!.labels![0]!.textContent).to.match(/[а-яіїє]/i);
  });

  it('enrolls end to end against a tenant on another origin', async () => {
    const tenant = await createTenant({ recoveryCodes: false });
    const token = await mfaToken(tenant);
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><mfa-otp-enroll domain=${tenant.base} client-id=${CLIENT_ID}></mfa-otp-enroll></div>`,
    );
    const el = wrapper.firstElementChild as MfaOtpEnroll;
    const enrolled = new Promise<CustomEvent>((resolve) => wrapper.addEventListener('enrolled', resolve as EventListener));
    el.mfaToken = token;
    await untilStep(el, 'scan');
    typeCode(el, await currentCode(el));
    const event = await enrolled;
    expect(event.detail.accessToken).to.be.a('string');
    expect(part(el, 'done')).not.to.equal(null);
  });

  it('signs in again end to end with <mfa-otp-verify> from the bundle', async () => {
    const tenant = await createTenant();
    const user = await enrolledUser(tenant);
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><mfa-otp-verify domain=${tenant.base} client-id=${CLIENT_ID}></mfa-otp-verify></div>`,
    );
    const el = wrapper.firstElementChild as MfaOtpVerify;
    const verified = new Promise<CustomEvent<VerifiedDetail>>((resolve) => wrapper.addEventListener('verified', resolve as EventListener));
    el.mfaToken = await signInAgain(tenant, user);
    await untilStep(el, 'code');
    typeInto(el, 'code-input', await nextCode(user));
    const event = await verified;
    expect(event.detail.method).to.equal('otp');
    expect(event.detail.accessToken).to.be.a('string');
    expect(part(el, 'done')).not.to.equal(null);
  });

  it('lists a user’s methods with <mfa-authenticators>, the My Account client inside the bundle', async () => {
    const tenant = await createTenant();
    const token = await myAccountToken(tenant, newEmail());
    const el = await fixture<MfaAuthenticators>(html`<mfa-authenticators domain=${tenant.base} access-token=${token}></mfa-authenticators>`);
    expect(el.hasAttribute('access-token')).to.equal(false);
    await waitUntil(() => el.step === 'list', `step stayed ${el.step}`, { timeout: 10000 });
    await el.updateComplete;
    const names = [...el.shadowRoot!.querySelectorAll('[part~="item"] .name')].map((name) => name.textContent!.trim());
    expect(names).to.deep.equal(['Password']);
    expect(el.shadowRoot!.querySelector('[part~="add"]') !== null, 'an app can be added').to.equal(true);
    const loaded = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(loaded.filter((path) => path.startsWith('/dist/auth0/')), 'code fetched from beside the bundle').to.deep.equal([]);
  });

  it('shares the page with the sign-in script harmlessly: the first definition wins', async () => {
    const registered = customElements.get('mfa-otp-verify');
    expect(await errorsLoading('/dist/mfa-otp-verify.global.js')).to.have.length(0);
    const signIn = (window as unknown as { MfaOtpVerify: { MfaOtpVerify: unknown } }).MfaOtpVerify.MfaOtpVerify;
    expect(signIn).to.be.a('function');
    expect(signIn === registered, 'the sign-in script’s class is its own').to.equal(false);
    expect(customElements.get('mfa-otp-verify') === registered, 'the element is still the first definition').to.equal(true);
  });
});
