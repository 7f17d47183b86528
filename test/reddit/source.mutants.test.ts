import nock from 'nock';
import { loadConfig } from '../../src/config';
import { Deadline } from '../../src/deadline';
import { MemoryStore } from '../../src/reddit/shared/store';
import { createRedditSource } from '../../src/reddit/source';
import { capturedJsonLog } from '../support/json-log';
import { jokes, redditEnv } from '../support/reddit';

const JOKES = { subreddit: 'Jokes' };
const config = (env: Record<string, string> = {}) => loadConfig(redditEnv(env));

afterEach(() => nock.cleanAll());

describe('createRedditSource', () => {
  it.each([
    ['without a shared store', () => undefined],
    ['with a shared store', () => new MemoryStore()],
  ])('%s, hands its log to the client (retry lines)', async (_name, store) => {
    nock('http://reddit.test').get('/r/Jokes/top.json').query(true).reply(503).get('/r/Jokes/top.json').query(true).reply(200, jokes(2));
    const { log, records: messages } = capturedJsonLog();
    const source = createRedditSource(config(), log, store());
    await expect(source.fetchPosts(JOKES, new Deadline(5000))).resolves.toHaveLength(2);
    expect(messages()).toContainEqual({
      severity: 'INFO',
      path: '/r/Jokes/top.json',
      attempt: 1,
      delayMs: expect.any(Number),
      reason: 'upstream',
      message: 'retrying reddit',
    });
  });

  it("shares a 429's cool-down with another source on the same store, which then does not call Reddit", async () => {
    const store = new MemoryStore();
    const { log } = capturedJsonLog();
    nock('http://reddit.test').get('/r/Jokes/top.json').query(true).reply(429, {}, { 'Retry-After': '120' });
    const first = createRedditSource(config(), log, store);
    await expect(first.fetchPosts(JOKES, new Deadline(5000))).rejects.toMatchObject({ reason: 'rate-limited' });
    // Another listing: the Jokes listing's own failure is shared too (shared/listings.ts), the cool-down covers every listing.
    const unused = nock('http://reddit.test').get('/r/todayilearned/top.json').query(true).reply(200, jokes(2));
    const second = createRedditSource(config(), log, store);
    const answer = second.fetchPosts({ subreddit: 'todayilearned' }, new Deadline(5000));
    await expect(answer).rejects.toThrow('Another instance was told to slow down');
    await expect(answer).rejects.toMatchObject({ reason: 'rate-limited', status: 429 });
    expect(unused.isDone()).toBe(false);
  });

  it('with a shared store keeps the local copy no longer than CACHE_TTL_SECONDS (0: not even the 5 s local copy)', async () => {
    const reddit = nock('http://reddit.test').get('/r/Jokes/top.json').query(true).times(2).reply(200, jokes(2));
    const source = createRedditSource(config({ CACHE_TTL_SECONDS: '0' }), capturedJsonLog().log, new MemoryStore());
    await source.fetchPosts(JOKES, new Deadline(5000));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const seen: unknown[] = [];
    await source.fetchPosts(JOKES, new Deadline(5000), (report) => seen.push(report));
    expect(seen).toContainEqual({ cache: 'stale' });
    expect(seen).not.toContainEqual({ cache: 'hit' });
    // The stale answer started a refresh in the background: let it end inside this test. Left
    // running, it outlives the file and retries into the next file's mocks (seen on a busy machine).
    for (let polls = 0; !reddit.isDone(); polls++) {
      if (polls > 1000) throw new Error('the background refresh never asked Reddit');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
});
