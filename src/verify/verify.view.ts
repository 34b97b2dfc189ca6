import { html, nothing, type TemplateResult } from 'lit';
import { CODE_LENGTH } from '../core/code.js';
import type { VerifyText } from '../i18n/strings.js';
import { renderCodeForm, renderCooldown, renderSubmit } from '../controls/code-entry.view.js';
import { renderFrame } from '../controls/frame.view.js';
import type { ElementView } from '../element/view.js';
import { renderRecoveryCodes, type RecoveryCodeActions } from '../controls/recovery-codes.js';
import type { VerifyState, VerifyStep } from './verify-session.js';

/** Everything the templates read: the session's state, the words, and the element's handlers. */
export interface VerifyView extends ElementView<VerifyState, VerifyText> {
  readonly onCodeInput: (event: Event) => void;
  readonly onRecoveryInput: (event: Event) => void;
  readonly onSubmit: (event: SubmitEvent) => void;
  readonly onUseRecoveryCode: () => void;
  readonly onUseCode: () => void;
  /** Copy, download and print for the new recovery code. */
  readonly save: RecoveryCodeActions;
  readonly onSavedChange: (event: Event) => void;
  readonly onFinish: () => void;
}

/** What the polite live region says when a step begins; errors have their own alert. */
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
  const { text } = view;
  return renderFrame(view, { heading: text.verifyHeading, body: renderStep(view) });
}

function renderStep(view: VerifyView): TemplateResult | typeof nothing {
  const { state, text } = view;
  switch (state.step) {
    case 'idle':
    case 'loading':
    case 'code':
      return renderCodePath(view);
    case 'recovery-code':
      return renderRecoveryForm(view);
    case 'verifying':
      return state.method === 'otp' ? renderCodePath(view) : renderRecoveryForm(view);
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
 * The code from the app, and the way to a recovery code right under it. While loading, the
 * same form, disabled, with a status in place of the intro: nothing moves when it is ready.
 */
function renderCodePath(view: VerifyView): TemplateResult {
  const { state, text } = view;
  const ready = state.step === 'code' || state.step === 'verifying';
  const verifying = state.step === 'verifying';
  const code = state.step === 'code' ? state.code : state.step === 'verifying' ? state.input : '';
  const wrong = state.step === 'code' && state.failure !== undefined;
  return html`
    <p class=${ready ? '' : 'muted'}>${ready ? text.verifyIntro : state.step === 'loading' ? text.verifyLoading : text.idle}</p>
    ${renderCodeForm({
      text,
      digits: CODE_LENGTH,
      period: 30,
      code,
      disabled: !ready,
      checking: verifying,
      invalid: wrong,
      coolingDown: view.coolingDown,
      retryInSeconds: view.retryInSeconds,
      onInput: view.onCodeInput,
      onSubmit: view.onSubmit,
    })}
    <button part="use-recovery-code" class="switch" type="button" ?disabled=${!ready || verifying} @click=${view.onUseRecoveryCode}>
      ${text.useRecoveryCode}
    </button>
  `;
}

/** The recovery code: 24 letters and digits, grouped or not, any case; and the way back. */
function renderRecoveryForm(view: VerifyView): TemplateResult {
  const { state, text } = view;
  const verifying = state.step === 'verifying';
  const typed = state.step === 'recovery-code' ? state.typed : state.step === 'verifying' ? state.input : '';
  const wrong = state.step === 'recovery-code' && state.failure !== undefined;
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
          .value=${typed}
          ?readonly=${verifying}
          aria-invalid=${wrong ? 'true' : 'false'}
          aria-describedby="recovery-hint error"
          @input=${view.onRecoveryInput}
        />
        ${renderSubmit({ text, disabled: false, checking: verifying, coolingDown: view.coolingDown })}
      </div>
      ${renderCooldown(view)}
    </form>
    <button part="use-code" class="switch" type="button" ?disabled=${verifying} @click=${view.onUseCode}>${text.useCode}</button>
  `;
}
