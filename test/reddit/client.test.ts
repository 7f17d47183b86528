import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { Deadline } from '../../src/deadline';
import { jsonLogger } from '../../src/log';
import { RedditClient, RedditError } from '../../src/reddit/client';
import { loadConfig } from '../../src/config';
import { countedReplies, jokes, REDDIT_OAUTH as OAUTH, redditEnv, TEST_USER_AGENT as UA } from '../support/reddit';

const BASE = 'http://reddit.test';
const testConfig = (env: Record<string, string> = {}) => loadConfig(redditEnv(env));
const TOP = { t: 'day', limit: '50', raw_json: '1' };

const anonymous = (options: ConstructorParameters<typeof RedditClient>[1] = {}) =>
  new RedditClient(testConfig(), { random: () => 0, ...options });

const reddit = () => nock(BASE, { reqheaders: { 'user-agent': UA } });

async function failure(promise: Promise<unknown>): Promise<RedditError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RedditError) return error;
    throw error;
  }
  throw new Error('expected a RedditError');
}

/** Answers the day's top listing `times` times with the same reply, counting the calls. */
const countedTop = (times: number, status: number, body: string, headers: Record<string, string> = {}) =>
  countedReplies(reddit().get('/r/Jokes/top.json').query(TOP), () => [status, body, headers], times);

describe('RedditClient, anonymous', () => {
  it('lists the top posts of the day with the configured User-Agent', async () => {
    const scope = reddit().get('/r/Jokes/top.json').query(TOP).reply(200, jokes(3));
    const posts = await anonymous().fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000));
    expect(posts).toHaveLength(3);
    scope.done();
  });

  it('searches the subreddit for a topic', async () => {
    const scope = reddit()
      .get('/r/Jokes/search.json')
      .query({ q: 'cats', restrict_sr: '1', sort: 'top', t: 'month', limit: '25', raw_json: '1' })
      .reply(200, jokes(2));
    await expect(anonymous().fetchPosts({ subreddit: 'Jokes', topic: 'cats' }, new Deadline(5000))).resolves.toHaveLength(2);
    scope.done();
  });

  it('sends a topic with spaces, symbols and accents as the user typed it', async () => {
    const topic = 'cats & dogs: 100% "café"+more?';
    const scope = reddit()
      .get('/r/Jokes/search.json')
      .query({ q: topic, restrict_sr: '1', sort: 'top', t: 'month', limit: '25', raw_json: '1' })
      .reply(200, jokes(1));
    await expect(anonymous().fetchPosts({ subreddit: 'Jokes', topic }, new Deadline(5000))).resolves.toHaveLength(1);
    scope.done();
  });

  it('retries a 503 and returns the listing of the retry', async () => {
    const scope = reddit().get('/r/Jokes/top.json').query(TOP).reply(503).get('/r/Jokes/top.json').query(TOP).reply(200, jokes(2));
    await expect(anonymous().fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000))).resolves.toHaveLength(2);
    scope.done();
  });

  it('retries network errors', async () => {
    const scope = reddit()
      .get('/r/Jokes/top.json')
      .query(TOP)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
      .get('/r/Jokes/top.json')
      .query(TOP)
      .reply(200, jokes(1));
    await expect(anonymous().fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000))).resolves.toHaveLength(1);
    scope.done();
  });

  it('gives up after two retries of a 500', async () => {
    const upstream = countedTop(5, 500, 'oops');
    const error = await failure(anonymous().fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000)));
    expect(error).toMatchObject({ reason: 'upstream', status: 500 });
    expect(upstream.calls).toBe(3);
  });

  it('does not retry when the deadline leaves no room for another attempt', async () => {
    const upstream = countedTop(5, 502, 'bad gateway');
    // budget after the reserve is below the minimum attempt time
    const error = await failure(anonymous().fetchPosts({ subreddit: 'Jokes' }, new Deadline(150 + 200) /* 150 ms render reserve */));
    expect(error.reason).toBe('upstream');
    expect(upstream.calls).toBe(1);
  });

  it('does not retry a 403 (anonymous requests blocked)', async () => {
    const upstream = countedTop(3, 403, '<html>blocked</html>');
    const error = await failure(anonymous().fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000)));
    expect(error).toMatchObject({ reason: 'blocked', status: 403 });
    expect(upstream.calls).toBe(1);
  });

  it('reports a truncated body as a format error without retrying', async () => {
    const upstream = countedTop(3, 200, '{"kind": "Listing", "data": {"children": [{"kind": "t3", "da', { 'Content-Type': 'application/json' });
    const error = await failure(anonymous().fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000)));
    expect(error.reason).toBe('format');
    expect(upstream.calls).toBe(1);
  });

  it('does not follow redirects (Reddit sends blocked subreddits to HTML pages)', async () => {
    reddit().get('/r/Jokes/top.json').query(TOP).reply(302, '', { Location: 'http://reddit.test/login' });
    const error = await failure(anonymous().fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000)));
    expect(error).toMatchObject({ reason: 'upstream', status: 302 });
  });

  it('on 429 cools the host down for Retry-After and makes no calls meanwhile', async () => {
    let now = 1_000_000;
    let calls = 0;
    reddit()
      .get('/r/Jokes/top.json')
      .query(TOP)
      .reply(() => {
        calls += 1;
        return [429, 'Too Many Requests', { 'Retry-After': '30' }];
      });
    const client = anonymous({ now: () => now });
    expect((await failure(client.fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000)))).reason).toBe('rate-limited');
    expect(calls).toBe(1);

    reddit()
      .get(/\/r\/.*/)
      .times(10)
      .reply(() => {
        calls += 1;
        return [200, jokes(1)];
      });
    now += 29_000;
    for (const subreddit of ['Jokes', 'todayilearned', 'dadjokes']) {
      expect((await failure(client.fetchPosts({ subreddit }, new Deadline(5000)))).reason).toBe('rate-limited');
    }
    expect(calls).toBe(1);

    now += 1_000;
    await expect(client.fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000))).resolves.toHaveLength(1);
    expect(calls).toBe(2);
  });

  it('cools down before a 429 when X-Ratelimit-Remaining says the budget is used up', async () => {
    let calls = 0;
    reddit()
      .get(/\/r\/.*/)
      .times(3)
      .reply(() => {
        calls += 1;
        return [200, jokes(1), { 'X-Ratelimit-Remaining': '0.0', 'X-Ratelimit-Used': '10', 'X-Ratelimit-Reset': '40' }];
      });
    const client = anonymous();
    await expect(client.fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000))).resolves.toHaveLength(1);
    expect((await failure(client.fetchPosts({ subreddit: 'todayilearned' }, new Deadline(5000)))).reason).toBe('rate-limited');
    expect(calls).toBe(1);
  });
});

