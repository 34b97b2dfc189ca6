// The secret, the recovery codes and the tokens stay inside the widget: not in the light DOM,
// attributes, console, storage or URLs. Server text is always text.
import { expect, fixture, html } from '@open-wc/testing';
import type { EnrollErrorDetail } from '../src/enroll/events.js';
import type { MfaOtpEnroll } from '../src/index.js';
import { HOSTILE_HTML as HOSTILE, pwned, SECRET } from './helpers/fixtures.js';
import { addFault, CLIENT_ID, createTenant, expireTokens, mfaToken, type TestTenant } from './helpers/tenant.js';
import { currentCode, part, renderWidget, saveCodesAndFinish, shownSecret, typeCode, untilEvent, untilStep } from './helpers/widget.js';
import { holdingRequests } from './helpers/element-core.js';
import { untilMessage } from './helpers/outbox.js';
import { otherCode, send, typeDestination, US_NUMBER } from './helpers/sent-code.js';
import { captureConsole, leakSurface } from './helpers/leaks.js';

/** The test's own reads of the stand-in's control API (the outbox, by number or address). */
const isControl = (url: string) => url.includes('/__control/');

describe('secrets', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant();
  });

  it('keeps the secret, recovery codes and tokens out of the light DOM, attributes, console, storage and URLs', async () => {
    const { logged, restore } = captureConsole();
    try {
      const token = await mfaToken(tenant);
      const { el, events } = await renderWidget(tenant, { token });
      await untilStep(el, 'scan');
      const secret = shownSecret(el);
      expect(leakSurface()).not.to.contain(secret);
      typeCode(el, await currentCode(el));
      await untilStep(el, 'new-recovery-code');
      const recovery = part(el, 'recovery-codes')!.textContent!.trim();
      expect(recovery).to.match(/^[A-Z0-9]{24}$/);
      expect(leakSurface()).not.to.contain(recovery);
      await saveCodesAndFinish(el);
      const enrolled = await untilEvent(events, 'enrolled');
      const { accessToken, idToken } = enrolled.detail as { accessToken: string; idToken: string };

      const surface = leakSurface() + '\n' + logged.join('\n');
      for (const [name, value] of Object.entries({ secret, recovery, token, accessToken, idToken })) {
        expect(surface.includes(value), `${name} leaked`).to.equal(false);
      }
      for (const attribute of el.getAttributeNames()) expect(attribute).not.to.match(/token|secret/);
      expect(localStorage.length + sessionStorage.length).to.equal(0);
      expect(logged).to.deep.equal([]);
    } finally {
      restore();
    }
  });

  it('moves a token given as an attribute into the property and removes the attribute', async () => {
    const token = await mfaToken(tenant);
    const el = await fixture<MfaOtpEnroll>(html`<mfa-otp-enroll domain=${tenant.base} client-id=${CLIENT_ID} mfa-token=${token}></mfa-otp-enroll>`);
    expect(el.hasAttribute('mfa-token')).to.equal(false);
    expect(el.mfaToken).to.equal(token);
    await untilStep(el, 'scan');
    for (const attribute of el.getAttributeNames()) {
      expect(el.getAttribute(attribute)).not.to.contain(token);
      expect(el.getAttribute(attribute)).not.to.contain(shownSecret(el));
    }
  });

  it('forgets the secret, the codes and the tokens after Finish and on reset()', async () => {
    const { el, events } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    const secret = shownSecret(el);
    typeCode(el, await currentCode(el));
    await untilStep(el, 'new-recovery-code');
    const recovery = part(el, 'recovery-codes')!.textContent!.trim();
    await saveCodesAndFinish(el);
    await untilEvent(events, 'enrolled');
    await el.updateComplete;
    expect(el.shadowRoot!.innerHTML).not.to.contain(secret);
    expect(el.shadowRoot!.innerHTML).not.to.contain(recovery);
    expect(el.mfaToken).to.equal('');

    const second = await renderWidget(tenant);
    await untilStep(second.el, 'scan');
    const secondSecret = shownSecret(second.el);
    second.el.reset();
    await second.el.updateComplete;
    expect(second.el.step).to.equal('idle');
    expect(second.el.mfaToken).to.equal('');
    expect(second.el.shadowRoot!.innerHTML).not.to.contain(secondSecret);
  });

  it('renders hostile server text as text, on the associate path and on the confirm path', async () => {
    await addFault(tenant, {
      method: 'POST',
      path: '/mfa/associate',
      status: 400,
      body: JSON.stringify({ error: HOSTILE, error_description: HOSTILE }),
    });
    const associating = await renderWidget(tenant);
    const detail = (await untilEvent(associating.events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(detail).to.include({ code: 'request_failed', description: HOSTILE });
    await associating.el.updateComplete;
    expect(part(associating.el, 'error')!.textContent).to.contain(HOSTILE);
    expect(associating.el.shadowRoot!.querySelector('img, script, b')).to.equal(null);

    const { el, events } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    await addFault(tenant, { method: 'POST', path: '/oauth/token', status: 400, body: JSON.stringify({ error: 'invalid_request', error_description: HOSTILE }) });
    typeCode(el, await currentCode(el));
    const confirming = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(confirming).to.include({ code: 'request_failed', description: HOSTILE, retryable: false });
    await untilStep(el, 'scan');
    expect(part(el, 'error')!.textContent).to.contain(HOSTILE);
    expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
    expect(part(el, 'qr')).not.to.equal(null); // the user can still confirm
    expect(pwned()).to.equal(false);
  });

  it('renders hostile text inside the barcode label and issuer as text', async () => {
    const issuer = encodeURIComponent(HOSTILE);
    const secret = SECRET;
    await addFault(tenant, {
      method: 'POST',
      path: '/mfa/associate',
      status: 200,
      body: JSON.stringify({
        secret,
        barcode_uri: `otpauth://totp/${issuer}:${issuer}?secret=${secret}&issuer=${issuer}`,
        recovery_codes: [HOSTILE],
      }),
    });
    const { el } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    expect(part(el, 'manual')!.textContent).to.contain(HOSTILE);
    expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
    expect(pwned()).to.equal(false);
  });

  it('keeps a long server description short', async () => {
    await addFault(tenant, {
      method: 'POST',
      path: '/mfa/associate',
      status: 400,
      body: JSON.stringify({ error: 'invalid_request', error_description: 'x'.repeat(50_000) }),
    });
    const { events } = await renderWidget(tenant);
    const detail = (await untilEvent(events, 'enroll-error')).detail as EnrollErrorDetail;
    expect(detail.description!.length).to.be.at.most(300);
    expect(detail.message.length).to.be.below(400);
  });

  // A phone number, an address and the code sent are the user's: the fields hold them as values,
  // the screen shows them masked, and nothing else the page or a DOM snapshot can read has them.
  for (const factor of ['sms', 'email'] as const) {
    it(`keeps the ${factor === 'sms' ? 'phone number' : 'email address'} and the code sent out of attributes, markup, console, storage and URLs`, async () => {
      const { logged, restore } = captureConsole();
      try {
        const network = holdingRequests();
        const address = 'jane.doe@example.com';
        const sms = factor === 'sms';
        const { el, events } = await renderWidget(tenant, { factors: factor, fetch: network.fetch, ...(sms ? {} : { knownEmail: address }) });
        await untilStep(el, 'destination');
        if (sms) typeDestination(el, 'phone-input', US_NUMBER.typed);
        // The markup while each step shows the number or the code: in their fields' values only.
        const markup: string[] = [];
        network.hold((url) => url.pathname.endsWith('/mfa/associate'));
        send(el);
        await el.updateComplete;
        expect(el.step).to.equal('sending');
        markup.push(el.shadowRoot!.innerHTML);
        network.release();
        await untilStep(el, 'code-sent');
        const { code } = await untilMessage(tenant, sms ? US_NUMBER.e164 : address);
        typeCode(el, otherCode(code));
        await untilEvent(events, 'enroll-error');
        network.hold((url) => url.pathname.endsWith('/oauth/token'));
        typeCode(el, code);
        await el.updateComplete;
        expect(el.step).to.equal('confirming-code');
        expect(part<HTMLInputElement>(el, 'code-input')!.value, 'the field holds it').to.equal(code);
        markup.push(el.shadowRoot!.innerHTML);
        network.release();
        await untilStep(el, 'new-recovery-code');
        await saveCodesAndFinish(el);
        await untilEvent(events, 'enrolled');

        const kept = sms ? { typed: US_NUMBER.typed, number: US_NUMBER.e164, digits: US_NUMBER.e164.slice(2), code } : { address, code };
        const surface = [leakSurface(isControl), logged.join('\n'), ...network.sent.map((request) => request.url.href)].join('\n');
        for (const [name, value] of Object.entries(kept)) {
          expect(surface.includes(value), `${name} leaked to the page`).to.equal(false);
          expect(markup.join('\n').includes(value), `${name} in the shadow DOM's markup`).to.equal(false);
        }
        expect(markup[1], 'shown masked').to.contain(sms ? '+1 ••• ••• 8730' : 'j•••@example.com');
        expect(network.sent.length, 'the requests were seen').to.be.greaterThan(2);
        expect(localStorage.length + sessionStorage.length).to.equal(0);
        expect(logged).to.deep.equal([]);
      } finally {
        restore();
      }
    });
  }

  it('forgets the number typed (kept for a new token after an expired one) after Finish and on reset()', async () => {
    const { el, email } = await renderWidget(tenant, { factors: 'sms' });
    const typeAndExpire = async () => {
      await untilStep(el, 'destination');
      typeDestination(el, 'phone-input', US_NUMBER.typed);
      await expireTokens(tenant);
      send(el);
      await untilStep(el, 'error');
      el.mfaToken = await mfaToken(tenant, email);
      await untilStep(el, 'destination');
      expect(part<HTMLInputElement>(el, 'phone-input')!.value, 'kept for the new token').to.equal(US_NUMBER.typed);
    };
    await typeAndExpire();
    send(el);
    await untilStep(el, 'code-sent');
    typeCode(el, (await untilMessage(tenant, US_NUMBER.e164)).code);
    await untilStep(el, 'new-recovery-code');
    await saveCodesAndFinish(el);
    await untilStep(el, 'done');
    el.mfaToken = await mfaToken(tenant);
    await untilStep(el, 'destination');
    expect(part<HTMLInputElement>(el, 'phone-input')!.value, 'forgotten after Finish').to.equal('');

    await typeAndExpire();
    el.reset();
    el.mfaToken = await mfaToken(tenant, email);
    await untilStep(el, 'destination');
    expect(part<HTMLInputElement>(el, 'phone-input')!.value, 'forgotten on reset()').to.equal('');
  });
});
