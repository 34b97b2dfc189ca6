// The real <mfa-otp-verify> (dist/mfa-otp-enroll.global.js) against the stand-in tenant, which adds
// a round trip's latency to every answer: from mounting the element to its code field being usable,
// and to `verified` with the code typed as soon as it was.
import { typeCode, whenUsable } from './typing.js';

window.signIn = async ({ domain, clientId, token, code }) => {
  const el = document.createElement('mfa-otp-verify');
  el.domain = domain;
  el.clientId = clientId;
  el.mfaToken = token;
  const verified = new Promise((resolve, reject) => {
    el.addEventListener('verified', () => resolve(performance.now()), { once: true });
    el.addEventListener('verify-error', (event) => reject(new Error(`verify-error: ${event.detail.message}`)), { once: true });
  });
  const start = performance.now();
  document.getElementById('mount').append(el);
  const field = () => el.shadowRoot?.querySelector('[part~=code-input]');
  const usableAt = await whenUsable(() => field() && !field().disabled && !field().readOnly);
  await typeCode(field(), code);
  const verifiedAt = await verified;
  return { usableMs: usableAt - start, verifiedMs: verifiedAt - start };
};
