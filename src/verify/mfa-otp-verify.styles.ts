import { css } from 'lit';

/** The sign-in element's own parts: the switches between methods, the list of them. */
export const verifyStyles = css`
  /* A text-style button, still a 44 px target: the way to the other path must be easy to find. */
  .switch {
    justify-self: start;
    padding: 0;
    border: none;
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  input#recovery-code {
    width: 100%;
    flex-basis: 26ch;
    font-size: 1.05rem;
    letter-spacing: 0.05em;
  }
  .methods,
  .methods ul {
    display: grid;
    gap: 0.5rem;
  }
  .methods ul {
    padding: 0;
    border: none;
    font-size: inherit;
  }
  [part~='method-option'] {
    width: 100%;
    text-align: start;
  }
  [part~='method-option'][aria-current='true'] {
    border-color: var(--_accent);
    font-weight: 600;
  }
  [part~='sent-to']:focus {
    outline: none;
  }
`;
