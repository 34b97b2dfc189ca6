// The script-tag bundle's way to the modules an element loads only when a site uses them (see
// on-use.ts): a classic script can't split itself, so they come as ES modules from the
// package's dist/, beside the bundle, wherever it was loaded from (a CDN, or the site's own
// copy of dist/). The build swaps this module in for on-use.ts.

/** The folder the bundle was loaded from: its own `src`, read while it runs. */
const base = new URL('.', (document.currentScript as HTMLScriptElement | null)?.src ?? document.baseURI);

function load<T>(path: string): () => Promise<T> {
  return () => import(/* @vite-ignore */ new URL(path, base).href) as Promise<T>;
}

export const loadSdk = load<typeof import('../auth0/sdk.js')>('auth0/sdk.js');
export const loadSdkMyAccount = load<typeof import('../auth0/sdk-my-account.js')>('auth0/sdk-my-account.js');
export const loadMyAccount = load<typeof import('../auth0/my-account-api.js')>('auth0/my-account-api.js');
