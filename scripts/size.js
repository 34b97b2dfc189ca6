// `npm run size`: the gzip and brotli size of each output against its budget (after a build).
import { BUDGETS, measureSizes } from './sizes.js';

/** @param {number} bytes */
const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;
const rows = await measureSizes();
const width = Math.max(...rows.map((row) => row.output.length));
console.log(`${'output'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}  ${'brotli'.padStart(10)}  budget (target / CI limit)`);
for (const row of rows) {
  const { target, limit } = BUDGETS[row.kind];
  const verdict = row.gzip <= target ? 'within target' : row.gzip <= limit ? 'over target, within limit' : 'OVER LIMIT';
  console.log(
    `${row.output.padEnd(width)}  ${kib(row.raw).padStart(10)}  ${kib(row.gzip).padStart(10)}  ${kib(row.brotli).padStart(10)}  ${kib(target)} / ${kib(limit)}: ${verdict}`,
  );
}
