import { expect, fixture, html } from '@open-wc/testing';
import type { EnrolledDetail } from '../src/enroll/events.js';
import type { MfaOtpEnroll } from '../src/index.js';
import { RESEND_WAIT } from '../src/factors/sent-code/resend-countdown.js';
import { expireCodes, outbox, untilMessage } from './helpers/outbox.js';
import { CLIENT_ID, createTenant, mfaToken, newEmail, requestsTo, type TestTenant } from './helpers/tenant.js';
import { alertText, chooseCountry, enrollErrors as errors, send, typeDestination as type } from './helpers/sent-code.js';
import { part, parts, renderWidget, saveCodesAndFinish, typeCode, untilEvent, untilStep } from './helpers/widget.js';

// Setting up codes by text message, voice call and email with <mfa-otp-enroll>, against the
// stand-in over HTTP: the codes are read from the stand-in's outbox, as the user reads their phone.

describe('<mfa-otp-enroll> with codes by text, call and email', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant({ name: 'Test Tenant' });
  });

  it('sets up text messages: the country from the language, the number as typed locally, the code from the text, then the recovery code', async () => {
    const { el, events } = await renderWidget(tenant, { factors: 'sms' });
    await untilStep(el, 'destination');
    expect(part<HTMLSelectElement>(el, 'country')!.value, 'English: the United States').to.equal('US');
    const phone = part<HTMLInputElement>(el, 'phone-input')!;
    expect([phone.type, phone.getAttribute('autocomplete')]).to.deep.equal(['tel', 'tel']);
    expect(part(el, 'heading')!.textContent).to.contain('text message');

    type(el, 'phone-input', '(555) 123-8730');
    send(el);
    await untilStep(el, 'code-sent');
    const associates = await requestsTo(tenant, 'POST', '/mfa/associate');
    expect(associates.map((r) => r.bodyKeys.sort())).to.deep.equal([['authenticator_types', 'client_id', 'oob_channels', 'phone_number']]);
    expect(part(el, 'sent-to')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('We sent a code to +1 ••• ••• 8730.');
    expect((await untilEvent(events, 'associated')).detail).to.deep.equal({ authenticatorType: 'oob', factor: 'sms', hasRecoveryCodes: true });

    const message = await untilMessage(tenant, '+15551238730');
    expect(message.channel).to.equal('sms');
    typeCode(el, message.code);
    await untilStep(el, 'new-recovery-code');
    expect(parts(el, 'recovery-codes')).to.have.length(1);
    await saveCodesAndFinish(el);
    await untilStep(el, 'done');
    const enrolled = (await untilEvent(events, 'enrolled')) as CustomEvent<EnrolledDetail>;
    expect(enrolled.detail.factor).to.equal('sms');
    expect(enrolled.detail.accessToken).to.be.a('string');
    expect(part(el, 'done')!.textContent).to.equal('Text messages are set up.');
  });

  it('offers a choice when several factors are allowed, the app first and recommended; an email starts from the known address', async () => {
    const { el, events } = await renderWidget(tenant, { factors: 'email sms otp', knownEmail: 'jane.doe@example.com' });
    await untilStep(el, 'choose');
    const options = parts<HTMLButtonElement>(el, 'factor-option');
    expect(options.map((o) => o.value)).to.deep.equal(['otp', 'email', 'sms']);
    expect(options[0]!.textContent).to.contain('Recommended');
    expect(await requestsTo(tenant, 'POST', '/mfa/associate'), 'nothing sent before a choice').to.have.length(0);

    options[1]!.click();
    await untilStep(el, 'destination');
    expect(part<HTMLInputElement>(el, 'email-input')!.value).to.equal('jane.doe@example.com');
    send(el);
    await untilStep(el, 'code-sent');
    expect(part(el, 'sent-to')!.textContent).to.contain('j•••@example.com');
    typeCode(el, (await untilMessage(tenant, 'jane.doe@example.com')).code);
    await untilStep(el, 'new-recovery-code');
    await saveCodesAndFinish(el);
    expect(((await untilEvent(events, 'enrolled')) as CustomEvent<EnrolledDetail>).detail.factor).to.equal('email');
  });

  it('reads factors set as a property in the attribute\'s words, as React 19 and Vue set it', async () => {
    // A framework that sets properties passes `factors="sms email"` on as the string.
    const el = await fixture<MfaOtpEnroll>(html`
      <mfa-otp-enroll .factors=${'sms email' as never} .domain=${tenant.base} .clientId=${CLIENT_ID} .mfaToken=${await mfaToken(tenant, newEmail())}></mfa-otp-enroll>
    `);
    expect(el.factors).to.deep.equal(['sms', 'email']);
    await untilStep(el, 'choose');
    expect(parts<HTMLButtonElement>(el, 'factor-option').map((o) => o.value)).to.deep.equal(['sms', 'email']);
  });

  it('goes back to the choice, and back to the number to change it, keeping what was typed', async () => {
    const { el } = await renderWidget(tenant, { factors: 'otp voice' });
    await untilStep(el, 'choose');
    parts<HTMLButtonElement>(el, 'factor-option')[1]!.click();
    await untilStep(el, 'destination');
    expect(part(el, 'send')!.textContent!.trim()).to.equal('Call me');
    type(el, 'phone-input', '+44 7700 900123');
    send(el);
    await untilStep(el, 'code-sent');
    expect(part(el, 'sent-to')!.textContent).to.contain('calling');
    expect((await untilMessage(tenant, '+447700900123')).channel).to.equal('voice');
    part<HTMLButtonElement>(el, 'change-destination')!.click();
    await untilStep(el, 'destination');
    expect(part<HTMLInputElement>(el, 'phone-input')!.value).to.equal('+44 7700 900123');
    part<HTMLButtonElement>(el, 'choose-another')!.click();
    await untilStep(el, 'choose');
  });

  it('explains a number that cannot be sent to before sending anything, and keeps it typed', async () => {
    const { el, events } = await renderWidget(tenant, { factors: 'sms' });
    await untilStep(el, 'destination');
    type(el, 'phone-input', '12');
    send(el);
    await el.updateComplete;
    expect(alertText(el)).to.equal('Enter the whole phone number, with its area code.');
    expect(part(el, 'phone-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(errors(events).map((e) => [e.detail.code, e.detail.step])).to.deep.equal([['invalid_destination', 'destination']]);

    chooseCountry(el, '');
    type(el, 'phone-input', '030 1234567');
    send(el);
    await el.updateComplete;
    expect(alertText(el)).to.equal('Choose a country, or start the number with + and the country code.');
    expect(part<HTMLInputElement>(el, 'phone-input')!.value).to.equal('030 1234567');
    expect(await requestsTo(tenant, 'POST', '/mfa/associate')).to.have.length(0);

    // The country makes it international: Germany's trunk 0 goes.
    chooseCountry(el, 'DE');
    send(el);
    await untilStep(el, 'code-sent');
    expect((await untilMessage(tenant, '+49301234567')).channel).to.equal('sms');
  });

  it('keeps a number Auth0 refuses typed, and says to check it', async () => {
    const { el, events } = await renderWidget(tenant, { factors: 'sms' });
    await untilStep(el, 'destination');
    // E.164-shaped, but one digit short for +1: the stand-in refuses it as Auth0 would.
    type(el, 'phone-input', '+1 555 123 873');
    send(el);
    await untilEvent(events, 'enroll-error');
    expect(el.step).to.equal('destination');
    expect(errors(events)[0]!.detail).to.include({ code: 'invalid_destination', step: 'sending', retryable: true });
    expect(alertText(el)).to.equal('That number or address can’t get codes. Check it and try again.');
    expect(part<HTMLInputElement>(el, 'phone-input')!.value).to.equal('+1 555 123 873');
  });

  it('a wrong code keeps the step; a new code replaces the old one once the wait is over', async () => {
    const saved = RESEND_WAIT.ms;
    RESEND_WAIT.ms = 1500;
    try {
      const { el, events } = await renderWidget(tenant, { factors: 'sms' });
      await untilStep(el, 'destination');
      type(el, 'phone-input', '555 123 8730');
      send(el);
      await untilStep(el, 'code-sent');
      const resend = part<HTMLButtonElement>(el, 'resend')!;
      expect(resend.disabled).to.equal(true);
      expect(resend.textContent!.trim()).to.match(/^Send a new code in [12] s$/);
      const first = await untilMessage(tenant, '+15551238730');
      typeCode(el, first.code === '000000' ? '111111' : '000000');
      await untilEvent(events, 'enroll-error');
      expect(errors(events)[0]!.detail.code).to.equal('invalid_code');
      expect(el.step).to.equal('code-sent');
      expect(part<HTMLInputElement>(el, 'code-input')!.value, 'a wrong code is cleared').to.equal('');

      await waitUntilEnabled(resend);
      resend.click();
      await untilEvent(events, 'associated', 2);
      const second = await untilMessage(tenant, '+15551238730', 2);
      expect(second.code).not.to.equal(undefined);
      if (second.code !== first.code) {
        typeCode(el, first.code);
        await untilEvent(events, 'enroll-error', 2);
        expect(errors(events)[1]!.detail.code, 'the first code no longer works').to.equal('invalid_code');
      }
      typeCode(el, second.code);
      await untilStep(el, 'new-recovery-code');
    } finally {
      RESEND_WAIT.ms = saved;
    }
  });

  it('an expired code says to send a new one, and the resend button wakes at once', async () => {
    const { el, events } = await renderWidget(tenant, { factors: 'email', knownEmail: 'late@example.com' });
    await untilStep(el, 'destination');
    send(el);
    await untilStep(el, 'code-sent');
    const { code } = await untilMessage(tenant, 'late@example.com');
    await expireCodes(tenant);
    typeCode(el, code);
    await untilEvent(events, 'enroll-error');
    expect(errors(events)[0]!.detail.code).to.equal('expired_code');
    expect(alertText(el)).to.equal('That code has expired. Send a new one.');
    await el.updateComplete;
    expect(part<HTMLButtonElement>(el, 'resend')!.disabled).to.equal(false);
    part<HTMLButtonElement>(el, 'resend')!.click();
    typeCode(el, (await untilMessage(tenant, 'late@example.com', 2)).code);
    await untilStep(el, 'new-recovery-code');
  });

  it('past the message limit, says to wait, with the wait Auth0 gave', async () => {
    tenant = await createTenant({ messageLimit: 1 });
    const { el, events } = await renderWidget(tenant, { factors: 'sms' });
    await untilStep(el, 'destination');
    type(el, 'phone-input', '+1 555 123 8730');
    send(el);
    await untilStep(el, 'code-sent');
    part<HTMLButtonElement>(el, 'change-destination')!.click();
    await untilStep(el, 'destination');
    send(el);
    await untilEvent(events, 'enroll-error');
    expect(errors(events)[0]!.detail).to.include({ code: 'rate_limited', step: 'sending' });
    expect(errors(events)[0]!.detail.retryAfter).to.be.greaterThan(0);
    expect(part<HTMLButtonElement>(el, 'send')!.disabled, 'Send waits').to.equal(true);
    expect(part<HTMLInputElement>(el, 'phone-input')!.value).to.equal('+1 555 123 8730');
    expect(await outbox(tenant, '+15551238730')).to.have.length(1);
  });
});

async function waitUntilEnabled(button: HTMLButtonElement): Promise<void> {
  const { waitUntil } = await import('@open-wc/testing');
  await waitUntil(() => !button.disabled, 'the resend button stays disabled', { timeout: 5000 });
}
