import { css } from 'lit';

/** The phone and email fields, the sent-to line and the resend row: every element that sends a code. */
export const sentCodeStyles = css`
  select,
  input[type='tel'],
  input[type='email'] {
    min-height: 44px;
    width: 100%;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: none;
    font: inherit;
    color: inherit;
  }
  /* A long country name overflows the box in WebKit, and a 320 px screen then scrolls sideways: clip it. */
  select {
    contain: paint;
  }
  select option {
    background: Canvas;
    color: CanvasText;
  }
  .destination-form button[type='submit'] {
    justify-self: start;
    margin-top: 0.5rem;
  }
  .destination {
    white-space: nowrap;
    font-weight: 600;
  }
  button.link {
    border-color: transparent;
    color: var(--_accent);
    text-decoration: underline;
  }
`;
