// The naive baseline for signing in again: list the authenticators, challenge the active app, and
// only then render a code field; the grant when the code is complete. The same requests as the
// widget, one after the other, as a page written straight from Auth0's docs would send them.
import { typeCode, whenUsable } from './typing.js';

const post = (url, body, json = true) =>
  fetch(url, {
    method: 'POST',
    headers: json ? { 'Content-Type': 'application/json' } : {},
    body: json ? JSON.stringify(body) : new URLSearchParams(body),
    cache: 'no-store',
  });

window.signIn = async ({ domain, clientId, token, code }) => {
  const start = performance.now();
  const mount = document.getElementById('mount');
  const verified = (async () => {
    const list = await fetch(`${domain}/mfa/authenticators`, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
    const app = (await list.json()).find((a) => a.authenticator_type === 'otp' && a.active);
    const challenge = await post(`${domain}/mfa/challenge`, { client_id: clientId, mfa_token: token, challenge_type: 'otp', authenticator_id: app.id });
    if (!challenge.ok) throw new Error(`challenge: ${challenge.status}`);
    const input = document.createElement('input');
    input.autocomplete = 'one-time-code';
    input.inputMode = 'numeric';
    mount.append(input);
    const typed = new Promise((resolve) => input.addEventListener('input', () => input.value.length === 6 && resolve(input.value)));
    const otp = await typed;
    const grant = await post(`${domain}/oauth/token`, { grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp', client_id: clientId, mfa_token: token, otp }, false);
    if (!grant.ok) throw new Error(`grant: ${grant.status}`);
    return performance.now();
  })();
  const usableAt = await whenUsable(() => mount.querySelector('input'));
  await typeCode(mount.querySelector('input'), code);
  const verifiedAt = await verified;
  return { usableMs: usableAt - start, verifiedMs: verifiedAt - start };
};
