// The real <mfa-otp-enroll factors="push"> (dist/mfa-otp-enroll.global.js) waiting for Guardian
// against the stand-in tenant, its requests counted at its fetch seam: the polls while it waits,
// then while it is out of the page, then back in the page while the tab is hidden. The tab's
// visibility is played by the page itself (`document.hidden` and the `visibilitychange` event,
// as a real tab switch fires them): headless Chromium has no other tab to switch to.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

window.pushPolling = async ({ domain, clientId, token, waitMs, awayMs }) => {
  const polls = [];
  const el = document.createElement('mfa-otp-enroll');
  el.domain = domain;
  el.clientId = clientId;
  el.mfaToken = token;
  el.setAttribute('factors', 'push');
  el.fetch = (input, init) => {
    if (String(input).endsWith('/oauth/token')) polls.push(performance.now());
    return fetch(input, init);
  };
  const mount = document.getElementById('mount');
  mount.append(el);
  while (el.step !== 'push-scan') await sleep(20);
  const counted = async (ms) => {
    const before = polls.length;
    await sleep(ms);
    return polls.length - before;
  };
  const waiting = await counted(waitMs);
  el.remove();
  const removed = await counted(awayMs);
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
  document.dispatchEvent(new Event('visibilitychange'));
  mount.append(el);
  const hidden = await counted(awayMs);
  delete document.hidden;
  document.dispatchEvent(new Event('visibilitychange'));
  el.remove();
  return { perMinute: (waiting * 60_000) / waitMs, waiting, removed, hidden };
};
