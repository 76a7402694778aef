/**
 * Normalises a configured base URL to the API root ending in `/api/v2` (no trailing slash).
 * Accepts `https://portal.contraforce.com`, `…/`, `…/api/v2` and `…/api/v2/`.
 */
export function apiRootFromBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new TypeError(`base URL "${baseUrl}" is not a URL; use e.g. https://portal.contraforce.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`base URL must use https:// (or http:// for a local simulator), got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new TypeError('base URL must not contain credentials; use the client id and secret settings');
  }
  if (url.search || url.hash) {
    throw new TypeError('base URL must not contain a query string or fragment');
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v2$/i, '');
  url.pathname = `${path}/api/v2`;
  return url;
}
