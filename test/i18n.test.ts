import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { MfaOtpEnroll } from '../src/index.js';
import { registerStrings, stringsFor } from '../src/i18n/languages.js';
import { en } from '../src/i18n/english.js';
import type { EnrollStrings } from '../src/i18n/strings.js';
import { createTenant } from './helpers/tenant.js';
import { part, renderWidget, untilStep } from './helpers/widget.js';

const heading = (el: MfaOtpEnroll) => el.shadowRoot!.querySelector('h2')!.textContent!.trim();

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
});
