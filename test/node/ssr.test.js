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
  const verify = await import('mfa-otp-enroll/verify');
  assert.equal(typeof verify.MfaOtpVerify, 'function');
  const authenticators = await import('mfa-otp-enroll/authenticators');
  assert.equal(typeof authenticators.MfaAuthenticators, 'function');
  await import('mfa-otp-enroll/locales/de');
});

test('the React wrappers render each element on the server, without its token', async () => {
  const { MfaOtpEnroll, MfaOtpVerify, MfaAuthenticators } = await import('mfa-otp-enroll/react');
  const React = await import('react');
  const { renderToString } = await import('react-dom/server');
  const mfaToken = 'Fe26.2**an-mfa-token-that-must-stay-in-the-browser';
  const accessToken = 'eyJhbGciOiJSUzI1NiJ9.a-my-account-token.that-must-stay-in-the-browser';
  for (const [wrapper, tag, props] of [
    [MfaOtpEnroll, 'mfa-otp-enroll', { domain: 'tenant.example.com', clientId: 'abc', mfaToken }],
    [MfaOtpVerify, 'mfa-otp-verify', { domain: 'tenant.example.com', clientId: 'abc', mfaToken }],
    [MfaAuthenticators, 'mfa-authenticators', { domain: 'tenant.example.com', accessToken }],
  ]) {
    const html = renderToString(React.createElement(wrapper, props));
    assert.match(html, new RegExp(`^<${tag}`));
    // Tokens are properties, set in the browser: never written into server HTML.
    assert.ok(!html.includes(mfaToken) && !html.includes(accessToken), `a token is in the server HTML: ${html}`);
    assert.doesNotMatch(html, /token/i);
  }
});
