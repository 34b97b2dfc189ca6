import type { MfaOtpEnroll } from '../../src/index.js';
import type { EnrollErrorDetail } from '../../src/enroll/events.js';
import { RESEND_WAIT } from '../../src/factors/sent-code/resend-countdown.js';
import { part } from './element-core.js';
import { untilMessage, type SentMessage } from './outbox.js';
import type { TestTenant } from './tenant.js';
import { renderWidget, untilStep, type Widget, type WidgetOptions } from './widget.js';

// Driving <mfa-otp-enroll>'s phone and email steps as a user would: what the tests of codes by
// text, call and email share.

/** Types into the phone or email field as a browser reports it. */
export function typeDestination(el: MfaOtpEnroll, name: 'phone-input' | 'email-input', text: string): void {
  const input = part<HTMLInputElement>(el, name)!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Picks a country in the country choice, as a browser reports it. */
export function chooseCountry(el: MfaOtpEnroll, region: string): void {
  const select = part<HTMLSelectElement>(el, 'country')!;
  select.value = region;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Presses Send. */
export const send = (el: MfaOtpEnroll): void => part<HTMLButtonElement>(el, 'send')!.click();

/** What the alert says now. */
export const alertText = (el: MfaOtpEnroll): string => part(el, 'error')!.textContent!.trim();

/** The `enroll-error` events among those recorded, in order. */
export const enrollErrors = (events: Event[]): CustomEvent<EnrollErrorDetail>[] =>
  events.filter((e) => e.type === 'enroll-error') as CustomEvent<EnrollErrorDetail>[];

/** A number the stand-in takes, as a user in the United States types it, and where it goes. */
export const US_NUMBER = { typed: '(555) 123-8730', e164: '+15551238730' } as const;

/**
 * Renders the element for `factors` (texts by default), types `typed` into the phone field (the
 * address into the email field for `email`), sends, and waits for the code to be on screen and
 * in the outbox: the code-sent step as the user reaches it.
 */
export async function untilCodeSent(
  tenant: TestTenant,
  options: WidgetOptions & { typed?: string; to?: string } = {},
): Promise<Widget & { message: SentMessage }> {
  const widget = await renderWidget(tenant, { factors: 'sms', ...options });
  const { el } = widget;
  await untilStep(el, 'destination');
  const email = options.factors === 'email';
  typeDestination(el, email ? 'email-input' : 'phone-input', options.typed ?? US_NUMBER.typed);
  send(el);
  await untilStep(el, 'code-sent');
  const message = await untilMessage(tenant, options.to ?? US_NUMBER.e164);
  return { ...widget, message };
}

/** A six-digit code other than `code`. */
export const otherCode = (code: string): string => (code === '000000' ? '111111' : '000000');

/**
 * Shortens the wait before a new code may be asked for, for the tests of a suite (30 s in the
 * product): call it at the top of a `describe`.
 */
export function shortResendWait(ms: number): void {
  let saved = RESEND_WAIT.ms;
  beforeEach(() => {
    saved = RESEND_WAIT.ms;
    RESEND_WAIT.ms = ms;
  });
  afterEach(() => {
    RESEND_WAIT.ms = saved;
  });
}
