import nock from 'nock';
import { Deadline } from '../../src/deadline';
import { CachedPostSource, listingKey } from '../../src/reddit/cache';
import { RedditClient, RedditError, type ListingQuery, type PostSource } from '../../src/reddit/client';
import { loadConfig } from '../../src/config';
import { PostSchema, type Post } from '../../src/reddit/listing';
import { jsonLogger } from '../../src/log';
import { jokes, redditEnv, redditPost } from '../support/reddit';

/** An upstream whose answers the test controls. */
class ScriptedUpstream implements PostSource {
  readonly calls: ListingQuery[] = [];
  constructor(public answer: (query: ListingQuery) => Promise<Post[]>) {}
  fetchPosts(query: ListingQuery): Promise<Post[]> {
    this.calls.push(query);
    return this.answer(query);
  }
}

const post = (id: string, fields: Record<string, unknown> = {}): Post => PostSchema.parse(redditPost({ id, ...fields }));
const posts = (n: number, tag = 'p') => Array.from({ length: n }, (_, i) => post(`${tag}${i}`));
const deadline = () => new Deadline(5000);
const JOKES = { subreddit: 'Jokes' };

describe('listingKey', () => {
  it('tells apart subreddit and topic, and ignores case like Reddit does', () => {
    expect(listingKey({ subreddit: 'Jokes' })).toBe(listingKey({ subreddit: 'jokes' }));
    expect(listingKey({ subreddit: 'Jokes', topic: 'Cats' })).toBe(listingKey({ subreddit: 'jokes', topic: 'cats' }));
    expect(listingKey({ subreddit: 'Jokes' })).not.toBe(listingKey({ subreddit: 'Jokes', topic: 'cats' }));
    expect(listingKey({ subreddit: 'Jokes' })).not.toBe(listingKey({ subreddit: 'dadjokes' }));
  });
  it('includes sort and time window', () => {
    expect(listingKey({ subreddit: 'Jokes' })).toContain('/top.json');
    expect(listingKey({ subreddit: 'Jokes' })).toContain('t=day');
    expect(listingKey({ subreddit: 'Jokes', topic: 'cats' })).toContain('sort=top');
  });
});

describe('CachedPostSource in front of the real client', () => {
  it('200 concurrent requests for one cold subreddit make exactly 1 upstream request', async () => {
    let upstreamCalls = 0;
    nock('http://reddit.test')
      .get('/r/Jokes/top.json')
      .query(true)
      .times(200)
      .delay(100) // all 200 arrive while the first request is in flight
      .reply(() => {
        upstreamCalls += 1;
        return [200, jokes(5)];
      });
    const source = new CachedPostSource(new RedditClient(loadConfig(redditEnv())), { ttlSeconds: 300 });
    const results = await Promise.all(Array.from({ length: 200 }, () => source.fetchPosts(JOKES, deadline())));
    expect(upstreamCalls).toBe(1);
    expect(results.every((list) => list.length === 5)).toBe(true);
  });
});

