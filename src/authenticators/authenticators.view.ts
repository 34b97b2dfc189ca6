import { html, nothing, type TemplateResult } from 'lit';
import type { Factor } from '../core/factors.js';
import type { AuthenticationMethod } from '../core/ports.js';
import { maskedDestination } from '../factors/sent-code/names.js';
import { format, type AuthenticatorsText } from '../i18n/strings.js';
import { renderFrame } from '../controls/frame.view.js';
import type { ElementView } from '../element/view.js';
import { renderRecoveryCodes, type RecoveryCodeActions } from '../controls/recovery-codes.js';
import { hasRecoveryCode, hasSecondFactor, isLastFactor, type AuthenticatorsState } from './authenticators-session.js';

/** Everything the templates read: the session's state, the words, and the element's handlers. */
export interface AuthenticatorsView extends ElementView<AuthenticatorsState, AuthenticatorsText> {
  /** The language's way to write a date. */
  readonly formatDate: (iso: string) => string;
  /** The inline `<mfa-otp-enroll>` while adding a method, configured by the element. */
  readonly enrollment: TemplateResult;
  /** The factors the user may add: the tenant's, else the host's. */
  readonly offered: readonly Factor[];
  /** Whether Remove is offered for a method (not for the one Auth0 keeps). */
  readonly removable: (method: AuthenticationMethod) => boolean;
  readonly onRemove: (event: Event) => void;
  readonly onConfirmRemove: () => void;
  readonly onCancel: () => void;
  readonly onAdd: (event: Event) => void;
  readonly onRegenerate: () => void;
  readonly save: RecoveryCodeActions;
  readonly onSavedChange: (event: Event) => void;
  readonly onFinish: () => void;
}

/** Which word names each type of method; anything newer is an "other method". */
const METHOD_NAMES: Record<string, keyof AuthenticatorsText> = {
  totp: 'methodTotp',
  'recovery-code': 'methodRecoveryCode',
  phone: 'methodPhone',
  email: 'methodEmail',
  passkey: 'methodPasskey',
  'push-notification': 'methodPush',
  password: 'methodPassword',
  'webauthn-roaming': 'methodSecurityKey',
  'webauthn-platform': 'methodPasskey',
};

/** What the element lets the user remove here; other types are listed, managed elsewhere. */
export const REMOVABLE = new Set(['totp', 'recovery-code', 'phone', 'email', 'push-notification']);

/**
 * "Authenticator app (iPhone)", "Phone +1 ••• ••• 8730": the kind of method, and its own name or
 * its masked destination, isolated (U+2068…U+2069) so that a number reads left to right in any
 * language, in the list and in what is read out.
 */
export function methodName(method: AuthenticationMethod, text: AuthenticatorsText): string {
  const kind = text[METHOD_NAMES[method.type] ?? 'methodOther'] as string;
  const named = method.name ? `${kind} (${method.name})` : kind;
  const destination = method.type === 'phone' || method.type === 'email' ? maskedDestination(method) : '';
  return destination && destination !== method.name ? `${named} \u2068${destination}\u2069` : named;
}

/** A phone's way of sending codes, when the API says it. */
function phoneDetail(method: AuthenticationMethod, text: AuthenticatorsText): string | undefined {
  if (method.type !== 'phone') return undefined;
  return method.preferred_authentication_method === 'voice' ? text.byVoice : text.bySms;
}

/** The heading and introduction of a new recovery code: a first one, or one replacing the old. */
function recoveryCodeTitles(methods: readonly AuthenticationMethod[], text: AuthenticatorsText) {
  return hasRecoveryCode(methods)
    ? { heading: text.regenerateHeading, intro: text.regenerateIntro }
    : { heading: text.recoveryHeading, intro: text.recoveryIntro };
}

export function stepAnnouncement(state: AuthenticatorsState, text: AuthenticatorsText): string | undefined {
  if (state.step === 'loading') return text.manageLoading;
  if (state.step === 'new-recovery-code') return recoveryCodeTitles(state.methods, text).heading;
  return undefined;
}

export function renderAuthenticators(view: AuthenticatorsView): TemplateResult {
  const { text } = view;
  return renderFrame(view, { heading: text.manageHeading, body: renderStep(view) });
}

