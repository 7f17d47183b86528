/**
 * Acceptance: the real HTTP function (createApp) answers with cached or offline
 * content, whatever Reddit does, without waiting for a Reddit that hangs, and
 * stays polite (one request per cold listing, no calls while cooling down, our
 * User-Agent on every request).
 *
 * When exactly the answer leaves (WEBHOOK_DEADLINE_MS − 50 ms) is pinned with fake
 * timers in test/limits/http.test.ts. Here the function and its caller share one
 * process on a machine that may be busy, so wall-clock bounds near the deadline
 * would measure the machine; what these tests check instead is what a user sees:
 * the answer comes long before a hanging Reddit would have replied (REDDIT_HANG_MS).
 */
import nock from 'nock';
import { jsonLogger, type Logger } from '../src/log';
import { countedReplies, jokes, listing, REDDIT_OAUTH, redditEnv, redditPost, TEST_USER_AGENT as UA } from './support/reddit';
import { moreRequest, sayRequest, welcomeRequest } from './support/requests';
import { REDDIT as BASE, startWebhook, type RunningWebhook } from './support/server';
import { expectValidV2Response } from './support/v2-proto';
import { testReport } from './support/report';

const DEADLINE_MS = 600;
/** How long a hanging Reddit takes to reply: five deadlines, so an answer that waited for it cannot pass. */
const REDDIT_HANG_MS = 3000;
const OFFLINE = /from my own collection/;
/**
 * For tests where Reddit does answer and the user must get its post: a cold instance's first
 * answer can take longer than DEADLINE_MS on a busy 2-CPU machine, which would make the result
 * depend on the machine. Still below REDDIT_HANG_MS, so a hang shows.
 */
const ANSWERING_DEADLINE = { WEBHOOK_DEADLINE_MS: '2500' };

/** Every request to fake Reddit must carry our User-Agent, or it matches nothing and is recorded here. */
const unmatched: string[] = [];
const recordUnmatched = (req: { method?: string; path?: string; href?: string; hostname?: string; host?: string }) => {
  const where = `${req.href ?? ''} ${req.hostname ?? req.host ?? ''}`;
  // the loopback calls to our own function pass through nock on purpose
  if (/reddit\.test/.test(where)) unmatched.push(`${req.method ?? ''} ${req.href ?? req.path ?? ''}`);
};
beforeAll(() => nock.emitter.on('no match', recordUnmatched));
afterAll(() => nock.emitter.removeListener('no match', recordUnmatched));

const running: RunningWebhook[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((webhook) => webhook.close()));
  expect(unmatched.splice(0)).toEqual([]);
});

const reddit = () => nock(BASE, { reqheaders: { 'user-agent': UA } });

/** A fresh instance (cold cache) of the real function on a loopback port. */
async function webhook(env: Record<string, string> = {}, log?: Logger): Promise<RunningWebhook> {
  const started = await startWebhook(redditEnv({ WEBHOOK_DEADLINE_MS: String(DEADLINE_MS), ...env }), { log, random: () => 0 });
  running.push(started);
  return started;
}

interface Answer {
  status: number;
  json: any; // checked against the v2 protos below
  speech: string;
  servedIds: string[];
  elapsedMs: number;
}

async function ask(instance: RunningWebhook, body: Record<string, unknown>): Promise<Answer> {
  const started = performance.now();
  const { status, json } = await instance.post(body);
  const elapsedMs = performance.now() - started;
  expectValidV2Response(json);
  const followup = (json.outputContexts ?? []).find((context: { name: string }) => context.name.endsWith('/contexts/content-followup'));
  return { status, json, speech: String(json.fulfillmentText ?? ''), servedIds: followup?.parameters?.servedIds ?? [], elapsedMs };
}

/** Counts requests to r/Jokes' top listing and answers them with `answer`. */
function jokesListing(answer: (call: number) => nock.ReplyFnResult | Promise<nock.ReplyFnResult>, times = 20) {
  return countedReplies(reddit().get('/r/Jokes/top.json').query(true), answer, times);
}

/** A reply that comes far too late; unref'd so a finished test run does not wait for it. */
function hangingReply(ms: number, reply: nock.ReplyFnResult): Promise<nock.ReplyFnResult> {
  return new Promise((resolve) => setTimeout(() => resolve(reply), ms).unref());
}

