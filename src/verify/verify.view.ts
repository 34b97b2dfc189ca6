import { html, nothing, type TemplateResult } from 'lit';
import { CODE_LENGTH } from '../core/code.js';
import type { VerifyText } from '../i18n/strings.js';
import { renderCodeForm, renderSubmit } from '../controls/code-entry.view.js';
import { renderCooldown } from '../controls/cooldown.view.js';
import { renderFrame } from '../controls/frame.view.js';
import type { ElementView } from '../element/view.js';
import { renderRecoveryCodes, type RecoveryCodeActions } from '../controls/recovery-codes.js';
import { renderPushSent } from '../factors/push/push-sent.view.js';
import { renderSentCode } from '../factors/sent-code/sent-code.view.js';
import { isPush, isSent, type Method } from './methods.js';
import { renderMethods, renderOtherMethods } from './methods.view.js';
import { leavesOtherMethods, methodOf, type VerifyState, type VerifyStep } from './verify-state.js';

/** Everything the templates read: the session's state, the words, and the element's handlers. */
export interface VerifyView extends ElementView<VerifyState, VerifyText> {
  /** The user's methods, in the order they are offered. */
  readonly methods: readonly Method[];
  /** Seconds until another code may be sent (`resendAt`: epoch ms); 0 once it may. */
  readonly resendIn: (resendAt: number) => number;
  readonly onCodeInput: (event: Event) => void;
  readonly onRecoveryInput: (event: Event) => void;
  readonly onSubmit: (event: SubmitEvent) => void;
  readonly onUseRecoveryCode: () => void;
  readonly onUseCode: () => void;
  readonly onResend: () => void;
  readonly onOtherMethods: () => void;
  readonly onChoose: (method: Method) => void;
  readonly onBack: () => void;
  readonly onMethodsKeydown: (event: KeyboardEvent) => void;
  /** Copy, download and print for the new recovery code. */
  readonly save: RecoveryCodeActions;
  readonly onSavedChange: (event: Event) => void;
  readonly onFinish: () => void;
}

type Entry = Extract<VerifyState, { step: 'verifying' }>['entry'];

/** What the polite live region says when a step begins; errors have their own alert, a code sent its own words. */
const STEP_ANNOUNCEMENTS: Partial<Record<VerifyStep, 'verifyIntro' | 'verifying' | 'newRecoveryHeading' | 'recoveryCodeUsedUpHeading' | 'verified'>> = {
  code: 'verifyIntro',
  verifying: 'verifying',
  'new-recovery-code': 'newRecoveryHeading',
  'recovery-code-used-up': 'recoveryCodeUsedUpHeading',
  done: 'verified',
};

/**
 * What to announce on going from one step to the next. The code prompt is announced when it
 * first appears, not when a refused entry brings the user back to it (the alert says why) nor
 * on a switch of paths (focus lands on the field, whose label is read).
 */
export function stepAnnouncement(from: VerifyStep | undefined, to: VerifyStep, text: VerifyText): string | undefined {
  const key = STEP_ANNOUNCEMENTS[to];
  if (!key || (to === 'code' && from !== 'loading')) return undefined;
  return text[key];
}

export function renderVerify(view: VerifyView): TemplateResult {
  const { text, state } = view;
  // A failure that ended the step (a code that couldn't be sent) leaves the user's other methods.
  const after = leavesOtherMethods(state) ? renderOtherMethods(view, hasSentMethod(view), false) : nothing;
  return renderFrame(view, { heading: text.verifyHeading, body: renderStep(view), after });
}

/** Whether the user has a way in besides the app and a recovery code (which have their own links). */
const hasSentMethod = (view: VerifyView) => view.methods.some((method) => isSent(method) || isPush(method));

function renderStep(view: VerifyView): TemplateResult | typeof nothing {
  const { state, text } = view;
  switch (state.step) {
    case 'idle':
    case 'loading':
      return renderCodePath(view, undefined, false);
    case 'verifying':
      return renderEntry(view, state.entry, true);
    case 'code':
    case 'code-sent':
    case 'recovery-code':
      return renderEntry(view, state, false);
    case 'sending-code':
      return renderSentPath(view, state, false);
    case 'sending-push':
    case 'push-sent':
      return renderPushPath(view, state);
    case 'choose-method':
      return renderMethods({ text, methods: view.methods, current: methodOf(state.back), onChoose: view.onChoose, onBack: view.onBack, onKeydown: view.onMethodsKeydown });
    case 'new-recovery-code':
      return renderRecoveryCodes({
        codes: [state.recoveryCode],
        saved: state.saved,
        text,
        heading: text.newRecoveryHeading,
        intro: text.newRecoveryIntro,
        listPart: 'new-recovery-code',
        actions: view.save,
        onSavedChange: view.onSavedChange,
        onFinish: view.onFinish,
      });
    case 'recovery-code-used-up':
      return renderUsedUp(view);
    case 'done':
      return html`<p id="done" part="done" class="done" tabindex="-1">${text.verified}</p>`;
    case 'error':
      return nothing;
  }
}

/** The step an entry is made in, as typed; `checking` while it is verified. */
function renderEntry(view: VerifyView, entry: Entry, checking: boolean): TemplateResult {
  if (entry.step === 'code') return renderCodePath(view, entry, checking);
  if (entry.step === 'code-sent') return renderSentPath(view, entry, checking);
  return renderRecoveryForm(view, entry, checking);
}

