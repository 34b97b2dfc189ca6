// The family's custom properties, --mfa-*, style every element; the names they had first,
// --mfa-otp-enroll-*, still work (until 0.3), and the new name wins where a page sets both.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/enroll/define.js';
import '../src/verify/define.js';
import '../src/authenticators/define.js';

const TAGS = ['mfa-otp-enroll', 'mfa-otp-verify', 'mfa-authenticators'] as const;

/** The colour of the element's muted text (every element shows some while idle). */
async function mutedColour(tag: (typeof TAGS)[number], style: string): Promise<string> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`${tag} { ${style} }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  try {
    const el = document.createElement(tag);
    el.setAttribute('theme', 'light');
    wrapper.append(el);
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const muted = el.shadowRoot!.querySelector('.muted');
    expect(muted, `${tag} shows muted text while idle`).to.not.equal(null);
    return getComputedStyle(muted!).color;
  } finally {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((other) => other !== sheet);
  }
}

describe('custom properties', () => {
  for (const tag of TAGS) {
    it(`<${tag}> takes --mfa-muted, still takes --mfa-otp-enroll-muted, and prefers the new name`, async () => {
      const standard = await mutedColour(tag, '');
      expect(await mutedColour(tag, '--mfa-muted: rgb(1, 2, 3);')).to.equal('rgb(1, 2, 3)');
      expect(await mutedColour(tag, '--mfa-otp-enroll-muted: rgb(4, 5, 6);')).to.equal('rgb(4, 5, 6)');
      expect(await mutedColour(tag, '--mfa-muted: rgb(1, 2, 3); --mfa-otp-enroll-muted: rgb(4, 5, 6);')).to.equal('rgb(1, 2, 3)');
      expect(standard).not.to.equal('rgb(1, 2, 3)');
    });
  }
});
