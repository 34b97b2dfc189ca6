import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/verify/define.js';
import { MfaOtpVerify, type VerifyStep } from '../../src/verify/define.js';
import { enrolledUser, signInAgain, type EnrolledUser } from './enrolled-user.js';
import { CLIENT_ID, type TestTenant } from './tenant.js';

export type VerifyEvent = CustomEvent & { type: 'verified' | 'verify-error' };

export interface VerifyWidget {
  readonly el: MfaOtpVerify;
  /** Every event the element fired, in order, caught on a light-DOM ancestor (so they bubble). */
  readonly events: VerifyEvent[];
  readonly user: EnrolledUser;
}

export interface VerifyOptions {
  /** An enrolled user; a new one by default. */
  user?: EnrolledUser;
  /** The mfa_token; by default a new sign-in of the user. */
  token?: string;
  clientId?: string;
  tokenUrl?: string;
  authenticatorId?: string;
  timeout?: number;
  /** Replaces the element's network seam. */
  fetch?: MfaOtpVerify['fetch'];
}

/** Renders `<mfa-otp-verify>` for an enrolled user signing in again, listening to its events. */
export async function renderVerify(tenant: TestTenant, options: VerifyOptions = {}): Promise<VerifyWidget> {
  const user = options.user ?? (await enrolledUser(tenant));
  const token = options.token ?? (await signInAgain(tenant, user));
  const events: VerifyEvent[] = [];
  const record = (event: Event) => events.push(event as VerifyEvent);
  const wrapper = await fixture<HTMLDivElement>(html`
    <div @verified=${record} @verify-error=${record}>
      <mfa-otp-verify
        .domain=${tenant.base}
        .clientId=${options.clientId ?? CLIENT_ID}
        .tokenUrl=${options.tokenUrl ?? ''}
        .authenticatorId=${options.authenticatorId ?? ''}
        .timeout=${options.timeout ?? 30000}
        .mfaToken=${token}
        .fetch=${options.fetch ?? MfaOtpVerify.prototype.fetch}
      ></mfa-otp-verify>
    </div>
  `);
  return { el: wrapper.querySelector('mfa-otp-verify')!, events, user };
}

export function verifyPart<T extends Element = HTMLElement>(el: MfaOtpVerify, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

export async function untilVerifyStep(el: MfaOtpVerify, step: VerifyStep): Promise<void> {
  await waitUntil(() => el.step === step, `step stayed ${el.step}, expected ${step}`, { timeout: 10000 });
  await el.updateComplete;
}

export async function untilVerifyEvent(events: VerifyEvent[], type: VerifyEvent['type'], count = 1): Promise<VerifyEvent> {
  await waitUntil(() => events.filter((e) => e.type === type).length >= count, `no ${type} event`, { timeout: 10000 });
  return events.filter((e) => e.type === type)[count - 1]!;
}

/** Types (or pastes) into one of the element's inputs the way a browser reports it. */
export function typeInto(el: MfaOtpVerify, part: 'code-input' | 'recovery-input', text: string): void {
  const input = verifyPart<HTMLInputElement>(el, part)!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Switches to the recovery-code path, as the user would. */
export async function useRecoveryCode(el: MfaOtpVerify): Promise<void> {
  verifyPart<HTMLButtonElement>(el, 'use-recovery-code')!.click();
  await untilVerifyStep(el, 'recovery');
}

/** Enters a recovery code and presses Verify. */
export async function submitRecoveryCode(el: MfaOtpVerify, code: string): Promise<void> {
  typeInto(el, 'recovery-input', code);
  await el.updateComplete;
  verifyPart<HTMLButtonElement>(el, 'submit')!.click();
}

export type { EnrolledUser };