/**
 * Signed in with the last recovery code, and Auth0 issued no new one: the user is told, before
 * moving on, that they have none left and where to get one.
 */
function renderUsedUp({ text, onFinish }: VerifyView): TemplateResult {
  return html`
    <h3 id="recovery-heading" tabindex="-1">${text.recoveryCodeUsedUpHeading}</h3>
    <p part="recovery-code-used-up">${text.recoveryCodeUsedUpIntro}</p>
    <button part="finish" type="button" class="primary" @click=${onFinish}>${text.continue}</button>
  `;
}

/**
 * The code from the app, and the ways to a recovery code and to the user's other methods right
 * under it. While loading (no entry yet), the same form, disabled, with a status in place of the
 * intro: nothing moves when it is ready.
 */
function renderCodePath(view: VerifyView, entry: Extract<Entry, { step: 'code' }> | undefined, checking: boolean): TemplateResult {
  const { state, text } = view;
  return html`
    <p class=${entry ? '' : 'muted'}>${entry ? text.verifyIntro : state.step === 'loading' ? text.verifyLoading : text.idle}</p>
    ${renderCodeForm({
      text,
      digits: CODE_LENGTH,
      period: 30,
      code: entry?.code ?? '',
      disabled: !entry,
      checking,
      invalid: !checking && entry?.failure !== undefined,
      coolingDown: view.coolingDown,
      retryInSeconds: view.retryInSeconds,
      onInput: view.onCodeInput,
      onSubmit: view.onSubmit,
    })}
    <button part="use-recovery-code" class="switch" type="button" ?disabled=${!entry || checking} @click=${view.onUseRecoveryCode}>
      ${text.useRecoveryCode}
    </button>
    ${renderOtherMethods(view, hasSentMethod(view), !entry || checking)}
  `;
}

/**
 * A code sent by text, call or email: where it went, its field, sending another with the wait
 * before it, and the user's other methods. While the first is on its way, the same, waiting.
 */
function renderSentPath(view: VerifyView, entry: Extract<VerifyState, { step: 'sending-code' | 'code-sent' }>, checking: boolean): TemplateResult {
  const { text } = view;
  const sent = entry.step === 'code-sent' ? entry : undefined;
  const failure = sent?.failure;
  // A resend that failed says so in the alert; the field holds nothing wrong.
  const invalid = !checking && failure !== undefined && (failure.step !== 'code-sent' || failure.error.code === 'incomplete_code');
  const busy = !sent || sent.resending || checking;
  return html`
    ${renderSentCode({
      text,
      factor: entry.method.method,
      destination: entry.method.destination,
      digits: CODE_LENGTH,
      code: sent?.code ?? '',
      disabled: !sent,
      checking,
      invalid,
      coolingDown: view.coolingDown,
      retryInSeconds: view.retryInSeconds,
      onInput: view.onCodeInput,
      onSubmit: view.onSubmit,
      resendIn: sent ? view.resendIn(sent.resendAt) : 0,
      resending: !sent || sent.resending,
      sending: !sent,
      onResend: view.onResend,
    })}
    ${renderOtherMethods(view, true, busy)}
  `;
}

/** A push waiting for the user's tap, and their other ways in (the Guardian app's code first). */
function renderPushPath(view: VerifyView, state: Extract<VerifyState, { step: 'sending-push' | 'push-sent' }>): TemplateResult {
  const sent = state.step === 'push-sent' ? state : undefined;
  const app = view.methods.find((method) => method.method === 'otp');
  return html`
    ${renderPushSent({
      text: view.text,
      sending: !sent,
      waiting: sent !== undefined && !sent.resending && !sent.failure,
      ended: sent?.failure !== undefined,
      resending: sent?.resending ?? false,
      resendIn: sent ? view.resendIn(sent.resendAt) : 0,
      onResend: view.onResend,
      onUseCode: app ? () => view.onChoose(app) : undefined,
    })}
    ${renderOtherMethods(view, true, !sent || sent.resending)}
  `;
}

/** The recovery code: 24 letters and digits, grouped or not, any case; and the ways back. */
function renderRecoveryForm(view: VerifyView, entry: Extract<Entry, { step: 'recovery-code' }>, checking: boolean): TemplateResult {
  const { text } = view;
  const wrong = !checking && entry.failure !== undefined;
  return html`
    <form part="form" novalidate @submit=${view.onSubmit}>
      <label for="recovery-code">${text.recoveryCodeLabel}</label>
      <p id="recovery-hint" class="muted">${text.recoveryCodeHint}</p>
      <div class="code-row">
        <input
          id="recovery-code"
          part="recovery-input"
          name="recovery_code"
          type="text"
          dir="ltr"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          .value=${entry.typed}
          ?readonly=${checking}
          aria-invalid=${wrong ? 'true' : 'false'}
          aria-describedby="recovery-hint error"
          @input=${view.onRecoveryInput}
        />
        ${renderSubmit({ text, disabled: false, checking, coolingDown: view.coolingDown })}
      </div>
      ${renderCooldown(view)}
    </form>
    ${view.methods.some((method) => method.method === 'otp')
      ? html`<button part="use-code" class="switch" type="button" ?disabled=${checking} @click=${view.onUseCode}>${text.useCode}</button>`
      : nothing}
    ${renderOtherMethods(view, hasSentMethod(view), checking)}
  `;
}
