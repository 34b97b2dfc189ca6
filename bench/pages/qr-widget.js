// The widget's way to draw a QR, on its own: dist/controls/qr.js encodes and traces one SVG path, lit
// renders it as inline SVG (the same markup as src/view.ts, without the rest of the widget).
import { html, render } from 'lit';
import { qrContent, qrPath } from '../../dist/controls/qr.js';
import { timeToPaint } from './paint.js';

window.bench = {
  /** @param {string} uri */
  async measure(uri) {
    // A new container each time: a full first render, as the widget does per enrollment.
    document.querySelector('.qr-frame')?.remove();
    const frame = Object.assign(document.createElement('div'), { className: 'qr-frame' });
    document.body.append(frame);
    let encodeMs = NaN;
    const painted = await timeToPaint(() => {
      const start = performance.now();
      const qr = qrPath(uri);
      encodeMs = performance.now() - start; // the encoder's share, reported beside the total
      render(html`<svg viewBox="0 0 ${qr.extent} ${qr.extent}" shape-rendering="crispEdges">${qrContent(qr)}</svg>`, frame);
    });
    return { ...painted, encodeMs };
  },
};
