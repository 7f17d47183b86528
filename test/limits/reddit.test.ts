/**
 * The Reddit side's caps, time-to-live values, pauses and marker lists, pinned
 * with literal values just inside and just outside each limit.
 */
import type { AxiosResponse } from 'axios';
import nock from 'nock';
import { loadConfig } from '../../src/config';
import { CATALOG, kindById, type ContentKind } from '../../src/catalog';
import { Deadline } from '../../src/deadline';
import { silentLogger } from '../../src/log';
import { CachedPostSource, listingSize } from '../../src/reddit/cache';
import { listingPath, RedditClient, RETRY_POLICY, type ListingQuery, type PostSource } from '../../src/reddit/client';
import { isRetryable, RedditError } from '../../src/reddit/errors';
import { rejectReason } from '../../src/reddit/filters';
import type { Upstream } from '../../src/reddit/http';
import { parseListing, type Post } from '../../src/reddit/listing';
import { TokenProvider, usableForMs } from '../../src/reddit/oauth';
import { rememberServed } from '../../src/reddit/pick';
import { fullJitterDelay, retryWithinBudget } from '../../src/reddit/retry';
import { warmUp, warmUpAfterFirstAnswer } from '../../src/reddit/warmup';
import { jokes, listing, redditEnv, redditPost, type PostFields } from '../support/reddit';

const joke = kindById('joke') as ContentKind;
const post = (fields: PostFields): Post => parseListing(listing([redditPost(fields)]))[0]!;

describe('filters', () => {
  it('reads up to 480 characters aloud and skips 481', () => {
    // a joke reads "title\nbody": 1 + 1 + 478 = 480
    expect(rejectReason(post({ id: 'a', title: 'T', selftext: 'b'.repeat(478) }), joke, { allowNsfw: false })).toBeUndefined();
    expect(rejectReason(post({ id: 'b', title: 'T', selftext: 'b'.repeat(479) }), joke, { allowNsfw: false })).toBe('too-long');
  });

  it('takes another cap when asked', () => {
    expect(rejectReason(post({ id: 'c', title: 'T', selftext: 'bbb' }), joke, { allowNsfw: false, maxChars: 5 })).toBeUndefined();
    expect(rejectReason(post({ id: 'd', title: 'T', selftext: 'bbbb' }), joke, { allowNsfw: false, maxChars: 5 })).toBe('too-long');
  });

  it.each(['[removed]', '[deleted]', '[deleted by user]', '[ removed by reddit ]', '  [REMOVED]  ', '[Deleted By User]'])(
    'treats a body or title of %p as removed',
    (marker) => {
      expect(rejectReason(post({ id: 'e', title: 'Fine title', selftext: marker }), joke, { allowNsfw: false })).toBe('removed');
      expect(rejectReason(post({ id: 'f', title: marker, selftext: 'Fine body' }), joke, { allowNsfw: false })).toBe('removed');
    },
  );

  it.each(['[removed] by me', 'removed', '[removed by reddit]', '[deleted]!'])('serves a post that only mentions %p', (text) => {
    expect(rejectReason(post({ id: 'g', title: 'Fine title', selftext: text }), joke, { allowNsfw: false })).toBeUndefined();
  });

  it('treats any removed_by_category as removed, and null as not', () => {
    expect(rejectReason(post({ id: 'h', removed_by_category: 'moderator' }), joke, { allowNsfw: false })).toBe('removed');
    expect(rejectReason(post({ id: 'i', removed_by_category: null }), joke, { allowNsfw: false })).toBeUndefined();
  });
});

describe('served ids in the follow-up context: 50', () => {
  it('keeps 50 and drops the oldest for the 51st', () => {
    const ids = Array.from({ length: 49 }, (_, i) => `id${i}`);
    expect(rememberServed(ids, 'new')).toEqual([...ids, 'new']);
    expect(rememberServed([...ids, 'id49'], 'new')).toEqual([...ids.slice(1), 'id49', 'new']);
  });
});

describe('listing requests', () => {
  it('asks for the top 50 of the day, or the top 25 search hits of the month', () => {
    expect(listingPath({ subreddit: 'Jokes' })).toEqual({ path: '/r/Jokes/top.json', params: { t: 'day', limit: 50, raw_json: 1 } });
    expect(listingPath({ subreddit: 'Jokes', topic: 'cats' })).toEqual({
      path: '/r/Jokes/search.json',
      params: { q: 'cats', restrict_sr: 1, sort: 'top', t: 'month', limit: 25, raw_json: 1 },
    });
  });

  it('retries twice, pausing at most 100 ms, then 200 ms, never over 800 ms, and only with 250 ms left for the attempt', () => {
    expect(RETRY_POLICY).toEqual({ retries: 2, baseMs: 100, capMs: 800, minAttemptMs: 250 });
    const almostOne = () => 0.999999;
    expect(fullJitterDelay(0, 100, 800, almostOne)).toBe(99);
    expect(fullJitterDelay(1, 100, 800, almostOne)).toBe(199);
    expect(fullJitterDelay(3, 100, 800, almostOne)).toBe(799);
    expect(fullJitterDelay(4, 100, 800, almostOne)).toBe(799);
    expect(fullJitterDelay(2, 100, 800, () => 0)).toBe(0);
    expect(fullJitterDelay(2, 100, 800, () => 1)).toBe(399);
    expect(fullJitterDelay(2, 100, 800, () => -1)).toBe(0);
  });
});

