// The naive baseline: qrcode's browser build draws a PNG on a canvas, toDataURL encodes it, and an
// <img> shows it. Counted until painted, so the PNG's decode is in the figure.
import QRCode from 'qrcode';
import { timeToPaint } from './paint.js';

window.bench = {
  /** @param {string} uri */
  measure(uri) {
    document.querySelector('.qr-frame')?.remove();
    const frame = Object.assign(document.createElement('div'), { className: 'qr-frame' });
    document.body.append(frame);
    return timeToPaint(async () => {
      const img = new Image();
      img.alt = 'QR code';
      img.src = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M' }); // the widget's level
      frame.append(img);
      await img.decode();
    });
  },
};
