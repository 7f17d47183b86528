import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import * as z from 'zod';
import type { Deadline } from '../../deadline';
import { listingKey, listingSize, MAX_CACHED_CHARS, MAX_LISTINGS } from '../cache';
import { RENDER_RESERVE_MS, type FetchObserver, type ListingQuery, type PostSource } from '../client';
import { sleep as realSleep } from '../../sleep';
import { REDDIT_FAILURES, RedditError } from '../errors';
import { PostSchema, type Post } from '../listing';
import { StoreUnavailable } from './guard';
import { KEY_PREFIX, type SharedStore } from './store';

/** Expired listings stay in the store this long, for stale-while-revalidate and stale-on-error. */
export const STALE_KEEP_MS = 24 * 60 * 60_000;
/** How often an instance waiting for another one's fetch looks for its result. */
export const WAIT_POLL_MS = 20;

/**
 * A cold fetch that failed is shared this long: the instances waiting on it, and those asking
 * just after, answer from their fallback at once instead of each asking a failing Reddit in turn.
 * Short, so that a Reddit that is back is asked again soon.
 */
export const FAILURE_SHARE_MS = 5_000;

const FailureSchema = z.object({
  reason: z.enum(REDDIT_FAILURES),
  message: z.string(),
  status: z.number().optional(),
});

const EntrySchema = z.object({ fetchedAt: z.number(), posts: z.array(PostSchema) });
type Entry = z.infer<typeof EntrySchema>;

export interface SharedListingOptions {
  ttlSeconds: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Listings shared by every instance: one Reddit fetch per listing and TTL,
 * whatever the number of instances. On a miss one instance takes the
 * listing's lock and fetches; the others serve the stale copy when there is
 * one, else wait for the result (never past their deadline). When the store
 * is unavailable it is the per-instance path of old: a fresh copy this
 * instance saw, else Reddit, else the last copy it saw.
 */
export class SharedListingSource implements PostSource {
  /** Copies this instance read or wrote, for when the store is away. */
  private readonly seen = new LRUCache<string, Entry>({
    max: MAX_LISTINGS,
    maxSize: MAX_CACHED_CHARS,
    sizeCalculation: (entry) => listingSize(entry.posts),
  });
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly upstream: PostSource,
    private readonly store: SharedStore,
    options: SharedListingOptions,
  ) {
    this.ttlMs = Math.max(1, options.ttlSeconds * 1000);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  async fetchPosts(query: ListingQuery, deadline: Deadline, observe?: FetchObserver): Promise<Post[]> {
    const key = listingKey(query);
    try {
      return await this.shared(key, query, deadline, observe);
    } catch (error) {
      if (!(error instanceof StoreUnavailable)) throw error;
      return this.alone(key, query, deadline, observe);
    }
  }

  private fresh(entry: Entry): boolean {
    return this.now() - entry.fetchedAt < this.ttlMs;
  }

  private async read(key: string): Promise<Entry | undefined> {
    const raw = await this.store.get(`${KEY_PREFIX}listing:${key}`);
    if (raw === undefined) return undefined;
    let parsed;
    try {
      parsed = EntrySchema.safeParse(JSON.parse(raw));
    } catch {
      return undefined; // not ours or truncated: a miss
    }
    if (!parsed.success) return undefined;
    this.seen.set(key, parsed.data);
    return parsed.data;
  }

  /** Throws the failure another instance shared for this listing, if there is one. */
  private async throwSharedFailure(key: string): Promise<void> {
    const raw = await this.store.get(`${KEY_PREFIX}failed:${key}`);
    if (raw === undefined) return;
    let parsed;
    try {
      parsed = FailureSchema.safeParse(JSON.parse(raw));
    } catch {
      return; // not ours: no failure
    }
    if (parsed.success) throw new RedditError(parsed.data.reason, parsed.data.message, parsed.data.status);
  }

  private async shared(key: string, query: ListingQuery, deadline: Deadline, observe?: FetchObserver): Promise<Post[]> {
    const lock = `${KEY_PREFIX}lock:${key}`;
    const owner = randomUUID();
    let entry = await this.read(key);
    for (;;) {
      if (entry && this.fresh(entry)) return entry.posts;
      // Nothing to serve: a failure another instance just had is this one's too (a stale copy is served instead).
      if (!entry) await this.throwSharedFailure(key);
      const budget = deadline.budgetFor(RENDER_RESERVE_MS);
      if (budget <= 0) {
        if (entry) return entry.posts;
        throw new RedditError('timeout', 'Reddit did not answer in time');
      }
      // The lock lives as long as this caller may wait for Reddit, so a crashed holder frees it by itself.
      if (await this.store.claim(lock, owner, budget + WAIT_POLL_MS)) {
        return this.fetchAndShare(key, lock, owner, entry, query, deadline, observe);
      }
      // Another instance is fetching: serve the stale copy, or wait for its result.
      if (entry) return entry.posts;
      await this.sleep(Math.min(WAIT_POLL_MS, budget));
      entry = await this.read(key);
    }
  }

  private async fetchAndShare(
    key: string,
    lock: string,
    owner: string,
    stale: Entry | undefined,
    query: ListingQuery,
    deadline: Deadline,
    observe?: FetchObserver,
  ): Promise<Post[]> {
    try {
      // Someone may have finished between our read and our claim.
      const latest = await this.read(key);
      if (latest && this.fresh(latest)) return latest.posts;
      let posts: Post[];
      try {
        posts = await this.upstream.fetchPosts(query, deadline, observe);
      } catch (error) {
        if (stale) return stale.posts; // stale-on-error, for every instance alike
        if (error instanceof RedditError) {
          const failure = JSON.stringify({ reason: error.reason, message: error.message, status: error.status });
          await this.store.set(`${KEY_PREFIX}failed:${key}`, failure, FAILURE_SHARE_MS).catch(() => undefined);
        }
        throw error;
      }
      const entry: Entry = { fetchedAt: this.now(), posts };
      this.seen.set(key, entry);
      await this.store.set(`${KEY_PREFIX}listing:${key}`, JSON.stringify(entry), this.ttlMs + STALE_KEEP_MS).catch(() => undefined);
      return posts;
    } finally {
      await this.store.release(lock, owner).catch(() => undefined);
    }
  }

  /** The store is away: this instance on its own, as without REDIS_URL. */
  private async alone(key: string, query: ListingQuery, deadline: Deadline, observe?: FetchObserver): Promise<Post[]> {
    const known = this.seen.get(key);
    if (known && this.fresh(known)) return known.posts;
    try {
      const posts = await this.upstream.fetchPosts(query, deadline, observe);
      this.seen.set(key, { fetchedAt: this.now(), posts });
      return posts;
    } catch (error) {
      if (known) return known.posts;
      throw error;
    }
  }
}
