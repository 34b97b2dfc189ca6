import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { MfaOtpEnroll } from '../src/index.js';
import { registerStrings, stringsFor } from '../src/i18n/languages.js';
import { en } from '../src/i18n/english.js';
import type { EnrollStrings } from '../src/i18n/strings.js';
import { untilMessage } from './helpers/outbox.js';
import { send, typeDestination } from './helpers/sent-code.js';
import { createTenant } from './helpers/tenant.js';
import { part, renderWidget, untilStep } from './helpers/widget.js';

const heading = (el: MfaOtpEnroll) => el.shadowRoot!.querySelector('h2')!.textContent!.trim();

/** A part of the page in `lang`, for a render helper's `parentNode`. */
function pageIn(lang: string): HTMLDivElement {
  const page = document.createElement('div');
  page.lang = lang;
  return page;
}

describe('languages', () => {
  before(async () => {
    await import('../src/locales/de.js');
    await import('../src/locales/ar.js');
  });

  it('follows the nearest lang, then the document', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de-AT"><section><mfa-otp-enroll></mfa-otp-enroll></section></div>`);
    const el = wrapper.querySelector('mfa-otp-enroll')!;
    expect(heading(el)).to.equal(stringsFor('de')!.heading);

    el.setAttribute('lang', 'ar');
    await el.updateComplete;
    expect(heading(el)).to.equal(stringsFor('ar')!.heading);

    el.removeAttribute('lang');
    wrapper.removeAttribute('lang');
    el.requestUpdate();
    await el.updateComplete;
    expect(heading(el)).to.equal(document.documentElement.lang === 'de' ? stringsFor('de')!.heading : en.heading);
  });

  it('lays out right-to-left languages mirrored, but keeps the QR, key and code left-to-right', async () => {
    const tenant = await createTenant();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="ar"></div>`);
    const { el } = await renderWidget(tenant);
    wrapper.append(el);
    await untilStep(el, 'scan');
    await el.updateComplete;
    expect(part(el, 'base')!.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(part(el, 'base')!).direction).to.equal('rtl');
    expect(part(el, 'secret')!.getAttribute('dir')).to.equal('ltr');
    expect(part(el, 'code-input')!.getAttribute('dir')).to.equal('ltr');
    expect(part(el, 'qr')!.getAttribute('transform')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  // A framework that moves a rendered element, or a page that adopts it elsewhere: the language
  // where it now is applies at once, not at the next step (WebKit's quicker first answers showed it).
  it('speaks the language of the place it is moved to, once it has rendered', async () => {
    const tenant = await createTenant();
    const { el } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    expect(heading(el)).to.equal(en.heading);
    const arabic = await fixture<HTMLDivElement>(html`<div lang="ar"></div>`);
    arabic.append(el);
    await el.updateComplete;
    expect(heading(el)).to.equal(stringsFor('ar')!.heading);
    expect(part(el, 'base')!.getAttribute('dir')).to.equal('rtl');
    expect(el.step).to.equal('scan');
  });

  it('re-renders when a language module arrives after the widget', async () => {
    const el = await fixture<MfaOtpEnroll>(html`<mfa-otp-enroll lang="x-test"></mfa-otp-enroll>`);
    expect(heading(el)).to.equal(en.heading);
    registerStrings('x-test', { ...en, heading: 'Test heading' } satisfies EnrollStrings);
    await el.updateComplete;
    expect(heading(el)).to.equal('Test heading');
  });

  it('lets the host override single strings, errors included', async () => {
    const el = await fixture<MfaOtpEnroll>(
      html`<mfa-otp-enroll lang="de" .strings=${{ heading: 'Zweiter Faktor', errors: { config: 'Kaputt.' } }}></mfa-otp-enroll>`,
    );
    expect(heading(el)).to.equal('Zweiter Faktor');
    expect(el.shadowRoot!.textContent).to.contain(stringsFor('de')!.idle);
    el.start();
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.contain('Kaputt.');
  });

  // The country names are the browser's (Intl.DisplayNames), in the element's language; the words
  // of the new steps may still be English in some languages, so the structure is what is checked.
  it('names the countries in German for lang="de", sorted as German sorts, Germany first chosen', async () => {
    const tenant = await createTenant();
    const { el } = await renderWidget(tenant, { factors: 'sms', parentNode: pageIn('de') });
    await untilStep(el, 'destination');
    const select = part<HTMLSelectElement>(el, 'country')!;
    expect(select.value).to.equal('DE');
    expect(select.selectedOptions[0]!.textContent!.trim()).to.equal('Deutschland (+49)');
    const labels = [...select.options].slice(1).map((option) => option.textContent!.trim());
    expect(labels).to.include.members(['Frankreich (+33)', 'Österreich (+43)', 'Vereinigte Staaten (+1)']);
    expect(labels).to.deep.equal([...labels].sort(new Intl.Collator('de').compare));
    await expect(el).to.be.accessible();

    const chosen = await renderWidget(tenant, { factors: 'sms', parentNode: pageIn('de'), defaultCountry: 'at' });
    await untilStep(chosen.el, 'destination');
    expect(part<HTMLSelectElement>(chosen.el, 'country')!.value, 'the host’s default-country wins').to.equal('AT');
  });

  it('lays out the phone steps right-to-left in Arabic, the number and the code left-to-right', async () => {
    const tenant = await createTenant();
    const { el } = await renderWidget(tenant, { factors: 'sms', parentNode: pageIn('ar') });
    await untilStep(el, 'destination');
    expect(part(el, 'base')!.getAttribute('dir')).to.equal('rtl');
    const select = part<HTMLSelectElement>(el, 'country')!;
    expect(select.value, 'the language’s likeliest region').to.equal('EG');
    expect(select.selectedOptions[0]!.textContent!.trim()).to.equal('مصر (+20)');
    expect(part(el, 'phone-input')!.getAttribute('dir')).to.equal('ltr');
    await expect(el).to.be.accessible();

    typeDestination(el, 'phone-input', '+1 555 123 8730');
    send(el);
    await untilStep(el, 'code-sent');
    expect(part(el, 'base')!.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(part(el, 'base')!).direction).to.equal('rtl');
    const destination = part(el, 'sent-to')!.querySelector('[dir]')!;
    expect(destination.getAttribute('dir')).to.equal('ltr');
    expect(destination.textContent).to.equal('+1 ••• ••• 8730');
    expect(getComputedStyle(destination).direction).to.equal('ltr');
    expect(part(el, 'code-input')!.getAttribute('dir')).to.equal('ltr');
    await expect(el).to.be.accessible();
    expect((await untilMessage(tenant, '+15551238730')).channel).to.equal('sms');
  });
});
