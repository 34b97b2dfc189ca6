// Summaries and formatting for bench figures. Timed figures are reported as the median with the
// min and max of the runs: the median shrugs off the odd slow run (GC, a late frame) that a mean
// would smear over the rest, and min–max shows how wide the spread really was.

/**
 * @param {number[]} values
 * @returns {{ median: number, min: number, max: number, n: number }}
 */
export function summarize(values) {
  if (values.length === 0) throw new Error('summarize: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** Fixed decimals chosen by magnitude, so 0.42 ms and 180 ms both read well. */
export function num(value, unit = '') {
  const abs = Math.abs(value);
  const text = abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
  return unit ? `${text} ${unit}` : text;
}

/** "12.3 ms (10.1–15.0)": median, then min–max of the runs. */
export function spread(summary, unit = 'ms', format = num) {
  return `${format(summary.median, unit)} (${format(summary.min)}–${format(summary.max)})`;
}

/** Frames are whole numbers: no decimals unless a median falls between two runs. */
export function frames(value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** widget ÷ baseline of the medians, "0.31×"; below 1 means the widget is faster or smaller. */
export function ratio(widget, baseline) {
  if (!baseline) return '–';
  return `${(widget / baseline).toFixed(2)}×`;
}

export const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;

/**
 * A table as aligned plain text (stdout) or Markdown: the same rows feed both.
 * @param {string[]} header
 * @param {string[][]} rows
 * @param {'text' | 'markdown'} style
 * @param {('l' | 'r')[]} [align] per column, left by default
 */
export function table(header, rows, style, align = []) {
  const all = [header, ...rows];
  if (style === 'markdown') {
    const esc = (cell) => cell.replaceAll('|', '\\|');
    const rule = header.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
    return [header, rule, ...rows].map((row, r) => `| ${(r === 1 ? row : row.map(esc)).join(' | ')} |`).join('\n');
  }
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (align[i] === 'r' ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
