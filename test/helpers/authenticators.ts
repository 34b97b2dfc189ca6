import { fixture, html, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/authenticators/define.js';
import { MfaAuthenticators, type AuthenticatorsErrorDetail } from '../../src/authenticators/define.js';
import { MfaOtpEnroll, type Auth0Like } from '../../src/index.js';
import { enrolledUser, type EnrolledUser } from './enrolled-user.js';
import { CLIENT_ID, myAccountToken, newEmail, signIn, type MyAccountTokenOptions, type TestTenant } from './tenant.js';
import { part, parts, untilEvent, untilStep } from './element-core.js';
import { currentCode, nextTask, typeCode, type WidgetEvent } from './widget-core.js';
import { untilMessage } from './outbox.js';
// Loaded for its guard: every test fails if anything escaped as an uncaught error or an unhandled rejection.
export { hasCdp, nextTask } from './widget-core.js';
export { holdingRequests, part, parts, untilEvent, untilStep } from './element-core.js';

// Reading and driving <mfa-authenticators> (and <mfa-otp-enroll api="my-account">) as a user would.

/** What the settings element fires, and what its inline enrollment must keep to itself. */
export type ManageEventType =
  | 'authenticator-added'
  | 'authenticator-removed'
  | 'recovery-code-regenerated'
  | 'authenticators-error'
  | 'associated'
  | 'enrolled'
  | 'enroll-error';
export type ManageEvent = CustomEvent & { type: ManageEventType };

export interface ManageWidget {
  readonly el: MfaAuthenticators;
  /** Every event that reached the page, in order, caught on a light-DOM ancestor. */
  readonly events: ManageEvent[];
  readonly email: string;
  /** The access token the element was given. */
  readonly token: string;
  /** The user, when the test made an enrolled one (an app and a recovery code). */
  readonly user: EnrolledUser | undefined;
}

export interface ManageOptions {
  /** A user with nothing but a password, by this email (no app, no recovery code). */
  email?: string;
  /** An enrolled user; a new one by default. */
  user?: EnrolledUser;
  /** The token; by default one for the user with `scope` (every My Account scope by default). */
  token?: string;
  scope?: MyAccountTokenOptions['scope'];
  timeout?: number;
  theme?: MfaAuthenticators['theme'];
  lang?: string;
  /** The element's `fetch`; by default `factorsFirst()`'s. */
  fetch?: MfaAuthenticators['fetch'];
  /** Where to render it (its fixture wrapper), e.g. `phoneScreen()`; a new div by default. */
  parentNode?: HTMLElement;
  /** The host's `factors` attribute (what to offer without `read:me:factors`); unset by default. */
  factors?: string;
  /** The element's `email` property: the user's own verified address, as the page knows it. */
  knownEmail?: string;
  /** An `auth0` (the SDK's shape): then no `domain` or `accessToken` is set. */
  auth0?: MfaAuthenticators['auth0'];
}

/** Renders `<mfa-authenticators>` for a signed-in user of `tenant`, listening to what reaches the page. */
export async function renderManage(tenant: TestTenant, options: ManageOptions = {}): Promise<ManageWidget> {
  const user = options.email ? undefined : (options.user ?? (await enrolledUser(tenant)));
  const email = options.email ?? user!.email;
  const token = options.token ?? (await myAccountToken(tenant, email, options.scope === undefined ? {} : { scope: options.scope }));
  const events: ManageEvent[] = [];
  const record = (event: Event) => events.push(event as ManageEvent);
  const wrapper = await fixture<HTMLDivElement>(html`
    <div
      lang=${options.lang ?? 'en'}
      @authenticator-added=${record}
      @authenticator-removed=${record}
      @recovery-code-regenerated=${record}
      @authenticators-error=${record}
      @associated=${record}
      @enrolled=${record}
      @enroll-error=${record}
    >
      <mfa-authenticators
        .domain=${options.auth0 ? '' : tenant.base}
        .accessToken=${options.auth0 ? '' : token}
        .auth0=${options.auth0}
        .email=${options.knownEmail ?? ''}
        factors=${ifDefined(options.factors)}
        .timeout=${options.timeout ?? 30000}
        theme=${options.theme ?? 'auto'}
        .fetch=${options.fetch ?? factorsFirst()}
      ></mfa-authenticators>
    </div>
  `, { parentNode: options.parentNode });
  return { el: wrapper.querySelector('mfa-authenticators')!, events, email, token, user };
}

/**
 * An element `fetch` that answers the user's list only once the tenant's factors have been
 * answered (status, body and all) or failed: the factors call goes beside the list, and the add
 * buttons change when it is in, so a test reading them right after the list would race it. Not for
 * a factors call that never answers: the list would wait for it too.
 */
export function factorsFirst(inner: MfaAuthenticators['fetch'] = (input, init) => globalThis.fetch(input, init)): MfaAuthenticators['fetch'] {
  let factors: Promise<unknown> = Promise.resolve();
  return async (input, init) => {
    const { pathname } = new URL(input);
    if (pathname.endsWith('/me/v1/factors')) {
      const answer = inner(input, init);
      factors = answer.then((response) => response.clone().text()).then(nextTask, nextTask);
      return answer;
    }
    if (pathname.endsWith('/me/v1/authentication-methods') && (init.method ?? 'GET') === 'GET') await factors;
    return inner(input, init);
  };
}

/** The first `authenticators-error`, once its step has rendered. */
export async function manageError(widget: ManageWidget, count = 1): Promise<AuthenticatorsErrorDetail> {
  const event = await untilEvent(widget.events, 'authenticators-error', count);
  await widget.el.updateComplete;
  return event.detail as AuthenticatorsErrorDetail;
}

export const ofType = (events: ManageEvent[], type: ManageEventType) => events.filter((e) => e.type === type);

/** The add buttons the list shows (`add`, `add-phone`, `add-email`), in order. */
export function offeredAdds(el: MfaAuthenticators): string[] {
  return ['add', 'add-phone', 'add-email', 'add-push'].filter((name) => part(el, name) !== null);
}

/** One row of the list as the user reads it. */
export interface Row {
  readonly id: string;
  readonly name: string;
  /** "Added …", or '' when the API gave no date. */
  readonly date: string;
  /** A phone's way of sending codes ("Codes by text message"), else ''. */
  readonly channel: string;
  readonly removable: boolean;
  readonly item: HTMLLIElement;
}

export function rows(el: MfaAuthenticators): Row[] {
  return parts<HTMLLIElement>(el, 'item').map((item) => ({
    id: item.dataset.id!,
    name: item.querySelector('.name')!.textContent!.trim(),
    date: item.querySelector('.method .added')?.textContent!.trim() ?? '',
    channel: item.querySelector('.method .channel')?.textContent!.trim() ?? '',
    removable: item.querySelector('[part~="remove"]') !== null,
    item,
  }));
}

export function rowOf(el: MfaAuthenticators, id: string): HTMLLIElement {
  const row = rows(el).find((candidate) => candidate.id === id);
  if (!row) throw new Error(`no row for ${id}`);
  return row.item;
}

/** The row of the first method of `type`. */
export function rowOfType(el: MfaAuthenticators, type: string): HTMLLIElement {
  const row = rows(el).find((candidate) => candidate.id.startsWith(`${type}|`));
  if (!row) throw new Error(`no ${type} row`);
  return row.item;
}

/** Presses Remove on a row and waits for the confirmation. */
export async function askToRemove(el: MfaAuthenticators, row: HTMLLIElement): Promise<void> {
  row.querySelector<HTMLButtonElement>('[part~="remove"]')!.click();
  await untilStep(el, 'confirm-remove');
}

/** The alert's text. */
export function manageErrorText(el: HTMLElement): string {
  return part(el, 'error')!.textContent!.trim();
}

/** The polite live region's text. */
export function announced(el: HTMLElement): string {
  return el.shadowRoot!.querySelector('[role=status]')!.textContent!.trim();
}

/** The new recovery code on screen. */
export function shownRecoveryCode(el: HTMLElement): string {
  return part(el, 'recovery-codes')!.textContent!.trim();
}

/** The enroll element shown inline while adding an app. */
export function inlineEnroll(el: MfaAuthenticators): MfaOtpEnroll {
  const inline = el.shadowRoot!.querySelector('mfa-otp-enroll');
  if (!inline) throw new Error('no inline enrollment');
  return inline;
}

/** Adds an authenticator app through the inline enroll element with a real code; the list again after it. */
export async function addAppInline(el: MfaAuthenticators, events: ManageEvent[]): Promise<ManageEvent> {
  part<HTMLButtonElement>(el, 'add')!.click();
  await untilStep(el, 'adding');
  const inline = inlineEnroll(el);
  await untilStep(inline, 'scan');
  typeCode(inline, await currentCode(inline));
  const added = await untilEvent(events, 'authenticator-added');
  await untilStep(el, 'list');
  return added;
}

/** Types into the inline enrollment's phone or email field as a browser reports it. */
export function typeDestination(inline: MfaOtpEnroll, name: 'phone-input' | 'email-input', text: string): void {
  const input = part<HTMLInputElement>(inline, name)!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/**
 * Adds a phone through the inline enroll element as the user would: Add a phone, a choice of text
 * or call when both are offered, the number, Send, then the code read from the stand-in's outbox.
 * The list again after it; the added event.
 */
export async function addPhoneInline(
  tenant: TestTenant,
  el: MfaAuthenticators,
  events: ManageEvent[],
  { typed = '+1 555 123 8730', e164 = '+15551238730', channel = 'sms' }: { typed?: string; e164?: string; channel?: 'sms' | 'voice' } = {},
): Promise<ManageEvent> {
  part<HTMLButtonElement>(el, 'add-phone')!.click();
  await untilStep(el, 'adding');
  const inline = inlineEnroll(el);
  await waitUntil(() => inline.step === 'choose' || inline.step === 'destination', `inline enrollment stayed ${inline.step}`);
  if (inline.step === 'choose') {
    parts<HTMLButtonElement>(inline, 'factor-option').find((option) => option.value === channel)!.click();
    await untilStep(inline, 'destination');
  }
  typeDestination(inline, 'phone-input', typed);
  part<HTMLButtonElement>(inline, 'send')!.click();
  await untilStep(inline, 'code-sent');
  typeCode(inline, (await untilMessage(tenant, e164)).code);
  const added = await untilEvent(events, 'authenticator-added');
  await untilStep(el, 'list');
  return added;
}

/** Presses "Get a (new) recovery code" and waits for the code: the one now on screen. */
export async function askForNewRecoveryCode(el: MfaAuthenticators): Promise<string> {
  part<HTMLButtonElement>(el, 'regenerate-recovery-code')!.click();
  await untilStep(el, 'new-recovery-code');
  return shownRecoveryCode(el);
}

/** Ticks "I have saved my recovery code" and presses Finish. */
export async function saveAndFinish(el: MfaAuthenticators): Promise<void> {
  part<HTMLInputElement>(el, 'recovery-ack')!.click();
  await el.updateComplete;
  part<HTMLButtonElement>(el, 'finish')!.click();
}

const MFA_RECOVERY_GRANT = 'http://auth0.com/oauth/grant-type/mfa-recovery-code';

/**
 * Signs the user in again with a recovery code through the MFA API, as they would after losing
 * their phone: the grant's status (200 accepted, 403 refused). An accepted code is spent.
 */
export async function signInWithRecoveryCode(tenant: TestTenant, email: string, code: string): Promise<number> {
  const { body } = await signIn(tenant, email);
  if (typeof body.mfa_token !== 'string') throw new Error(`expected mfa_required, got ${JSON.stringify(body)}`);
  const response = await fetch(`${tenant.base}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: MFA_RECOVERY_GRANT, client_id: CLIENT_ID, mfa_token: body.mfa_token, recovery_code: code }),
  });
  return response.status;
}

// ---- <mfa-otp-enroll api="my-account"> ----------------------------------------------------------

export interface MyAccountEnrollWidget {
  readonly el: MfaOtpEnroll;
  readonly events: WidgetEvent[];
  readonly email: string;
  readonly token: string;
}

export interface MyAccountEnrollOptions {
  email?: string;
  token?: string;
  scope?: string;
  timeout?: number;
  fetch?: MfaOtpEnroll['fetch'];
  /** What the user may set up (`otp` by default), and the address the email field starts with. */
  factors?: string;
  knownEmail?: string;
  /** Auth0's SDK (its `myAccount` client) instead of the element's own requests. */
  auth0?: Auth0Like;
}

/** Renders the enroll element on the My Account API for a signed-in user (a new one by default). */
export async function renderMyAccountEnroll(tenant: TestTenant, options: MyAccountEnrollOptions = {}): Promise<MyAccountEnrollWidget> {
  const email = options.email ?? newEmail();
  const token = options.token ?? (await myAccountToken(tenant, email, options.scope === undefined ? {} : { scope: options.scope }));
  const events: WidgetEvent[] = [];
  const record = (event: Event) => events.push(event as WidgetEvent);
  const wrapper = await fixture<HTMLDivElement>(html`
    <div @associated=${record} @enrolled=${record} @enroll-error=${record}>
      <mfa-otp-enroll
        api="my-account"
        .domain=${tenant.base}
        .accessToken=${token}
        .timeout=${options.timeout ?? 30000}
        .fetch=${options.fetch ?? MfaOtpEnroll.prototype.fetch}
        .auth0=${options.auth0}
        factors=${options.factors ?? 'otp'}
        .email=${options.knownEmail ?? ''}
      ></mfa-otp-enroll>
    </div>
  `);
  return { el: wrapper.querySelector('mfa-otp-enroll')!, events, email, token };
}
