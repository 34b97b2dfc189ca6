// The modules an element loads only when a site uses them: the adapters for Auth0's SDK and
// the My Account API's client. Bundlers split them off; the script-tag bundle loads them from
// beside itself instead (on-use.global.ts).

export const loadSdk = () => import('../auth0/sdk.js');
export const loadSdkMyAccount = () => import('../auth0/sdk-my-account.js');
export const loadMyAccount = () => import('../auth0/my-account-api.js');
