import { Deadline } from '../../src/deadline';
import { CachedPostSource, cacheOutcome } from '../../src/reddit/cache';
import { RedditError, type PostSource } from '../../src/reddit/client';
import { PostSchema, type Post } from '../../src/reddit/listing';
import { capturedJsonLog } from '../support/json-log';
import { redditPost } from '../support/reddit';

const posts = (n: number, tag = 'p'): Post[] => Array.from({ length: n }, (_, i) => PostSchema.parse(redditPost({ id: `${tag}${i}` })));
const JOKES = { subreddit: 'Jokes' };

/** A deadline that fails the test if anyone asks it for a budget. */
const untouchable = {
  budgetFor: () => {
    throw new Error('deadline consulted');
  },
  remainingMs: () => {
    throw new Error('deadline consulted');
  },
} as unknown as Deadline;

/** A deadline with nothing left for the upstream call. */
const spent = { budgetFor: () => 0, remainingMs: () => 0 } as unknown as Deadline;

describe('cacheOutcome', () => {
  it.each([
    [{ fetch: 'stale' }, 'stale'],
    [{ fetch: 'inflight', returnedStale: true }, 'stale'],
    [{ fetch: 'stale', returnedStale: false }, 'stale'],
    [{ fetch: 'hit' }, 'hit'],
    [{ fetch: 'miss' }, 'miss'],
    [{ fetch: 'inflight' }, 'miss'],
    [{ fetch: '' }, 'miss'],
    [{}, 'miss'],
  ])('%j -> %s', (status, outcome) => {
    expect(cacheOutcome(status)).toBe(outcome);
  });
});

describe('CachedPostSource edge paths', () => {
  it('a fresh hit never consults the deadline', async () => {
    const upstream: PostSource = { fetchPosts: async () => posts(2) };
    const source = new CachedPostSource(upstream, { ttlSeconds: 60 });
    const first = await source.fetchPosts(JOKES, new Deadline(5000));
    const seen: unknown[] = [];
    await expect(source.fetchPosts(JOKES, untouchable, (report) => seen.push(report))).resolves.toBe(first);
    expect(seen).toEqual([{ cache: 'hit' }]);
  });

  it('a cold request that is late: logs the listing, reports a miss, throws a timeout', async () => {
    let release: (value: Post[]) => void = () => undefined;
    const upstream: PostSource = { fetchPosts: () => new Promise<Post[]>((resolve) => (release = resolve)) };
    const { log, records: logged } = capturedJsonLog();
    const source = new CachedPostSource(upstream, { ttlSeconds: 60, log });
    const seen: unknown[] = [];
    const late = source.fetchPosts({ subreddit: 'Jokes', topic: 'cats' }, spent, (report) => seen.push(report));
    await expect(late).rejects.toThrow(new RedditError('timeout', 'Reddit did not answer in time'));
    await expect(late).rejects.toMatchObject({ reason: 'timeout' });
    expect(seen).toEqual([{ cache: 'miss' }]);
    expect(logged()).toEqual([{ severity: 'INFO', subreddit: 'Jokes', search: true, message: 'reddit listing not ready in time' }]);
    release(posts(1));
  });

  it('a stale copy is served even with no budget left (never late)', async () => {
    let now = 1_000_000;
    const upstream: PostSource = { fetchPosts: async () => posts(2, 'old') };
    const source = new CachedPostSource(upstream, { ttlSeconds: 60, now: () => now });
    await source.fetchPosts(JOKES, new Deadline(5000));
    now += 61_000;
    upstream.fetchPosts = () => new Promise<Post[]>(() => undefined);
    const seen: unknown[] = [];
    const served = await source.fetchPosts(JOKES, spent, (report) => seen.push(report));
    expect(served.map((post) => post.id)).toEqual(['old0', 'old1']);
    expect(seen).toEqual([{ cache: 'stale' }]);
  });

  it('logs the reason when it serves the stale copy after a failed refresh', async () => {
    let now = 1_000_000;
    const upstream: PostSource = { fetchPosts: async () => posts(1, 'kept') };
    const { log, records: logged } = capturedJsonLog();
    const source = new CachedPostSource(upstream, { ttlSeconds: 60, now: () => now, log });
    await source.fetchPosts(JOKES, new Deadline(5000));
    now += 120_000;
    upstream.fetchPosts = async () => {
      throw new RedditError('rate-limited', 'Reddit rate limit hit', 429);
    };
    await source.fetchPosts(JOKES, new Deadline(5000)); // answers stale, refresh fails in the background
    await new Promise((resolve) => setImmediate(resolve));
    const served = await source.fetchPosts(JOKES, new Deadline(5000));
    expect(served.map((post) => post.id)).toEqual(['kept0']);
    expect(logged()).toContainEqual({
      severity: 'INFO',
      subreddit: 'Jokes',
      search: false,
      reason: 'rate-limited',
      message: 'serving stale listing after reddit failure',
    });
  });

  it('an upstream that answers nothing is a network failure with a clear message', async () => {
    const upstream: PostSource = { fetchPosts: async () => undefined as unknown as Post[] };
    const source = new CachedPostSource(upstream, { ttlSeconds: 60 });
    const answer = source.fetchPosts(JOKES, new Deadline(5000));
    await expect(answer).rejects.toThrow(new RedditError('network', 'Reddit gave no listing'));
    await expect(answer).rejects.toMatchObject({ reason: 'network' });
  });
});
