import { LRUCache } from 'lru-cache';
import type { Deadline } from '../deadline';
import { silentLogger, type Logger } from '../log';
import { raceTimeout } from '../timeout';
import { listingPath, RENDER_RESERVE_MS, type CacheOutcome, type FetchObserver, type ListingQuery, type PostSource } from './client';
import { classifyFailure, RedditError } from './errors';
import type { Post } from './listing';

/** Listings kept at most; topics are user input, so keys are unbounded without a cap. */
export const MAX_LISTINGS = 500;
/** Rough cap on cached text (characters), so a few huge listings cannot eat the instance's memory. */
export const MAX_CACHED_CHARS = 8_000_000;
/** Per-post overhead counted on top of its text (ids, flags, permalink). */
const POST_OVERHEAD_CHARS = 200;

/** One key per distinct upstream request: subreddit, sort, window, topic (case-insensitive, like Reddit). */
export function listingKey(query: ListingQuery): string {
  const { path, params } = listingPath(query);
  const search = Object.entries(params)
    // Plain code-unit order: the names are ASCII, and the first localeCompare loads ICU collation (~7 ms on a cold instance).
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${String(value)}`)
    .join('&');
  return `${path}?${search}`.toLowerCase();
}

/** For info-level lines: which listing, without the search words (user text stays out of info logs). */
export function listingLabel(query: ListingQuery): { subreddit: string; search: boolean } {
  return { subreddit: query.subreddit, search: Boolean(query.topic) };
}

export function listingSize(posts: readonly Post[]): number {
  return 1 + posts.reduce((sum, post) => sum + post.title.length + post.selftext.length + POST_OVERHEAD_CHARS, 0);
}

interface FetchContext {
  query: ListingQuery;
  deadline: Deadline;
  /** The observer of the caller whose miss started the upstream request: it gets the upstream time. */
  observe?: FetchObserver;
}

/**
 * lru-cache's fetch status → what the request log calls it. Joining another
 * caller's request in flight is a miss too: this caller waited for Reddit.
 */
export function cacheOutcome(status: { fetch?: string; returnedStale?: boolean }): CacheOutcome {
  if (status.returnedStale || status.fetch === 'stale') return 'stale';
  return status.fetch === 'hit' ? 'hit' : 'miss';
}

export interface CacheOptions {
  ttlSeconds: number;
  log?: Logger;
  maxListings?: number;
  maxChars?: number;
  /** Clock for TTLs (tests); defaults to lru-cache's performance.now(). */
  now?: () => number;
}

/**
 * A PostSource in front of another one (the Reddit client):
 * - fresh for `ttlSeconds`; after that the stale copy is served at once while
 *   one background request refreshes it (stale-while-revalidate);
 * - concurrent misses for one key share a single upstream request;
 * - when the upstream fails, the stale copy is kept and served;
 * - bounded by entry count and total text size (least recently used go first).
 * Every caller still waits no longer than its own deadline.
 */
export class CachedPostSource implements PostSource {
  private readonly cache: LRUCache<string, Post[], FetchContext>;
  private readonly log: Logger;

  constructor(upstream: PostSource, options: CacheOptions) {
    this.log = options.log ?? silentLogger;
    this.cache = new LRUCache<string, Post[], FetchContext>({
      max: options.maxListings ?? MAX_LISTINGS,
      maxSize: options.maxChars ?? MAX_CACHED_CHARS,
      sizeCalculation: listingSize,
      // lru-cache reads ttl 0 as "forever"; CACHE_TTL_SECONDS=0 means "always refresh", so use 1 ms.
      ttl: Math.max(1, options.ttlSeconds * 1000),
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
      allowStale: true,
      allowStaleOnFetchRejection: true,
      noDeleteOnFetchRejection: true,
      fetchMethod: (_key, _stale, { context }) => upstream.fetchPosts(context.query, context.deadline, context.observe),
    });
  }

  async fetchPosts(query: ListingQuery, deadline: Deadline, observe?: FetchObserver): Promise<Post[]> {
    const key = listingKey(query);
    // A fresh copy is the hot path of a warm instance: it needs neither the fetch machinery nor a
    // race against the deadline (functions-framework runs each request in a domain, which makes
    // every promise and timer of that path cost several times more).
    if (this.cache.has(key)) {
      const fresh = this.cache.get(key);
      if (fresh) {
        observe?.({ cache: 'hit' });
        return fresh;
      }
    }
    const status: LRUCache.Status<string, Post[], FetchContext> = {};
    const pending = this.cache.fetch(key, { context: { query, deadline, observe }, status });
    const result = await untilBudget(pending, deadline.budgetFor(RENDER_RESERVE_MS));
    if (result.kind === 'late') {
      // Only a cold request can be late: with a stale copy, fetch resolves with it at once (allowStale),
      // before any timer. So there is nothing to serve; give up on the request for this caller only.
      this.log.info(listingLabel(query), 'reddit listing not ready in time');
      observe?.({ cache: 'miss' });
      throw new RedditError('timeout', 'Reddit did not answer in time');
    }
    observe?.({ cache: cacheOutcome(status) });
    if (result.kind === 'failed') throw classifyFailure(result.error);
    const posts = result.value;
    if (status.fetchRejected && status.returnedStale) {
      this.log.info({ ...listingLabel(query), reason: classifyFailure(status.fetchError).reason }, 'serving stale listing after reddit failure');
    } else {
      this.log.debug({ key, cache: status.fetch, stale: status.returnedStale ?? false }, 'reddit listing');
    }
    // allowStaleOnFetchRejection resolves a cold failure with undefined; the error is in status.
    if (!posts) throw classifyFailure(status.fetchError ?? new RedditError('network', 'Reddit gave no listing'));
    return posts;
  }

  /** For warm-up and diagnostics: is there a fresh copy of this listing? */
  isFresh(query: ListingQuery): boolean {
    return this.cache.has(listingKey(query));
  }
}

type Outcome<T> = { kind: 'late' } | { kind: 'done'; value: T } | { kind: 'failed'; error: unknown };

function untilBudget<T>(work: Promise<T>, budgetMs: number): Promise<Outcome<T>> {
  const settled = work.then(
    (value): Outcome<T> => ({ kind: 'done', value }),
    (error: unknown): Outcome<T> => ({ kind: 'failed', error }),
  );
  return raceTimeout(settled, Math.max(0, budgetMs), (): Outcome<T> => ({ kind: 'late' }));
}