/** Waits (briefly) for something that happens in the background, like a cache refresh. */
async function eventually(check: () => boolean, timeoutMs = 1000): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function expectInTime(answer: Answer): void {
  expect(answer.status).toBe(200);
  expect(answer.elapsedMs).toBeLessThan(REDDIT_HANG_MS);
}

function expectOffline(answer: Answer): void {
  expectInTime(answer);
  expect(answer.speech).toMatch(OFFLINE);
  expect(answer.servedIds.at(-1)).toMatch(/^offline:joke:\d+$/);
  // offline items have no Reddit link card
  expect(JSON.stringify(answer.json)).not.toContain('reddit.com');
}

beforeAll(async () => {
  // The first request of a process pays for fetch (undici) and express start-up; pay it
  // here so the timings below measure how Reddit's failures are handled.
  const warm = await startWebhook(redditEnv());
  await warm.post(welcomeRequest());
  await warm.close();
});

const measured: Record<string, { ms: number; upstream: number }> = {};
afterAll(() => {
  // The numbers for the report: build/test-reports/reddit-resilience.txt (TEST_REPORTS=1 prints them).
  testReport(
    'reddit-resilience',
    `WEBHOOK_DEADLINE_MS=${DEADLINE_MS}\n` +
      Object.entries(measured)
        .map(([name, m]) => `${name.padEnd(34)} ${m.ms.toFixed(0).padStart(5)} ms  upstream calls: ${m.upstream}`)
        .join('\n'),
  );
});

