import { html, nothing, type TemplateResult } from 'lit';
import { qrContent, type QrPath } from '../../controls/qr.js';
import { format } from '../../i18n/strings.js';

/**
 * Where to get Guardian: Auth0's page for it, which leads to both app stores (a link per store
 * would need the user's platform, and the stores' addresses could not be checked here).
 */
export const GUARDIAN_APP_URL = 'https://auth0.com/docs/secure/multi-factor-authentication/auth0-guardian';

export interface PushScanView {
  readonly text: { readonly pushScanStep: string; readonly getGuardian: string; readonly pushWaitingScan: string };
  readonly qr: QrPath;
}

/**
 * Setting up push: the QR for Guardian to scan, where to get the app, and the wait, said as a
 * status once (the polling behind it is not announced).
 */
export function renderPushScan({ text, qr }: PushScanView): TemplateResult {
  return html`
    <p id="push-scan-step">${text.pushScanStep}</p>
    <div class="qr-frame">
      <svg part="qr" role="img" aria-labelledby="push-scan-step" viewBox="0 0 ${qr.extent} ${qr.extent}" shape-rendering="crispEdges">
        ${qrContent(qr)}
      </svg>
    </div>
    <p><a part="get-guardian" href=${GUARDIAN_APP_URL} target="_blank" rel="noopener noreferrer">${text.getGuardian}</a></p>
    <p part="push-waiting" class="muted">${text.pushWaitingScan}</p>
  `;
}

export interface PushSentView {
  readonly text: { readonly sending: string; readonly pushSent: string; readonly pushWaiting: string; readonly resendPush: string; readonly resendPushIn: string; readonly usePushCode: string };
  /** The push is on its way (nothing to approve yet). */
  readonly sending: boolean;
  /** Polled for the tap: not once it was denied, ran out or failed. */
  readonly waiting: boolean;
  /** Another is on its way. */
  readonly resending: boolean;
  /** Seconds before another may be sent; 0 when it may. */
  readonly resendIn: number;
  readonly onResend: () => void;
  /** "Enter a code from Guardian instead", when the user has the app code Auth0 enrolls with push. */
  readonly onUseCode: (() => void) | undefined;
}

/**
 * Signing in with push: what was sent, the wait (said once: the polling behind it is not
 * announced), sending another after a while, and the Guardian app's code instead.
 */
export function renderPushSent(view: PushSentView): TemplateResult {
  const { text } = view;
  const seconds = view.resendIn;
  return html`
    <p id="push-sent" part="push-sent" tabindex="-1">${view.sending ? text.sending : text.pushSent}</p>
    ${view.waiting ? html`<p part="push-waiting" class="muted">${text.pushWaiting}</p>` : nothing}
    <div class="actions">
      <button part="resend" type="button" ?disabled=${view.sending || view.resending || seconds > 0} @click=${view.onResend}>
        ${seconds > 0 ? format(text.resendPushIn, { seconds }) : text.resendPush}
      </button>
    </div>
    ${view.onUseCode ? html`<button part="use-code" class="switch" type="button" @click=${view.onUseCode}>${text.usePushCode}</button>` : nothing}
  `;
}
