// Runs a whole enrollment (of the app, or of text messages), or a whole sign-in with a recovery
// code, in this strictly-policed page when the parent test sends a tenant and a token, then
// reports what happened.
import { totp } from '../helpers/totp.js';
import { answerParent, policyReport, until } from './harness.js';

interface Run {
  base: string;
  token: string;
}

/** A sign-in: a wrong code first, then the recovery code, and the new one saved. */
interface SignInRun extends Run {
  kind: 'verify';
  wrongCode: string;
  recoveryCode: string;
}

/** A sign-in by text message: the list of methods, the text chosen, its code read from the stand-in's outbox. */
interface SentCodeRun extends Run {
  kind: 'verify-sent';
  /** The outbox of the user's phone (the control API, on the tenant's origin, which the policy allows). */
  outbox: string;
}

/** Text messages: the choice, a country and a national number, the code from the stand-in's outbox. */
interface PhoneRun extends Run {
  kind: 'sms';
  /** Where the stand-in's outbox for the number is read (on the tenant's origin: `connect-src` allows it). */
  outbox: string;
}

/** Push: the QR for Guardian, which the stand-in's fake Guardian then scans (its control API, on the tenant's origin). */
interface PushRun extends Run {
  kind: 'push';
  /** `POST` here with the user's `email` scans their QR. */
  scan: string;
  email: string;
}

/** An enroll element on this page for the run's tenant and token, offering `factors`, its events recorded. */
function placeEnroll({ base, token }: Run, factors: string) {
  const events: string[] = [];
  const el = document.createElement('mfa-otp-enroll');
  for (const type of ['associated', 'enrolled', 'enroll-error']) el.addEventListener(type, () => events.push(type));
  el.domain = base;
  el.clientId = 'demo-spa-client';
  el.mfaToken = token;
  el.setAttribute('factors', factors);
  document.getElementById('host')!.append(el);
  const part = <T extends Element>(name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
  /** Types or picks a value, as a browser reports it. */
  const change = (name: string, value: string, type: 'input' | 'change' = 'input') => {
    const field = part<HTMLInputElement | HTMLSelectElement>(name)!;
    field.value = value;
    field.dispatchEvent(new Event(type));
  };
  /** The recovery code saved, and Finish. */
  const saveAndFinish = async () => {
    await until(() => el.step === 'new-recovery-code', 'the recovery codes');
    await el.updateComplete;
    part<HTMLInputElement>('recovery-ack')!.click();
    await el.updateComplete;
    part<HTMLButtonElement>('finish')!.click();
    await until(() => el.step === 'done', 'done');
  };
  return { el, events, part, change, saveAndFinish };
}

async function enrollPhone(run: PhoneRun) {
  const { el, events, part, change, saveAndFinish } = placeEnroll(run, 'otp sms');
  await until(() => el.step === 'choose', 'the choice');
  el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="factor-option"]')[1]!.click();
  await until(() => el.step === 'destination', 'the number field');
  await el.updateComplete;
  change('country', 'DE', 'change');
  change('phone-input', '030 1234567');
  part<HTMLButtonElement>('send')!.click();
  await until(() => el.step === 'code-sent', 'the code sent');
  await el.updateComplete;
  const sentTo = part('sent-to')!.textContent!.replace(/\s+/g, ' ').trim();
  let messages: { code: string }[] = [];
  for (const deadline = Date.now() + 10_000; !messages.length && Date.now() < deadline; ) {
    messages = (await (await fetch(run.outbox)).json()) as { code: string }[];
    if (!messages.length) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  change('code-input', messages[0]?.code ?? '');
  await saveAndFinish();
  return { events, sentTo, ...(await policyReport()) };
}

async function enrollPush(run: PushRun) {
  const { el, events, part, saveAndFinish } = placeEnroll(run, 'push');
  await until(() => el.step === 'push-scan', 'the QR for Guardian');
  await el.updateComplete;
  const qrDrawn = Boolean(part('qr')?.querySelector('path')?.getAttribute('d'));
  await fetch(run.scan, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: run.email }) });
  await saveAndFinish(); // after the next poll (5 s apart)
  return { events, qrDrawn, ...(await policyReport()) };
}

