// What the script-tag files use in place of on-use.ts (vite.config.ts swaps it in): the same
// modules, imported statically. A classic script holds them anyway; imported this way the
// bundler flattens them into the file, where `import()` inlined would wrap each one (and what
// it imports) in a lazy initialiser, 0.27 KiB gzip more. Nothing here can fail to load.
import * as sdk from './sdk.js';
import * as sdkMyAccount from './sdk-my-account.js';
import * as myAccount from './my-account-api.js';

export const loadSdk = async () => sdk;
export const loadSdkMyAccount = async () => sdkMyAccount;
export const loadMyAccount = async () => myAccount;
