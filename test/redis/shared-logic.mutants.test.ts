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

  it('counts in rdw:budget:<minute>, kept 125 s from its first request (the next minute reads it); a refused request is not counted nor passed on', async () => {
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
    expect(await store.get('rdw:budget:100')).toBe('1');
    clock.now = 100 * W + 124_999;
    expect(await store.get('rdw:budget:100')).toBe('1');
    clock.now = 100 * W + 125_000;
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

describe('GuardedStore (mutants)', () => {
  /** What the guard threw, for its name and message. */
  const thrown = (work: Promise<unknown>) => work.then(() => undefined, (error: unknown) => error as Error);

  it('degrades naming the operation, the reason (first 200 characters) and the last connection error', async () => {
    const operations: Array<[string, (store: SharedStore) => Promise<unknown>]> = [
      ['get', (store) => store.get('k')],
      ['set', (store) => store.set('k', 'v', 1000)],
      ['claim', (store) => store.claim('k', 'v', 1000)],
      ['release', (store) => store.release('k', 'v')],
      ['increment', (store) => store.increment('k', 1000)],
    ];
    for (const [operation, call] of operations) {
      const log = memoryLogger();
      const guarded = new GuardedStore(failingStore('x'.repeat(300)), { log, degradeAfterMs: 0, lastError: () => 'WRONGPASS' });
      const error = await thrown(call(guarded));
      expect(error).toBeInstanceOf(StoreUnavailable);
      expect([error?.name, error?.message]).toEqual(['StoreUnavailable', 'shared store call failed']);
      expect(log.lines).toEqual([
        {
          level: 'warn',
          message: 'redis unavailable, using per-instance memory until it is back',
          fields: { operation, reason: 'x'.repeat(200), connection: 'WRONGPASS' },
        },
      ]);
    }
  });

  it('says why it skipped the store: still connecting, degraded, or no answer in time', async () => {
    const hanging = Object.assign(new MemoryStore(), { connecting: () => new Promise<void>(() => undefined) });
    const connecting = new GuardedStore(hanging, { log: memoryLogger(), firstConnectionWaitMs: 5 });
    expect((await thrown(connecting.get('k')))?.message).toBe('still connecting');

    const silent: SharedStore = { ...failingStore(), get: () => new Promise<never>(() => undefined) };
    const slow = new GuardedStore(silent, { log: memoryLogger(), callMs: 5, degradeAfterMs: 0, now: () => 0 });
    expect((await thrown(slow.get('k')))?.message).toBe('no answer within 5 ms');
    expect((await thrown(slow.get('k')))?.message).toBe('shared store degraded');
  });

  it('while degraded, a failed probe waits a whole interval before the next one', async () => {
    let now = 1_000_000;
    let calls = 0;
    const store: SharedStore = {
      ...failingStore(),
      get: async () => {
        calls += 1;
        throw new Error('ECONNREFUSED');
      },
    };
    const guarded = new GuardedStore(store, { log: memoryLogger(), probeMs: 1000, degradeAfterMs: 0, now: () => now });
    await thrown(guarded.get('k')); // degrades
    now += 1000;
    await thrown(guarded.get('k')); // the probe, failing
    await thrown(guarded.get('k')); // right after it: not asked
    now += 999;
    await thrown(guarded.get('k'));
    expect(calls).toBe(2);
    now += 1;
    await thrown(guarded.get('k'));
    expect(calls).toBe(3);
  });

  describe('with fake timers', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('leaves no timer behind after a call (neither the call’s nor the first connection’s)', async () => {
      const store = Object.assign(new MemoryStore(), { connecting: () => Promise.resolve() });
      const guarded = new GuardedStore(store, { log: memoryLogger() });
      await guarded.set('k', 'v', 60_000);
      expect(await guarded.get('k')).toBe('v');
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});

describe('SharedListingSource (mutants)', () => {
  const LISTING = `rdw:listing:${listingKey(JOKES)}`;
  const LOCK = `rdw:lock:${listingKey(JOKES)}`;
  const failingReddit: PostSource = {
    fetchPosts: async () => {
      throw new RedditError('upstream', 'Reddit answered 503', 503);
    },
  };

  it('holds rdw:lock:<listing> for the fetch budget plus one poll, and stores the result in rdw:listing:<listing>', async () => {
    const { clock, now, store } = clocked(5_000_000);
    const held: Array<string | undefined> = [];
    const reddit: PostSource = {
      async fetchPosts() {
        // Deadline of 1000 ms less the 150 ms render reserve: the lock lives 850 + 20 ms.
        clock.now += 869;
        held.push(await store.get(LOCK));
        clock.now += 1;
        held.push(await store.get(LOCK));
        clock.now -= 870;
        return [post('p1')];
      },
    };
    const source = new SharedListingSource(reddit, store, { ttlSeconds: 60, now });
    await source.fetchPosts(JOKES, new Deadline(1000, now));
    expect(held.map((owner) => owner !== undefined)).toEqual([true, false]);
    expect(JSON.parse((await store.get(LISTING)) ?? 'null')).toMatchObject({ fetchedAt: 5_000_000, posts: [{ id: 'p1' }] });
  });

  it('releases its lock after a fetch, so the next instance may fetch at once', async () => {
    const { now, store } = clocked(5_000_000);
    const source = new SharedListingSource({ fetchPosts: async () => [post('p1')] }, store, { ttlSeconds: 60, now });
    await source.fetchPosts(JOKES, new Deadline(1000, now));
    expect(await store.get(LOCK)).toBeUndefined();
    await expect(source.fetchPosts({ subreddit: 'Jokes', topic: 'x' }, new Deadline(1000, now))).resolves.toHaveLength(1);
    expect(await store.get(`rdw:lock:${listingKey({ subreddit: 'Jokes', topic: 'x' })}`)).toBeUndefined();
  });

  it('a stored entry of the wrong shape is a miss that leaves this instance’s own copy alone', async () => {
    const { now, store } = clocked(5_000_000);
    const away = { now: false };
    // The memory store, or (away) a store that is unavailable.
    const switchable: SharedStore = {
      get: (key) => (away.now ? Promise.reject(new StoreUnavailable('away')) : store.get(key)),
      set: (key, value, ttl) => store.set(key, value, ttl),
      claim: (key, value, ttl) => store.claim(key, value, ttl),
      release: (key, value) => store.release(key, value),
      increment: (key, ttl) => store.increment(key, ttl),
      close: () => store.close(),
    };
    let calls = 0;
    const reddit: PostSource = { fetchPosts: async () => [post(`p${++calls}`)] };
    const source = new SharedListingSource(reddit, switchable, { ttlSeconds: 60, now });
    await source.fetchPosts(JOKES, new Deadline(1000, now));
    await store.set(LISTING, JSON.stringify({ posts: 'not a list' }), 60_000);
    // No time left to fetch and nothing usable stored: a timeout, not the broken entry.
    await expect(source.fetchPosts(JOKES, new Deadline(150, now))).rejects.toMatchObject({ reason: 'timeout' });
    away.now = true;
    expect((await source.fetchPosts(JOKES, new Deadline(1000, now))).map((p) => p.id)).toEqual(['p1']);
    expect(calls).toBe(1);
  });

  it('out of time with nothing stored: a timeout with a clear message', async () => {
    const { now, store } = clocked(5_000_000);
    const source = new SharedListingSource(failingReddit, store, { ttlSeconds: 60, now });
    await expect(source.fetchPosts(JOKES, new Deadline(150, now))).rejects.toMatchObject({
      reason: 'timeout',
      message: 'Reddit did not answer in time',
    });
  });

  it('waits with a real timer when given no sleep', async () => {
    const { now, store } = clocked(5_000_000);
    await store.claim(LOCK, 'other', 60_000);
    const source = new SharedListingSource(failingReddit, store, { ttlSeconds: 60, now });
    const waiting = source.fetchPosts(JOKES, new Deadline(1000, now));
    await tick(); // it has read, found the lock taken, and sleeps
    await store.set(LISTING, JSON.stringify({ fetchedAt: 5_000_000, posts: [post('other')] }), 60_000);
    expect((await waiting).map((p) => p.id)).toEqual(['other']);
  }, 2_000);
});

describe('SharedTokens (mutants)', () => {
  const TOKEN = 'rdw:token:app';
  const LOCK = 'rdw:token-lock:app';
  const HOUR = 3_600_000;

  /** A request for a new token that counts its calls. */
  function requests(answer: (n: number) => HeldToken) {
    const made = { count: 0, request: async () => answer(++made.count) };
    return made;
  }

  /** A fake sleep that moves the clock; gives up loudly instead of looping for ever. */
  function fakeSleep(clock: { now: number }) {
    const sleeps: number[] = [];
    const sleep = async (ms: number) => {
      if (sleeps.length >= 50) throw new Error('still polling after 50 sleeps');
      sleeps.push(ms);
      clock.now += ms;
    };
    return { sleeps, sleep };
  }

  /** SharedTokens on the fake clock: a broken wait loop fails after 50 polls instead of polling for ever. */
  const tokensOn = (store: SharedStore, clock: { now: number }, client = 'app') =>
    new SharedTokens(store, client, () => clock.now, fakeSleep(clock).sleep);

  it('holds rdw:token-lock:<client> for the budget while requesting, then releases it', async () => {
    const { clock, store } = clocked(1_000_000);
    const tokens = tokensOn(store, clock);
    const held: boolean[] = [];
    const token = await tokens.obtain(async () => {
      clock.now += 499;
      held.push((await store.get(LOCK)) !== undefined);
      clock.now += 1;
      held.push((await store.get(LOCK)) !== undefined);
      return { token: 't1', expiresAt: clock.now + HOUR };
    }, 500);
    expect(held).toEqual([true, false]);
    expect(token).toEqual({ token: 't1', expiresAt: 1_000_500 + HOUR });

    await expect(tokens.obtain(async () => ({ token: 'unused', expiresAt: 0 }), 500)).resolves.toMatchObject({ token: 't1' });
    const other = tokensOn(store, clock, 'other');
    await other.obtain(async () => ({ token: 'o1', expiresAt: clock.now + HOUR }), 500);
    expect(await store.get('rdw:token-lock:other')).toBeUndefined();
  });

  it('stores the token in rdw:token:<client> for exactly its usable life', async () => {
    const { clock, store } = clocked(1_000_000);
    await tokensOn(store, clock).obtain(async () => ({ token: 't1', expiresAt: 1_000_000 + HOUR }), 500);
    clock.now += HOUR - 1;
    expect(JSON.parse((await store.get(TOKEN)) ?? 'null')).toEqual({ token: 't1', expiresAt: 1_000_000 + HOUR });
    clock.now += 1;
    expect(await store.get(TOKEN)).toBeUndefined();
  });

  it('uses a stored token until (not at) its expiry', async () => {
    const { clock, store } = clocked(1_000_000);
    const tokens = tokensOn(store, clock);
    const made = requests((n) => ({ token: `new${n}`, expiresAt: clock.now + HOUR }));
    await store.set(TOKEN, JSON.stringify({ token: 'stored', expiresAt: clock.now + 1 }), 60_000);
    await expect(tokens.obtain(made.request, 500)).resolves.toEqual({ token: 'stored', expiresAt: 1_000_001 });
    expect(made.count).toBe(0);
    clock.now += 1;
    await expect(tokens.obtain(made.request, 500)).resolves.toMatchObject({ token: 'new1' });
    expect(made.count).toBe(1);
  });

  it('while another instance requests one, polls every 20 ms until the budget is used up, then times out', async () => {
    const { clock, now, store } = clocked(1_000_000);
    await store.claim(LOCK, 'other', 60_000);
    const { sleeps, sleep } = fakeSleep(clock);
    const made = requests(() => ({ token: 'mine', expiresAt: clock.now + HOUR }));
    await expect(new SharedTokens(store, 'app', now, sleep).obtain(made.request, 100)).rejects.toMatchObject({
      reason: 'timeout',
      message: 'No Reddit token in time',
    });
    // Asked at 0, 20, 40, 60 and 80 ms: at 80 another poll would end at the budget.
    expect(sleeps).toEqual([20, 20, 20, 20]);
    expect(made.count).toBe(0);
  });

  it('waits with a real timer when given no sleep, and takes the token the other instance stored', async () => {
    // The real clock too: a broken wait ends with the budget instead of polling for ever.
    const store = new MemoryStore();
    await store.claim(LOCK, 'other', 60_000);
    const made = requests(() => ({ token: 'mine', expiresAt: Date.now() + HOUR }));
    const waiting = new SharedTokens(store, 'app').obtain(made.request, 1000);
    await tick(); // it has found no token, the lock taken, and sleeps
    await store.set(TOKEN, JSON.stringify({ token: 'theirs', expiresAt: Date.now() + HOUR }), HOUR);
    await expect(waiting).resolves.toMatchObject({ token: 'theirs' });
    expect(made.count).toBe(0);
  }, 3_000);

  it('requests its own token when the store is unavailable, and passes a failed request on', async () => {
    const guarded = new GuardedStore(failingStore(), { log: memoryLogger() });
    const made = requests((n) => ({ token: `own${n}`, expiresAt: Date.now() + HOUR }));
    await expect(new SharedTokens(guarded, 'app').obtain(made.request, 500)).resolves.toMatchObject({ token: 'own1' });

    const { clock, store } = clocked(1_000_000);
    let calls = 0;
    const refused = async (): Promise<HeldToken> => {
      calls += 1;
      throw new RedditError('blocked', 'Reddit refused the app credentials', 401);
    };
    await expect(tokensOn(store, clock).obtain(refused, 500)).rejects.toMatchObject({ reason: 'blocked' });
    expect(calls).toBe(1);
  });

  it('forget() drops the stored token it handed out, but not a newer one', async () => {
    const { clock, store } = clocked(1_000_000);
    const tokens = tokensOn(store, clock);
    await tokens.obtain(async () => ({ token: 't1', expiresAt: clock.now + HOUR }), 500);
    tokens.forget('t1');
    await tick();
    expect(await store.get(TOKEN)).toBeUndefined();

    await tokens.obtain(async () => ({ token: 't2', expiresAt: clock.now + HOUR }), 500);
    await store.set(TOKEN, JSON.stringify({ token: 't3', expiresAt: clock.now + HOUR }), HOUR);
    tokens.forget('t2');
    await tick();
    expect(JSON.parse((await store.get(TOKEN)) ?? 'null')).toMatchObject({ token: 't3' });
  });
});

describe('MemoryStore (mutants)', () => {
  it('close() drops everything it held', async () => {
    const store = new MemoryStore();
    await store.set('k', 'v', 60_000);
    await store.close();
    expect(await store.get('k')).toBeUndefined();
  });
});
