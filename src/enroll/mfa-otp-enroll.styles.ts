import { css } from 'lit';

/** The enroll element's own parts: the QR's box, the setup key, the "Can't scan?" details. */
export const enrollStyles = css`
  :host {
    --_qr-size: var(--mfa-qr-size, var(--mfa-otp-enroll-qr-size, 200px));
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
  [part='secret'] {
    font-size: 1.05rem;
    letter-spacing: 0.05em;
    word-spacing: 0.3em;
    user-select: all;
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
  /* The choice of factor: one full-width button each, its hint under it. */
  .factor-list {
    display: grid;
    gap: 0.75rem;
    padding: 0;
    border: none;
    font-size: inherit;
  }
  [part~='factor-option'] {
    width: 100%;
    text-align: start;
    font-weight: 600;
  }
  .badge {
    margin-inline-start: 0.5rem;
    padding: 0 0.5rem;
    border-radius: 999px;
    border: 1px solid var(--_accent);
    color: var(--_accent);
    font-size: 0.85em;
    font-weight: normal;
  }
`;
