import { html, nothing, type TemplateResult } from 'lit';
import type { SentFactor } from '../../core/factors.js';
import { format, type CommonStrings, type SentCodeText } from '../../i18n/strings.js';
import { renderCodeForm, type CodeFormView } from '../../controls/code-entry.view.js';
import { RESEND_WAIT } from './resend-countdown.js';

/** Said once when a code goes out, with the wait before another: the countdown itself is not read out every second. */
export function sentAnnouncement(text: SentCodeText, again: boolean): string {
  return `${again ? text.newCodeSent : text.codeSent} ${format(text.resendAnnounce, { seconds: Math.ceil(RESEND_WAIT.ms / 1000) })}`;
}

/** The step after a code was sent: where it went, its field, and sending another. */
export interface SentCodeView extends Omit<CodeFormView, 'text' | 'period' | 'label' | 'hint'> {
  readonly text: CommonStrings & SentCodeText;
  readonly factor: SentFactor;
  /** The destination as the user may see it: masked. */
  readonly destination: string;
  /** Seconds before another code may be asked for; 0 when it may. */
  readonly resendIn: number;
  /** A new code is on its way. */
  readonly resending: boolean;
  /** The first code is on its way: the sentence names the way it comes ("Text message to …"), not "We sent" yet. */
  readonly sending?: boolean;
  readonly onResend: () => void;
  /** Where the user may go back and change the destination (setting up; not at sign-in). */
  readonly change?: { readonly label: string; readonly onChange: () => void } | undefined;
}

/**
 * "We sent a code to +1 ••• ••• 8730." (the destination left-to-right in any language), the code
 * field as for the app, and the resend button with its countdown in its label.
 */
export function renderSentCode(view: SentCodeView): TemplateResult {
  const { text, factor } = view;
  const voice = factor === 'voice';
  const resend = voice ? text.callAgain : text.resend;
  const waiting = view.resendIn > 0;
  const sentence = view.sending ? { sms: text.smsTo, voice: text.voiceTo, email: text.emailTo }[factor] : voice ? text.callingTo : text.sentTo;
  return html`
    <p id="sent-to" part="sent-to" tabindex="-1">${withDestination(sentence, view.destination)}</p>
    ${renderCodeForm({ ...view, period: 0, label: format(text.sentCodeLabel, { digits: view.digits }), hint: '' })}
    <div class="actions">
      <button part="resend" type="button" ?disabled=${waiting || view.resending || view.checking} aria-busy=${view.resending ? 'true' : 'false'} @click=${view.onResend}>
        ${view.resending ? text.sending : waiting ? format(voice ? text.callAgainIn : text.resendIn, { seconds: view.resendIn }) : resend}
      </button>
      ${view.change
        ? html`<button part="change-destination" type="button" class="link" ?disabled=${view.checking} @click=${view.change.onChange}>${view.change.label}</button>`
        : nothing}
    </div>
  `;
}

/** A sentence with `{destination}` in it, the destination isolated left-to-right (a number reads the same in Arabic). */
export function withDestination(sentence: string, destination: string): TemplateResult {
  const [before = '', after = ''] = sentence.split('{destination}');
  return html`${before}<span class="destination" dir="ltr">${destination}</span>${after}`;
}
