import { svg, type SVGTemplateResult } from 'lit';
import qrcode from 'qrcode/lib/core/qrcode.js';

/** Scanners need a light margin of four modules around the symbol (ISO/IEC 18004). */
export const QUIET_ZONE = 4;

export interface QrPath {
  /** Modules per side, quiet zone included: the SVG's viewBox width and height. */
  readonly extent: number;
  /** One SVG path covering every dark module, drawn as horizontal runs. */
  readonly d: string;
}

/**
 * Encodes `text` and traces its dark modules into a single path. Runs of
 * adjacent dark modules become one rectangle, which keeps the path short
 * (a typical otpauth URI gives ~15 KB of markup otherwise).
 */
export function qrPath(text: string): QrPath {
  // One byte-mode segment: the encoder's search for the best mix of modes costs more time
  // than it saves modules on a URI (lower-case letters and '%' are byte mode anyway).
  const { size, data } = qrcode.create([{ data: text, mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules;
  let d = '';
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!data[row * size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && data[row * size + col]) col++;
      d += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h${start - col}z`;
    }
  }
  return { extent: size + 2 * QUIET_ZONE, d };
}

/**
 * The QR as SVG content for a `<svg viewBox="0 0 extent extent">`: a white
 * ground under black modules. Colours are fixed here, not themed: scanners
 * expect dark on light, and an inverted code fails in common apps.
 */
export function qrContent({ extent, d }: QrPath): SVGTemplateResult {
  return svg`<rect width=${extent} height=${extent} fill="#fff"></rect><path d=${d} fill="#000"></path>`;
}
