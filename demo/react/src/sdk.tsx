import { Auth0Provider } from '@auth0/auth0-react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadSdkConfig, pageUrl, SDK_SCOPE } from '../../shared/sdk-example.ts';
import { SdkApp } from './SdkApp.tsx';

const root = createRoot(document.getElementById('root')!);

loadSdkConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <Auth0Provider
          domain={config.domain}
          clientId={config.clientId}
          authorizationParams={{ redirect_uri: pageUrl(), scope: SDK_SCOPE }}
          cacheLocation="memory"
          useRefreshTokens
          // Refresh tokens for more than one API: without it, asking for the API's audience
          // throws missing_refresh_token instead of reaching Auth0's mfa_required.
          useMrrt
          useDpop={config.useDpop === true}
        >
          <SdkApp audience={config.audience} />
        </Auth0Provider>
      </StrictMode>,
    ),
  (error: Error) => root.render(<p id="status">error: {error.message}</p>),
);
