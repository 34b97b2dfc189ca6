// Server rendering: Next.js, Nuxt and Angular SSR import the package in Node, where there is no
// DOM. Importing it (and the React wrapper, and a locale) must not throw, and React can render
// the element's tag on the server; the browser upgrades it on hydration.
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('importing the package in Node without a DOM does not throw', async () => {
  assert.equal(typeof globalThis.document, 'undefined');
  const pkg = await import('mfa-otp-enroll');
  assert.equal(typeof pkg.MfaOtpEnroll, 'function');
  assert.equal(pkg.TAG_NAME, 'mfa-otp-enroll');
  await import('mfa-otp-enroll/element');
  await import('mfa-otp-enroll/define');
  await import('mfa-otp-enroll/locales/de');
});

test('the React wrapper renders on the server', async () => {
  const { MfaOtpEnroll } = await import('mfa-otp-enroll/react');
  const React = await import('react');
  const { renderToString } = await import('react-dom/server');
  const mfaToken = 'Fe26.2**an-mfa-token-that-must-stay-in-the-browser';
  const html = renderToString(React.createElement(MfaOtpEnroll, { domain: 'tenant.example.com', clientId: 'abc', mfaToken }));
  assert.match(html, /^<mfa-otp-enroll/);
  // Tokens are properties, set in the browser: never written into server HTML.
  assert.ok(!html.includes(mfaToken), `the token is in the server HTML: ${html}`);
  assert.doesNotMatch(html, /token/i);
});
