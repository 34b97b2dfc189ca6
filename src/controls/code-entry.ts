import { CODE_LENGTH, normalizeCode } from '../core/code.js';
import { MfaError } from '../core/errors.js';
import type { StateAccess } from '../element/session.js';

/** A step that takes a code: what its field holds. */
export interface CodeStep {
  readonly code: string;
}

/** What a code entry does with a complete code, and with one refused before it is sent. */
export interface CodeEntryActions {
  /** Sends a complete code: the session's own work (confirm the enrollment, sign in). */
  readonly send: (code: string) => void;
  /** Reports a code refused without sending it (too few digits). */
  readonly refuse: (error: MfaError) => void;
}

/**
 * The code field of a session's steps that take one, whatever brought the code (an authenticator
 * app, a text message, an email): what is typed, pasted or autofilled is kept as digits only, up
 * to the code's length; the code goes out as soon as its last digit is in, and once (sending moves
 * the session on to a step that takes none); Verify with digits missing sends nothing and says so.
 */
export class CodeEntry<State, Step extends State & CodeStep> {
  readonly #session: StateAccess<State>;
  readonly #actions: CodeEntryActions;
  /** The current step, when it takes a code. */
  readonly #takes: (state: State) => Step | undefined;
  /** Digits of the step's code. */
  readonly #lengthOf: (step: Step) => number;

  constructor(
    session: StateAccess<State>,
    actions: CodeEntryActions,
    takes: (state: State) => Step | undefined,
    lengthOf: (step: Step) => number = () => CODE_LENGTH,
  ) {
    this.#session = session;
    this.#actions = actions;
    this.#takes = takes;
    this.#lengthOf = lengthOf;
  }

  /** Digits of the code asked for now ("Enter all 6 digits"). */
  get length(): number {
    const step = this.#takes(this.#session.state());
    return step ? this.#lengthOf(step) : CODE_LENGTH;
  }

  /** Text typed, pasted or autofilled into the field: what the field holds now, or nothing when no step takes a code. */
  input(text: string): string | undefined {
    const step = this.#takes(this.#session.state());
    if (!step) return undefined;
    const code = normalizeCode(text, this.#lengthOf(step));
    this.#session.enter({ ...step, code });
    if (code.length === this.#lengthOf(step)) this.submit();
    return code;
  }

  /** Verify: sends the code when it is complete; else says a digit is missing. */
  submit(): void {
    const step = this.#takes(this.#session.state());
    if (!step) return;
    if (step.code.length === this.#lengthOf(step)) this.#actions.send(step.code);
    else this.#actions.refuse(new MfaError('incomplete_code'));
  }
}

/**
 * Whether a failure used up the code that was sent: a wrong one is worth nothing, and after a
 * rate limit's wait the app shows another. A code that never reached the server is kept, to be
 * sent again.
 */
export function spendsCode(error: MfaError): boolean {
  return error.code === 'invalid_code' || error.code === 'rate_limited';
}
