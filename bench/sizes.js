// Download size of each output: raw, gzip (level 9) and brotli (quality 11), the two encodings a
// CDN or web server would actually send. Run after `npm run build`.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);

/** @param {string} output @param {Uint8Array} bytes */
function sizes(output, bytes) {
  return {
    output,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** @returns {Promise<{ output: string, raw: number, gzip: number, brotli: number }[]>} */
export async function measureSizes() {
  const rows = [];
  const global = readFileSync(new URL('dist/mfa-otp-enroll.global.js', root));
  rows.push(sizes('dist/mfa-otp-enroll.global.js (lit + qrcode + widget)', global));

  // The package's own code as an app's bundler ships it: minified, lit and qrcode shared with the app.
  const own = await build({
    entryPoints: [new URL('dist/index.js', root).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
    external: ['lit', 'lit/*', 'qrcode', 'qrcode/*'],
  });
  rows.push(sizes('package code, minified (lit, qrcode external)', own.outputFiles[0].contents));

  // Each language module on its own, as a site would load it next to the widget.
  const locales = new URL('src/locales/', root);
  if (existsSync(locales)) {
    const files = readdirSync(locales).filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts')).sort();
    for (const name of files) {
      const result = await build({
        entryPoints: [new URL(name, locales).pathname],
        bundle: false,
        minify: true,
        format: 'esm',
        write: false,
        logLevel: 'silent',
      });
      rows.push(sizes(`src/locales/${name}, minified`, result.outputFiles[0].contents));
    }
  }
  return rows;
}
