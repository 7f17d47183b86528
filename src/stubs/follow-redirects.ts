/**
 * Stand-in for `follow-redirects` in the production bundle.
 *
 * axios loads it (and `debug` with it) at start to follow redirects; the Reddit
 * client sets `maxRedirects: 0` (src/reddit/http.ts), so axios sends through
 * node:http(s) and never calls it.
 */
function notBundled(): never {
  throw new Error('follow-redirects is not bundled: the Reddit client does not follow redirects (maxRedirects: 0)');
}

export const http = { request: notBundled, get: notBundled };
export const https = { request: notBundled, get: notBundled };
