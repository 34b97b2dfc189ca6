import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import jsQR from 'jsqr';
import { qrPath, QUIET_ZONE } from '../src/controls/qr.js';
import { createTenant, type TestTenant } from './helpers/tenant.js';
import { hasCdp, part, renderWidget, untilStep } from './helpers/widget.js';

/** Rasterises the widget's QR like a camera would see it and decodes it with jsQR. */
async function decode(svgElement: SVGSVGElement, scale = 6): Promise<string | undefined> {
  const extent = svgElement.viewBox.baseVal.width;
  const clone = svgElement.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('width', String(extent * scale));
  clone.setAttribute('height', String(extent * scale));
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = extent * scale;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'dontInvert' })?.data;
  } finally {
    URL.revokeObjectURL(url);
  }
}

describe('the QR code', () => {
  let tenant: TestTenant;
  before(async () => {
    tenant = await createTenant({ name: 'QR Test & Co' });
  });
  afterEach(async () => {
    if (hasCdp) await emulateMedia({ colorScheme: 'light' });
  });

  it('decodes to exactly the barcode_uri the tenant sent', async () => {
    const { el } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    const uri = part<HTMLAnchorElement>(el, 'app-link')!.getAttribute('href')!;
    expect(uri).to.match(/^otpauth:\/\/totp\/QR%20Test%20%26%20Co:/);
    expect(await decode(part<SVGSVGElement>(el, 'qr')!)).to.equal(uri);
  });

  it('is inline SVG, dark on white with a 4-module quiet zone, also in dark mode [cdp]', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const { el } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    const svgElement = part<SVGSVGElement>(el, 'qr')!;
    expect(svgElement.querySelector('image, foreignObject')).to.equal(null);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(svgElement.querySelector('rect')!.getAttribute('fill')).to.equal('#fff');
    expect(svgElement.querySelector('path')!.getAttribute('fill')).to.equal('#000');
    expect(getComputedStyle(svgElement).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(el).colorScheme === 'dark' || matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);

    const extent = svgElement.viewBox.baseVal.width;
    const runs = [...svgElement.querySelector('path')!.getAttribute('d')!.matchAll(/M(\d+) (\d+)h(\d+)/g)];
    const xs = runs.map(([, x]) => Number(x));
    const ys = runs.map(([, , y]) => Number(y));
    const ends = runs.map(([, x, , width]) => Number(x) + Number(width));
    expect(Math.min(...xs)).to.equal(QUIET_ZONE);
    expect(Math.min(...ys)).to.equal(QUIET_ZONE);
    expect(Math.max(...ends)).to.equal(extent - QUIET_ZONE);
    expect(Math.max(...ys) + 1).to.equal(extent - QUIET_ZONE);
    expect(await decode(svgElement)).to.be.a('string');
  });

  it('draws whole-module runs with crisp edges, so it stays sharp at any zoom', async () => {
    const { d, extent } = qrPath('otpauth://totp/A:b?secret=ABCDEFGHIJKLMNOP');
    expect((extent - 2 * QUIET_ZONE - 17) % 4).to.equal(0); // 17 + 4 × version modules per side
    expect(d).to.match(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
    const { el } = await renderWidget(tenant);
    await untilStep(el, 'scan');
    expect(part(el, 'qr')!.getAttribute('shape-rendering')).to.equal('crispEdges');
  });

  it('encodes long URIs (300 characters) and decodes them back', async () => {
    const uri = `otpauth://totp/${encodeURIComponent('A very long tenant name for testing')}:${encodeURIComponent(`${'someone.with.a.long.address'.repeat(6)}@example.com`)}?secret=HJ6XM2DNERXDAVCUONGWKRTCMNTU6VDF&issuer=${encodeURIComponent('A very long tenant name for testing')}&algorithm=SHA1&digits=6&period=30`;
    expect(uri.length).to.be.greaterThan(280);
    const { d, extent } = qrPath(uri);
    const holder = await fixture<SVGSVGElement>(
      html`<svg viewBox="0 0 ${extent} ${extent}"><rect width=${extent} height=${extent} fill="#fff"></rect><path d=${d} fill="#000"></path></svg>`,
    );
    expect(await decode(holder, 5)).to.equal(uri);
  });
});
