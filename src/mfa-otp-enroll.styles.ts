import { css } from 'lit';

export const styles = css`
  /* Colours come in light/dark pairs; color-scheme picks one (the user's, unless the host sets theme). */
  :host {
    --_muted: var(--mfa-otp-enroll-muted, light-dark(#57606a, #9da7b3));
    --_accent: var(--mfa-otp-enroll-accent, light-dark(#0b57d0, #a8c7fa));
    --_error: var(--mfa-otp-enroll-error, light-dark(#b3261e, #ffb4ab));
    --_border: var(--mfa-otp-enroll-border, light-dark(#8c959f, #6e7681));
    --_radius: var(--mfa-otp-enroll-radius, 8px);
    --_gap: var(--mfa-otp-enroll-gap, 1rem);
    --_qr-size: var(--mfa-otp-enroll-qr-size, 200px);
    color-scheme: light dark;
    display: block;
    max-width: 28rem;
    font-family: var(--mfa-otp-enroll-font, system-ui, sans-serif);
    line-height: 1.5;
    color: var(--mfa-otp-enroll-color, light-dark(#1b1f24, #e6edf3));
    background: var(--mfa-otp-enroll-background, light-dark(#fff, #161b22));
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
  /* The QR keeps its box while loading so nothing below it jumps. */
  .qr-frame {
    width: var(--_qr-size);
    height: var(--_qr-size);
    max-width: 100%;
    justify-self: center;
  }
  .placeholder {
    display: grid;
    place-items: center;
    height: 100%;
    padding: 1rem;
    text-align: center;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_border) 15%, transparent);
  }
  /* Dark on white whatever the theme or forced colours: inverted codes fail in common apps. */
  svg[part='qr'] {
    display: block;
    width: 100%;
    height: 100%;
    background: #fff;
    border-radius: var(--_radius);
    forced-color-adjust: none;
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
  [part='secret'] {
    font-size: 1.05rem;
    letter-spacing: 0.05em;
    word-spacing: 0.3em;
    user-select: all;
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
    color: var(--mfa-otp-enroll-accent-text, light-dark(#fff, #062e6f));
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
  summary {
    cursor: pointer;
    color: var(--_accent);
    min-height: 24px;
  }
  details[open] summary {
    margin-bottom: 0.5rem;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 1rem;
    margin: 0.5rem 0 0;
  }
  dt {
    color: var(--_muted);
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