/** A PostSource that answers every listing with `posts` and counts the calls per key. */
class CountingSource implements PostSource {
  readonly calls: string[] = [];
  constructor(private readonly posts: (query: ListingQuery) => Post[]) {}
  fetchPosts(query: ListingQuery): Promise<Post[]> {
    this.calls.push(`${query.subreddit}/${query.topic ?? ''}`);
    return Promise.resolve(this.posts(query));
  }
}

const later = () => new Deadline(5_000);

describe('listing cache bounds', () => {
  it('counts a listing as 1 + each post\u2019s title, body and 200 characters of overhead', () => {
    expect(listingSize([])).toBe(1);
    expect(listingSize([post({ id: 's', title: 'ab', selftext: 'cde' })])).toBe(206);
  });

  it('keeps 500 listings; the 501st pushes out the least recently used', async () => {
    const upstream = new CountingSource(() => [post({ id: 'x' })]);
    const cache = new CachedPostSource(upstream, { ttlSeconds: 300 });
    for (let i = 0; i < 500; i++) await cache.fetchPosts({ subreddit: 'Jokes', topic: `t${i}` }, later());
    expect(cache.isFresh({ subreddit: 'Jokes', topic: 't0' })).toBe(true);
    await cache.fetchPosts({ subreddit: 'Jokes', topic: 't500' }, later());
    expect(cache.isFresh({ subreddit: 'Jokes', topic: 't0' })).toBe(false);
    expect(cache.isFresh({ subreddit: 'Jokes', topic: 't1' })).toBe(true);
  });

  it('caches a listing of 8,000,000 characters, not one of 8,000,001', async () => {
    // 1 + (0 + body + 200) characters
    const sized = (body: number) => new CountingSource(() => [post({ id: 'big', title: '', selftext: 'x'.repeat(body) })]);
    const fits = new CachedPostSource(sized(7_999_799), { ttlSeconds: 300 });
    await fits.fetchPosts({ subreddit: 'Jokes' }, later());
    expect(fits.isFresh({ subreddit: 'Jokes' })).toBe(true);
    const tooBig = new CachedPostSource(sized(7_999_800), { ttlSeconds: 300 });
    await tooBig.fetchPosts({ subreddit: 'Jokes' }, later());
    expect(tooBig.isFresh({ subreddit: 'Jokes' })).toBe(false);
  });

  it('keeps a listing fresh for ttlSeconds (through the last millisecond), and CACHE_TTL_SECONDS=0 for 1 ms only', async () => {
    // lru-cache reads a start time of 0 as "no TTL", so the clock starts at 1000
    let now = 1000;
    const upstream = new CountingSource(() => [post({ id: 'x' })]);
    const cache = new CachedPostSource(upstream, { ttlSeconds: 300, now: () => now });
    await cache.fetchPosts({ subreddit: 'Jokes' }, later());
    now = 301_000;
    expect(cache.isFresh({ subreddit: 'Jokes' })).toBe(true);
    now = 301_001;
    expect(cache.isFresh({ subreddit: 'Jokes' })).toBe(false);

    now = 1000;
    const always = new CachedPostSource(upstream, { ttlSeconds: 0, now: () => now });
    await always.fetchPosts({ subreddit: 'Jokes' }, later());
    now = 1001;
    expect(always.isFresh({ subreddit: 'Jokes' })).toBe(true);
    now = 1002;
    expect(always.isFresh({ subreddit: 'Jokes' })).toBe(false);
  });
});

