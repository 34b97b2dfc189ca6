// Runs a whole enrollment in this strictly-policed page when the parent test
// sends a tenant and a token, then reports what happened.
import { totp } from '../helpers/totp.js';

interface Run {
  base: string;
  token: string;
}

declare global {
  interface Window {
    violations: string[];
  }
}

const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

async function enroll({ base, token }: Run) {
  const events: string[] = [];
  const el = document.createElement('mfa-otp-enroll');
  for (const type of ['associated', 'enrolled', 'enroll-error']) el.addEventListener(type, () => events.push(type));
  el.domain = base;
  el.clientId = 'demo-spa-client';
  el.mfaToken = token;
  document.getElementById('host')!.append(el);

  const shadow = el.shadowRoot!;
  const part = <T extends Element>(name: string) => shadow.querySelector<T>(`[part~="${name}"]`);
  await until(() => el.step === 'scan', 'the QR');
  const qrDrawn = Boolean(part('qr')?.querySelector('path')?.getAttribute('d'));
  const secret = part('secret')!.querySelector('.groups')!.textContent!.replace(/\s+/g, '');
  const input = part<HTMLInputElement>('code-input')!;
  input.value = await totp(secret);
  input.dispatchEvent(new InputEvent('input'));
  await until(() => el.step === 'recovery', 'the recovery codes');
  part<HTMLInputElement>('recovery-ack')!.click();
  await el.updateComplete;
  part<HTMLButtonElement>('finish')!.click();
  await until(() => el.step === 'done', 'done');
  // Violation events are queued: give them a moment to arrive before counting.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const violations = [...window.violations];

  // Prove the policy is really in force: a raw HTML sink must be refused.
  let trustedTypesEnforced = false;
  try {
    document.createElement('div').innerHTML = '<b>x</b>';
  } catch {
    trustedTypesEnforced = true;
  }
  return { events, qrDrawn, violations, trustedTypesEnforced };
}

addEventListener('message', async (event: MessageEvent<Run>) => {
  if (event.origin !== location.origin) return;
  try {
    parent.postMessage({ result: await enroll(event.data) }, location.origin);
  } catch (error) {
    parent.postMessage({ error: String(error), violations: window.violations }, location.origin);
  }
});
parent.postMessage({ ready: true }, location.origin);
