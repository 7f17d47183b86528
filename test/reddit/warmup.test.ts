import nock from 'nock';
import { createApp } from '../../src/app';
import { CATALOG } from '../../src/catalog';
import { jsonLogger, silentLogger } from '../../src/log';
import { RedditError, type ListingQuery, type PostSource } from '../../src/reddit/client';
import { warmUp, warmUpAfterFirstAnswer } from '../../src/reddit/warmup';
import { loadConfig } from '../../src/config';
import { jokes, redditEnv } from '../support/reddit';
import { sayRequest, welcomeRequest } from '../support/requests';
import { startWebhook, type RunningWebhook } from '../support/server';

const subreddits = [...new Set(CATALOG.map((kind) => kind.subreddit))];

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function countingReddit(status = 200) {
  const seen: string[] = [];
  nock('http://reddit.test')
    .get(/\/r\/\w+\/top\.json/)
    .times(50)
    .reply((uri) => {
      seen.push(uri.split('/')[2] ?? '');
      return status === 200 ? [200, jokes(5)] : [status, 'nope'];
    });
  return seen;
}

describe('warmUp', () => {
  it('fetches every catalog listing once, one at a time', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const queries: ListingQuery[] = [];
    const source: PostSource = {
      async fetchPosts(query) {
        queries.push(query);
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        return [];
      },
    };
    const result = await warmUp(source, CATALOG, silentLogger);
    expect(queries.map((query) => query.subreddit)).toEqual(subreddits);
    expect(queries.every((query) => query.topic === undefined)).toBe(true);
    expect(maxInFlight).toBe(1);
    expect(result.warmed).toEqual(subreddits);
  });

  it('stops at the first "slow down" and never throws', async () => {
    let calls = 0;
    const source: PostSource = {
      async fetchPosts() {
        calls += 1;
        throw new RedditError('rate-limited', 'Reddit rate limit hit', 429);
      },
    };
    await expect(warmUp(source, CATALOG, silentLogger)).resolves.toEqual({ warmed: [], failed: [subreddits[0]] });
    expect(calls).toBe(1);
  });
});

describe('warmUpAfterFirstAnswer', () => {
  function recordingSource() {
    const subs: string[] = [];
    const source: PostSource = {
      async fetchPosts(query) {
        subs.push(query.subreddit);
        return [];
      },
    };
    return { source, subs };
  }

  it('waits for the first answer, then warms up once', async () => {
    const { source, subs } = recordingSource();
    const answered = warmUpAfterFirstAnswer(source, CATALOG, silentLogger, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(subs).toEqual([]);
    answered();
    answered();
    await until(() => subs.length === subreddits.length);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(subs).toEqual(subreddits);
  });

  it('starts by itself when no answer comes', async () => {
    const { source, subs } = recordingSource();
    const answered = warmUpAfterFirstAnswer(source, CATALOG, silentLogger, 10);
    await until(() => subs.length === subreddits.length);
    answered();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(subs).toEqual(subreddits);
  });
});

describe('createApp and warm-up', () => {
  let webhook: RunningWebhook | undefined;
  afterEach(async () => {
    await webhook?.close();
    webhook = undefined;
  });

  it('does not warm up unless asked, not even after the 1 s an idle instance waits', async () => {
    const seen = countingReddit();
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      createApp({ config: loadConfig(redditEnv()), log: silentLogger });
      await jest.advanceTimersByTimeAsync(1_001);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      jest.useRealTimers();
    }
    expect(seen).toEqual([]);
  });

  it('when asked, warms the cache after the first answer, so the next users hit it', async () => {
    const seen = countingReddit();
    // start-up does not wait for Reddit: createApp returns before any request is made
    webhook = await startWebhook(redditEnv(), { warmUp: true });
    expect(seen).toEqual([]);
    const first = await webhook.post(welcomeRequest());
    expect(first.status).toBe(200);
    await until(() => seen.length === subreddits.length);
    const result = await webhook.post(sayRequest('joke'));
    expect(result.json.fulfillmentText).not.toMatch(/own collection/);
    expect(seen).toHaveLength(subreddits.length);
  });

  it('keeps the handler\'s front-door checks when it watches for the first answer', () => {
    const posts: PostSource = { fetchPosts: async () => [] };
    const config = loadConfig(redditEnv());
    const plain = createApp({ config, log: silentLogger, posts });
    const watched = createApp({ config, log: silentLogger, posts, warmUp: true });
    const marks = (fn: object) => Object.getOwnPropertySymbols(fn).map((symbol) => symbol.description);
    expect(marks(plain).length).toBeGreaterThan(0);
    expect(marks(watched)).toEqual(marks(plain));
  });

  it('warms up by itself when no request comes', async () => {
    const seen = countingReddit();
    createApp({ config: loadConfig(redditEnv()), log: silentLogger, warmUp: true });
    expect(seen).toEqual([]);
    await until(() => seen.length === subreddits.length, 4000);
  });

  it('does not fail start-up when Reddit blocks us, and gives up after one try', async () => {
    const seen = countingReddit(403);
    const lines: string[] = [];
    const log = jsonLogger('info', (line) => lines.push(line));
    webhook = await startWebhook(redditEnv(), { log, warmUp: true });
    await until(() => lines.some((line) => line.includes('warm-up done')));
    expect(seen).toEqual([subreddits[0]]);
    const result = await webhook.post(sayRequest('joke'));
    expect(result.status).toBe(200);
  });
});