async function enroll(run: Run) {
  const { el, events, part, change, saveAndFinish } = placeEnroll(run, 'otp');
  await until(() => el.step === 'scan', 'the QR');
  const qrDrawn = Boolean(part('qr')?.querySelector('path')?.getAttribute('d'));
  const secret = part('secret')!.querySelector('.groups')!.textContent!.replace(/\s+/g, '');
  change('code-input', await totp(secret));
  await saveAndFinish();
  return { events, qrDrawn, ...(await policyReport()) };
}

/** A sign-in element on this page for the run's tenant and token, its events recorded. */
function placeVerify({ base, token }: Run) {
  const events: string[] = [];
  const el = document.createElement('mfa-otp-verify');
  for (const type of ['verified', 'verify-error']) el.addEventListener(type, () => events.push(type));
  el.domain = base;
  el.clientId = 'demo-spa-client';
  el.mfaToken = token;
  document.getElementById('host')!.append(el);
  const part = <T extends Element>(name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
  return { el, events, part };
}

async function signIn(run: SignInRun) {
  const { wrongCode, recoveryCode } = run;
  const { el, events, part } = placeVerify(run);
  const shadow = el.shadowRoot!;
  const type = (name: string, text: string) => {
    const input = part<HTMLInputElement>(name)!;
    input.value = text;
    input.dispatchEvent(new InputEvent('input'));
  };
  await until(() => el.step === 'code', 'the code prompt');
  type('code-input', wrongCode);
  await until(() => events.includes('verify-error') && el.step === 'code', 'the wrong code refused');
  await el.updateComplete;
  const alert = part('error')!.textContent!.trim();
  part<HTMLButtonElement>('use-recovery-code')!.click();
  await until(() => el.step === 'recovery-code', 'the recovery-code field');
  await el.updateComplete;
  type('recovery-input', recoveryCode.toLowerCase().match(/.{4}/g)!.join('-'));
  await el.updateComplete;
  part<HTMLButtonElement>('submit')!.click();
  await until(() => el.step === 'new-recovery-code', 'the new recovery code');
  await el.updateComplete;
  const newCode = part('new-recovery-code')!.textContent!.trim();
  const status = shadow.querySelector('[role=status]')!;
  const before = status.firstElementChild;
  part<HTMLButtonElement>('copy-codes')!.click(); // copied, or selected for the user when the clipboard refuses
  await until(() => status.firstElementChild !== before, 'the copy announced');
  part<HTMLInputElement>('recovery-ack')!.click();
  await el.updateComplete;
  part<HTMLButtonElement>('finish')!.click();
  await until(() => el.step === 'done', 'done');
  return { events, alert, newCode, ...(await policyReport()) };
}

async function signInByText(run: SentCodeRun) {
  const { el, events, part } = placeVerify(run);
  const shadow = el.shadowRoot!;
  await until(() => el.step === 'code', 'the code prompt');
  part<HTMLButtonElement>('other-methods')!.click();
  await until(() => el.step === 'choose-method', 'the list of methods');
  await el.updateComplete;
  const methods = [...shadow.querySelectorAll<HTMLButtonElement>('[part~="method-option"]')];
  methods.find((option) => option.textContent!.includes('Text message'))!.click();
  await until(() => el.step === 'code-sent', 'the text message sent');
  await el.updateComplete;
  const sentTo = part('sent-to')!.textContent!.trim();
  const [message] = (await (await fetch(run.outbox)).json()) as { code: string }[];
  const input = part<HTMLInputElement>('code-input')!;
  input.value = message!.code;
  input.dispatchEvent(new InputEvent('input'));
  await until(() => el.step === 'done', 'done');
  return { events, sentTo, methods: methods.length, ...(await policyReport()) };
}

answerParent<Run | SignInRun | SentCodeRun | PhoneRun | PushRun>((run) => {
  if (!('kind' in run)) return enroll(run);
  switch (run.kind) {
    case 'verify':
      return signIn(run);
    case 'verify-sent':
      return signInByText(run);
    case 'sms':
      return enrollPhone(run);
    case 'push':
      return enrollPush(run);
  }
});