describe('OAuth token', () => {
  it('is used until 60 s before it expires, or half its life when that is shorter', () => {
    expect(usableForMs(3600)).toBe(3_540_000);
    expect(usableForMs(121)).toBe(61_000);
    expect(usableForMs(120)).toBe(60_000);
    expect(usableForMs(100)).toBe(50_000);
    expect(usableForMs(0)).toBe(0);
  });

  it('pauses the token host for 60 s after Reddit refuses the credentials', async () => {
    const pauses: number[] = [];
    const upstream: Upstream = {
      host: 'www.reddit.com',
      request: () => Promise.reject(new RedditError('blocked', 'refused', 401)),
      pause: (ms) => pauses.push(ms),
    };
    const tokens = new TokenProvider(upstream, { clientId: 'id', clientSecret: 'secret' }, silentLogger);
    await expect(tokens.token(1000)).rejects.toMatchObject({ reason: 'blocked' });
    expect(pauses).toEqual([60_000]);
  });

  it('does not pause for a failure that is not a refusal', async () => {
    const pauses: number[] = [];
    const upstream: Upstream = {
      host: 'www.reddit.com',
      request: () => Promise.reject(new RedditError('upstream', 'boom', 500)),
      pause: (ms) => pauses.push(ms),
    };
    await expect(new TokenProvider(upstream, { clientId: 'id', clientSecret: 's' }, silentLogger).token(1000)).rejects.toMatchObject({ reason: 'upstream' });
    expect(pauses).toEqual([]);
  });

  it('renews a token at the end of its usable time, not before', async () => {
    let now = 0;
    let issued = 0;
    const upstream: Upstream = {
      host: 'www.reddit.com',
      request: () => Promise.resolve({ data: { access_token: `t${++issued}`, expires_in: 3600 } } as AxiosResponse),
      pause: () => undefined,
    };
    const tokens = new TokenProvider(upstream, { clientId: 'id', clientSecret: 's' }, silentLogger, () => now);
    expect(await tokens.token(1000)).toBe('t1');
    now = 3_539_999;
    expect(await tokens.token(1000)).toBe('t1');
    now = 3_540_000;
    expect(await tokens.token(1000)).toBe('t2');
  });
});

describe('warm-up', () => {
  afterEach(() => jest.useRealTimers());

  it('gives each listing 10 s', async () => {
    jest.useFakeTimers({ now: 0 });
    const budgets: number[] = [];
    const source: PostSource = {
      fetchPosts: (_query, deadline) => {
        budgets.push(deadline.remainingMs());
        return Promise.resolve([]);
      },
    };
    await warmUp(source, CATALOG.slice(0, 1), silentLogger);
    expect(budgets).toEqual([10_000]);
  });

  it('starts by itself 1 s after start when no request comes, not earlier', async () => {
    jest.useFakeTimers({ now: 0, doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    const upstream = new CountingSource(() => []);
    warmUpAfterFirstAnswer(upstream, CATALOG.slice(0, 1), silentLogger);
    await jest.advanceTimersByTimeAsync(999);
    expect(upstream.calls).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(upstream.calls).toEqual([`${CATALOG[0]!.subreddit}/`]);
  });
});

describe('render reserve: 150 ms of the deadline are kept for the answer', () => {
  // A clock that stands still: the deadline's remaining time is exactly what it was given.
  const frozen = (ms: number) => new Deadline(ms, () => 0);

  it('does not ask Reddit with 150 ms left, asks with 151', async () => {
    const client = new RedditClient(loadConfig(redditEnv()), { random: () => 0 });
    const scope = nock('http://reddit.test').get('/r/Jokes/top.json').query(true).reply(200, jokes(1));
    await expect(client.fetchPosts({ subreddit: 'Jokes' }, frozen(150))).rejects.toMatchObject({ reason: 'timeout', message: 'No time left to ask Reddit' });
    expect(scope.isDone()).toBe(false);
    // 1 ms is too little to get an answer, but enough to ask
    const asked = await client.fetchPosts({ subreddit: 'Jokes' }, frozen(151)).then(
      () => 'answered',
      (error: unknown) => (error as Error).message,
    );
    expect(asked).not.toBe('No time left to ask Reddit');
  });
});

describe('retry boundaries', () => {
  const attempts = async (budgetMs: number) => {
    let calls = 0;
    await retryWithinBudget(
      async () => {
        calls += 1;
        throw new Error('flaky');
      },
      { retries: 1, baseMs: 100, capMs: 800, minAttemptMs: 50, budgetMs: () => budgetMs, retryable: () => true, random: () => 0.5, sleep: async () => undefined },
    ).catch(() => undefined);
    return calls;
  };

  it('retries when the pause (50 ms) plus the minimum attempt (50 ms) just fit, not when 1 ms is missing', async () => {
    expect(await attempts(100)).toBe(2);
    expect(await attempts(99)).toBe(1);
  });

  it('retries 5xx and network failures, not 4xx, timeouts or garbage', () => {
    expect(isRetryable(new RedditError('upstream', '500', 500))).toBe(true);
    expect(isRetryable(new RedditError('upstream', '599', 599))).toBe(true);
    expect(isRetryable(new RedditError('upstream', '499', 499))).toBe(false);
    expect(isRetryable(new RedditError('upstream', 'no status'))).toBe(false);
    expect(isRetryable(new RedditError('network', 'reset'))).toBe(true);
    expect(isRetryable(new RedditError('timeout', 'slow'))).toBe(false);
    expect(isRetryable(new RedditError('format', 'garbage'))).toBe(false);
    expect(isRetryable(new Error('other'))).toBe(false);
  });
});
