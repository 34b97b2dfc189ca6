// Runs the account-settings element from the script-tag bundle in this strictly-policed page when
// the parent test sends a tenant and a My Account token: the list, a new recovery code saved and
// confirmed, then the app removed; reports what happened.
import { answerParent, policyReport, until } from './harness.js';

interface Run {
  base: string;
  token: string;
}

async function manage({ base, token }: Run) {
  const events: string[] = [];
  const el = document.createElement('mfa-authenticators');
  for (const type of ['authenticator-added', 'authenticator-removed', 'recovery-code-regenerated', 'authenticators-error']) {
    el.addEventListener(type, () => events.push(type));
  }
  el.domain = base;
  el.accessToken = token;
  document.getElementById('host')!.append(el);

  const shadow = el.shadowRoot!;
  const part = <T extends Element>(name: string) => shadow.querySelector<T>(`[part~="${name}"]`);
  const listed = () => [...shadow.querySelectorAll('[part~="item"] .name')].map((name) => name.textContent!.trim());
  await until(() => el.step === 'list', 'the list');
  const before = listed();

  part<HTMLButtonElement>('regenerate-recovery-code')!.click();
  await until(() => el.step === 'new-recovery-code', 'the new recovery code');
  await el.updateComplete;
  const newCode = part('recovery-codes')!.textContent!.trim();
  const status = shadow.querySelector('[role=status]')!;
  const said = status.firstElementChild;
  part<HTMLButtonElement>('copy-codes')!.click(); // copied, or selected for the user when the clipboard refuses
  await until(() => status.firstElementChild !== said, 'the copy announced');
  part<HTMLInputElement>('recovery-ack')!.click();
  await el.updateComplete;
  part<HTMLButtonElement>('finish')!.click();
  await until(() => events.includes('recovery-code-regenerated') && el.step === 'list', 'the code confirmed');

  const app = [...shadow.querySelectorAll<HTMLElement>('[part~="item"]')].find((item) => item.dataset.id!.startsWith('totp|'))!;
  app.querySelector<HTMLButtonElement>('[part~="remove"]')!.click();
  await until(() => el.step === 'confirm-remove', 'the confirmation');
  await el.updateComplete;
  const warned = shadow.querySelector('.confirm .warning') !== null;
  part<HTMLButtonElement>('confirm-remove')!.click();
  await until(() => events.includes('authenticator-removed') && el.step === 'list', 'the app removed');
  await el.updateComplete;
  const after = listed();
  return { events, before, after, newCode, warned, ...(await policyReport()) };
}

answerParent(manage);
