import type { MfaOtpEnroll } from '../../src/index.js';
import { part } from './element-core.js';
import { totp } from './totp.js';
import { browserOf, UNSUPPORTED, unsupportedBecause } from './unsupported.js';

// Reading and driving a widget as a user would. Imports no element code, so
// the bundle test can use it against the built script.

export type WidgetEvent = CustomEvent & { type: 'associated' | 'enrolled' | 'enroll-error' };

export { part, parts, untilEvent, untilStep } from './element-core.js';

// Every test fails if anything escaped as an uncaught error or an unhandled rejection.
const escaped: string[] = [];
window.addEventListener('error', (event) => escaped.push(`error: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => escaped.push(`unhandled rejection: ${String(event.reason)}`));
afterEach(() => {
  const found = escaped.splice(0);
  if (found.length) throw new Error(`escaped the widget: ${found.join('; ')}`);
});

/** The setup key as a user reads it off the screen, without the grouping spaces. */
export function shownSecret(el: MfaOtpEnroll): string {
  return part(el, 'secret')!.querySelector('.groups')!.textContent!.replace(/\s+/g, '');
}

/** Types (or pastes) into the code input the way a browser reports it: value, then `input`. */
export function typeCode(el: MfaOtpEnroll, text: string): void {
  const input = part<HTMLInputElement>(el, 'code-input')!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** The code the user's authenticator app shows now for the secret on screen. */
export function currentCode(el: MfaOtpEnroll): Promise<string> {
  return totp(shownSecret(el));
}

/** A code that is surely wrong now (not valid in the ±1 step window). */
export async function wrongCode(el: MfaOtpEnroll): Promise<string> {
  const secret = shownSecret(el);
  const valid = new Set(await Promise.all([-1, 0, 1].map((step) => totp(secret, Date.now() + step * 30000))));
  let candidate = 100000;
  while (valid.has(String(candidate))) candidate++;
  return String(candidate);
}

/** Ticks "I have saved my recovery code" and presses Finish, as a user would. */
export async function saveCodesAndFinish(el: MfaOtpEnroll): Promise<void> {
  part<HTMLInputElement>(el, 'recovery-ack')!.click();
  await el.updateComplete;
  part<HTMLButtonElement>(el, 'finish')!.click();
}

/** The engine running this page: chromium, firefox or webkit. */
export const browser = browserOf(navigator.userAgent);

/** Whether the browser speaks the Chrome DevTools Protocol (media emulation, network blocking). */
export const hasCdp = !UNSUPPORTED.cdp!.missingIn.includes(browser);

/**
 * Skips a test whose title (or a suite's) has a tag this browser's automation can't serve,
 * `[cdp]` and the others in unsupported.js: the one list of skips. Runs before every test of a
 * page that imports these helpers; a suite's `before` hook that needs it first calls it itself.
 */
export function skipUnsupported(context: Mocha.Context): void {
  const runnable = context.currentTest ?? context.test;
  if (runnable && unsupportedBecause(runnable.fullTitle(), browser)) context.skip();
}
beforeEach(function () {
  skipUnsupported(this);
});

/** Waits for the next task: lets microtasks (a removal's suspend, a dispatched event) run first. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));
