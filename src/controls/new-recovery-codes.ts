import type { StateAccess } from '../element/session.js';

/** The step that asks the user to save new recovery codes, by the name it has in every element. */
export interface NewRecoveryCodeStep {
  readonly step: 'new-recovery-code';
  /** Whether "I have saved my recovery code" is ticked: Finish waits for it. */
  readonly saved: boolean;
}

/**
 * The rule of the "save your recovery code" step, the same in every element: the codes stay on
 * screen, and the session moves on (Finish) only once the user has said they saved them, because
 * a code never seen is a user locked out the day the phone is lost.
 */
export class NewRecoveryCodes<State extends { readonly step: string }> {
  readonly #session: StateAccess<State>;
  /** The new codes on screen, in the state that shows them (the step itself, or one that confirms them). */
  readonly #codesOn: (state: State) => readonly string[] | undefined;

  constructor(session: StateAccess<State>, codesOn: (state: State) => readonly string[] | undefined) {
    this.#session = session;
    this.#codesOn = codesOn;
  }

  /** The codes on screen, while a step shows them: what copy, download and print take. */
  get shown(): readonly string[] | undefined {
    return this.#codesOn(this.#session.state());
  }

  /** "I have saved my recovery code", ticked or not. */
  setSaved(saved: boolean): void {
    const step = this.#asking();
    if (step) this.#session.enter({ ...step, saved });
  }

  /** The step, once the user has said they saved its codes: Finish may go on. */
  saved(): (State & NewRecoveryCodeStep) | undefined {
    const step = this.#asking();
    return step?.saved ? step : undefined;
  }

  #asking(): (State & NewRecoveryCodeStep) | undefined {
    const state = this.#session.state();
    return state.step === 'new-recovery-code' ? (state as State & NewRecoveryCodeStep) : undefined;
  }
}
