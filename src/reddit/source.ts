import type { Config } from '../config';
import type { Logger } from '../log';
import { redditAccess } from './access';
import { CachedPostSource } from './cache';
import { RedditClient, type PostSource } from './client';
import { HostCooldown } from './cooldown';
import { FilePostSource, MergedPostSource, NO_REDDIT } from './file-source';
import { SharedBudget } from './shared/budget';
import { SharedListingSource } from './shared/listings';
import type { SharedStore } from './shared/store';
import { SharedTokens } from './shared/tokens';

/** With a shared store, each instance keeps its own copy of a listing this long, so warm answers need no round trip. */
export const LOCAL_COPY_SECONDS = 5;

type SourceConfig = Pick<Config, 'reddit' | 'cacheTtlSeconds' | 'redditQpm' | 'posts'>;

/**
 * The production PostSource. Without credentials on reddit.com, Reddit is never
 * called: POSTS_FILE's posts, or none (the intents then tell the collection).
 * Otherwise Reddit's posts, with POSTS_FILE's merged in when it is set.
 */
export function createRedditSource(config: SourceConfig, log: Logger, store?: SharedStore): PostSource {
  const file = config.posts ? new FilePostSource(config.posts) : undefined;
  if (redditAccess(config.reddit).kind === 'none') return file ?? NO_REDDIT;
  const reddit = createLiveSource(config, log, store);
  return file ? new MergedPostSource(reddit, file) : reddit;
}

/**
 * Reddit itself: the cache (single flight, stale-on-error) in front of the polite client.
 * With a shared store (REDIS_URL) all instances share the listings, the Reddit budget, the
 * cool-down and the app token; the per-instance cache in front then only holds copies for a few seconds.
 */
function createLiveSource(config: SourceConfig, log: Logger, store?: SharedStore): PostSource {
  if (!store) {
    return new CachedPostSource(new RedditClient(config, { log }), { ttlSeconds: config.cacheTtlSeconds, log });
  }
  // The budget needs the cool-down and the cool-down tells the budget: tie them with a late binding.
  let budget: SharedBudget | undefined;
  const cooldown = new HostCooldown(Date.now, (host, endsAt) => budget?.share(host, endsAt));
  budget = new SharedBudget(store, cooldown, config.redditQpm);
  const { clientId } = config.reddit;
  const client = new RedditClient(config, {
    log,
    cooldown,
    gate: budget,
    sharedTokens: clientId ? new SharedTokens(store, clientId) : undefined,
  });
  const shared = new SharedListingSource(client, store, { ttlSeconds: config.cacheTtlSeconds });
  return new CachedPostSource(shared, { ttlSeconds: Math.min(LOCAL_COPY_SECONDS, config.cacheTtlSeconds), log });
}
