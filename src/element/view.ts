import type { TemplateResult } from 'lit';
import type { MfaError } from '../core/errors.js';
import type { CommonStrings } from '../i18n/strings.js';

/** What every element's view holds: its session's state, its words, and what its frame needs. */
export interface ElementView<State extends { readonly step: string }, Text extends CommonStrings = CommonStrings> {
  readonly state: State;
  readonly text: Text;
  readonly rtl: boolean;
  /** A rate limit's wait runs: what would send (Try again, Submit) waits for it, and says how long. */
  readonly coolingDown: boolean;
  readonly retryInSeconds: number;
  /** The polite live region, from the element's announcer. */
  readonly liveRegion: TemplateResult;
  /** What the element says of a failure: the alert's words, the same as its error event's `message`. */
  readonly message: (error: MfaError) => string;
  readonly onRetry: () => void;
}