describe('RedditClient, when Reddit hangs', () => {
  let server: Server;
  let closedAt: number[];
  let received: IncomingMessage[];

  beforeEach(async () => {
    closedAt = [];
    received = [];
    // A real socket that never answers: shows the request is aborted, not left running.
    server = createServer((req) => {
      received.push(req);
      req.socket.on('close', () => closedAt.push(performance.now()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('aborts the request when the deadline budget is spent and closes the socket', async () => {
    const { port } = server.address() as AddressInfo;
    const client = new RedditClient(testConfig({ REDDIT_BASE_URL: `http://127.0.0.1:${port}` }));
    const deadlineMs = 600;
    const started = performance.now();
    const error = await failure(client.fetchPosts({ subreddit: 'Jokes' }, new Deadline(deadlineMs)));
    const elapsed = performance.now() - started;
    expect(error.reason).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(deadlineMs - 150 - 20); // 150 ms render reserve
    // The server never answers: the client gave up by itself. The bound is loose because a
    // loaded 2-core machine fires a timer late, never early (the lower bound above is exact).
    expect(elapsed).toBeLessThan(5 * deadlineMs);
    expect(received).toHaveLength(1);
    expect(received[0]?.headers['user-agent']).toBe(UA);
    // the server sees the client hang up right away, not when some later timeout fires
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closedAt).toHaveLength(1);
    expect((closedAt[0] ?? Infinity) - started).toBeLessThan(deadlineMs);
  });
});

describe('RedditClient, app-only OAuth', () => {
  const ID = 'test-client-id-1234';
  const SECRET = 'super-secret-value-987';
  const TOKEN = 'token-abc-111';
  const TOKEN2 = 'token-def-222';
  const basic = `Basic ${Buffer.from(`${ID}:${SECRET}`).toString('base64')}`;

  const oauthConfig = () => testConfig({ REDDIT_CLIENT_ID: ID, REDDIT_CLIENT_SECRET: SECRET });

  function tokenEndpoint(tokens: string[], counter: { calls: number }, expiresIn = 86400) {
    return nock(BASE, { reqheaders: { 'user-agent': UA, authorization: basic } })
      .post('/api/v1/access_token', 'grant_type=client_credentials')
      .times(tokens.length)
      .reply(() => {
        const token = tokens[counter.calls] ?? 'unexpected';
        counter.calls += 1;
        return [200, { access_token: token, token_type: 'bearer', expires_in: expiresIn, scope: '*' }];
      });
  }

  it('gets one token for many listings and sends it as a bearer token to the OAuth host', async () => {
    const tokenCalls = { calls: 0 };
    tokenEndpoint([TOKEN, TOKEN2], tokenCalls);
    const listings = nock(OAUTH, { reqheaders: { 'user-agent': UA, authorization: `bearer ${TOKEN}` } })
      .get(/\/r\/\w+\/top\.json/)
      .times(6)
      .reply(200, jokes(2));
    const client = new RedditClient(oauthConfig());
    const subs = ['Jokes', 'todayilearned', 'dadjokes', 'Showerthoughts'];
    await Promise.all(subs.map((subreddit) => client.fetchPosts({ subreddit }, new Deadline(5000))));
    await client.fetchPosts({ subreddit: 'LifeProTips' }, new Deadline(5000));
    await client.fetchPosts({ subreddit: 'worldnews' }, new Deadline(5000));
    expect(tokenCalls.calls).toBe(1);
    listings.done();
  });

  it('renews the token once on 401 and retries the listing with the new token', async () => {
    const tokenCalls = { calls: 0 };
    tokenEndpoint([TOKEN, TOKEN2], tokenCalls);
    nock(OAUTH, { reqheaders: { authorization: `bearer ${TOKEN}` } })
      .get('/r/Jokes/top.json')
      .query(TOP)
      .reply(401, { message: 'Unauthorized', error: 401 });
    const fresh = nock(OAUTH, { reqheaders: { authorization: `bearer ${TOKEN2}` } })
      .get('/r/Jokes/top.json')
      .query(TOP)
      .times(2)
      .reply(200, jokes(1));
    const client = new RedditClient(oauthConfig());
    await expect(client.fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000))).resolves.toHaveLength(1);
    await expect(client.fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000))).resolves.toHaveLength(1);
    expect(tokenCalls.calls).toBe(2);
    fresh.done();
  });

  it('concurrent 401s with the same token cause a single renewal', async () => {
    const tokenCalls = { calls: 0 };
    tokenEndpoint([TOKEN, TOKEN2, 'third'], tokenCalls);
    let oldTokenCalls = 0;
    nock(OAUTH, { reqheaders: { authorization: `bearer ${TOKEN}` } })
      .get(/\/r\/\w+\/top\.json/)
      .times(4)
      .reply(() => {
        oldTokenCalls += 1;
        // the first listing works; then Reddit revokes the token
        return oldTokenCalls === 1 ? [200, jokes(1)] : [401, { message: 'Unauthorized' }];
      });
    nock(OAUTH, { reqheaders: { authorization: `bearer ${TOKEN2}` } }).get(/\/r\/\w+\/top\.json/).times(3).reply(200, jokes(1));
    const client = new RedditClient(oauthConfig());
    await client.fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000));
    const results = await Promise.all(
      ['todayilearned', 'dadjokes', 'oneliners'].map((subreddit) => client.fetchPosts({ subreddit }, new Deadline(5000))),
    );
    expect(results.map((posts) => posts.length)).toEqual([1, 1, 1]);
    expect(oldTokenCalls).toBe(4);
    expect(tokenCalls.calls).toBe(2);
  });

  it('stops after one renewal when Reddit keeps refusing', async () => {
    const tokenCalls = { calls: 0 };
    tokenEndpoint([TOKEN, TOKEN2, 'third', 'fourth'], tokenCalls);
    let listingCalls = 0;
    nock(OAUTH)
      .get('/r/Jokes/top.json')
      .query(TOP)
      .times(5)
      .reply(() => {
        listingCalls += 1;
        return [401, { message: 'Unauthorized' }];
      });
    const client = new RedditClient(oauthConfig());
    const error = await failure(client.fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000)));
    expect(error).toMatchObject({ reason: 'blocked', status: 401 });
    expect(tokenCalls.calls).toBe(2);
    expect(listingCalls).toBe(2);
  });

  it('renews the token shortly before it expires', async () => {
    let now = 0;
    const tokenCalls = { calls: 0 };
    tokenEndpoint([TOKEN, TOKEN2], tokenCalls, 3600);
    nock(OAUTH).get('/r/Jokes/top.json').query(TOP).times(3).reply(200, jokes(1));
    const client = new RedditClient(oauthConfig(), { now: () => now });
    await client.fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000));
    now = 3600_000 - 61_000;
    await client.fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000));
    expect(tokenCalls.calls).toBe(1);
    now = 3600_000 - 59_000;
    await client.fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000));
    expect(tokenCalls.calls).toBe(2);
  });

  it('after Reddit refuses the credentials, does not ask again for a while', async () => {
    let now = 5_000_000;
    let tokenCalls = 0;
    nock(BASE)
      .post('/api/v1/access_token')
      .times(3)
      .reply(() => {
        tokenCalls += 1;
        return [401, { message: 'Unauthorized', error: 401 }];
      });
    const lines: string[] = [];
    const client = new RedditClient(oauthConfig(), { now: () => now, log: jsonLogger('info', (line) => lines.push(line)) });
    expect((await failure(client.fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000)))).reason).toBe('blocked');
    expect((await failure(client.fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000)))).reason).toBe('rate-limited');
    expect(tokenCalls).toBe(1);
    expect(lines.join('')).toContain('check REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET');
    expect(lines.join('')).not.toContain(SECRET);
    now += 60_000;
    await failure(client.fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000)));
    expect(tokenCalls).toBe(2);
  });

  it('never logs the client secret, the Basic credentials or the token', async () => {
    const lines: string[] = [];
    const log = jsonLogger('debug', (line) => lines.push(line));
    const tokenCalls = { calls: 0 };
    tokenEndpoint([TOKEN, TOKEN2], tokenCalls);
    nock(OAUTH).get('/r/Jokes/top.json').query(TOP).reply(401);
    nock(OAUTH).get('/r/Jokes/top.json').query(TOP).reply(500);
    nock(OAUTH).get('/r/Jokes/top.json').query(TOP).reply(429, '', { 'Retry-After': '5' });
    const client = new RedditClient(oauthConfig(), { log, random: () => 0 });
    await failure(client.fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000)));
    const output = lines.join('');
    expect(lines.length).toBeGreaterThan(3); // it did log: requests, renewal, retry, cool-down
    expect(output).toContain('cooling down');
    for (const secret of [SECRET, TOKEN, TOKEN2, basic.slice('Basic '.length)]) {
      expect(output).not.toContain(secret);
    }
  });
});

describe('RedditClient reports to the request log', () => {
  it('the time spent on Reddit, retries included, whether the fetch succeeds or fails', async () => {
    reddit().get('/r/Jokes/top.json').query(TOP).delay(30).reply(503).get('/r/Jokes/top.json').query(TOP).reply(200, jokes(1));
    const ok: Array<{ upstreamMs?: number }> = [];
    await anonymous().fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000), (report) => ok.push(report));
    expect(ok).toHaveLength(1);
    expect(ok[0]!.upstreamMs).toBeGreaterThanOrEqual(25); // at least the 30 ms delay, give or take timer rounding

    reddit().get('/r/Jokes/top.json').query(TOP).reply(404);
    const failed: Array<{ upstreamMs?: number }> = [];
    await failure(anonymous().fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000), (report) => failed.push(report)));
    expect(failed).toEqual([{ upstreamMs: expect.any(Number) }]);
  });
});
