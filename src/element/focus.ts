/**
 * Moves focus to `selector` in `host`'s shadow root as a step begins. With
 * `unlessTypingElsewhere`, a user typing in another field of the page keeps
 * their place: a widget that loads next to a form must not steal the caret.
 */
export function moveFocus(host: HTMLElement, selector: string, { unlessTypingElsewhere = false } = {}): void {
  if (unlessTypingElsewhere && isTypingElsewhere(host)) return;
  host.shadowRoot?.querySelector<HTMLElement>(selector)?.focus();
}

function isTypingElsewhere(host: HTMLElement): boolean {
  const active = document.activeElement;
  if (!active || active === host) return false;
  return active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active.matches('[contenteditable]');
}
