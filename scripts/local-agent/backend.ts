/**
 * What `npm run chat` and `npm run demo` talk to: a deployed webhook (`--url`),
 * or the function served in this process, with Reddit real or stubbed (`--offline`).
 */
import { jsonLogger } from '../../src/log';
import { startLocalWebhook } from './local-webhook';
import { startRedditStub } from './reddit-stub';
import type { WebhookTarget } from './webhook-call';
import { REDDIT_ACCESS_DOCS, redditAccess } from '../../src/reddit/access';

export interface BackendOptions {
  /** A running webhook; when unset the function is served in-process. */
  readonly url?: string;
  /** Serve Reddit from the local stub (in-process webhook only). */
  readonly offline?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** The in-process webhook's log level when LOG_LEVEL is unset (default `warn`); its logs go to stderr. */
  readonly defaultLogLevel?: string;
}

export interface Backend {
  readonly webhook: WebhookTarget;
  /** One line for the user: where answers come from. */
  readonly description: string;
  close(): Promise<void>;
}

export class BackendError extends Error {
  override name = 'BackendError';
}

export async function startBackend(options: BackendOptions): Promise<Backend> {
  const env = options.env ?? process.env;
  const auth =
    env.WEBHOOK_USERNAME && env.WEBHOOK_PASSWORD ? { username: env.WEBHOOK_USERNAME, password: env.WEBHOOK_PASSWORD } : undefined;

  if (options.url) {
    if (options.offline) throw new BackendError('--offline stubs Reddit for the in-process webhook; it cannot change a webhook at --url');
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new BackendError(`--url: not a URL: ${options.url}`);
    }
    return { webhook: { url: url.href, auth }, description: `webhook at ${url.href}`, close: async () => {} };
  }

  const stub = options.offline ? await startRedditStub() : undefined;
  const webhookEnv: NodeJS.ProcessEnv = {
    ...env,
    // The webhook's own logs would interleave with the conversation: on stderr, warnings and up unless told.
    LOG_LEVEL: env.LOG_LEVEL || (options.defaultLogLevel ?? 'warn'),
    ...(stub ? { REDDIT_BASE_URL: stub.url, REDDIT_OAUTH_URL: stub.url } : {}),
  };
  try {
    const log = jsonLogger(webhookEnv.LOG_LEVEL!, (line) => process.stderr.write(line));
    const local = await startLocalWebhook(webhookEnv, { log });
    const baseUrl = webhookEnv.REDDIT_BASE_URL || 'https://www.reddit.com';
    const reddit = stub
      ? `offline Reddit stub at ${stub.url}`
      : redditAccess({ baseUrl, clientId: webhookEnv.REDDIT_CLIENT_ID || undefined }).kind === 'none'
        ? `no Reddit credentials: answers from POSTS_FILE or the built-in collection (${REDDIT_ACCESS_DOCS}); --offline serves a local Reddit stub`
        : `Reddit at ${baseUrl}; no network? use --offline`;
    return {
      webhook: { url: local.url, auth },
      description: `in-process webhook at ${local.url}, ${reddit}`,
      async close() {
        await local.close();
        await stub?.close();
      },
    };
  } catch (error) {
    await stub?.close();
    throw error;
  }
}
