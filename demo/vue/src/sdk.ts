import { createAuth0 } from '@auth0/auth0-vue';
import { createApp } from 'vue';
import { loadSdkConfig, pageUrl, SDK_SCOPE } from '../../shared/sdk-example.ts';
import SdkApp from './SdkApp.vue';

loadSdkConfig().then(
  (config) =>
    createApp(SdkApp, { audience: config.audience })
      .use(
        createAuth0({
          domain: config.domain,
          clientId: config.clientId,
          authorizationParams: { redirect_uri: pageUrl(), scope: SDK_SCOPE },
          cacheLocation: 'memory',
          useRefreshTokens: true,
          // Refresh tokens for more than one API: without it, asking for the API's audience
          // throws missing_refresh_token instead of reaching Auth0's mfa_required.
          useMrrt: true,
          useDpop: config.useDpop === true,
        }),
      )
      .mount('#app'),
  (error: Error) => {
    document.querySelector('#app')!.textContent = `error: ${error.message}`;
  },
);