function renderStep(view: AuthenticatorsView): TemplateResult | typeof nothing {
  const { state, text } = view;
  switch (state.step) {
    case 'idle':
    case 'loading':
      return html`<p class="muted">${state.step === 'loading' ? text.manageLoading : text.idle}</p>`;
    case 'new-recovery-code':
    case 'saving-recovery-code':
      return renderRecoveryCodes({
        codes: [state.enrollment.recoveryCode],
        saved: state.step === 'saving-recovery-code' || state.saved,
        text,
        ...recoveryCodeTitles(state.methods, text),
        listPart: 'recovery-codes',
        actions: view.save,
        onSavedChange: view.onSavedChange,
        onFinish: view.onFinish,
      });
    case 'adding':
      return html`
        ${view.enrollment}
        <button part="cancel-add" type="button" @click=${view.onCancel}>${text.cancelAdd}</button>
      `;
    case 'error':
      return nothing;
    default:
      // An enrollment started but never confirmed (the user closed it) is nothing to show or count.
      return renderList(view, state.methods.filter((method) => method.confirmed));
  }
}

/** The user's methods, each with its date and, where the element manages it, Remove; then the actions. */
function renderList(view: AuthenticatorsView, methods: readonly AuthenticationMethod[]): TemplateResult {
  const { state, text } = view;
  const busy = state.step === 'removing' || state.step === 'regenerating';
  const protectedAccount = hasSecondFactor(methods);
  const { offered } = view;
  const adds = [
    offered.includes('otp') && (['add', 'otp', text.addApp] as const),
    (offered.includes('sms') || offered.includes('voice')) && (['add-phone', 'phone', text.addPhone] as const),
    offered.includes('email') && (['add-email', 'email', text.addEmail] as const),
    offered.includes('push') && (['add-push', 'push', text.addPush] as const),
  ].filter((add) => add !== false);
  return html`
    <p>${text.manageIntro}</p>
    ${protectedAccount ? nothing : html`<p part="empty" class="muted">${text.manageEmpty}</p>`}
    ${methods.length
      ? html`<ul part="list" class="methods" aria-labelledby="heading">
          ${methods.map((method) => renderItem(view, methods, method, busy))}
        </ul>`
      : nothing}
    <div class="actions">
      ${adds.map(
        ([part, kind, label], index) =>
          html`<button part=${part} type="button" class=${index === 0 ? 'primary' : ''} value=${kind} ?disabled=${busy} @click=${view.onAdd}>${label}</button>`,
      )}
      ${protectedAccount
        ? html`<button part="regenerate-recovery-code" type="button" ?disabled=${busy} aria-busy=${state.step === 'regenerating' ? 'true' : 'false'} @click=${view.onRegenerate}>
            ${hasRecoveryCode(methods) ? text.regenerateCode : text.getRecoveryCode}
          </button>`
        : nothing}
    </div>
  `;
}

function renderItem(view: AuthenticatorsView, methods: readonly AuthenticationMethod[], method: AuthenticationMethod, busy: boolean): TemplateResult {
  const { state, text } = view;
  const name = methodName(method, text);
  const asking = (state.step === 'confirm-remove' || state.step === 'removing') && state.method.id === method.id;
  const detail = phoneDetail(method, text);
  return html`
    <li part="item" data-id=${method.id}>
      <div class="method">
        <span class="name">${name}</span>
        ${detail ? html`<span class="muted channel">${detail}</span>` : nothing}
        ${method.created_at ? html`<span class="muted added">${format(text.addedOn, { date: view.formatDate(method.created_at) })}</span>` : nothing}
      </div>
      ${view.removable(method) && !asking
        ? html`<button part="remove" type="button" value=${method.id} aria-label=${`${text.removeMethod}: ${name}`} ?disabled=${busy} @click=${view.onRemove}>
            ${text.removeMethod}
          </button>`
        : nothing}
      ${asking ? renderConfirm(view, methods, method, name) : nothing}
    </li>
  `;
}

/** The confirmation, in the item itself: what removing means, and Keep it first. */
function renderConfirm(view: AuthenticatorsView, methods: readonly AuthenticationMethod[], method: AuthenticationMethod, name: string): TemplateResult {
  const { state, text } = view;
  const removing = state.step === 'removing';
  return html`
    <div class="confirm" role="group" aria-labelledby="confirm-text">
      <p id="confirm-text">${format(text.removeConfirm, { name })}</p>
      ${isLastFactor(methods, method) ? html`<p class="warning">${text.removeLastWarning}</p>` : nothing}
      ${method.type === 'push-notification' ? html`<p part="remove-push-warning" class="warning">${text.removePushWarning}</p>` : nothing}
      <div class="actions">
        <button part="cancel-remove" type="button" ?disabled=${removing} @click=${view.onCancel}>${text.cancelRemove}</button>
        <button part="confirm-remove" type="button" class="danger" ?disabled=${removing} aria-busy=${removing ? 'true' : 'false'} @click=${view.onConfirmRemove}>
          ${text.confirmRemove}
        </button>
      </div>
    </div>
  `;
}
