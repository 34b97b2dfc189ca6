import { html, type TemplateResult } from 'lit';
import { qrContent, type QrPath } from '../../controls/qr.js';

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
