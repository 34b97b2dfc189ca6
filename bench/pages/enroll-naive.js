// The naive baseline for the same path: fetch the associate answer, qrcode's toDataURL of its
// barcode_uri, an <img>. Counted from the response's end to the first frame that paints the image.
import QRCode from 'qrcode';
import { frames, nextFrame, responseEnd, watchFrames } from './paint.js';

window.enroll = async ({ domain, token }) => {
  const box = document.getElementById('qr');
  await nextFrame();
  await nextFrame();
  // An <img> is painted once its data is in: complete, and in the page.
  const watch = watchFrames(() => box.querySelector('img')?.complete === true);
  const response = await fetch(`${domain}/mfa/associate`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ authenticator_types: ['otp'] }),
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`associate: ${response.status}`);
  const body = await response.json();
  const img = new Image();
  img.alt = 'QR code';
  img.src = await QRCode.toDataURL(body.barcode_uri, { errorCorrectionLevel: 'M' });
  box.append(img);
  await img.decode();
  await frames(5);
  return watch.stopAndMeasure(responseEnd('/mfa/associate'));
};
