/**
 * Acceptance: the real HTTP function (createApp) answers within
 * WEBHOOK_DEADLINE_MS + 200 ms with cached or offline content, whatever Reddit
 * does, and stays polite (one request per cold listing, no calls while cooling
 * down, our User-Agent on every request).
 */
import nock from 'nock';
import { createApp } from '../src/app';
import type { Config } from '../src/config';
import { jsonLogger } from '../src/log';
import { callWebhook, sampleRequest, servedIdsOf, speechOf, testConfig, type WebhookResult } from './support/webhook';
import { goodListing, listing } from './support/reddit';

const DEADLINE_MS = 600;
const SLACK_MS = 200;
const BASE = 'http://reddit.test';
const UA = testConfig().reddit.userAgent;
const OFFLINE = /from my own collection/;

/** Every request to fake Reddit must carry our User-Agent, or it matches nothing and is recorded here. */
const unmatched: string[] = [];
const recordUnmatched = (req: { method?: string; path?: string; href?: string }) =>
  unmatched.push(`${req.method} ${req.href ?? req.path}`);
beforeAll(() => nock.emitter.on('no match', recordUnmatched));
afterAll(() => nock.emitter.removeListener('no match', recordUnmatched));
afterEach(() => {
  expect(unmatched).toEqual([]);
  unmatched.length = 0;
});

const reddit = () => nock(BASE, { reqheaders: { 'user-agent': UA } });

function app(overrides: Partial<Config> = {}, reddit: Partial<Config['reddit']> = {}, log = jsonLogger('silent')) {
  return createApp({ config: testConfig({ deadlineMs: DEADLINE_MS, ...overrides }, reddit), log, random: () => 0, warmUp: false });
}

/** Counts requests to one listing path and answers them with `answer`. */
function jokesListing(answer: (call: number) => nock.ReplyFnResult | Promise<nock.ReplyFnResult>, times = 20) {
  const counter = { calls: 0 };
  reddit()
    .get('/r/Jokes/top.json')
    .query(true)
    .times(times)
    .reply(() => {
      counter.calls += 1;
      return answer(counter.calls);
    });
  return counter;
}

function expectInTime(result: WebhookResult): void {
  expect(result.status).toBe(200);
  expect(result.elapsedMs).toBeLessThan(DEADLINE_MS + SLACK_MS);
}

