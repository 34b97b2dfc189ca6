import { css } from 'lit';

/**
 * What every element of the package looks like: the theme's custom properties
 * (light and dark pairs), type, buttons and inputs with 44 px targets, focus
 * rings, the error alert, the recovery-code list and its save gate.
 */
export const sharedStyles = css`
  /*
   * Colours come in light/dark pairs; color-scheme picks one (the user's, unless the host sets
   * theme). The family's custom properties are --mfa-*; the --mfa-otp-enroll-* names they had
   * first still work, until 0.3.
   */
  :host {
    --_muted: var(--mfa-muted, var(--mfa-otp-enroll-muted, light-dark(#57606a, #9da7b3)));
    --_accent: var(--mfa-accent, var(--mfa-otp-enroll-accent, light-dark(#0b57d0, #a8c7fa)));
    --_error: var(--mfa-error, var(--mfa-otp-enroll-error, light-dark(#b3261e, #ffb4ab)));
    --_border: var(--mfa-border, var(--mfa-otp-enroll-border, light-dark(#8c959f, #6e7681)));
    --_radius: var(--mfa-radius, var(--mfa-otp-enroll-radius, 8px));
    --_gap: var(--mfa-gap, var(--mfa-otp-enroll-gap, 1rem));
    color-scheme: light dark;
    display: block;
    max-width: 28rem;
    font-family: var(--mfa-font, var(--mfa-otp-enroll-font, system-ui, sans-serif));
    line-height: 1.5;
    color: var(--mfa-color, var(--mfa-otp-enroll-color, light-dark(#1b1f24, #e6edf3)));
    background: var(--mfa-background, var(--mfa-otp-enroll-background, light-dark(#fff, #161b22)));
    overflow-wrap: anywhere;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  section {
    display: grid;
    gap: var(--_gap);
    padding: var(--_gap);
  }
  h2,
  h3,
  p,
  ul,
  dd {
    margin: 0;
  }
  h2 {
    font-size: 1.25rem;
  }
  h3 {
    font-size: 1.1rem;
  }
  .muted {
    color: var(--_muted);
  }
  .error {
    color: var(--_error);
    font-weight: 600;
  }
  .error:empty {
    display: contents;
  }
  a {
    color: var(--_accent);
  }
  .secret-row,
  .code-row,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  code,
  input {
    font-family: ui-monospace, Menlo, Consolas, monospace;
  }
  button,
  input {
    font: inherit;
    color: inherit;
    border-radius: var(--_radius);
  }
  button,
  [type='text'] {
    min-height: 44px;
    border: 1px solid var(--_border);
    background: none;
  }
  button {
    padding: 0.5rem 1rem;
    cursor: pointer;
  }
  button[type='submit'],
  button.primary {
    background: var(--_accent);
    color: var(--mfa-accent-text, var(--mfa-otp-enroll-accent-text, light-dark(#fff, #062e6f)));
    border-color: var(--_accent);
  }
  button:disabled {
    cursor: not-allowed;
  }
  :disabled {
    opacity: 0.6;
  }
  input[type='text'] {
    width: 9ch;
    min-width: 0;
    flex: 1 1 9ch;
    padding: 0.5rem 0.75rem;
    font-size: 1.25rem;
    letter-spacing: 0.2em;
  }
  input[aria-invalid='true'] {
    border-color: var(--_error);
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  label,
  .done {
    font-weight: 600;
  }
  form {
    display: grid;
    gap: 0.25rem;
  }
  ul {
    padding: 0.75rem 1rem;
    list-style: none;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    font-size: 1.1rem;
  }
  .ack {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-weight: normal;
  }
  .ack input {
    width: 1.25rem;
    height: 1.25rem;
  }
  [part='done']:focus,
  [part='error']:focus,
  h3:focus {
    outline: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    user-select: none;
  }
`;
