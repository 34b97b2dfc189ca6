import type { Auth0Like, Auth0MfaLike, Auth0MyAccountLike } from '../../src/auth0/sdk-shapes.js';
import { CLIENT_ID, type TestTenant } from './tenant.js';

// An `auth0` of the shape of Auth0's SDK whose clients call the stand-in tenant over HTTP, as the
// SDK calls Auth0: `mfa` the MFA API with the mfa_token it is handed, `myAccount` the My Account
// API with the token the SDK would have got for `https://{domain}/me/`. For test pages where
// the real SDK can't run (it only calls https://{domain}); demo/e2e's SDK examples run the real one.

const GRANT = 'http://auth0.com/oauth/grant-type/';

/** The body of a 2xx answer; else throws as the SDK does, with Auth0's `error` and `error_description`. */
async function call(url: string, init: RequestInit): Promise<unknown> {
  const response = await fetch(url, init);
  const body: unknown = response.status === 204 ? undefined : await response.json();
  if (!response.ok) throw Object.assign(new Error(`${response.status}`), body);
  return body;
}

const bearer = (token: string, json?: unknown): RequestInit => ({
  headers: { Authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'Content-Type': 'application/json' }) },
  ...(json === undefined ? {} : { method: 'POST', body: JSON.stringify(json) }),
});

/**
 * `listsNothing`: `getAuthenticators` answers `[]`, as the real SDK does on most tenants (it keeps
 * only rows whose `type` is among the challenge types, a field Auth0 sends only behind a flag).
 */
export function sdkOverTenant(tenant: TestTenant, myAccountToken = '', { listsNothing = false } = {}): Auth0Like {
  const mfa: Auth0MfaLike = {
    getAuthenticators: async (mfaToken) => {
      if (listsNothing) return [];
      type Row = { id: string; authenticator_type: string; active: boolean; name?: string; oob_channels?: string[] };
      const list = (await call(`${tenant.base}/mfa/authenticators`, bearer(mfaToken))) as Row[];
      // As auth-js reads rows: `oob_channels` (plural), which Auth0 doesn't send, so no channel.
      return list.map((entry) => ({ id: entry.id, authenticatorType: entry.authenticator_type, active: entry.active, name: entry.name, oobChannels: entry.oob_channels }));
    },
    enroll: async (params) => {
      if (params.factorType === 'push') {
        const body = bearer(params.mfaToken, { client_id: CLIENT_ID, authenticator_types: ['oob'], oob_channels: ['auth0'] });
        const answer = (await call(`${tenant.base}/mfa/associate`, body)) as { oob_code: string; barcode_uri: string; recovery_codes?: string[] };
        return { authenticatorType: 'oob', oobCode: answer.oob_code, barcodeUri: answer.barcode_uri, recoveryCodes: answer.recovery_codes };
      }
      if (params.factorType !== 'otp') {
        const where = params.factorType === 'email' ? { email: params.email } : { phone_number: params.phoneNumber };
        const body = bearer(params.mfaToken, { client_id: CLIENT_ID, authenticator_types: ['oob'], oob_channels: [params.factorType], ...where });
        const answer = (await call(`${tenant.base}/mfa/associate`, body)) as { oob_code: string; oob_channel: string; recovery_codes?: string[] };
        return { authenticatorType: 'oob', oobCode: answer.oob_code, recoveryCodes: answer.recovery_codes };
      }
      const body = bearer(params.mfaToken, { authenticator_types: ['otp'] });
      const answer = (await call(`${tenant.base}/mfa/associate`, body)) as { secret: string; barcode_uri: string; recovery_codes?: string[] };
      return { authenticatorType: 'otp', secret: answer.secret, barcodeUri: answer.barcode_uri, recoveryCodes: answer.recovery_codes };
    },
    challenge: async ({ mfaToken, challengeType, authenticatorId }) => {
      const answer = (await call(`${tenant.base}/mfa/challenge`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ client_id: CLIENT_ID, mfa_token: mfaToken, challenge_type: challengeType, authenticator_id: authenticatorId }),
      })) as { challenge_type: string; oob_code?: string; binding_method?: string };
      return { challengeType: answer.challenge_type, oobCode: answer.oob_code, bindingMethod: answer.binding_method };
    },
    verify: async (params) => {
      const grant: Record<string, string> =
        'otp' in params
          ? { grant_type: `${GRANT}mfa-otp`, otp: params.otp }
          : 'oobCode' in params
            ? { grant_type: `${GRANT}mfa-oob`, oob_code: params.oobCode, ...('bindingCode' in params ? { binding_code: params.bindingCode } : {}) }
            : { grant_type: `${GRANT}mfa-recovery-code`, recovery_code: params.recoveryCode };
      const form = new URLSearchParams({ ...grant, client_id: CLIENT_ID, mfa_token: params.mfaToken });
      return (await call(`${tenant.base}/oauth/token`, { method: 'POST', body: form })) as Awaited<ReturnType<Auth0MfaLike['verify']>>;
    },
  };
  // As MyAccountApiClient (2.28) calls the API: the answers unwrapped, an enrollment's id and
  // `location` from the Location header, and verify at `${location}/verify` with the rest of the options.
  const me = `${tenant.base}/me/v1/`;
  const myAccount: Required<Auth0MyAccountLike> = {
    getAuthenticationMethods: async () => {
      const answer = (await call(`${me}authentication-methods`, bearer(myAccountToken))) as { authentication_methods: unknown[] };
      return answer.authentication_methods;
    },
    getFactors: async () => ((await call(`${me}factors`, bearer(myAccountToken))) as { factors: unknown[] }).factors,
    deleteAuthenticationMethod: async (id) => {
      await call(`${me}authentication-methods/${encodeURIComponent(id)}`, { ...bearer(myAccountToken), method: 'DELETE' });
    },
    enrollmentChallenge: async (options) => {
      const response = await fetch(`${me}authentication-methods`, bearer(myAccountToken, options));
      const body = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw Object.assign(new Error(`${response.status}`), body);
      const location = response.headers.get('location') ?? '';
      return { ...body, id: decodeURIComponent(location.split('/').pop() ?? ''), location };
    },
    enrollmentVerify: async ({ location, type: _type, ...rest }) => call(`${location}/verify`, bearer(myAccountToken, rest)),
  };
  return { mfa, myAccount };
}