describe('CachedPostSource', () => {
  it('serves a fresh copy without asking upstream', async () => {
    const upstream = new ScriptedUpstream(async () => posts(2));
    const source = new CachedPostSource(upstream, { ttlSeconds: 300 });
    await source.fetchPosts(JOKES, deadline());
    await source.fetchPosts({ subreddit: 'jokes' }, deadline());
    expect(upstream.calls).toHaveLength(1);
  });

  it('after the TTL answers with the stale copy at once and refreshes it once in the background', async () => {
    let now = 1_000_000;
    let release!: () => void;
    const upstream = new ScriptedUpstream(async () => posts(2, 'old'));
    const source = new CachedPostSource(upstream, { ttlSeconds: 60, now: () => now });
    await source.fetchPosts(JOKES, deadline());

    now += 61_000;
    upstream.answer = () => new Promise((resolve) => (release = () => resolve(posts(3, 'new'))));
    const during = await Promise.all([source.fetchPosts(JOKES, deadline()), source.fetchPosts(JOKES, deadline())]);
    expect(during.map((list) => list[0]?.id)).toEqual(['old0', 'old0']);
    expect(upstream.calls).toHaveLength(2);

    release();
    await new Promise((resolve) => setImmediate(resolve));
    const after = await source.fetchPosts(JOKES, deadline());
    expect(after.map((post) => post.id)).toEqual(['new0', 'new1', 'new2']);
    expect(upstream.calls).toHaveLength(2);
  });

  it('keeps and serves the stale copy when the refresh fails', async () => {
    let now = 1_000_000;
    const upstream = new ScriptedUpstream(async () => posts(2, 'kept'));
    const source = new CachedPostSource(upstream, { ttlSeconds: 60, now: () => now });
    await source.fetchPosts(JOKES, deadline());

    now += 120_000;
    upstream.answer = async () => {
      throw new RedditError('upstream', 'Reddit answered 500', 500);
    };
    for (let i = 0; i < 3; i++) {
      const served = await source.fetchPosts(JOKES, deadline());
      expect(served[0]?.id).toBe('kept0');
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(upstream.calls.length).toBeGreaterThan(1);
  });

  it('passes a cold failure on, classified', async () => {
    const upstream = new ScriptedUpstream(async () => {
      throw new RedditError('blocked', 'Reddit refused the request (403)', 403);
    });
    const source = new CachedPostSource(upstream, { ttlSeconds: 60 });
    await expect(source.fetchPosts(JOKES, deadline())).rejects.toMatchObject({ reason: 'blocked', status: 403 });
    // a failure is not cached: the next caller asks again
    await expect(source.fetchPosts(JOKES, deadline())).rejects.toMatchObject({ reason: 'blocked' });
    expect(upstream.calls).toHaveLength(2);
  });

  it('a caller that joins a slow request still gives up at its own deadline', async () => {
    let release!: () => void;
    const upstream = new ScriptedUpstream(() => new Promise((resolve) => (release = () => resolve(posts(1)))));
    const source = new CachedPostSource(upstream, { ttlSeconds: 60 });
    const patient = source.fetchPosts(JOKES, new Deadline(60_000));
    const started = performance.now();
    await expect(source.fetchPosts(JOKES, new Deadline(150 + 100) /* 150 ms render reserve */)).rejects.toMatchObject({ reason: 'timeout' });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(90);
    // Not waiting for the patient caller's request (released only below, so waiting would never end);
    // the bound is loose because a loaded 2-core machine fires a 100 ms timer late, never early.
    expect(elapsed).toBeLessThan(2_000);
    expect(upstream.calls).toHaveLength(1);
    release();
    await expect(patient).resolves.toHaveLength(1);
  });

  it('evicts the least recently used listing beyond the entry cap', async () => {
    const upstream = new ScriptedUpstream(async () => posts(1));
    const source = new CachedPostSource(upstream, { ttlSeconds: 300, maxListings: 2 });
    await source.fetchPosts({ subreddit: 'a' }, deadline());
    await source.fetchPosts({ subreddit: 'b' }, deadline());
    await source.fetchPosts({ subreddit: 'a' }, deadline()); // a is now the most recent
    await source.fetchPosts({ subreddit: 'c' }, deadline()); // evicts b
    expect(upstream.calls).toHaveLength(3);
    await source.fetchPosts({ subreddit: 'a' }, deadline());
    expect(upstream.calls).toHaveLength(3);
    await source.fetchPosts({ subreddit: 'b' }, deadline());
    expect(upstream.calls).toHaveLength(4);
  });

  it('does not keep a listing larger than the size cap', async () => {
    const huge = [post('huge', { selftext: 'x'.repeat(5000) })];
    const upstream = new ScriptedUpstream(async () => huge);
    const source = new CachedPostSource(upstream, { ttlSeconds: 300, maxChars: 1000 });
    await expect(source.fetchPosts(JOKES, deadline())).resolves.toHaveLength(1);
    await expect(source.fetchPosts(JOKES, deadline())).resolves.toHaveLength(1);
    expect(upstream.calls).toHaveLength(2);
  });

  it('with CACHE_TTL_SECONDS=0 asks again every time but still shares concurrent requests', async () => {
    let now = 1_000_000;
    let release!: () => void;
    const upstream = new ScriptedUpstream(() => new Promise((resolve) => (release = () => resolve(posts(1)))));
    const source = new CachedPostSource(upstream, { ttlSeconds: 0, now: () => now });
    const both = Promise.all([source.fetchPosts(JOKES, deadline()), source.fetchPosts(JOKES, deadline())]);
    release();
    await both;
    expect(upstream.calls).toHaveLength(1);
    now += 2;
    upstream.answer = async () => posts(1);
    await source.fetchPosts(JOKES, deadline());
    await new Promise((resolve) => setImmediate(resolve));
    expect(upstream.calls).toHaveLength(2);
  });
});

describe('CachedPostSource reports to the request log', () => {
  it('miss (with the upstream time), hit, then stale after the TTL', async () => {
    let now = 1_000_000;
    const upstream: PostSource = {
      async fetchPosts(_query, _deadline, observe) {
        observe?.({ upstreamMs: 7 });
        return posts(2);
      },
    };
    const source = new CachedPostSource(upstream, { ttlSeconds: 60, now: () => now });
    const reports: unknown[][] = [];
    const fetch = async () => {
      const seen: unknown[] = [];
      await source.fetchPosts(JOKES, deadline(), (report) => seen.push(report));
      reports.push(seen);
    };
    await fetch();
    await fetch();
    now += 61_000;
    await fetch();
    expect(reports[0]).toEqual(expect.arrayContaining([{ upstreamMs: 7 }, { cache: 'miss' }]));
    expect(reports[1]).toEqual([{ cache: 'hit' }]);
    expect(reports[2]).toEqual(expect.arrayContaining([{ cache: 'stale' }]));
  });

  it('a caller that joins a request in flight reports a miss without upstream time', async () => {
    let release: (value: Post[]) => void = () => undefined;
    const upstream: PostSource = {
      fetchPosts: (_query, _deadline, observe) =>
        new Promise<Post[]>((resolve) => {
          release = (value) => {
            observe?.({ upstreamMs: 5 });
            resolve(value);
          };
        }),
    };
    const source = new CachedPostSource(upstream, { ttlSeconds: 60 });
    const first: unknown[] = [];
    const second: unknown[] = [];
    const both = Promise.all([
      source.fetchPosts(JOKES, deadline(), (report) => first.push(report)),
      source.fetchPosts(JOKES, deadline(), (report) => second.push(report)),
    ]);
    release(posts(1));
    await both;
    expect(first).toEqual([{ upstreamMs: 5 }, { cache: 'miss' }]);
    expect(second).toEqual([{ cache: 'miss' }]);
  });
});

describe('CachedPostSource logs', () => {
  it('never put the search words (user text) into info lines', async () => {
    const lines: string[] = [];
    const log = jsonLogger('info', (line) => lines.push(line));
    let now = 1_000_000;
    const upstream = new ScriptedUpstream(async () => posts(2, 'kept'));
    const source = new CachedPostSource(upstream, { ttlSeconds: 60, now: () => now, log });
    const query = { subreddit: 'Jokes', topic: 'my neighbour Jane Doe' };
    await source.fetchPosts(query, deadline());
    now += 120_000;
    upstream.answer = async () => {
      throw new RedditError('upstream', 'Reddit answered 500', 500);
    };
    for (let i = 0; i < 3; i++) {
      await source.fetchPosts(query, deadline());
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(lines.some((line) => line.includes('serving stale listing'))).toBe(true);
    expect(lines.join('')).not.toMatch(/Jane|neighbour/i);
  });
});
