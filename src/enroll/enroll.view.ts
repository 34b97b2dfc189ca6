import { html, nothing, type TemplateResult } from 'lit';
import { CODE_LENGTH } from '../core/code.js';
import { format, type EnrollText } from '../i18n/strings.js';
import { renderCodeForm } from '../controls/code-entry.view.js';
import { renderFrame } from '../controls/frame.view.js';
import type { ElementView } from '../element/view.js';
import type { OtpauthUri } from '../core/otpauth.js';
import { qrContent, type QrPath } from '../controls/qr.js';
import { renderRecoveryCodes, type RecoveryCodeActions } from '../controls/recovery-codes.js';
import type { EnrollState, EnrollStep } from './enroll-session.js';

/** Everything the templates read: the session's state, the words, and the element's handlers. */
export interface EnrollView extends ElementView<EnrollState, EnrollText> {
  readonly onCodeInput: (event: Event) => void;
  readonly onSubmit: (event: SubmitEvent) => void;
  readonly onCopySecret: () => void;
  /** Copy, download and print for the recovery codes. */
  readonly save: RecoveryCodeActions;
  readonly onSavedChange: (event: Event) => void;
  readonly onFinish: () => void;
}

/** What the polite live region says when a step begins; errors have their own alert. */
const STEP_ANNOUNCEMENTS: Partial<Record<EnrollStep, 'scanStep' | 'verifying' | 'recoveryHeading' | 'done'>> = {
  scan: 'scanStep',
  confirming: 'verifying',
  'new-recovery-code': 'recoveryHeading',
  done: 'done',
};

/** What to announce on going from one step to the next; nothing when a code came back wrong (the alert says why). */
export function stepAnnouncement(from: EnrollStep | undefined, to: EnrollStep, text: EnrollText): string | undefined {
  const key = STEP_ANNOUNCEMENTS[to];
  return key && !(from === 'confirming' && to === 'scan') ? text[key] : undefined;
}

export function renderEnroll(view: EnrollView): TemplateResult {
  return renderFrame(view, { heading: view.text.heading, body: renderStep(view) });
}

function renderStep(view: EnrollView): TemplateResult | typeof nothing {
  const { state } = view;
  switch (state.step) {
    case 'idle':
    case 'loading':
      // The scan step's own layout, waiting: nothing moves when the QR arrives.
      return renderScan(view);
    case 'scan':
    case 'confirming':
      return renderScan(view, state.association.otpauth, state.qr, state.code);
    case 'new-recovery-code':
      return renderRecoveryCodes({
        codes: state.association.recoveryCodes,
        saved: state.saved,
        text: view.text,
        heading: view.text.recoveryHeading,
        intro: view.text.recoveryIntro,
        listPart: 'recovery-codes',
        actions: view.save,
        onSavedChange: view.onSavedChange,
        onFinish: view.onFinish,
      });
    case 'done':
      return html`<p id="done" part="done" class="done" tabindex="-1">${view.text.done}</p>`;
    case 'error':
      return nothing;
  }
}

/** The scan step; without a QR yet, its skeleton with a status in the QR's place. */
function renderScan(view: EnrollView, otpauth?: OtpauthUri, qr?: QrPath, code = ''): TemplateResult {
  const { state, text } = view;
  const confirming = state.step === 'confirming';
  const wrong = state.step === 'scan' && state.failure !== undefined;
  const digits = otpauth?.digits ?? CODE_LENGTH;
  return html`
    <p id="scan-step">${text.scanStep}</p>
    <div class="qr-frame">
      ${qr
        ? html`<svg
            part="qr"
            role="img"
            aria-labelledby="scan-step"
            viewBox="0 0 ${qr.extent} ${qr.extent}"
            shape-rendering="crispEdges"
          >
            ${qrContent(qr)}
          </svg>`
        : html`<p class="placeholder muted">${state.step === 'loading' ? text.loading : text.idle}</p>`}
    </div>
    <p>
      ${otpauth
        ? html`<a part="app-link" href=${otpauth.uri}>${text.openInApp}</a>`
        : html`<span class="muted">${text.openInApp}</span>`}
    </p>
    ${otpauth ? renderManual(view, otpauth) : html`<details inert><summary>${text.cantScan}</summary></details>`}
    ${renderCodeForm({
      text,
      digits,
      period: otpauth?.period ?? 30,
      code,
      disabled: !otpauth,
      checking: confirming,
      invalid: wrong,
      coolingDown: view.coolingDown,
      retryInSeconds: view.retryInSeconds,
      onInput: view.onCodeInput,
      onSubmit: view.onSubmit,
    })}
  `;
}

/** "Can't scan?": everything an app's manual entry asks for, the key spelled out for screen readers. */
function renderManual({ text, onCopySecret }: EnrollView, otpauth: OtpauthUri): TemplateResult {
  const groups = otpauth.secret.match(/.{1,4}/g) ?? [];
  return html`
    <details part="manual">
      <summary>${text.cantScan}</summary>
      <p>${text.manualIntro}</p>
      <dl>
        <dt>${text.secretLabel}</dt>
        <dd class="secret-row">
          <code id="secret" part="secret" dir="ltr">
            <span class="visually-hidden">${spellOut(groups)}</span>
            <span class="groups" aria-hidden="true">${groups.join(' ')}</span>
          </code>
          <button part="copy-secret" type="button" @click=${onCopySecret}>${text.copyKey}</button>
        </dd>
        ${otpauth.account ? html`<dt>${text.account}</dt><dd>${otpauth.account}</dd>` : nothing}
        ${otpauth.issuer ? html`<dt>${text.issuer}</dt><dd>${otpauth.issuer}</dd>` : nothing}
        <dt>${text.algorithm}</dt>
        <dd>${otpauth.algorithm}</dd>
        <dt>${text.digits}</dt>
        <dd>${otpauth.digits}</dd>
        <dt>${text.period}</dt>
        <dd>${format(text.periodValue, { seconds: otpauth.period })}</dd>
      </dl>
    </details>
  `;
}

/** "HJ6X" → "H J 6 X": read out one character at a time, a pause between groups. */
function spellOut(groups: readonly string[]): string {
  return groups.map((group) => [...group].join(' ')).join(', ');
}