describe('webhook when Reddit misbehaves (cold cache)', () => {
  it('hang: answers from the offline collection before the deadline', async () => {
    const counter = jokesListing(() => hangingReply(REDDIT_HANG_MS, [200, jokes(3)]), 1);
    const result = await ask(await webhook(), sayRequest('joke'));
    expectOffline(result);
    expect(result.speech).toMatch(/^Reddit isn't answering right now/);
    measured['hang'] = { ms: result.elapsedMs, upstream: counter.calls };
  });

  it('hang (nock delay): the request is given up at the deadline', async () => {
    let calls = 0;
    reddit()
      .get('/r/Jokes/top.json')
      .query(true)
      // nock keeps its delay timer after the abort; test/setup.ts drops it after each test
      .delay(REDDIT_HANG_MS)
      .reply(() => {
        calls += 1;
        return [200, jokes(3)];
      });
    const result = await ask(await webhook(), sayRequest('joke'));
    expectOffline(result);
    measured['hang (nock delay)'] = { ms: result.elapsedMs, upstream: calls };
  });

  it('500: retries while time allows, then answers offline', async () => {
    const counter = jokesListing(() => [500, 'Internal Server Error']);
    const result = await ask(await webhook(), sayRequest('joke'));
    expectOffline(result);
    expect(counter.calls).toBeGreaterThanOrEqual(2);
    expect(counter.calls).toBeLessThanOrEqual(3);
    measured['500'] = { ms: result.elapsedMs, upstream: counter.calls };
  });

  it('503 then 200: the retry succeeds and the user gets the Reddit post', async () => {
    const counter = jokesListing((call) => (call === 1 ? [503, 'Service Unavailable'] : [200, listing([redditPost({ id: 'r1', title: 'Retried setup?', selftext: 'Retried punchline.' })])]));
    const result = await ask(await webhook(ANSWERING_DEADLINE), sayRequest('joke'));
    expectInTime(result);
    expect(result.speech).toContain('Retried setup?\nRetried punchline.');
    expect(counter.calls).toBe(2);
    measured['503 then 200'] = { ms: result.elapsedMs, upstream: counter.calls };
  });

  it('429 with Retry-After: answers offline and makes no further calls during the cool-down', async () => {
    const counter = jokesListing(() => [429, 'Too Many Requests', { 'Retry-After': '60' }]);
    let otherCalls = 0;
    reddit()
      .get(/.*/)
      .times(20)
      .reply(() => {
        otherCalls += 1;
        return [200, jokes(2)];
      });
    const instance = await webhook();
    let previous = await ask(instance, sayRequest('joke'));
    expectOffline(previous);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      previous = await ask(instance, moreRequest(previous.json));
      expectOffline(previous);
      times.push(previous.elapsedMs);
    }
    const fact = await ask(instance, sayRequest('fact'));
    expectInTime(fact);
    expect(fact.speech).toMatch(OFFLINE);
    expect(counter.calls).toBe(1);
    expect(otherCalls).toBe(0);
    // no repeats: six different offline jokes
    expect(new Set(previous.servedIds).size).toBe(6);
    measured['429 (max during cool-down)'] = { ms: Math.max(...times), upstream: counter.calls + otherCalls };
  });

  it('403 (anonymous requests blocked): answers offline without retrying', async () => {
    const counter = jokesListing(() => [403, '<html><body>blocked</body></html>', { 'Content-Type': 'text/html' }]);
    const result = await ask(await webhook(), sayRequest('joke'));
    expectOffline(result);
    expect(counter.calls).toBe(1);
    measured['403'] = { ms: result.elapsedMs, upstream: counter.calls };
  });

  it('truncated JSON: answers offline', async () => {
    const counter = jokesListing(() => [200, '{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"id": "ab', { 'Content-Type': 'application/json' }]);
    const result = await ask(await webhook(), sayRequest('joke'));
    expectOffline(result);
    expect(counter.calls).toBe(1);
    measured['truncated JSON'] = { ms: result.elapsedMs, upstream: counter.calls };
  });

  it('empty listing: says Reddit has nothing usable and answers offline', async () => {
    const counter = jokesListing(() => [200, listing([])]);
    const result = await ask(await webhook(), sayRequest('joke'));
    expectOffline(result);
    expect(result.speech).toMatch(/^Reddit has no jokes I can read out right now/);
    measured['empty listing'] = { ms: result.elapsedMs, upstream: counter.calls };
  });

  it('all posts filtered out: answers offline', async () => {
    const counter = jokesListing(() => [
      200,
      listing([
        redditPost({ id: 'f1', over_18: true }),
        redditPost({ id: 'f2', stickied: true }),
        redditPost({ id: 'f3', selftext: '[removed]' }),
        redditPost({ id: 'f4', spoiler: true }),
        redditPost({ id: 'f5', selftext: 'x '.repeat(400) }),
      ]),
    ]);
    const result = await ask(await webhook(), sayRequest('joke'));
    expectOffline(result);
    measured['all posts filtered'] = { ms: result.elapsedMs, upstream: counter.calls };
  });

  it('a kind without an offline set (news) gets an honest apology', async () => {
    reddit().get('/r/worldnews/top.json').query(true).reply(403);
    const result = await ask(await webhook(), sayRequest('news'));
    expectInTime(result);
    expect(result.speech).toMatch(/^Sorry, I couldn't get a news headline from Reddit right now/);
  });

  it('a fact-like kind gets a fact from the collection, saying so', async () => {
    reddit().get('/r/Showerthoughts/top.json').query(true).reply(503).get('/r/Showerthoughts/top.json').query(true).times(3).reply(503);
    const result = await ask(await webhook(), sayRequest('shower thought'));
    expectInTime(result);
    expect(result.speech).toMatch(/^Reddit isn't answering right now, so here's a fact from my own collection instead:/);
    expect(result.servedIds.at(-1)).toMatch(/^offline:fact:\d+$/);
  });
});

describe('webhook with a warm cache', () => {
  it('serves the cached listing while Reddit hangs', async () => {
    // CACHE_TTL_SECONDS=0: every request finds the copy stale and refreshes it. The refresh hangs
    // until the test has its answer, then gets a 429 (not retried, and logged when it arrives), so
    // no request outlives the test.
    let release = (): void => undefined;
    const released = new Promise<nock.ReplyFnResult>((resolve) => {
      release = () => resolve([429, 'Too Many Requests', { 'Retry-After': '1' }]);
    });
    const lines: string[] = [];
    const counter = jokesListing((call) =>
      call === 1 ? [200, listing([redditPost({ id: 'c1', title: 'Cached setup?', selftext: 'Cached punchline.' })])] : released,
    );
    const instance = await webhook({ CACHE_TTL_SECONDS: '0', LOG_LEVEL: 'info', ...ANSWERING_DEADLINE }, jsonLogger('info', (line) => lines.push(line)));
    const warm = await ask(instance, sayRequest('joke'));
    expect(warm.speech).toContain('Cached setup?');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const result = await ask(instance, sayRequest('joke'));
    expectInTime(result);
    expect(result.speech).toContain('Cached setup?');
    // ...while one background request tries to refresh it
    await eventually(() => counter.calls === 2);
    release();
    await eventually(() => lines.some((line) => line.includes('reddit answered 429')));
    measured['hang, warm cache'] = { ms: result.elapsedMs, upstream: counter.calls };
  });

  it('a fresh listing is not fetched again', async () => {
    const counter = jokesListing(() => [200, jokes(10)]);
    const instance = await webhook();
    for (let i = 0; i < 5; i++) expectInTime(await ask(instance, sayRequest('joke')));
    expect(counter.calls).toBe(1);
  });

  it('200 concurrent webhook calls for a cold subreddit make exactly 1 upstream request', async () => {
    const counter = { calls: 0 };
    reddit()
      .get('/r/Jokes/top.json')
      .query(true)
      .times(200)
      .delay(100)
      .reply(() => {
        counter.calls += 1;
        return [200, jokes(10)];
      });
    const instance = await webhook({ WEBHOOK_DEADLINE_MS: '4000' });
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 200 }, () => ask(instance, sayRequest('joke'))));
    const elapsed = performance.now() - started;
    expect(results.every((result) => result.status === 200 && !OFFLINE.test(result.speech))).toBe(true);
    expect(counter.calls).toBe(1);
    measured['200 concurrent, cold (all done)'] = { ms: elapsed, upstream: counter.calls };
    // 200 requests through the whole stack take well over jest's 5 s default on a loaded 2-core box.
  }, 30_000);
});

