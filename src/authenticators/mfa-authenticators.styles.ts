import { css } from 'lit';

/** The settings list's own parts: one row per method, the confirmation inside a row. */
export const authenticatorsStyles = css`
  ul.methods {
    display: grid;
    gap: 0.5rem;
    padding: 0;
    border: none;
    font-size: 1rem;
  }
  ul.methods li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .method {
    display: grid;
  }
  .name {
    font-weight: 600;
  }
  .confirm {
    display: grid;
    gap: 0.5rem;
    flex-basis: 100%;
  }
  .warning {
    color: var(--_error);
    font-weight: 600;
  }
  button.danger {
    border-color: var(--_error);
    color: var(--_error);
  }
`;
