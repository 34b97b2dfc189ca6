// Prints the size of each output users download: raw, gzip (level 9) and brotli.
// Run after `npm run build`. Figures, not a pass/fail check.
import { readFileSync, readdirSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { build } from 'esbuild';

const dist = new URL('../dist/', import.meta.url);

function sizes(name, bytes) {
  return {
    output: name,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;

const global = readFileSync(new URL('mfa-otp-enroll.global.js', dist));
// The package's own code as an app bundler would ship it: minified, lit and qrcode left out.
const own = await build({
  entryPoints: [new URL('index.js', dist).pathname],
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  external: ['lit', 'lit/*', 'qrcode', 'qrcode/*'],
});
const esmFiles = readdirSync(dist, { recursive: true })
  .filter((file) => String(file).endsWith('.js') && !String(file).endsWith('.global.js'))
  .map((file) => readFileSync(new URL(String(file), dist)));

const rows = [
  sizes('dist/mfa-otp-enroll.global.js (script tag: lit + qrcode + widget)', global),
  sizes('package code, minified (ESM entry, lit and qrcode external)', own.outputFiles[0].contents),
  sizes(`dist/**/*.js ES modules as published (${esmFiles.length} files, unminified)`, Buffer.concat(esmFiles)),
];
const width = Math.max(...rows.map((row) => row.output.length));
console.log(`${'output'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}  ${'brotli'.padStart(10)}`);
for (const row of rows) {
  console.log(`${row.output.padEnd(width)}  ${kib(row.raw).padStart(10)}  ${kib(row.gzip).padStart(10)}  ${kib(row.brotli).padStart(10)}`);
}
