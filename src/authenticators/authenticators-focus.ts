import { moveFocus } from '../element/focus.js';
import type { AuthenticatorsStep } from './authenticators-session.js';

const parts = (...names: string[]) => names.map((name) => `[part~="${name}"]`).join(', ');

/** The list's actions, in the order shown: the first of them takes focus back on the list. */
const LIST_ACTIONS = parts('add', 'add-phone', 'add-email', 'add-push', 'regenerate-recovery-code');

/**
 * Where focus goes as the list's step changes: to what the new step asks the user for, and for
 * keyboard users (`hadFocus`: focus was in the element), never lost with the button that had it.
 */
export function moveFocusAfter(host: HTMLElement, from: AuthenticatorsStep | undefined, to: AuthenticatorsStep, hadFocus: boolean): void {
  if (to === 'confirm-remove') moveFocus(host, '[part~="cancel-remove"]');
  else if (to === 'new-recovery-code') moveFocus(host, '#recovery-heading');
  else if (to === 'error' && hadFocus) moveFocus(host, '#error');
  // The inline enrollment itself (focusable, tabindex -1) while it starts: its own rules then move
  // focus to what its first step asks for, as they do when focus is inside it.
  else if (to === 'adding' && hadFocus) moveFocus(host, 'mfa-otp-enroll');
  // Back on the list after an action (an added method reloads it): its first action, where the user goes on.
  else if (to === 'list' && from !== undefined && hadFocus) moveFocus(host, LIST_ACTIONS);
}
