import type { Config } from '../config';
import type { Logger } from '../log';
import { CachedPostSource } from './cache';
import { RedditClient, type PostSource } from './client';

/** The production PostSource: the cache (single flight, stale-on-error) in front of the polite client. */
export function createRedditSource(config: Pick<Config, 'reddit' | 'cacheTtlSeconds'>, log: Logger): PostSource {
  return new CachedPostSource(new RedditClient(config, { log }), { ttlSeconds: config.cacheTtlSeconds, log });
}
