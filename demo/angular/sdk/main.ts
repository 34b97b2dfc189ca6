import { bootstrapApplication } from '@angular/platform-browser';
import { provideAuth0 } from '@auth0/auth0-angular';
import { loadSdkConfig, pageUrl, SDK_SCOPE } from '../../shared/sdk-example';
import { API_AUDIENCE, SdkComponent } from './sdk.component';

// The tenant's settings come from ./tenant.json, so the SDK is configured once they are in.
loadSdkConfig()
  .then((config) =>
    bootstrapApplication(SdkComponent, {
      providers: [
        provideAuth0({
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
        { provide: API_AUDIENCE, useValue: config.audience },
      ],
    }),
  )
  .catch((error: unknown) => reportError(error));
