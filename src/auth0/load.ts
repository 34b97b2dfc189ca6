import { MfaError } from '../core/errors.js';

// The modules an element loads only when a site uses them: the adapters for Auth0's SDK and
// the My Account API's client. An app's bundler splits them off; the script-tag files hold
// them (on-use.inlined.ts): a classic script can't split itself, and a self-hosted copy has
// nothing beside it.

/**
 * `load`, whose failure (the network dropped, or a deploy replaced the files under an open
 * page) is a retryable `network` error that says part of the element could not be loaded, not
 * an answer from Auth0. Nothing is remembered: Try again imports afresh.
 */
function onUse<Module>(load: () => Promise<Module>): () => Promise<Module> {
  return () => load().catch(() => Promise.reject(new MfaError('network', { loadFailed: true })));
}

export const loadSdk = onUse(() => import('./sdk.js'));
export const loadSdkMyAccount = onUse(() => import('./sdk-my-account.js'));
export const loadMyAccount = onUse(() => import('./my-account-api.js'));
