import { Deadline } from '../../src/deadline';
import { listingKey } from '../../src/reddit/cache';
import type { ListingQuery, PostSource } from '../../src/reddit/client';
import { HostCooldown } from '../../src/reddit/cooldown';
import { RedditError } from '../../src/reddit/errors';
import type { Post } from '../../src/reddit/listing';
import { BUDGET_WINDOW_MS, SharedBudget, slidingWaitMs } from '../../src/reddit/shared/budget';
import { GuardedStore, StoreUnavailable } from '../../src/reddit/shared/guard';
import { FAILURE_SHARE_MS, SharedListingSource } from '../../src/reddit/shared/listings';
import { MemoryStore, type SharedStore } from '../../src/reddit/shared/store';
import { memoryLogger } from '../support/shared-webhooks';

/** The shared pieces on the memory store, with a fake clock: no Redis, no timing. */

const post = (id: string): Post => ({
  id,
  name: `t3_${id}`,
  title: `Title ${id}`,
  selftext: '',
  permalink: `/r/Jokes/comments/${id}/`,
  url: '',
  author: 'a',
  subreddit: 'Jokes',
  over_18: false,
  stickied: false,
  spoiler: false,
  is_self: true,
  locked: false,
  score: 1,
  removed_by_category: null,
  post_hint: null,
});

/** Reddit stand-in: counts calls, answers `posts` or throws `failure`. */
function upstream(answer: () => Post[] = () => [post('p1')]): PostSource & { calls: number } {
  const source = {
    calls: 0,
    async fetchPosts() {
      source.calls += 1;
      return answer();
    },
  };
  return source;
}

/** A store that never answers, or fails, on demand; counts what reaches it. */
function troubledStore(mode: { hang: boolean; fail: boolean }): SharedStore & { calls: number } {
  const inner = new MemoryStore();
  const store = {
    calls: 0,
    async get(key: string) {
      store.calls += 1;
      if (mode.hang) return new Promise<string | undefined>(() => undefined);
      if (mode.fail) throw new Error('ECONNREFUSED');
      return inner.get(key);
    },
    set: (key: string, value: string, ttl: number) => inner.set(key, value, ttl),
    claim: (key: string, value: string, ttl: number) => inner.claim(key, value, ttl),
    release: (key: string, value: string) => inner.release(key, value),
    increment: (key: string, ttl: number) => inner.increment(key, ttl),
    close: () => inner.close(),
  };
  return store;
}

const JOKES: ListingQuery = { subreddit: 'Jokes' };
const CATS: ListingQuery = { subreddit: 'Jokes', topic: 'cats' };

