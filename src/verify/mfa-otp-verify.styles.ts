import { css } from 'lit';

/** The sign-in element's own parts: the switch between the code and a recovery code. */
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
`;
