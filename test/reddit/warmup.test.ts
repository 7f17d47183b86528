import nock from 'nock';
import { createApp } from '../../src/app';
import { CATALOG } from '../../src/catalog';
import { jsonLogger, silentLogger } from '../../src/log';
import { RedditError, type ListingQuery, type PostSource } from '../../src/reddit/client';
import { warmUp, warmUpAfterFirstAnswer } from '../../src/reddit/warmup';
import { loadConfig } from '../../src/config';
import { kindById, subredditFor } from '../../src/catalog';
import { judgedCandidates } from '../../src/moderation/candidates';
import { ModerationJudge } from '../../src/moderation/judge';
import type { ModerateText } from '../../src/moderation/model';
import { candidatePosts } from '../../src/reddit/filters';
import { PostSchema, type Post } from '../../src/reddit/listing';
import { scores } from '../support/fake-moderation';
import { jokes, redditEnv, redditPost } from '../support/reddit';
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
    await expect(warmUp(source, CATALOG, silentLogger)).resolves.toEqual({ warmed: [], failed: [subreddits[0]], fed: 0 });
    expect(calls).toBe(1);
  });
});

describe('warmUp reads what the configured level reads, and feeds the moderation judge', () => {
  const joke = kindById('joke')!;
  const fact = kindById('fact')!;
  const listing: Post[] = [
    PostSchema.parse(redditPost({ id: 'a', title: 'Why did the chicken cross the road?', selftext: 'To get to the other side.' })),
    PostSchema.parse(redditPost({ id: 'b', title: 'What do you call a fake noodle?', selftext: 'An impasta.' })),
    PostSchema.parse(redditPost({ id: 'c', title: 'Rude one', selftext: 'Refused by the model.' })),
    // Not a candidate (stickied): never sent to the model.
    PostSchema.parse(redditPost({ id: 'd', title: 'Rules of the sub', selftext: 'Read them.', stickied: true })),
  ];
  const source = (subs: string[]): PostSource => ({
    async fetchPosts(query) {
      subs.push(query.subreddit);
      return listing;
    },
  });
  /** A real judge whose model is a function: what it was asked, and Sexual for the rude one. */
  function judgeAsked() {
    const texts: string[] = [];
    const moderate: ModerateText = async (text) => {
      texts.push(text);
      return text.includes('Refused') ? scores({ Sexual: 0.9 }) : scores();
    };
    return { texts, judge: new ModerationJudge({ moderator: async () => moderate, log: silentLogger, minCallIntervalMs: 0 }) };
  }

  it.each([
    ['strict', ['cleanjokes', 'todayilearned']],
    ['standard', ['Jokes', 'todayilearned']],
    ['off', ['Jokes', 'todayilearned']],
    [undefined, ['Jokes', 'todayilearned']],
  ] as const)('at %s it fetches %j (subredditFor)', async (level, expected) => {
    const subs: string[] = [];
    const result = await warmUp(source(subs), [joke, fact], silentLogger, { level });
    expect(subs).toEqual(expected);
    expect(subredditFor(joke, level)).toBe(expected[0]);
    expect(result).toEqual({ warmed: expected, failed: [], fed: 0 });
  });

  it('with a judge, every candidate of each warmed listing is judged before anyone asks: the first request finds verdicts, not the on-the-spot path', async () => {
    const { texts, judge } = judgeAsked();
    const result = await warmUp(source([]), [joke], silentLogger, { level: 'strict', judge });
    expect(result).toEqual({ warmed: ['cleanjokes'], failed: [], fed: 3 });
    await judge.settled();
    // The text read aloud for the kind, as a request would send it.
    expect([...texts].sort()).toEqual([
      'Rude one\nRefused by the model.',
      'What do you call a fake noodle?\nAn impasta.',
      'Why did the chicken cross the road?\nTo get to the other side.',
    ]);
    const first = judgedCandidates(judge, listing, candidatePosts(listing, joke, { allowNsfw: false, contentFilter: 'strict' }), joke, 'strict', () => 1000);
    expect(first.judgeOnSpot).toBeUndefined();
    expect(first.posts.filter(first.accept).map((post) => post.id)).toEqual(['a', 'b']);
    // Fed once: the first request asks the model nothing more.
    expect(texts).toHaveLength(3);
  });

  it('a listing that failed feeds nothing, and without a judge nothing is judged', async () => {
    const { texts, judge } = judgeAsked();
    const failing: PostSource = {
      async fetchPosts() {
        throw new RedditError('upstream', 'Reddit answered 503', 503);
      },
    };
    expect(await warmUp(failing, [joke], silentLogger, { level: 'standard', judge })).toEqual({ warmed: [], failed: ['Jokes'], fed: 0 });
    await judge.settled();
    expect(texts).toEqual([]);
  });

  it('createApp hands the warm-up its level and judge: the listing strict reads is judged after the first answer', async () => {
    const { texts, judge } = judgeAsked();
    const subs: string[] = [];
    const config = loadConfig({ ...redditEnv(), CONTENT_FILTER: 'strict', LOG_LEVEL: 'silent' });
    createApp({ config, log: silentLogger, posts: source(subs), judge, warmUp: true });
    await until(() => subs.length === new Set(CATALOG.map((kind) => subredditFor(kind, 'strict'))).size, 4000);
    expect(subs).toContain('cleanjokes');
    expect(subs).not.toContain('Jokes');
    await until(() => texts.length > 0, 4000);
    await judge.settled();
    expect(texts).toContain('Why did the chicken cross the road?\nTo get to the other side.');
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
