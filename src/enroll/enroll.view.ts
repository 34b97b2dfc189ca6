import { html, nothing, type TemplateResult } from 'lit';
import { CODE_LENGTH } from '../core/code.js';
import { format, type EnrollText } from '../i18n/strings.js';
import { renderCodeForm } from '../controls/code-entry.view.js';
import { renderFrame } from '../controls/frame.view.js';
import type { ElementView } from '../element/view.js';
import type { OtpauthUri } from '../core/otpauth.js';
import { qrContent, type QrPath } from '../controls/qr.js';
import { renderRecoveryCodes, type RecoveryCodeActions } from '../controls/recovery-codes.js';
import type { Factor } from '../core/factors.js';
import { maskDestination } from '../core/factors.js';
import { renderDestination } from '../factors/sent-code/destination.view.js';
import type { SentCodeHandlers } from '../factors/sent-code/handlers.js';
import { renderSentCode } from '../factors/sent-code/sent-code.view.js';
import { renderPushScan } from '../factors/push/push-scan.view.js';
import type { EnrollState, EnrollStep } from './enroll-session.js';

/** Everything the templates read: the session's state, the words, and the element's handlers. */
export interface EnrollView extends ElementView<EnrollState, EnrollText> {
  /** What the user may set up: the choice, and the heading while loading. */
  readonly factors: readonly Factor[];
  readonly lang: string;
  /** Seconds before another code may be sent, in the code-sent step. */
  readonly resendIn: number;
  readonly sentCode: SentCodeHandlers;
  readonly onChoose: (event: Event) => void;
  readonly onChooseAnother: () => void;
  readonly onCodeInput: (event: Event) => void;
  readonly onSubmit: (event: SubmitEvent) => void;
  readonly onCopySecret: () => void;
  /** Copy, download and print for the recovery codes. */
  readonly save: RecoveryCodeActions;
  readonly onSavedChange: (event: Event) => void;
  readonly onFinish: () => void;
}

/**
 * What the polite live region says when a step begins; errors have their own alert. A sent code
 * is announced by the element when it goes out (the first, or a new one), with the resend wait.
 */
const STEP_ANNOUNCEMENTS: Partial<Record<EnrollStep, 'scanStep' | 'verifying' | 'recoveryHeading' | 'chooseIntro' | 'pushScanStep'>> = {
  choose: 'chooseIntro',
  'push-scan': 'pushScanStep',
  scan: 'scanStep',
  confirming: 'verifying',
  'confirming-code': 'verifying',
  'new-recovery-code': 'recoveryHeading',
};

/** What to announce on going from one step to the next; nothing when a code came back wrong (the alert says why). */
export function stepAnnouncement(from: EnrollStep | undefined, to: EnrollStep, text: EnrollText, factor: Factor): string | undefined {
  if (to === 'done') return doneText(text, factor);
  const key = STEP_ANNOUNCEMENTS[to];
  return key && !(from === 'confirming' && to === 'scan') ? text[key] : undefined;
}

const HEADINGS = { otp: 'heading', sms: 'smsHeading', voice: 'voiceHeading', email: 'emailHeading', push: 'pushHeading' } as const;
const DONE = { otp: 'done', sms: 'smsDone', voice: 'voiceDone', email: 'emailDone', push: 'pushDone' } as const;

const doneText = (text: EnrollText, factor: Factor): string => text[DONE[factor]];

/** The factor a step sets up: its own, else the only one offered; none while choosing. */
function factorOf(view: EnrollView): Factor | undefined {
  const { state } = view;
  if ('draft' in state) return state.draft.factor;
  if ('association' in state) return 'otp';
  if (state.step === 'push-scan') return 'push';
  if ('factor' in state) return state.factor;
  return view.factors.length === 1 ? view.factors[0] : undefined;
}

export function renderEnroll(view: EnrollView): TemplateResult {
  const factor = factorOf(view);
  return renderFrame(view, { heading: factor && view.state.step !== 'choose' ? view.text[HEADINGS[factor]] : view.text.chooseHeading, body: renderStep(view) });
}

