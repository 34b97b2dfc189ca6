// What the SDK examples (sdk.html in demo/react and demo/vue, demo/angular's sdk project) share:
// their settings, and what they show of a token. See demo/e2e/README.md, "The SDK examples".

/** `./tenant.json` of an SDK example. */
export interface SdkConfig {
  /** The tenant's domain, no scheme: the SDK always calls `https://{domain}`. */
  domain: string;
  clientId: string;
  /** The API whose tokens need MFA. */
  audience: string;
  /** The SDK's DPoP: tokens bound to a key it keeps. */
  useDpop?: boolean;
}

/** `offline_access`: a refresh token, which the SDK also uses for the API's token (`useMrrt`). */
export const SDK_SCOPE = 'openid profile offline_access';

export async function loadSdkConfig(): Promise<SdkConfig> {
  const response = await fetch('./tenant.json');
  if (!response.ok) throw new Error(`tenant.json: HTTP ${response.status}`);
  return (await response.json()) as SdkConfig;
}

/** This page, without query or hash: where the tenant sends the user back after signing in or out. */
export function pageUrl(): string {
  return `${location.origin}${location.pathname}`;
}

/** What a page shows of a token: never the token, only its audience, type and first 8 characters. */
export interface TokenSummary {
  audience: string;
  type: string;
  prefix: string;
}

export function summarizeToken(accessToken: string, tokenType: string): TokenSummary {
  const payload = accessToken.split('.')[1] ?? '';
  const { aud } = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { aud?: string | string[] };
  return { audience: [aud ?? []].flat().join(' '), type: tokenType, prefix: `${accessToken.slice(0, 8)}…` };
}

/** An error's code for `#status`: the SDK's `error`, else the message. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { error: code, message } = error as { error?: unknown; message?: unknown };
    if (typeof code === 'string') return code;
    if (typeof message === 'string') return message;
  }
  return String(error);
}
