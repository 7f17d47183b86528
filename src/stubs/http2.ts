/**
 * Stand-in for `node:http2` in the production bundle.
 *
 * axios requires it at start (Node loads its HTTP/2 stack, ~10 ms on a cold
 * instance) for requests made with `httpVersion: 2`; the Reddit client makes
 * HTTP/1.1 requests only.
 */
export function connect(): never {
  throw new Error('http2 is not bundled: the Reddit client speaks HTTP/1.1');
}

export const constants = {};