function renderStep(view: EnrollView): TemplateResult | typeof nothing {
  const { state, text } = view;
  switch (state.step) {
    case 'idle':
    case 'loading':
      // The scan step's own layout, waiting: nothing moves when the QR arrives.
      return factorOf(view) === 'otp' ? renderScan(view) : html`<p class="muted">${state.step === 'loading' ? text.loading : text.idle}</p>`;
    case 'choose':
      return renderChoice(view, state.factors);
    case 'scan':
    case 'confirming':
      return html`${renderScan(view, state.association.otpauth, state.qr, state.code)}${renderChooseAnother(view)}`;
    case 'destination':
    case 'sending':
      return html`${renderDestination({
        ...view.sentCode,
        text,
        lang: view.lang,
        draft: state.draft,
        sending: state.step === 'sending',
        invalid: state.step === 'destination' && state.failure !== undefined,
        coolingDown: view.coolingDown,
        onSubmit: view.sentCode.onSend,
      })}${renderChooseAnother(view)}`;
    case 'code-sent':
    case 'resending':
    case 'confirming-code':
      return renderSentCode({
        text,
        factor: state.destination.factor,
        destination: maskDestination(state.destination),
        code: state.code,
        digits: CODE_LENGTH,
        disabled: state.step === 'resending',
        checking: state.step === 'confirming-code',
        invalid: state.step === 'code-sent' && state.failure !== undefined,
        coolingDown: view.coolingDown,
        retryInSeconds: view.retryInSeconds,
        resendIn: view.resendIn,
        resending: state.step === 'resending',
        onInput: view.sentCode.onCodeInput,
        onSubmit: view.sentCode.onCodeSubmit,
        onResend: view.sentCode.onResend,
        change: {
          label: state.destination.factor === 'email' ? text.useAnotherEmail : text.useAnotherNumber,
          onChange: view.sentCode.onChangeDestination,
        },
      });
    case 'push-scan':
      return html`${renderPushScan({ text, qr: state.qr })}${renderChooseAnother(view)}`;
    case 'new-recovery-code':
      return renderRecoveryCodes({
        codes: state.recoveryCodes,
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
      return html`<p id="done" part="done" class="done" tabindex="-1">${doneText(text, state.factor)}</p>`;
    case 'error':
      return nothing;
  }
}

/** The factors offered, the app first and marked recommended: one button each, its hint beside it. */
function renderChoice(view: EnrollView, factors: readonly Factor[]): TemplateResult {
  const { text } = view;
  const names = {
    otp: [text.factorOtp, text.factorOtpHint],
    sms: [text.factorSms, text.factorSmsHint],
    voice: [text.factorVoice, text.factorVoiceHint],
    email: [text.factorEmail, text.factorEmailHint],
    push: [text.factorPush, text.factorPushHint],
  } as const;
  const ordered = [...factors].sort((a, b) => Number(b === 'otp') - Number(a === 'otp'));
  return html`
    <p id="choose-intro">${text.chooseIntro}</p>
    <ul class="factor-list" aria-labelledby="choose-intro">
      ${ordered.map(
        (factor) => html`<li>
          <button part="factor-option" type="button" value=${factor} aria-describedby="hint-${factor}" @click=${view.onChoose}>
            ${names[factor][0]}${factor === 'otp' ? html` <span class="badge">${text.recommended}</span>` : nothing}
          </button>
          <p id="hint-${factor}" class="muted">${names[factor][1]}</p>
        </li>`,
      )}
    </ul>
  `;
}

/** "Choose another way", back to the choice, when there was one. */
function renderChooseAnother(view: EnrollView): TemplateResult | typeof nothing {
  return view.factors.length > 1
    ? html`<button part="choose-another" type="button" class="link" @click=${view.onChooseAnother}>${view.text.chooseAnother}</button>`
    : nothing;
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
