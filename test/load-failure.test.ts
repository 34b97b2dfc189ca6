// A module an element loads on use (the My Account client, the SDK adapters) that fails to load
// in an ES-module build: the network dropped, or a deploy replaced the files under an open page.
// It is a retryable `network` error that says part of the page couldn't be loaded, never
// Auth0's fault (`bad_response`). The page is on a site of its own (test/helpers/own-site.ts),
// which answers 404 for the module until the test puts it back.
import { expect, waitUntil } from '@open-wc/testing';
import { commonStrings } from '../src/i18n/strings.js';
import type { AuthenticatorsErrorDetail, MfaAuthenticators } from '../src/authenticators/define.js';
import type { MfaOtpVerify, VerifyErrorDetail } from '../src/verify/define.js';
import { part, manageErrorText, rows, untilStep } from './helpers/authenticators.js';
import { enrolledUser, signInAgain } from './helpers/enrolled-user.js';
import { openOwnSite, place, type OwnSite } from './helpers/own-site.js';
import { sdkOverTenant } from './helpers/sdk-over-tenant.js';
import { createTenant, myAccountToken, newEmail } from './helpers/tenant.js';
import { errorText } from './helpers/verify-core.js';
import { browser } from './helpers/widget-core.js';

const LOAD_FAILED = commonStrings.errors.load_failed;

/**
 * Chromium and WebKit fetch a module that failed to load again on the next `import()`; Firefox
 * ESR keeps the failure for the life of the page (as the HTML spec did before whatwg/html#10327),
 * which is why the message also says to reload the page.
 */
const refetchesFailedModules = browser !== 'firefox';

/** Every `type` event `el` fires, as they come. */
function record<Detail>(el: HTMLElement, type: string): CustomEvent<Detail>[] {
  const events: CustomEvent<Detail>[] = [];
  el.addEventListener(type, (event) => events.push(event as CustomEvent<Detail>));
  return events;
}

const untilCount = (events: unknown[], count: number, what: string) => waitUntil(() => events.length >= count, `no ${what}`, { timeout: 10000 });

describe('a module loaded on use that fails to load', () => {
  let site: OwnSite | undefined;
  afterEach(async () => {
    await site?.close();
    site = undefined;
  });

  it('is a retryable network error in <mfa-authenticators>, shown and in the event, and Try again loads it once it is back', async () => {
    site = await openOwnSite('my-account-client-missing', { modules: ['/src/authenticators/define.ts'], missing: '/src/auth0/my-account-api' });
    const tenant = await createTenant();
    const el = place<MfaAuthenticators>(site, 'mfa-authenticators', { domain: tenant.base, accessToken: await myAccountToken(tenant, newEmail()) });
    const errors = record<AuthenticatorsErrorDetail>(el, 'authenticators-error');
    await untilCount(errors, 1, 'authenticators-error');
    await el.updateComplete;
    expect(errors[0]!.detail).to.deep.include({ code: 'network', retryable: true, message: LOAD_FAILED });
    expect(manageErrorText(el)).to.equal(LOAD_FAILED);
    expect((await site.ownRequests()).some((path) => path.startsWith('/src/auth0/my-account-api.')), 'the module was asked for').to.equal(true);

    await site.restore();
    part<HTMLButtonElement>(el, 'retry')!.click();
    if (refetchesFailedModules) {
      await untilStep(el, 'list');
      expect(rows(el).map((row) => row.name)).to.deep.equal(['Password']);
    } else {
      await untilCount(errors, 2, 'second authenticators-error');
      expect(errors[1]!.detail).to.deep.include({ code: 'network', retryable: true, message: LOAD_FAILED });
    }
    expect(site.escaped).to.deep.equal([]);
  });

  it('is the same error in <mfa-otp-verify> when the SDK adapter fails to load', async () => {
    site = await openOwnSite('sdk-adapter-missing', { modules: ['/src/verify/define.ts'], missing: '/src/auth0/sdk' });
    const tenant = await createTenant();
    const user = await enrolledUser(tenant);
    const el = place<MfaOtpVerify>(site, 'mfa-otp-verify', { auth0: sdkOverTenant(tenant), mfaToken: await signInAgain(tenant, user) });
    const errors = record<VerifyErrorDetail>(el, 'verify-error');
    await untilCount(errors, 1, 'verify-error');
    await untilStep(el, 'error');
    expect(errors[0]!.detail).to.deep.include({ code: 'network', retryable: true, message: LOAD_FAILED });
    expect(errorText(el)).to.equal(LOAD_FAILED);
    expect(site.escaped).to.deep.equal([]);
  });
});
