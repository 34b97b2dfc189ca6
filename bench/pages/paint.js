// Frame and paint timing shared by the bench pages.
//
// "Painted" here means: the frame whose rendering update (style, layout, paint) put the content on
// screen has finished on the main thread. A task posted from a requestAnimationFrame callback runs
// only after that frame's rendering update, so its time is the paint's end, without the up-to-16.7
// ms wait for the next vsync that a double-rAF would add (raster and compositing happen off the
// main thread and are not in the figure).

/** Resolves (with the time) at the next requestAnimationFrame callback. */
export const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));

/** Called from a rAF callback: resolves with the time at which this frame's rendering update ends. */
export function afterThisFramePaints() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve(performance.now());
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Time from the start of a frame until what `draw` puts in the page is painted. `draw` returns
 * nothing when the DOM is ready at once (then the same frame paints it), or a promise that
 * resolves when it is ready (then the first frame after that paints it).
 * @param {() => void | Promise<void>} draw
 * @returns {Promise<{ ms: number, frames: number }>} frames: the content shows in that many-th paint, counting the starting frame as 1
 */
export async function timeToPaint(draw) {
  // Start from a quiet main thread, two frames after whatever ran before.
  await nextFrame();
  await nextFrame();
  return new Promise((resolve, reject) => {
    requestAnimationFrame(() => {
      const start = performance.now();
      let result;
      try {
        result = draw();
      } catch (error) {
        reject(error);
        return;
      }
      if (!(result instanceof Promise)) {
        afterThisFramePaints().then((end) => resolve({ ms: end - start, frames: 1 }));
        return;
      }
      let ready = false;
      result.then(() => (ready = true), reject);
      let frames = 1;
      const tick = () => {
        frames++;
        if (ready) afterThisFramePaints().then((end) => resolve({ ms: end - start, frames }));
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  });
}

/**
 * Watches every frame from now on: when its rAF callback ran and whether `shown()` held then
 * (rAF callbacks run before the frame's layout and paint, so what holds there is in that paint),
 * and when the first frame in which it held finished painting.
 * @param {() => boolean} shown
 */
export function watchFrames(shown) {
  /** @type {{ at: number, shown: boolean }[]} */
  const frames = [];
  let paintedAt = NaN;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    const at = performance.now();
    const now = shown();
    if (now && !frames.some((frame) => frame.shown)) afterThisFramePaints().then((end) => (paintedAt = end));
    frames.push({ at, shown: now });
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return {
    /** Stops watching and measures from `since` (a performance.now() time, e.g. a responseEnd). */
    stopAndMeasure(since) {
      stopped = true;
      const after = frames.filter((frame) => frame.at > since);
      const index = after.findIndex((frame) => frame.shown);
      if (index < 0 || Number.isNaN(paintedAt)) throw new Error('the QR never showed while frames were watched');
      return { frames: index + 1, ms: paintedAt - since };
    },
  };
}

/** The end of the latest response for a URL ending with `suffix`, from Resource Timing. */
export function responseEnd(suffix) {
  const entry = performance
    .getEntriesByType('resource')
    .filter((e) => e.name.endsWith(suffix))
    .pop();
  if (!entry) throw new Error(`no resource timing entry for ${suffix}`);
  return entry.responseEnd;
}

/** Waits for `count` frames: lets late paints and layout-shift entries land. */
export async function frames(count) {
  for (let i = 0; i < count; i++) await nextFrame();
}
