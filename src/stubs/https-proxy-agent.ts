/**
 * Stand-in for `https-proxy-agent` in the production bundles.
 *
 * axios loads it (with `agent-base` and `debug`) at start, and google-auth-library's
 * gaxios when a proxy is set, for HTTPS through a proxy; Cloud Run reaches Reddit
 * and Google directly, and a proxy set in the environment (HTTPS_PROXY) gets this
 * clear error instead of a silent direct connection.
 */
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- axios calls `new HttpsProxyAgent()`: it must be a constructor
export class HttpsProxyAgent {
  constructor() {
    throw new Error('https-proxy-agent is not bundled: the webhook does not reach Reddit or Google through an HTTPS proxy');
  }
}
