import type { MfaOtpVerify } from '../../src/verify/define.js';
import type { EnrolledUser } from './enrolled-user.js';
import { part, untilStep } from './element-core.js';
import { totp } from './totp.js';
// Loaded for its guard: every test fails if anything escaped as an uncaught error or an unhandled rejection.
export { hasCdp, nextTask } from './widget-core.js';

// Reading and driving <mfa-otp-verify> as a user would. Imports no element code, so the bundle
// test can use it against the built script.

export type VerifyEvent = CustomEvent & { type: 'verified' | 'verify-error' };

export { holdingRequests, part, parts, untilEvent, untilStep } from './element-core.js';

/** Types (or pastes) into one of the element's inputs the way a browser reports it. */
export function typeInto(el: MfaOtpVerify, name: 'code-input' | 'recovery-input', text: string): void {
  const input = part<HTMLInputElement>(el, name)!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Switches to the recovery-code path, as the user would. */
export async function useRecoveryCode(el: MfaOtpVerify): Promise<void> {
  part<HTMLButtonElement>(el, 'use-recovery-code')!.click();
  await untilStep(el, 'recovery-code');
}

/** Enters a recovery code and presses Verify. */
export async function submitRecoveryCode(el: MfaOtpVerify, code: string): Promise<void> {
  typeInto(el, 'recovery-input', code);
  await el.updateComplete;
  part<HTMLButtonElement>(el, 'submit')!.click();
}

/** The new recovery code on screen. */
export function shownNewCode(el: MfaOtpVerify): string {
  return part(el, 'new-recovery-code')!.textContent!.trim();
}

/** Ticks "I have saved my recovery code" and presses Finish. */
export async function saveNewCodeAndFinish(el: MfaOtpVerify): Promise<void> {
  part<HTMLInputElement>(el, 'recovery-ack')!.click();
  await el.updateComplete;
  part<HTMLButtonElement>(el, 'finish')!.click();
}

/** What the alert says. */
export function errorText(el: MfaOtpVerify): string {
  return part(el, 'error')!.textContent!.trim();
}

/** A code the tenant surely refuses for `user` now (valid in no step near the present). */
export async function wrongCodeFor(user: EnrolledUser): Promise<string> {
  const near = await Promise.all([-2, -1, 0, 1, 2].map((step) => totp(user.secret, Date.now() + step * 30_000)));
  let candidate = 100000;
  while (near.includes(String(candidate))) candidate++;
  return String(candidate);
}

/** A recovery code of the right shape that is not the user's. */
export function wrongRecoveryCode(user: EnrolledUser): string {
  return user.recoveryCode === 'A'.repeat(24) ? 'B'.repeat(24) : 'A'.repeat(24);
}

export interface SentRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  /** A form or JSON body as an object of strings; `{}` when none. */
  readonly body: Record<string, unknown>;
}

/**
 * An element `fetch` seam that records every request it sends (values included, which the
 * tenant's log leaves out) and passes it on to the network.
 */
export function recordRequests(next: (input: URL, init: RequestInit) => Promise<Response> = (input, init) => globalThis.fetch(input, init)) {
  const sent: SentRequest[] = [];
  return {
    sent,
    fetch(input: URL, init: RequestInit): Promise<Response> {
      const body =
        init.body instanceof URLSearchParams
          ? Object.fromEntries(init.body)
          : typeof init.body === 'string'
            ? (JSON.parse(init.body) as Record<string, unknown>)
            : {};
      sent.push({ method: init.method ?? 'GET', url: new URL(input), headers: new Headers(init.headers), body });
      return next(input, init);
    },
  };
}

/** URL matchers for the element's requests. */
export const isList = (url: URL) => url.pathname.endsWith('/mfa/authenticators');
export const isGrant = (url: URL) => url.pathname.endsWith('/oauth/token');
export const isChallenge = (url: URL) => url.pathname.endsWith('/mfa/challenge');
