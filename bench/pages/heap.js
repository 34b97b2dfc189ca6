// Insert and remove widgets whose associate request is still pending (the tenant delays it), to see
// whether removed widgets, their aborted requests and timers are let go; and a control without the
// widget, to tell what the browser itself keeps per aborted request.
import { nextFrame } from './paint.js';

window.cycles = async ({ domain, token, count }) => {
  for (let i = 0; i < count; i++) {
    const el = document.createElement('mfa-otp-enroll');
    el.clientId = 'demo-spa-client';
    el.domain = domain;
    el.mfaToken = token;
    document.body.append(el);
    await el.updateComplete; // the first update sent the associate request
    if (el.getAttribute('step') !== 'loading') throw new Error(`cycle ${i}: step is ${el.getAttribute('step')}, not loading`);
    await nextFrame(); // on screen once, with its request in flight
    el.remove();
  }
  // The widget stops its work in a microtask after removal; let the aborts settle.
  await nextFrame();
  await nextFrame();
};

/**
 * The control: the widget's associate request as a bare fetch, with the same signals (its
 * operation's AbortController and a 30 s AbortSignal.timeout, joined by AbortSignal.any), aborted
 * after a frame as a removal does.
 */
window.bareCycles = async ({ domain, token, count }) => {
  for (let i = 0; i < count; i++) {
    const controller = new AbortController();
    const request = fetch(new URL('mfa/associate', `${domain}/`), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ authenticator_types: ['otp'] }),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.any([controller.signal, AbortSignal.timeout(30_000)]),
    }).catch(() => undefined);
    await nextFrame();
    controller.abort();
    await request;
  }
  await nextFrame();
  await nextFrame();
};