describe('webhook with app-only OAuth', () => {
  const ID = 'oauth-client-id-42';
  const SECRET = 'oauth-secret-must-not-leak';
  const TOKEN = 'bearer-token-must-not-leak';

  it('one token for many listings; no secret or token in the logs', async () => {
    const lines: string[] = [];
    const log = jsonLogger('debug', (line) => lines.push(line));
    let tokenCalls = 0;
    nock(BASE, { reqheaders: { 'user-agent': UA } })
      .post('/api/v1/access_token', 'grant_type=client_credentials')
      .basicAuth({ user: ID, pass: SECRET })
      .times(5)
      .reply(() => {
        tokenCalls += 1;
        return [200, { access_token: TOKEN, token_type: 'bearer', expires_in: 86400, scope: '*' }];
      });
    let listings = 0;
    nock(REDDIT_OAUTH, { reqheaders: { 'user-agent': UA, authorization: `bearer ${TOKEN}` } })
      .get(/\/r\/\w+\/top\.json/)
      .times(20)
      .reply((uri) => {
        listings += 1;
        return [200, jokes(5, uri.split('/')[2])];
      });
    // This test is about sharing one token, not about the deadline: seven cold listings at once on
    // a fresh instance took longer than 600 ms on a busy 2-CPU machine (a stress run served one of
    // them offline), so the deadline here is the production one.
    const instance = await webhook({ LOG_LEVEL: 'debug', REDDIT_CLIENT_ID: ID, REDDIT_CLIENT_SECRET: SECRET, WEBHOOK_DEADLINE_MS: '4000' }, log);
    const kinds = ['joke', 'fact', 'dad joke', 'shower thought', 'life pro tip', 'news', 'one-liner'];
    const results = await Promise.all(kinds.map((content) => ask(instance, sayRequest(content))));
    for (const result of results) {
      expect(result.status).toBe(200);
      expect(result.speech).not.toMatch(OFFLINE);
    }
    expect(tokenCalls).toBe(1);
    expect(listings).toBe(kinds.length);
    const output = lines.join('');
    expect(output).toContain('reddit oauth token obtained');
    for (const secret of [SECRET, TOKEN, Buffer.from(`${ID}:${SECRET}`).toString('base64')]) {
      expect(output).not.toContain(secret);
    }
  });
});
