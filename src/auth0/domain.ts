/** The outcome of reading a URL-valued setting: a usable URL or a reason for the site owner. */
export type UrlSetting = { readonly url: URL } | { readonly problem: string };

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Reads the `domain` setting into the base URL the MFA API lives under.
 * A bare host (`tenant.us.auth0.com`, a custom domain) means https. A value
 * with a scheme is used as given (proxies, local stand-ins, path prefixes);
 * `http:` only to loopback, since tokens must never cross a network in clear.
 */
export function readDomain(domain: string): UrlSetting {
  const value = domain.trim();
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    const url = tryUrl(`https://${value}`);
    if (!url || url.host !== value.toLowerCase().replace(/\/+$/, '')) {
      return { problem: `Set "domain" to your Auth0 domain (tenant.us.auth0.com) or an https:// URL.` };
    }
    return { url: withTrailingSlash(url) };
  }
  const checked = checkUrl(tryUrl(value), 'domain');
  if ('problem' in checked) return checked;
  if (checked.url.search || checked.url.hash) {
    return { problem: `Remove the query or fragment from "domain".` };
  }
  return { url: withTrailingSlash(checked.url) };
}

/** Reads `token-url`: absolute, or relative to the page (the site's own backend). */
export function readTokenUrl(tokenUrl: string, pageUrl: string): UrlSetting {
  return checkUrl(tryUrl(tokenUrl.trim(), pageUrl), 'token-url');
}

function checkUrl(url: URL | undefined, name: string): UrlSetting {
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return { problem: `Set "${name}" to an https:// URL.` };
  }
  if (url.username || url.password) {
    return { problem: `Remove the user name and password from "${name}": send credentials in requests, never in URLs.` };
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    return { problem: `Use https:// in "${name}" (http:// works only for localhost).` };
  }
  return { url };
}

function tryUrl(value: string, base?: string): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

function withTrailingSlash(url: URL): URL {
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}
