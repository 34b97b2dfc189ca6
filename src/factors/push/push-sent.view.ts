import { html, nothing, type TemplateResult } from 'lit';
import { format } from '../../i18n/strings.js';

// Signing in with push (kept apart from the setup's view, which draws a QR: the sign-in script
// holds no QR encoder).

export interface PushSentView {
  readonly text: { readonly sending: string; readonly pushSent: string; readonly pushWaiting: string; readonly resendPush: string; readonly resendPushIn: string; readonly usePushCode: string };
  /** The push is on its way (nothing to approve yet). */
  readonly sending: boolean;
  /** Polled for the tap: not once it was denied, ran out or failed. */
  readonly waiting: boolean;
  /** Denied, ran out or failed: the alert says why, so "approve it" is no longer said. */
  readonly ended: boolean;
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
    ${view.ended ? nothing : html`<p id="push-sent" part="push-sent" tabindex="-1">${view.sending ? text.sending : text.pushSent}</p>`}
    ${view.waiting ? html`<p part="push-waiting" class="muted">${text.pushWaiting}</p>` : nothing}
    <div class="actions">
      <button part="resend" type="button" ?disabled=${view.sending || view.resending || seconds > 0} @click=${view.onResend}>
        ${seconds > 0 ? format(text.resendPushIn, { seconds }) : text.resendPush}
      </button>
    </div>
    ${view.onUseCode ? html`<button part="use-code" class="switch" type="button" @click=${view.onUseCode}>${text.usePushCode}</button>` : nothing}
  `;
}
