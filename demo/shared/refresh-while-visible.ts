// How the demo's stand-in panels (Messages, Guardian) keep up with the tenant: one look at a time
// (a look under way is shared), again every `intervalMs` while the page is visible or `retryMs`
// after a look failed, at once when the tab shows again, never while it is hidden, none after stop.

export interface RefreshOptions {
  /** Between two looks while the page is visible. */
  intervalMs: number;
  /** Between two looks after one failed (the tenant stopped, say). */
  retryMs: number;
}

export interface Refresher {
  /** Looks now, or joins the look under way. */
  refresh(): Promise<void>;
  /** The look under way, if any. */
  readonly looking: Promise<void> | undefined;
  /** Aborted by stop(): the panel's requests take it, and a failure once it is aborted is not news. */
  readonly signal: AbortSignal;
  /** Stops looking, for good. */
  stop(): void;
}

/**
 * Starts looking with `look`, which answers whether it could read the tenant (a failure waits
 * `retryMs` before the next).
 */
export function refreshWhileVisible(look: (signal: AbortSignal) => Promise<boolean>, { intervalMs, retryMs }: RefreshOptions): Refresher {
  const aborts = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let looking: Promise<void> | undefined;
  let failed = false;

  function refresh(): Promise<void> {
    looking ??= look(aborts.signal)
      .then((ok) => {
        failed = !ok;
      })
      .finally(() => {
        looking = undefined;
      });
    return looking;
  }

  function schedule(): void {
    clearTimeout(timer);
    if (aborts.signal.aborted || document.visibilityState !== 'visible') return;
    timer = setTimeout(() => void tick(), failed ? retryMs : intervalMs);
  }

  async function tick(): Promise<void> {
    await refresh();
    schedule();
  }

  function onVisibilityChange(): void {
    if (document.visibilityState === 'visible') void tick();
    else clearTimeout(timer);
  }
  document.addEventListener('visibilitychange', onVisibilityChange);

  void tick();
  return {
    refresh,
    get looking() {
      return looking;
    },
    signal: aborts.signal,
    stop() {
      clearTimeout(timer);
      aborts.abort();
      document.removeEventListener('visibilitychange', onVisibilityChange);
    },
  };
}
