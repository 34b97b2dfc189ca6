import { html, nothing, type TemplateResult } from 'lit';
import type { Association } from './api.js';
import type { EnrollErrorDetail, EnrollStep } from './events.js';
import type { OtpauthUri } from './otpauth.js';
import { qrContent, type QrPath } from './qr.js';
import { format, type EnrollStrings } from './strings.js';

/** Everything the templates read: the element's state and its handlers. */
export type EnrollView = EnrollState & EnrollHandlers;

/** The element's state, as the templates see it. */
export interface EnrollState {
  readonly step: EnrollStep;
  readonly text: EnrollStrings;
  readonly rtl: boolean;
  readonly association: Association | undefined;
  readonly qr: QrPath | undefined;
  readonly digits: number;
  readonly code: string;
  readonly failure: EnrollErrorDetail | undefined;
  readonly coolingDown: boolean;
  readonly retryInSeconds: number;
  readonly recoverySaved: boolean;
  readonly announcement: string;
}

/** What the templates call back. */
export interface EnrollHandlers {
  readonly onCodeInput: (event: Event) => void;
  readonly onSubmit: (event: SubmitEvent) => void;
  readonly onCopySecret: () => void;
  readonly onCopyCodes: () => void;
  readonly onDownloadCodes: () => void;
  readonly onPrintCodes: () => void;
  readonly onRecoveryAck: (event: Event) => void;
  readonly onFinish: () => void;
  readonly onRetry: () => void;
}

export function renderEnroll(view: EnrollView): TemplateResult {
  const { text, failure } = view;
  return html`
    <section
      part="base"
      dir=${view.rtl ? 'rtl' : 'ltr'}
      aria-labelledby="heading"
      aria-busy=${view.step === 'loading' ? 'true' : 'false'}
    >
      <h2 id="heading" part="heading"><slot name="heading">${text.heading}</slot></h2>
      <slot name="intro"></slot>
      ${renderStep(view)}
      <p id="error" part="error" class="error" role="alert" tabindex="-1">${failure?.message ?? ''}</p>
      ${view.step === 'error' && failure?.retryable
        ? html`<button part="retry" type="button" @click=${view.onRetry}>${text.retry}</button>`
        : nothing}
      <p class="visually-hidden" role="status">${view.announcement}</p>
    </section>
  `;
}

function renderStep(view: EnrollView): TemplateResult | typeof nothing {
  switch (view.step) {
    case 'idle':
    case 'loading':
      // The scan step's own layout, waiting: nothing moves when the QR arrives.
      return renderScan(view);
    case 'scan':
    case 'confirming':
      return renderScan(view, view.association, view.qr);
    case 'recovery':
      return view.association ? renderRecovery(view, view.association) : nothing;
    case 'done':
      return html`<p id="done" part="done" class="done" tabindex="-1">${view.text.done}</p>`;
    case 'error':
      return nothing;
  }
}

/** The scan step; without an association, its skeleton with a status in the QR's place. */
function renderScan(view: EnrollView, association?: Association, qr?: QrPath): TemplateResult {
  const { text, failure } = view;
  const otpauth = association?.otpauth;
  const confirming = view.step === 'confirming';
  const codeError = failure && failure.step !== 'idle';
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
        : html`<p class="placeholder muted">${view.step === 'loading' ? text.loading : text.idle}</p>`}
    </div>
    <p>
      ${otpauth
        ? html`<a part="app-link" href=${otpauth.uri}>${text.openInApp}</a>`
        : html`<span class="muted">${text.openInApp}</span>`}
    </p>
    ${otpauth
      ? renderManual(view, otpauth)
      : html`<details inert><summary>${text.cantScan}</summary></details>`}
    <form part="form" novalidate @submit=${view.onSubmit}>
      <label for="code">${format(text.codeLabel, { digits: view.digits })}</label>
      <p id="code-hint" class="muted">${format(text.codeHint, { seconds: otpauth?.period ?? 30 })}</p>
      <div class="code-row">
        <input
          id="code"
          part="code-input"
          name="otp"
          type="text"
          dir="ltr"
          autocomplete="one-time-code"
          inputmode="numeric"
          spellcheck="false"
          .value=${view.code}
          ?disabled=${!otpauth}
          ?readonly=${confirming}
          aria-invalid=${codeError ? 'true' : 'false'}
          aria-describedby="code-hint error"
          @input=${view.onCodeInput}
        />
        <button
          part="submit"
          type="submit"
          ?disabled=${!otpauth || view.coolingDown}
          aria-busy=${confirming ? 'true' : 'false'}
        >
          ${confirming ? text.verifying : text.submit}
        </button>
      </div>
      ${view.coolingDown
        ? html`<p class="muted">${format(text.retryIn, { seconds: view.retryInSeconds })}</p>`
        : nothing}
    </form>
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

function renderRecovery(view: EnrollView, { recoveryCodes }: Association): TemplateResult {
  const { text } = view;
  return html`
    <h3 id="recovery-heading" tabindex="-1">${text.recoveryHeading}</h3>
    <p>${text.recoveryIntro}</p>
    <ul id="recovery-codes" part="recovery-codes" aria-labelledby="recovery-heading" dir="ltr">
      ${recoveryCodes.map((code) => html`<li><code>${code}</code></li>`)}
    </ul>
    <div class="actions">
      <button part="copy-codes" type="button" @click=${view.onCopyCodes}>${text.copyCodes}</button>
      <button part="download-codes" type="button" @click=${view.onDownloadCodes}>${text.downloadCodes}</button>
      <button part="print-codes" type="button" @click=${view.onPrintCodes}>${text.printCodes}</button>
    </div>
    <label class="ack">
      <input part="recovery-ack" type="checkbox" .checked=${view.recoverySaved} @change=${view.onRecoveryAck} />
      ${text.recoveryAck}
    </label>
    <button part="finish" type="button" class="primary" ?disabled=${!view.recoverySaved} @click=${view.onFinish}>
      ${text.finish}
    </button>
  `;
}
