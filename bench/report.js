// Turns the raw figures from measure.js and sizes.js into the tables: plain text for stdout and
// Markdown for docs/benchmarks.md, from the same rows.
import os from 'node:os';
import process from 'node:process';
import { frames, kib, ratio, spread, summarize, table } from './stats.js';

/** The tables, as plain text for stdout and as Markdown for docs/benchmarks.md. */
export function buildReport({ runs, uris, sizes, evaluation, qr, enroll, signIn, push, pushWait, latencyMs, heap, chromiumVersion }) {
  const sizeHeader = ['Output', 'raw', 'gzip -9', 'brotli q11'];
  const sizeRows = sizes.map((s) => [s.output, kib(s.raw), kib(s.gzip), kib(s.brotli)]);

  const timeHeader = ['Figure', 'Widget', 'Naive baseline', 'Widget ÷ baseline'];
  const timeRows = [];
  const evalMs = summarize(evaluation.ms);
  timeRows.push(['Script evaluation + element definition (global script, fresh page)', spread(evalMs), '–', '–']);

  for (const warmth of ['cold', 'warm']) {
    for (const name of Object.keys(uris)) {
      const w = qr[`qr-widget/${name}/${warmth}`];
      const b = qr[`qr-naive/${name}/${warmth}`];
      const wMs = summarize(w.map((r) => r.ms));
      const bMs = summarize(b.map((r) => r.ms));
      const wFrames = summarize(w.map((r) => r.frames)).median;
      const bFrames = summarize(b.map((r) => r.frames)).median;
      const label = `QR encode + render until painted, ${name} URI (${uris[name].length} chars), ${warmth === 'cold' ? 'first on a fresh page' : 'warm, same page'}`;
      timeRows.push([label, `${spread(wMs)}, paint ${frames(wFrames)}`, `${spread(bMs)}, paint ${frames(bFrames)}`, ratio(wMs.median, bMs.median)]);
      timeRows.push(['  … of which qrPath() (encode + trace the path)', spread(summarize(w.map((r) => r.encodeMs))), '–', '–']);
    }
  }

  const wEnrollMs = summarize(enroll.widget.map((r) => r.ms));
  const bEnrollMs = summarize(enroll.naive.map((r) => r.ms));
  const wEnrollFrames = summarize(enroll.widget.map((r) => r.frames));
  const bEnrollFrames = summarize(enroll.naive.map((r) => r.frames));
  timeRows.push(['Associate response end → QR painted, ms (stand-in tenant)', spread(wEnrollMs), spread(bEnrollMs), ratio(wEnrollMs.median, bEnrollMs.median)]);
  timeRows.push([
    'Associate response end → QR painted, frames (rAF ticks)',
    spread(wEnrollFrames, '', frames),
    spread(bEnrollFrames, '', frames),
    ratio(wEnrollFrames.median, bEnrollFrames.median),
  ]);
  for (const [figure, key] of [
    ['code field usable', 'usableMs'],
    ['verified, code typed', 'verifiedMs'],
  ]) {
    const w = summarize(signIn.widget.map((r) => r[key]));
    const b = summarize(signIn.naive.map((r) => r[key]));
    timeRows.push([`Sign-in again: mount → ${figure}, ms (${latencyMs} ms per answer)`, spread(w), spread(b), ratio(w.median, b.median)]);
  }
  timeRows.push([`Waiting for a push: polls per minute (${push.waiting} in ${pushWait.waitMs / 1000} s; Auth0 asks for 5 s apart)`, push.perMinute.toFixed(1), '–', '–']);
  timeRows.push([`… polls in ${pushWait.awayMs / 1000} s with the element removed (target 0)`, String(push.removed), '–', '–']);
  timeRows.push([`… polls in ${pushWait.awayMs / 1000} s back in the page, the tab hidden (target 0)`, String(push.hidden), '–', '–']);
  const cls = summarize(enroll.widget.map((r) => r.cls));
  timeRows.push(['Cumulative layout shift over the enrollment (widget above text; target 0)', spread(cls, '', (v) => v.toFixed(4)), '–', '–']);

  const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  const heapRow = (label, before, after) => [
    label,
    mib(before),
    mib(after),
    `${after - before >= 0 ? '+' : '−'}${kib(Math.abs(after - before))}`,
    `${Math.round((after - before) / heap.cycles)} B`,
  ];
  const heapHeader = ['Heap, after gc()', 'before', `after ${heap.cycles} cycles`, 'delta', 'per cycle'];
  const { widget: hw, bare: hb } = heap;
  const heapRows = [
    heapRow('Widget: JS heap (CDP Runtime.getHeapUsage usedSize)', hw.before.js, hw.after.js),
    heapRow('Widget: JS heap (performance.memory.usedJSHeapSize)', hw.before.memory, hw.after.memory),
    heapRow('Widget: Blink heap (CDP embedderHeapUsedSize)', hw.before.blink, hw.after.blink),
    heapRow('Control, bare aborted fetch: JS heap (usedSize)', hb.before.js, hb.after.js),
    heapRow('Control, bare aborted fetch: Blink heap', hb.before.blink, hb.after.blink),
  ];

  // Where the layout shift came from, when there was one: each (widget step, shifted element) once.
  const shiftSources = new Map();
  for (const run of enroll.widget) {
    for (const shift of run.shifts) {
      for (const source of shift.sources) {
        const key = `entering "${shift.step}": ${source}`;
        const seen = shiftSources.get(key) ?? { count: 0, value: 0 };
        shiftSources.set(key, { count: seen.count + 1, value: Math.max(seen.value, shift.value) });
      }
    }
  }
  const shiftLines = [...shiftSources].map(([source, { count, value }]) => `${source} (in ${count} of ${enroll.widget.length} runs; that shift's value up to ${value.toFixed(4)})`);

  const notes = [
    `Runs: ${runs} per timed figure; each cell is the median, then (min–max) of the runs. Ratios are of the medians; below 1× the widget is faster.`,
    `"paint N": the QR shows in the N-th frame painted after the start (1 = the frame the work started in).`,
    `Cold figures (fresh pages) are mostly JIT warm-up and move with the machine's load: on the 2-core machine this was written on, the medians of the response → painted row moved between about 50 and 80 ms from one whole run to the next, for the widget and the baseline alike. Compare ratios within one run, not medians across runs; BENCH_RUNS=41 steadies them.`,
    `Heap: ${heap.cycles} widget cycles took ${(hw.cycleMs / 1000).toFixed(1)} s, after ${heap.warmUp} unmeasured warm-up cycles. Of the widget's ${heap.cycles + heap.warmUp} associate requests, ${hw.reached.post} reached the tenant's POST handler (held there 2 s) and ${hw.reached.preflight} sent a CORS preflight (any others were aborted during the preflight, before their POST went out); every one was still pending at removal. The control: ${hb.reached.post} POSTs, ${hb.reached.preflight} preflights. The Blink heap also holds what the browser keeps per request whoever sends it (a Resource Timing entry, DevTools' record of the request for the harness's CDP session): the control rows show that share.`,
    shiftLines.length ? `Layout shift sources (the widget's step when it happened, element: previous rect → current rect, x,y w×h in CSS px):\n${shiftLines.map((line) => `  - ${line}`).join('\n')}` : 'No layout shift in any run.',
  ];

  const cpus = os.cpus();
  const machine = `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB memory, ${os.type()} ${os.release()}`;
  const about = [
    ['Date', new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')],
    ['Machine', machine],
    ['Node', process.version],
    ['Chromium', `${chromiumVersion} (headless, /usr/bin/chromium, --disable-gpu)`],
  ];

  const text = [
    ...about.map(([k, v]) => `${k}: ${v}`),
    '',
    table(sizeHeader, sizeRows, 'text', ['l', 'r', 'r', 'r']),
    '',
    table(timeHeader, timeRows, 'text', ['l', 'r', 'r', 'r']),
    '',
    table(heapHeader, heapRows, 'text', ['l', 'r', 'r', 'r', 'r']),
    '',
    ...notes,
  ].join('\n');

  const markdown = `# Benchmarks

Figures, not pass/fail: how big the widget is, and how fast it puts the QR on screen compared with a
naive page that shows \`qrcode\`'s \`toDataURL\` in an \`<img>\`.

Reproduce with \`npm run bench\` (it builds, then runs \`node bench/run.js\`; about four minutes
on 2 cores, 50 s of it watching a push wait). Every run rewrites this file, so the figures are
from the machine named here.

${about.map(([k, v]) => `- ${k}: ${v}`).join('\n')}

## Download size

${table(sizeHeader, sizeRows, 'markdown', ['l', 'r', 'r', 'r'])}

## Time and layout

${table(timeHeader, timeRows, 'markdown', ['l', 'r', 'r', 'r'])}

## Memory

${table(heapHeader, heapRows, 'markdown', ['l', 'r', 'r', 'r', 'r'])}

## Notes

${notes.map((note) => `- ${note}`).join('\n')}

## How each figure is taken

- **Sizes**: gzip level 9 and brotli quality 11 of each file. "Package code" is esbuild's minified
  bundle of \`dist/index.js\` with \`lit\` and \`qrcode\` external, as an app's bundler would ship it;
  each built language module (\`dist/locales/*.js\`, its strings packed without keys) is minified
  on its own (no bundling), and so is \`dist/i18n/packed-strings.js\`, which they share to unpack them.
- **Script evaluation**: a fresh browser context per run (empty HTTP and code caches, like a first
  visit); a tiny script before and one after \`<script src=…global.js>\` take \`performance.now()\`,
  and the one after also checks \`customElements.get('mfa-otp-enroll')\`. Time spent waiting for
  the script's bytes (its Resource Timing \`responseEnd\`) is not counted.
- **QR encode + render**: the widget's way is \`qrPath()\` from \`dist/controls/qr.js\` and lit's \`render()\`
  of the same inline SVG the widget draws; the baseline is \`qrcode\`'s browser build,
  \`toDataURL()\` into an \`<img>\` awaited with \`img.decode()\`. Both at 200×200 CSS px, error
  correction M. Timed from the start of a frame (in a \`requestAnimationFrame\` callback) to the end
  of the rendering update of the frame that shows the QR: a task posted from that frame's rAF
  callback runs right after its style, layout and paint, which avoids the up-to-a-frame wait for
  the next vsync that a double-rAF adds. "Cold" loads a fresh page per run; "warm" redraws in one
  page after five unmeasured rounds.
- **Response → painted**: the real widget (the global script) on a fresh page per run, given a
  new user's \`mfa_token\` from the stand-in tenant (password grant). From the \`/mfa/associate\`
  response's \`responseEnd\` (Resource Timing) to the end of the frame whose rAF callback first
  finds \`[part=qr]\` in the shadow root; frames are the rAF ticks after \`responseEnd\` up to and
  including that one. The baseline page fetches the same endpoint itself and shows the answer's
  \`barcode_uri\` with \`toDataURL\` in an \`<img>\` (counted when the image is complete). Widget and
  baseline alternate which goes first.
- **Sign-in again**: a user who enrolled an app (through the API) signs in again on a fresh page
  per run, the stand-in adding ${latencyMs} ms to every answer (a far tenant's round trip; CORS
  preflights included). The widget is \`<mfa-otp-verify>\` from the global script; the baseline lists
  the authenticators, challenges the active app, and only then renders an \`<input>\`, as a page
  written from Auth0's docs would. Both are timed from the mount: to the frame that finds the code
  field enabled, and to the grant's answer (\`verified\`), the code typed one digit every 150 ms from
  the moment the field could take it.
- **Layout shift**: a buffered \`layout-shift\` PerformanceObserver over the whole page life of each
  widget run above, the widget sitting above two paragraphs; the sum of the shifts.
- **Heap**: ${heap.cycles} cycles of create, set the tenant and token, insert, wait for the first
  update and a frame, remove; the tenant holds each \`/mfa/associate\` for 2 s, so every widget is
  removed with its request in flight. ${heap.warmUp} unmeasured cycles go first (with fewer, JIT
  warm-up shows as growth). \`gc()\` and CDP \`HeapProfiler.collectGarbage\` (twice) before each
  reading. The control does the same request as a bare \`fetch\` with the widget's signals
  (\`AbortSignal.any\` of an AbortController and a 30 s \`AbortSignal.timeout\`), aborted after a
  frame, on its own fresh page.
`;
  return { text, markdown };
}
