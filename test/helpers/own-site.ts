// A page on a site of its own, in a frame: its folder holds exactly the files a test names
// (test/own-site/site-worker.js serves it), so a test sees what a site that self-hosts one file
// of the package sees, and every request the page makes.

export interface OwnSite {
  readonly frame: HTMLIFrameElement;
  readonly window: Window & typeof globalThis;
  readonly document: Document;
  /** The folder, `/test/own-site/<name>/`. */
  readonly folder: string;
  /** Every request the page made, in order: paths on this origin, whole URLs elsewhere. */
  requests(): Promise<string[]>;
  /** What the page asked of its own origin (the test server): paths. */
  ownRequests(): Promise<string[]>;
  /** Puts the missing module back, as a deploy that finished. */
  restore(): Promise<void>;
  /** Errors that escaped in the page (uncaught, or unhandled rejections). */
  readonly escaped: string[];
  close(): Promise<void>;
}

export interface OwnSiteOptions {
  /** The folder holds `dist/<script>` and the page loads it with `<script src>`. */
  script?: string;
  /** Or the page loads these ES modules from the test server. */
  modules?: string[];
  /** A module path (without `.js`/`.ts`) that answers 404 until `restore()`. */
  missing?: string;
}

async function activated(registration: ServiceWorkerRegistration): Promise<void> {
  const worker = registration.installing ?? registration.waiting ?? registration.active!;
  while (worker.state !== 'activated') {
    if (worker.state === 'redundant') throw new Error('the site’s service worker failed to install');
    await new Promise((resolve) => worker.addEventListener('statechange', resolve, { once: true }));
  }
}

/** Opens the page of a site named `name` (one folder per site: use each name once per run). */
export async function openOwnSite(name: string, options: OwnSiteOptions): Promise<OwnSite> {
  const folder = `/test/own-site/${name}/`;
  const params = new URLSearchParams();
  if (options.script) params.set('script', options.script);
  for (const path of options.modules ?? []) params.append('module', path);
  if (options.missing) params.set('missing', options.missing);
  const registration = await navigator.serviceWorker.register(`/test/own-site/site-worker.js?${params}`, { scope: folder });
  await activated(registration);

  const frame = document.createElement('iframe');
  const escaped: string[] = [];
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = folder;
  document.body.append(frame);
  await loaded;
  const window = frame.contentWindow as Window & typeof globalThis;
  window.addEventListener('error', (event) => escaped.push(`error: ${event.message}`));
  window.addEventListener('unhandledrejection', (event) => escaped.push(`unhandled rejection: ${String(event.reason)}`));

  const requests = async () => (await (await window.fetch(`${folder}__requests`)).json()) as string[];
  return {
    frame,
    window,
    document: frame.contentDocument!,
    folder,
    requests,
    ownRequests: async () => (await requests()).filter((request) => request.startsWith('/')),
    restore: async () => void (await window.fetch(`${folder}__restore`)),
    escaped,
    close: async () => {
      frame.remove();
      await registration.unregister();
    },
  };
}

/** Creates `tag` in the site's page with `properties` set, and puts it in the page. */
export function place<T extends HTMLElement>(site: OwnSite, tag: string, properties: Record<string, unknown>): T {
  const el = site.document.createElement(tag) as T;
  Object.assign(el, properties);
  site.document.body.append(el);
  return el;
}
