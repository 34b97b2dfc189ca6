import type { SentCodeSetup } from './sent-code-setup.js';

/** What the sent-code steps' templates call: each forwards what the user did to the setup. */
export interface SentCodeHandlers {
  readonly onCountry: (event: Event) => void;
  readonly onPhone: (event: Event) => void;
  readonly onEmail: (event: Event) => void;
  readonly onSend: (event: SubmitEvent) => void;
  readonly onCodeInput: (event: Event) => void;
  readonly onCodeSubmit: (event: SubmitEvent) => void;
  readonly onResend: () => void;
  readonly onChangeDestination: () => void;
}

const valueOf = (event: Event): string => (event.target as HTMLInputElement | HTMLSelectElement).value;

export function sentCodeHandlers<State extends { readonly step: string }>(setup: SentCodeSetup<State>): SentCodeHandlers {
  return {
    onCountry: (event) => setup.edit({ region: valueOf(event) }),
    onPhone: (event) => setup.edit({ phone: valueOf(event) }),
    onEmail: (event) => setup.edit({ email: valueOf(event) }),
    onSend: (event) => {
      event.preventDefault();
      setup.send();
    },
    onCodeInput: (event) => {
      const input = event.target as HTMLInputElement;
      const code = setup.code.input(input.value);
      if (code !== undefined && input.value !== code) input.value = code;
    },
    onCodeSubmit: (event) => {
      event.preventDefault();
      setup.code.submit();
    },
    onResend: () => setup.resend(),
    onChangeDestination: () => setup.changeDestination(),
  };
}