function expectOffline(result: WebhookResult): void {
  expectInTime(result);
  expect(speechOf(result)).toMatch(OFFLINE);
  expect(servedIdsOf(result).at(-1)).toMatch(/^offline:joke:\d+$/);
  // offline items have no Reddit link card
  expect(JSON.stringify(result.body)).not.toContain('reddit.com');
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

beforeAll(async () => {
  // The response adapter loads dialogflow-fulfillment on first use (~0.3 s in node, more
  // under jest); pay that once here so the timings below measure Reddit handling only.
  await callWebhook(app(), sampleRequest({ action: 'input.welcome', intent: 'Default Welcome Intent' }));
});

const measured: Record<string, { ms: number; upstream: number }> = {};
afterAll(() => {
  // The numbers for the report: `npx jest test/reddit-resilience --verbose=false` prints them.
  console.log(
    `WEBHOOK_DEADLINE_MS=${DEADLINE_MS}\n` +
      Object.entries(measured)
        .map(([name, m]) => `${name.padEnd(34)} ${m.ms.toFixed(0).padStart(5)} ms  upstream calls: ${m.upstream}`)
        .join('\n'),
  );
});

describe('webhook when Reddit misbehaves (cold cache)', () => {
  it('hang: answers from the offline collection before the deadline', async () => {
    const counter = jokesListing(() => hangingReply(3000, [200, goodListing(3)]), 1);
    const result = await callWebhook(app(), sampleRequest({ content: 'joke' }));
    expectOffline(result);
    expect(speechOf(result)).toMatch(/^Reddit isn't answering right now/);
    measured['hang'] = { ms: result.elapsedMs, upstream: counter.calls };
  });

  it('hang (nock delay): the request is given up at the deadline', async () => {
    let calls = 0;
    reddit()
      .get('/r/Jokes/top.json')
      .query(true)
      // twice the budget; nock keeps its delay timer after the abort, so not longer than needed
      .delay(1000)
      .reply(() => {
        calls += 1;
        return [200, goodListing(3)];
      });
    const result = await callWebhook(app(), sampleRequest({ content: 'joke' }));
    expectOffline(result);
    measured['hang (nock delay)'] = { ms: result.elapsedMs, upstream: calls };
  });

  it('500: retries while time allows, then answers offline', async () => {
    const counter = jokesListing(() => [500, 'Internal Server Error']);
    const result = await callWebhook(app(), sampleRequest({ content: 'joke' }));
    expectOffline(result);
    expect(counter.calls).toBeGreaterThanOrEqual(2);
    expect(counter.calls).toBeLessThanOrEqual(3);
    measured['500'] = { ms: result.elapsedMs, upstream: counter.calls };
  });

  it('503 then 200: the retry succeeds and the user gets the Reddit post', async () => {
    const counter = jokesListing((call) => (call === 1 ? [503, 'Service Unavailable'] : [200, listing([{ title: 'Retried setup?', selftext: 'Retried punchline.' }])]));
    const result = await callWebhook(app(), sampleRequest({ content: 'joke' }));
    expectInTime(result);
    expect(speechOf(result)).toContain('Retried setup?\nRetried punchline.');
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
        return [200, goodListing(2)];
      });
    const handler = app();
    const first = await callWebhook(handler, sampleRequest({ content: 'joke' }));
    expectOffline(first);
    let followup = { content: 'joke', topic: '', servedIds: servedIdsOf(first) };
    const times: number[] = [first.elapsedMs];
    for (let i = 0; i < 5; i++) {
      const more = await callWebhook(handler, sampleRequest({ followup }));
      expectOffline(more);
      times.push(more.elapsedMs);
      followup = { ...followup, servedIds: servedIdsOf(more) };
    }
    const fact = await callWebhook(handler, sampleRequest({ content: 'fact' }));
    expectInTime(fact);
    expect(speechOf(fact)).toMatch(OFFLINE);
    expect(counter.calls).toBe(1);
    expect(otherCalls).toBe(0);
    // no repeats: six different offline jokes
    expect(new Set(followup.servedIds).size).toBe(6);
    measured['429 first / during cool-down (max)'] = { ms: Math.max(...times.slice(1)), upstream: counter.calls + otherCalls };
  });

  it('403 (anonymous requests blocked): answers offline without retrying', async () => {
    const counter = jokesListing(() => [403, '<html><body>blocked</body></html>', { 'Content-Type': 'text/html' }]);
    const result = await callWebhook(app(), sampleRequest({ content: 'joke' }));
    expectOffline(result);
    expect(counter.calls).toBe(1);
    measured['403'] = { ms: result.elapsedMs, upstream: counter.calls };
  });

  it('truncated JSON: answers offline', async () => {
    const counter = jokesListing(() => [200, '{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"id": "ab', { 'Content-Type': 'application/json' }]);
    const result = await callWebhook(app(), sampleRequest({ content: 'joke' }));
    expectOffline(result);
    expect(counter.calls).toBe(1);
    measured['truncated JSON'] = { ms: result.elapsedMs, upstream: counter.calls };
  });

  it('empty listing: says Reddit has nothing usable and answers offline', async () => {
    const counter = jokesListing(() => [200, listing([])]);
    const result = await callWebhook(app(), sampleRequest({ content: 'joke' }));
    expectOffline(result);
    expect(speechOf(result)).toMatch(/^Reddit has no jokes I can read out right now/);
    measured['empty listing'] = { ms: result.elapsedMs, upstream: counter.calls };
  });

  it('all posts filtered out: answers offline', async () => {
    const counter = jokesListing(() => [
      200,
      listing([
        { over_18: true },
        { stickied: true },
        { selftext: '[removed]' },
        { spoiler: true },
        { selftext: 'x '.repeat(400) },
      ]),
    ]);
    const result = await callWebhook(app(), sampleRequest({ content: 'joke' }));
    expectOffline(result);
    measured['all posts filtered'] = { ms: result.elapsedMs, upstream: counter.calls };
  });

  it('a kind without an offline set (news) gets an honest apology', async () => {
    reddit().get('/r/worldnews/top.json').query(true).reply(403);
    const result = await callWebhook(app(), sampleRequest({ content: 'news' }));
    expectInTime(result);
    expect(speechOf(result)).toMatch(/^Sorry, I couldn't get a news headline from Reddit right now/);
  });

  it('a fact-like kind gets a fact from the collection, saying so', async () => {
    reddit().get('/r/Showerthoughts/top.json').query(true).reply(503).get('/r/Showerthoughts/top.json').query(true).times(3).reply(503);
    const result = await callWebhook(app(), sampleRequest({ content: 'shower thought' }));
    expectInTime(result);
    expect(speechOf(result)).toMatch(/^Reddit isn't answering right now, so here's a fact from my own collection instead:/);
    expect(servedIdsOf(result).at(-1)).toMatch(/^offline:fact:\d+$/);
  });
});

describe('webhook with a warm cache', () => {
  it('serves the cached listing while Reddit hangs', async () => {
    // CACHE_TTL_SECONDS=0: every request finds the copy stale and refreshes it
    const counter = jokesListing((call) =>
      call === 1
        ? [200, listing([{ title: 'Cached setup?', selftext: 'Cached punchline.' }])]
        : hangingReply(3000, [500, 'late']),
    );
    const handler = app({ cacheTtlSeconds: 0 });
    const warm = await callWebhook(handler, sampleRequest({ content: 'joke' }));
    expect(speechOf(warm)).toContain('Cached setup?');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const result = await callWebhook(handler, sampleRequest({ content: 'joke' }));
    expectInTime(result);
    expect(speechOf(result)).toContain('Cached setup?');
    // ...while one background request tries to refresh it
    await eventually(() => counter.calls === 2);
    measured['hang, warm cache'] = { ms: result.elapsedMs, upstream: counter.calls };
  });

  it('a fresh listing is not fetched again', async () => {
    const counter = jokesListing(() => [200, goodListing(10)]);
    const handler = app();
    for (let i = 0; i < 5; i++) expectInTime(await callWebhook(handler, sampleRequest({ content: 'joke' })));
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
        return [200, goodListing(10)];
      });
    const handler = app({ deadlineMs: 4000 });
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 200 }, () => callWebhook(handler, sampleRequest({ content: 'joke' }))));
    const elapsed = performance.now() - started;
    expect(results.every((result) => result.status === 200 && !OFFLINE.test(speechOf(result)))).toBe(true);
    expect(counter.calls).toBe(1);
    measured['200 concurrent, cold (all done)'] = { ms: elapsed, upstream: counter.calls };
  });
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
    nock('http://oauth.reddit.test', { reqheaders: { 'user-agent': UA, authorization: `bearer ${TOKEN}` } })
      .get(/\/r\/\w+\/top\.json/)
      .times(20)
      .reply((uri) => {
        listings += 1;
        return [200, goodListing(5, uri.split('/')[2])];
      });
    const handler = app({ logLevel: 'debug' }, { clientId: ID, clientSecret: SECRET }, log);
    const kinds = ['joke', 'fact', 'dad joke', 'shower thought', 'life pro tip', 'news', 'one-liner'];
    const results = await Promise.all(kinds.map((content) => callWebhook(handler, sampleRequest({ content }))));
    for (const result of results) {
      expectInTime(result);
      expect(speechOf(result)).not.toMatch(OFFLINE);
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
