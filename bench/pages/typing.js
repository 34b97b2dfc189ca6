// A user typing the app's code into a field, the same way on both sign-in pages: the first digit a
// little after the field can take it, then one digit every TYPING_MS, each an `input` event as
// the browser fires it.

/** Between two keystrokes: a quick typist, reading the code off a phone. */
export const TYPING_MS = 150;

/** Types `code` into `input` one digit at a time; resolves after the last. */
export async function typeCode(input, code) {
  for (const digit of code) {
    await new Promise((resolve) => setTimeout(resolve, TYPING_MS));
    input.value += digit;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: digit, inputType: 'insertText' }));
  }
}

/** Resolves once `usable()` holds, checked at every frame (what a user could see), with the time. */
export function whenUsable(usable) {
  return new Promise((resolve) => {
    const check = () => (usable() ? resolve(performance.now()) : requestAnimationFrame(check));
    check();
  });
}
