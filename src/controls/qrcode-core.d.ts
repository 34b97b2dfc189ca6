// Types for the one `qrcode` module we import: the encoder core, without the
// canvas/PNG/SVG renderers the package's main entry pulls in.
declare module 'qrcode/lib/core/qrcode.js' {
  interface BitMatrix {
    readonly size: number;
    readonly data: Uint8Array;
  }
  interface QRCodeSymbol {
    readonly modules: BitMatrix;
    readonly version: number;
  }
  const core: {
    create(
      data: string | readonly { data: string; mode: 'byte' | 'alphanumeric' | 'numeric' }[],
      options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' },
    ): QRCodeSymbol;
  };
  export default core;
}
