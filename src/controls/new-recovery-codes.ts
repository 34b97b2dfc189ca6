import type { StateAccess } from '../element/session.js';

/** A step that shows newly issued recovery codes: whether the user says they saved them. */
export interface SavingStep {
  readonly saved: boolean;
}

/**
 * The rule of the "save your recovery code" step, the same in every element: the codes stay on
 * screen, and the session moves on (Finish) only once the user has said they saved them, because
 * a code never seen is a user locked out the day the phone is lost.
 */
export class NewRecoveryCodes<State, Step extends State & SavingStep> {
  constructor(
    private readonly session: StateAccess<State>,
    /** The current step, when it asks the user to save new codes. */
    private readonly asks: (state: State) => Step | undefined,
    /** The new codes on screen, in any step that shows them (one that confirms them, say). */
    private readonly codesOn: (state: State) => readonly string[] | undefined,
  ) {}

  /** The codes on screen, while a step shows them: what copy, download and print take. */
  get shown(): readonly string[] | undefined {
    return this.codesOn(this.session.state());
  }

  /** "I have saved my recovery code", ticked or not. */
  setSaved(saved: boolean): void {
    const step = this.asks(this.session.state());
    if (step) this.session.enter({ ...step, saved });
  }

  /** The step, once the user has said they saved its codes: Finish may go on. */
  saved(): Step | undefined {
    const step = this.asks(this.session.state());
    return step?.saved ? step : undefined;
  }
}
