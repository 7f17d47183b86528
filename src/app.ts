import type { Request, Response } from '@google-cloud/functions-framework';
import { CATALOG } from './catalog';
import { loadConfig, type Config } from './config';
import { preloadContentFilter } from './content-filter';
import { createWebhookHandler } from './http/handler';
import { jsonLogger, type Logger } from './log';
import { ModerationJudge, type PostJudge } from './moderation/judge';
import type { PostSource } from './reddit/client';
import { openSharedStore } from './reddit/shared/open';
import type { SharedStore } from './reddit/shared/store';
import { SharedVerdicts } from './reddit/shared/verdicts';
import { createRedditSource } from './reddit/source';
import { warmUpAfterFirstAnswer } from './reddit/warmup';

export interface AppOptions {
  config?: Config;
  posts?: PostSource;
  log?: Logger;
  /** Shared state across instances; by default opened from REDIS_URL when it is set (tests pass their own). */
  store?: SharedStore;
  random?: () => number;
  /**
   * Fetch the catalog's listings in the background once the first request is
   * answered (or a second after start without one). Off unless asked: the
   * deployed entry point (src/index.ts) asks; tests, chat and demo do not, so
   * they make no Reddit requests of their own and exit promptly.
   */
  warmUp?: boolean;
  /** The moderation judge; by default one for MODERATION=google (tests pass their own, with their clock). */
  judge?: PostJudge;
}

/**
 * MODERATION=google: a judge whose REST module (and google-auth-library behind it) is required only
 * when the first post is judged, so MODERATION=off never loads it. At CONTENT_FILTER=off it would refuse nothing: no judge.
 */
function createJudge(config: Config, log: Logger, store: SharedStore | undefined): PostJudge | undefined {
  if (config.moderation !== 'google' || config.contentFilter === 'off') return undefined;
  const endpoint = config.moderationEndpoint;
  return new ModerationJudge({
    log,
    shared: store ? new SharedVerdicts(store) : undefined,
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when MODERATION=google (cold start)
    moderator: async () => (require('./moderation/google') as typeof import('./moderation/google')).createGoogleModerator({ endpoint }),
  });
}

/** Wires config, logger and the cached Reddit client into the HTTP function. */
export function createApp(options: AppOptions = {}): (req: Request, res: Response) => Promise<void> {
  const config = options.config ?? loadConfig();
  const log = options.log ?? jsonLogger(config.logLevel);
  const store = options.store ?? (config.redisUrl ? openSharedStore(config.redisUrl, log) : undefined);
  const posts = options.posts ?? createRedditSource(config, log, store);
  const judge = options.judge ?? createJudge(config, log, store);
  const handler = createWebhookHandler({ config, posts, log, random: options.random, judge });
  if (!options.warmUp) return handler;
  const answered = warmUpAfterFirstAnswer(posts, CATALOG, log, undefined, { level: config.contentFilter, judge, allowNsfw: config.allowNsfw });
  // Only the first answer is watched; after it, requests go straight to the handler.
  let serve = async (req: Request, res: Response): Promise<void> => {
    // The content filter is built in the next turn of the event loop: after a first welcome is
    // answered (before the first joke needs it), or while a first joke waits for Reddit (a token,
    // then a listing), rather than after Reddit has answered, on the user's time.
    setImmediate(() => preloadContentFilter(config.contentFilter)).unref();
    try {
      await handler(req, res);
    } finally {
      serve = handler;
      answered();
    }
  };
  // Same front-door checks as the handler (its preflight travels with it as a property).
  return Object.assign((req: Request, res: Response) => serve(req, res), handler);
}
