import { Deadline } from '../../src/deadline';
import { listingKey } from '../../src/reddit/cache';
import type { ListingQuery, PostSource } from '../../src/reddit/client';
import { HostCooldown } from '../../src/reddit/cooldown';
import { RedditError } from '../../src/reddit/errors';
import { PostSchema, type Post } from '../../src/reddit/listing';
import { SharedBudget } from '../../src/reddit/shared/budget';
import { GuardedStore, StoreUnavailable } from '../../src/reddit/shared/guard';
import { SharedListingSource } from '../../src/reddit/shared/listings';
import { MemoryStore, type SharedStore } from '../../src/reddit/shared/store';
import { SharedTokens, type HeldToken } from '../../src/reddit/shared/tokens';
import { redditPost } from '../support/reddit';
import { memoryLogger } from '../support/shared-webhooks';

/**
 * Limits, key names, messages and clean-up of the shared pieces, on the memory store with a fake
 * clock. Key names are a contract between instances (and versions): they are spelled out here.
 */

const HOST = 'oauth.reddit.com';
const JOKES: ListingQuery = { subreddit: 'Jokes' };
const post = (id: string): Post => PostSchema.parse(redditPost({ id }));

/** A fake clock and a memory store that uses it. */
function clocked(start: number) {
  const clock = { now: start };
  const now = () => clock.now;
  return { clock, now, store: new MemoryStore(now) };
}

/** A store whose every call fails (Redis refusing), behind nothing. */
function failingStore(message = 'ECONNREFUSED'): SharedStore {
  const fail = async (): Promise<never> => {
    throw new Error(message);
  };
  return { get: fail, set: fail, claim: fail, release: fail, increment: fail, close: async () => undefined };
}

/** MemoryStore that also keeps a list of the writes it was asked for. */
function recordingStore(now: () => number): MemoryStore & { sets: string[] } {
  const store = Object.assign(new MemoryStore(now), { sets: [] as string[] });
  const set = store.set.bind(store);
  store.set = (key, value, ttlMs) => {
    store.sets.push(`${key}=${value}/${ttlMs}`);
    return set(key, value, ttlMs);
  };
  return store;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedBudget (mutants)', () => {
  const W = 60_000;

  it('adopts a stored cool-down only while it lasts, as shared (not passed on again), with a clear message', async () => {
    const { clock, now, store } = clocked(100 * W + 10_000);
    const passedOn: string[] = [];
    const cool = new HostCooldown(now, (host, endsAt) => passedOn.push(`${host}@${endsAt}`));
    const budget = new SharedBudget(store, cool, 60, now);
    await store.set('rdw:cooldown:oauth.reddit.com', String(clock.now + 1), 60_000);
    const error = await budget.admit(HOST).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RedditError);
    expect(error).toMatchObject({ reason: 'rate-limited', status: 429, message: 'Another instance was told to slow down' });
    expect(cool.remainingMs(HOST)).toBe(1);
    expect(passedOn).toEqual([]);
    clock.now += 1; // the stored cool-down ends now: requests go out again
    await expect(budget.admit(HOST)).resolves.toBeUndefined();
  });

  it('counts in rdw:budget:<minute>, kept 65 s from its first request; a used-up minute is not passed on', async () => {
    const { clock, now, store } = clocked(100 * W);
    const budget = new SharedBudget(store, new HostCooldown(now), 1, now);
    await budget.admit(HOST);
    expect(await store.get('rdw:budget:100')).toBe('1');
    // Another instance in the same minute, 59.999 s later: the counter is still there, the budget used up.
    clock.now += 59_999;
    const passedOn: string[] = [];
    const cool = new HostCooldown(now, (host, endsAt) => passedOn.push(`${host}@${endsAt}`));
    const other = new SharedBudget(store, cool, 1, now);
    await expect(other.admit(HOST)).rejects.toMatchObject({
      reason: 'rate-limited',
      status: 429,
      message: 'Shared Reddit budget of 1 requests a minute used up',
    });
    expect(cool.remainingMs(HOST)).toBe(1); // until the next minute
    expect(passedOn).toEqual([]);
    expect(await store.get('rdw:budget:100')).toBe('2');
    clock.now = 100 * W + 64_999;
    expect(await store.get('rdw:budget:100')).toBe('2');
    clock.now = 100 * W + 65_000;
    expect(await store.get('rdw:budget:100')).toBeUndefined();
  });

  it('share() stores rdw:cooldown:<host> until the cool-down ends, and nothing for one already over', async () => {
    const { clock, now } = clocked(1_000_000);
    const store = recordingStore(now);
    const budget = new SharedBudget(store, new HostCooldown(now), 60, now);
    budget.share(HOST, clock.now);
    budget.share(HOST, clock.now - 1);
    await tick();
    expect(store.sets).toEqual([]);
    budget.share(HOST, clock.now + 30_000);
    await tick();
    expect(store.sets).toEqual(['rdw:cooldown:oauth.reddit.com=1030000/30000']);
    clock.now += 29_999;
    expect(await store.get('rdw:cooldown:oauth.reddit.com')).toBe('1030000');
    clock.now += 1;
    expect(await store.get('rdw:cooldown:oauth.reddit.com')).toBeUndefined();
  });
});
