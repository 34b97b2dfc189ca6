import { html, nothing, type TemplateResult } from 'lit';
import type { VerifyText } from '../i18n/strings.js';
import { withDestination } from '../factors/sent-code/sent-code.view.js';
import { sameMethod, type Method } from './methods.js';

/** What the list of methods shows, and what its buttons do. */
export interface MethodsView {
  readonly text: VerifyText;
  readonly methods: readonly Method[];
  /** The method the user comes from: marked as the current one. */
  readonly current: Method | undefined;
  readonly onChoose: (method: Method) => void;
  readonly onBack: () => void;
  readonly onKeydown: (event: KeyboardEvent) => void;
}

/** "Authenticator app", "Text message to ••••8730" (the number left to right in any language), "Recovery code". */
export function methodLabel(method: Method, text: VerifyText): TemplateResult | string {
  switch (method.method) {
    case 'otp':
      return text.appMethod;
    case 'recovery-code':
      return text.recoveryMethod;
    case 'push':
      return text.pushMethod;
    case 'sms':
      return withDestination(text.smsTo, method.destination);
    case 'voice':
      return withDestination(text.voiceTo, method.destination);
    case 'email':
      return withDestination(text.emailTo, method.destination);
  }
}

/** "Choose how to verify": a button per method, and Back (Escape too) to the step the user came from. */
export function renderMethods(view: MethodsView): TemplateResult {
  const { text } = view;
  return html`
    <div class="methods" @keydown=${view.onKeydown}>
      <h3 id="methods-heading">${text.methodsHeading}</h3>
      <ul aria-labelledby="methods-heading">
        ${view.methods.map(
          (method) => html`<li>
            <button part="method-option" type="button" aria-current=${sameMethod(method, view.current) ? 'true' : 'false'} @click=${() => view.onChoose(method)}>
              ${methodLabel(method, text)}
            </button>
          </li>`,
        )}
      </ul>
      <button part="back" class="switch" type="button" @click=${view.onBack}>${text.back}</button>
    </div>
  `;
}

/** "Use another method", where the user has one to switch to. */
export function renderOtherMethods(view: { readonly text: VerifyText; readonly onOtherMethods: () => void }, shown: boolean, disabled: boolean) {
  return shown
    ? html`<button part="other-methods" class="switch" type="button" ?disabled=${disabled} @click=${view.onOtherMethods}>${view.text.otherMethods}</button>`
    : nothing;
}
