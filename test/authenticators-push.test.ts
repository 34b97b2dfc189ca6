// <mfa-authenticators> with push (Auth0 Guardian), through the My Account API on the stand-in over
// real cross-origin HTTP: offered when the tenant enables it, added inline (the stand-in's fake
// Guardian scans the QR), listed, and removed after a confirmation that warns its app codes go too.
import { expect, waitUntil } from '@open-wc/testing';
import { PUSH_POLL } from '../src/factors/push/push-poller.js';
import { askToRemove, inlineEnroll, offeredAdds, part, renderManage, rowOfType, rows, untilEvent, untilStep } from './helpers/authenticators.js';
import { scanFor } from './helpers/guardian.js';
import { createTenant, listedMethods, newEmail, type TestTenant } from './helpers/tenant.js';

const TIMES = { ...PUSH_POLL };

describe('<mfa-authenticators> with push (Auth0 Guardian)', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    Object.assign(PUSH_POLL, { intervalMs: 100 });
    tenant = await createTenant({ factors: ['otp', 'push-notification'], pushPollIntervalMs: 0 });
  });
  afterEach(() => Object.assign(PUSH_POLL, TIMES));

  it('adds Guardian inline once it scanned the QR, lists it, and removes it with its app codes after a warning', async () => {
    const email = newEmail();
    const { el, events } = await renderManage(tenant, { email });
    await untilStep(el, 'list');
    expect(offeredAdds(el)).to.deep.equal(['add', 'add-push']);
    part<HTMLButtonElement>(el, 'add-push')!.click();
    await untilStep(el, 'adding');
    const inline = inlineEnroll(el);
    await untilStep(inline, 'push-scan');
    expect(part(inline, 'qr')).to.not.equal(null);
    await scanFor(tenant, email);
    await untilEvent(events, 'authenticator-added');
    await untilStep(el, 'list');
    expect(rows(el).map((row) => row.name)).to.include('Push notifications');
    const types = (await listedMethods(tenant, email)).map((method) => method.type).sort();
    expect(types, 'Guardian comes with its app codes').to.include.members(['push-notification', 'totp']);

    await askToRemove(el, rowOfType(el, 'push'));
    expect(part(el, 'remove-push-warning')!.textContent).to.equal('This also removes the codes the Guardian app shows for this account.');
    part<HTMLButtonElement>(el, 'confirm-remove')!.click();
    await untilEvent(events, 'authenticator-removed');
    await waitUntil(async () => !(await listedMethods(tenant, email)).some((method) => method.type === 'push-notification' || method.type === 'totp'), 'both gone');
  });
});