describe('GuardedStore', () => {
  it('passes answers through while the store is healthy', async () => {
    const log = memoryLogger();
    const guarded = new GuardedStore(troubledStore({ hang: false, fail: false }), { log });
    await guarded.set('k', 'v', 1000);
    expect(await guarded.get('k')).toBe('v');
    expect(log.lines).toEqual([]);
  });

  it('gives up on a silent store after callMs; degrades (one line) only once calls have failed for degradeAfterMs', async () => {
    let now = 1_000_000;
    const log = memoryLogger();
    const store = troubledStore({ hang: true, fail: false });
    const guarded = new GuardedStore(store, { log, callMs: 30, probeMs: 1000, degradeAfterMs: 200, now: () => now });
    const started = performance.now();
    await expect(guarded.get('k')).rejects.toBeInstanceOf(StoreUnavailable);
    expect(performance.now() - started).toBeLessThan(1000);
    now += 199; // failing for just under degradeAfterMs: still asked, not degraded
    await expect(guarded.get('k')).rejects.toBeInstanceOf(StoreUnavailable);
    expect([store.calls, guarded.degraded, log.lines.length]).toEqual([2, false, 0]);
    now += 1; // failing for degradeAfterMs: degraded
    await expect(guarded.get('k')).rejects.toBeInstanceOf(StoreUnavailable);
    expect([store.calls, guarded.degraded]).toEqual([3, true]);
    now += 999; // just inside the probe interval: not asked
    await expect(guarded.get('k')).rejects.toBeInstanceOf(StoreUnavailable);
    expect(store.calls).toBe(3);
    now += 1; // the interval is over: one probe
    await expect(guarded.get('k')).rejects.toBeInstanceOf(StoreUnavailable);
    expect(store.calls).toBe(4);
    expect(log.count(/^redis unavailable/)).toBe(1);
    expect(log.count(/^redis is back/)).toBe(0);
  });

  it('a success between failures starts the count again', async () => {
    let now = 1_000_000;
    const mode = { hang: false, fail: true };
    const guarded = new GuardedStore(troubledStore(mode), { log: memoryLogger(), degradeAfterMs: 200, now: () => now });
    await expect(guarded.get('k')).rejects.toBeInstanceOf(StoreUnavailable);
    now += 150;
    mode.fail = false;
    await guarded.get('k');
    mode.fail = true;
    now += 150;
    await expect(guarded.get('k')).rejects.toBeInstanceOf(StoreUnavailable);
    expect(guarded.degraded).toBe(false);
  });

  it('degrades on a store that fails every other call: the third failure in the window, half the calls, the first degradeAfterMs old', async () => {
    let now = 1_000_000;
    const mode = { hang: false, fail: true };
    const log = memoryLogger();
    const guarded = new GuardedStore(troubledStore(mode), { log, degradeAfterMs: 200, now: () => now });
    const call = async (fail: boolean) => {
      mode.fail = fail;
      await guarded.get('k').catch(() => undefined);
      now += 100;
    };
    for (const fail of [true, false, true, false]) await call(fail);
    expect(guarded.degraded).toBe(false); // two failures only
    await call(true); // the third: 3 of 5 calls, the first 400 ms old
    expect(guarded.degraded).toBe(true);
    expect(log.count(/^redis unavailable/)).toBe(1);
  });

  it('does not degrade on failures under half the calls, nor on a burst at one moment', async () => {
    let now = 1_000_000;
    const mode = { hang: false, fail: true };
    const sometimes = new GuardedStore(troubledStore(mode), { log: memoryLogger(), degradeAfterMs: 200, now: () => now });
    // 3 failures among 7 calls over 600 ms: under half
    for (const fail of [true, false, false, true, false, false, true]) {
      mode.fail = fail;
      await sometimes.get('k').catch(() => undefined);
      now += 100;
    }
    expect(sometimes.degraded).toBe(false);
    // 4 failures among 7: half or more
    mode.fail = true;
    await sometimes.get('k').catch(() => undefined);
    expect(sometimes.degraded).toBe(true);

    const burst = new GuardedStore(troubledStore({ hang: false, fail: true }), { log: memoryLogger(), degradeAfterMs: 200, now: () => now });
    for (let i = 0; i < 10; i++) await burst.get('k').catch(() => undefined);
    expect(burst.degraded).toBe(false); // one stall failing every call in flight at once
  });

  it('forgets outcomes older than the window: old failures do not add up with new ones', async () => {
    let now = 1_000_000;
    const mode = { hang: false, fail: true };
    const guarded = new GuardedStore(troubledStore(mode), { log: memoryLogger(), degradeAfterMs: 200, now: () => now });
    const call = async (fail: boolean, after: number) => {
      mode.fail = fail;
      await guarded.get('k').catch(() => undefined);
      now += after;
    };
    await call(true, 100);
    await call(false, 100);
    await call(true, 100);
    await call(false, 2_001); // the first failure is now more than 2 s old
    await call(true, 0);
    expect(guarded.degraded).toBe(false);
  });

  it("releases a lock that Redis grants after the caller gave up on the claim, and never someone else's", async () => {
    const inner = new MemoryStore();
    const late: Array<() => void> = [];
    const slowClaims: SharedStore = {
      ...troubledStore({ hang: false, fail: false }),
      claim: (key, value, ttl) => new Promise<boolean>((resolve) => late.push(() => void inner.claim(key, value, ttl).then(resolve))),
      release: (key, value) => inner.release(key, value),
    };
    const guarded = new GuardedStore(slowClaims, { log: memoryLogger(), callMs: 5 });
    await expect(guarded.claim('lock', 'mine', 60_000)).rejects.toBeInstanceOf(StoreUnavailable);
    late[0]?.(); // Redis applies the claim after the cut-off
    for (let i = 0; i < 10 && (await inner.get('lock')) !== undefined; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(await inner.get('lock')).toBeUndefined();

    await inner.claim('taken', 'theirs', 60_000);
    await expect(guarded.claim('taken', 'mine', 60_000)).rejects.toBeInstanceOf(StoreUnavailable);
    late[1]?.(); // the late reply says no: the lock is another holder's and stays
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(await inner.get('taken')).toBe('theirs');
  });

  it('logs one line when a probe finds the store back', async () => {
    let now = 1_000_000;
    const mode = { hang: false, fail: true };
    const log = memoryLogger();
    const guarded = new GuardedStore(troubledStore(mode), { log, probeMs: 1000, degradeAfterMs: 200, now: () => now });
    await expect(guarded.get('k')).rejects.toBeInstanceOf(StoreUnavailable);
    now += 200;
    await expect(guarded.get('k')).rejects.toBeInstanceOf(StoreUnavailable);
    mode.fail = false;
    now += 2500;
    expect(await guarded.get('k')).toBeUndefined();
    expect(await guarded.get('k')).toBeUndefined();
    expect(log.count(/^redis unavailable/)).toBe(1);
    expect(log.count(/^redis is back/)).toBe(1);
    expect(log.lines.find((line) => /^redis is back/.test(line.message))?.fields.downMs).toBe(2500);
  });

  it('skips the store quietly while its first connection is still being made', async () => {
    const log = memoryLogger();
    const store = Object.assign(new MemoryStore(), { connecting: () => new Promise<void>(() => undefined) });
    const guarded = new GuardedStore(store, { log, firstConnectionWaitMs: 20 });
    await expect(guarded.get('k')).rejects.toBeInstanceOf(StoreUnavailable);
    expect(log.lines).toEqual([]);
    expect(guarded.degraded).toBe(false);
  });
});

describe('SharedBudget', () => {
  const HOST = 'oauth.reddit.com';
  const start = 100 * BUDGET_WINDOW_MS + 10_000;

  it('lets exactly qpm requests out per minute across instances, then cools every caller down until the next minute', async () => {
    const now = start;
    const store = new MemoryStore(() => now);
    const coolA = new HostCooldown(() => now);
    const a = new SharedBudget(store, coolA, 3, () => now);
    const b = new SharedBudget(store, new HostCooldown(() => now), 3, () => now);
    await a.admit(HOST);
    await b.admit(HOST);
    await a.admit(HOST);
    await expect(a.admit(HOST)).rejects.toMatchObject({ reason: 'rate-limited' });
    expect(coolA.remainingMs(HOST)).toBe(50_000);
  });

  it('a sliding minute: the budget used at the end of one minute still counts at the start of the next', async () => {
    let now = 101 * BUDGET_WINDOW_MS - 1; // the last moment of minute 100
    const store = new MemoryStore(() => now);
    const budget = () => new SharedBudget(store, new HostCooldown(() => now), 3, () => now);
    for (let i = 0; i < 3; i++) await budget().admit(HOST);
    // A fixed window would let three more out now. Minute 100's three weigh 3 × (1 − 0/60) + 1 > 3:
    // refused until 3 × (1 − t/60 s) + 1 ≤ 3, at t = 20 s.
    now = 101 * BUDGET_WINDOW_MS;
    const cool = new HostCooldown(() => now);
    await expect(new SharedBudget(store, cool, 3, () => now).admit(HOST)).rejects.toMatchObject({ reason: 'rate-limited' });
    expect(cool.remainingMs(HOST)).toBe(20_000);
    now = 101 * BUDGET_WINDOW_MS + 19_999;
    await expect(budget().admit(HOST)).rejects.toMatchObject({ reason: 'rate-limited' });
    now = 101 * BUDGET_WINDOW_MS + 20_000;
    await expect(budget().admit(HOST)).resolves.toBeUndefined();
    await expect(budget().admit(HOST)).rejects.toMatchObject({ reason: 'rate-limited' }); // 3 × 2/3 + 2 > 3
    expect(await store.get('rdw:budget:101')).toBe('1'); // the refused ones were not counted
  });

  it('a cool-down one instance starts (Reddit said 429) keeps the others away too', async () => {
    let now = start;
    const store = new MemoryStore(() => now);
    let budgetA: SharedBudget | undefined;
    const coolA = new HostCooldown(() => now, (host, endsAt) => budgetA?.share(host, endsAt));
    budgetA = new SharedBudget(store, coolA, 60, () => now);
    const coolB = new HostCooldown(() => now);
    const budgetB = new SharedBudget(store, coolB, 60, () => now);
    coolA.start(HOST, 30_000);
    await new Promise((resolve) => setImmediate(resolve));
    await expect(budgetB.admit(HOST)).rejects.toBeInstanceOf(RedditError);
    expect(coolB.remainingMs(HOST)).toBe(30_000);
    now += 30_000;
    await expect(budgetB.admit(HOST)).resolves.toBeUndefined();
  });

  it('lets requests out when the store is unavailable (each instance on its own)', async () => {
    const store = new GuardedStore(troubledStore({ hang: false, fail: true }), { log: memoryLogger() });
    await expect(new SharedBudget(store, new HostCooldown(), 1).admit(HOST)).resolves.toBeUndefined();
  });
});

describe('SharedListingSource', () => {
  const TTL_S = 60;

  it('fresh for exactly the TTL: one fetch for two instances, a new one once it expires', async () => {
    let now = 5_000_000;
    const store = new MemoryStore(() => now);
    const reddit = upstream();
    const a = new SharedListingSource(reddit, store, { ttlSeconds: TTL_S, now: () => now });
    const b = new SharedListingSource(reddit, store, { ttlSeconds: TTL_S, now: () => now });
    await a.fetchPosts(JOKES, new Deadline(1000));
    now += TTL_S * 1000 - 1;
    await b.fetchPosts(JOKES, new Deadline(1000));
    expect(reddit.calls).toBe(1);
    now += 1;
    await b.fetchPosts(JOKES, new Deadline(1000));
    expect(reddit.calls).toBe(2);
  });

  it('serves the stale copy while another instance holds the refresh', async () => {
    let now = 5_000_000;
    const store = new MemoryStore(() => now);
    const reddit = upstream();
    const a = new SharedListingSource(reddit, store, { ttlSeconds: TTL_S, now: () => now });
    await a.fetchPosts(JOKES, new Deadline(1000));
    now += TTL_S * 1000;
    await store.claim(`rdw:lock:${listingKey(JOKES)}`, 'other', 60_000);
    const posts = await a.fetchPosts(JOKES, new Deadline(1000));
    expect(posts.map((p) => p.id)).toEqual(['p1']);
    expect(reddit.calls).toBe(1);
  });

  it('stale-on-error for every instance; a cold failure is the error', async () => {
    let now = 5_000_000;
    let fail = false;
    const store = new MemoryStore(() => now);
    const reddit = upstream(() => {
      if (fail) throw new RedditError('upstream', 'Reddit answered 503', 503);
      return [post('p1')];
    });
    const a = new SharedListingSource(reddit, store, { ttlSeconds: TTL_S, now: () => now });
    const b = new SharedListingSource(reddit, store, { ttlSeconds: TTL_S, now: () => now });
    await a.fetchPosts(JOKES, new Deadline(1000));
    now += TTL_S * 1000;
    fail = true;
    expect((await b.fetchPosts(JOKES, new Deadline(1000))).map((p) => p.id)).toEqual(['p1']);
    await expect(b.fetchPosts({ subreddit: 'todayilearned' }, new Deadline(1000))).rejects.toMatchObject({ reason: 'upstream' });
  });

  it('shares a cold failure for FAILURE_SHARE_MS: the next instance does not ask Reddit in turn', async () => {
    let now = 5_000_000;
    const store = new MemoryStore(() => now);
    const reddit = upstream(() => {
      throw new RedditError('upstream', 'Reddit answered 503', 503);
    });
    const a = new SharedListingSource(reddit, store, { ttlSeconds: TTL_S, now: () => now });
    const b = new SharedListingSource(reddit, store, { ttlSeconds: TTL_S, now: () => now });
    await expect(a.fetchPosts(JOKES, new Deadline(1000))).rejects.toMatchObject({ reason: 'upstream' });
    now += FAILURE_SHARE_MS - 1;
    const shared = await b.fetchPosts(JOKES, new Deadline(1000)).catch((error: unknown) => error);
    expect(shared).toBeInstanceOf(RedditError);
    expect(shared).toMatchObject({ reason: 'upstream', message: 'Reddit answered 503', status: 503 });
    expect(reddit.calls).toBe(1);
    now += 1; // the shared failure is over: Reddit is asked again
    await expect(b.fetchPosts(JOKES, new Deadline(1000))).rejects.toMatchObject({ reason: 'upstream' });
    expect(reddit.calls).toBe(2);
  });

  it('an instance waiting on another one’s fetch takes its failure at once, without asking Reddit', async () => {
    let now = 5_000_000;
    const store = new MemoryStore(() => now);
    const reddit = upstream();
    const sleeps: number[] = [];
    const waiter = new SharedListingSource(reddit, store, {
      ttlSeconds: TTL_S,
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
        if (sleeps.length === 2) await store.set(`rdw:failed:${listingKey(JOKES)}`, JSON.stringify({ reason: 'timeout', message: 'Reddit did not answer in time' }), 5_000);
      },
    });
    await store.claim(`rdw:lock:${listingKey(JOKES)}`, 'other', 60_000);
    await expect(waiter.fetchPosts(JOKES, new Deadline(3000))).rejects.toMatchObject({ reason: 'timeout', message: 'Reddit did not answer in time' });
    expect([sleeps.length, reddit.calls]).toEqual([2, 0]);
  });

  it('ignores a failure entry that is not ours, and serves a stale copy over a shared failure', async () => {
    let now = 5_000_000;
    const store = new MemoryStore(() => now);
    const reddit = upstream();
    const source = new SharedListingSource(reddit, store, { ttlSeconds: TTL_S, now: () => now });
    await store.set(`rdw:failed:${listingKey(JOKES)}`, '{"reason":"gone"}', 5_000);
    expect((await source.fetchPosts(JOKES, new Deadline(1000))).map((p) => p.id)).toEqual(['p1']);
    now += TTL_S * 1000;
    await store.set(`rdw:failed:${listingKey(JOKES)}`, JSON.stringify({ reason: 'upstream', message: 'x' }), 5_000);
    await store.claim(`rdw:lock:${listingKey(JOKES)}`, 'other', 60_000);
    expect((await source.fetchPosts(JOKES, new Deadline(1000))).map((p) => p.id)).toEqual(['p1']);
  });

  it('waits for another instance’s fetch, and gives up at its own deadline', async () => {
    let now = 5_000_000;
    const store = new MemoryStore(() => now);
    const reddit = upstream();
    const sleeps: number[] = [];
    const waiter = new SharedListingSource(reddit, store, {
      ttlSeconds: TTL_S,
      now: () => now,
      // Each poll moves the fake clock; on the third the other instance has written its result.
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
        if (sleeps.length === 3) {
          await store.set(`rdw:listing:${listingKey(JOKES)}`, JSON.stringify({ fetchedAt: now, posts: [post('other')] }), 60_000);
        }
      },
    });
    await store.claim(`rdw:lock:${listingKey(JOKES)}`, 'other', 60_000);
    const posts = await waiter.fetchPosts(JOKES, new Deadline(1000, () => now));
    expect(posts.map((p) => p.id)).toEqual(['other']);
    expect(reddit.calls).toBe(0);
    await store.claim(`rdw:lock:${listingKey(CATS)}`, 'other', 60_000);
    await expect(waiter.fetchPosts(CATS, new Deadline(1000, () => now))).rejects.toMatchObject({ reason: 'timeout' });
    expect(reddit.calls).toBe(0);
  });

  it('with the store away, keeps its own copy for the TTL, as without Redis', async () => {
    let now = 5_000_000;
    const store = new GuardedStore(troubledStore({ hang: false, fail: true }), { log: memoryLogger(), now: () => now });
    const reddit = upstream();
    const alone = new SharedListingSource(reddit, store, { ttlSeconds: TTL_S, now: () => now });
    await alone.fetchPosts(JOKES, new Deadline(1000));
    now += TTL_S * 1000 - 1;
    await alone.fetchPosts(JOKES, new Deadline(1000));
    expect(reddit.calls).toBe(1);
    now += 1;
    await alone.fetchPosts(JOKES, new Deadline(1000));
    expect(reddit.calls).toBe(2);
  });
});

describe('slidingWaitMs', () => {
  const W = BUDGET_WINDOW_MS;
  it('0 while the estimate is within the budget, just at and just inside', () => {
    expect(slidingWaitMs(60, 0, 60, 0)).toBe(0);
    expect(slidingWaitMs(60, 60, 30, W / 2)).toBe(0); // 60 × 1/2 + 30 = 60
    expect(slidingWaitMs(60, 60, 31, W / 2)).toBe(1000); // 61: until 60 × (1 − t/60 s) = 29, t = 31 s
  });
  it('over the budget in this minute alone: until the next minute', () => {
    expect(slidingWaitMs(60, 0, 61, 10_000)).toBe(50_000);
    expect(slidingWaitMs(60, 0, 61, W - 1)).toBe(1);
  });
  it('never less than 1 ms when refused', () => {
    expect(slidingWaitMs(1, 1000, 1, W - 1)).toBe(1);
  });
});
