/**
 * Stand-in for `https-proxy-agent` in the production bundle.
 *
 * axios loads it (with `agent-base` and `debug`) at start, for HTTPS through a
 * proxy; Cloud Run reaches Reddit directly, and a proxy set in the environment
 * (HTTPS_PROXY) gets this clear error instead of a silent direct connection.
 */
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- axios calls `new HttpsProxyAgent()`: it must be a constructor
export class HttpsProxyAgent {
  constructor() {
    throw new Error('https-proxy-agent is not bundled: the webhook does not reach Reddit through an HTTPS proxy');
  }
}
