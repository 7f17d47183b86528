import nock from 'nock';
import { jsonLogger } from '../src/log';
import type { FetchObserver, ListingQuery, PostSource } from '../src/reddit/client';
import type { Post } from '../src/reddit/listing';
import { RequestFacts, sessionId } from '../src/http/request-log';
import { Deadline } from '../src/deadline';
import { jokes } from './support/reddit';
import { sayRequest, webhookRequest } from './support/requests';
import { REDDIT, startWebhook, type RunningWebhook } from './support/server';
import { FakeReddit } from './support/turns';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const USER = 'df-user';
const PASSWORD = 'very-secret-password-123';
const HEADER_VALUE = 'another-secret-456';
const AUTH = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
const ENV = {
  WEBHOOK_USERNAME: USER,
  WEBHOOK_PASSWORD: PASSWORD,
  WEBHOOK_HEADER_NAME: 'x-webhook-secret',
  WEBHOOK_HEADER_VALUE: HEADER_VALUE,
  GOOGLE_CLOUD_PROJECT: 'demo-project',
};
const HEADERS = { authorization: AUTH, 'x-webhook-secret': HEADER_VALUE, 'x-cloud-trace-context': `${TRACE_ID}/12345;o=1` };
const QUERY = 'tell me a joke about my private medical history please';

type Line = Record<string, any>;

/** A cache in front of the fake: the first fetch of a listing misses (and "asks Reddit"), the next ones hit. */
class ReportingSource implements PostSource {
  private readonly seen = new Set<string>();
  constructor(private readonly inner: PostSource) {}
  async fetchPosts(query: ListingQuery, deadline: Deadline, observe?: FetchObserver): Promise<Post[]> {
    const key = `${query.subreddit}?${query.topic ?? ''}`;
    if (this.seen.has(key)) {
      observe?.({ cache: 'hit' });
    } else {
      this.seen.add(key);
      observe?.({ cache: 'miss', upstreamMs: 42 });
    }
    return this.inner.fetchPosts(query, deadline);
  }
}

async function logged(level: string, run: (webhook: RunningWebhook) => Promise<void>, posts?: PostSource): Promise<{ lines: Line[]; raw: string }> {
  const raw: string[] = [];
  const webhook = await startWebhook({ ...ENV, LOG_LEVEL: level }, { log: jsonLogger(level, (line) => raw.push(line)), posts });
  try {
    await run(webhook);
  } finally {
    await webhook.close();
  }
  return { lines: raw.map((line) => JSON.parse(line) as Line), raw: raw.join('') };
}

function expectNoSecrets(raw: string): void {
  for (const secret of [PASSWORD, HEADER_VALUE, AUTH, AUTH.slice('Basic '.length)]) expect(raw).not.toContain(secret);
}

describe('request log', () => {
  it('writes one summary line per request with trace, session, intent, what was served and timings', async () => {
    const { lines, raw } = await logged('info', async (webhook) => {
      nock(REDDIT).get('/r/Jokes/top.json').query(true).once().reply(200, jokes(3));
      for (let i = 0; i < 2; i++) {
        const response = await webhook.post(webhookRequest({ parameters: { content: 'joke' }, queryText: QUERY }), HEADERS);
        expect(response.status).toBe(200);
      }
    });
    expect(lines).toHaveLength(2);
    const [line, second] = lines as [Line, Line];
    expect(line).toMatchObject({
      severity: 'INFO',
      message: 'webhook request',
      'logging.googleapis.com/trace': `projects/demo-project/traces/${TRACE_ID}`,
      'logging.googleapis.com/spanId': (12345).toString(16).padStart(16, '0'),
      'logging.googleapis.com/trace_sampled': true,
      status: 200,
      session: 'test-session',
      intent: 'say-content',
      action: 'say-content',
      kind: 'joke',
      source: 'reddit',
      subreddit: 'Jokes',
      fetches: 1,
    });
    expect(line.postId).toMatch(/^j\d$/);
    // The production source (cache in front of the client): the first request went to Reddit...
    expect(line.cache).toBe('miss');
    expect(line.upstreamMs).toEqual(expect.any(Number));
    expect(line.latencyMs).toEqual(expect.any(Number));
    expect(line.latencyMs).toBeGreaterThanOrEqual(line.upstreamMs);
    // ...the second was served from the cache.
    expect(second).toMatchObject({ status: 200, kind: 'joke', cache: 'hit', fetches: 1 });
    expect(second.upstreamMs).toBeUndefined();
    expect(raw).not.toContain('private medical');
    expectNoSecrets(raw);
    // Each field once per line (JSON.parse would hide a duplicate by keeping the last).
    for (const text of raw.trim().split('\n')) {
      const keys = [...text.matchAll(/"([^"\\]+)":/g)].map((match) => match[1]);
      expect(keys.length).toBe(new Set(keys).size);
    }
  });

  it('reports cache hit or miss, as the Reddit side says', async () => {
    const source = new ReportingSource(new FakeReddit({ Jokes: jokes(5) }));
    const { lines } = await logged(
      'info',
      async (webhook) => {
        await webhook.post(sayRequest('joke'), HEADERS);
        await webhook.post(sayRequest('joke'), HEADERS);
      },
      source,
    );
    expect(lines.map((line) => [line.cache, line.upstreamMs])).toEqual([
      ['miss', 42],
      ['hit', undefined],
    ]);
  });

  it('says when the answer came from the offline collection', async () => {
    const { lines } = await logged(
      'info',
      async (webhook) => {
        await webhook.post(sayRequest('joke'), HEADERS);
      },
      new FakeReddit({}),
    );
    expect(lines[0]).toMatchObject({ status: 200, kind: 'joke', source: 'offline', postId: expect.stringMatching(/^offline:joke:/) });
    expect(lines[0]!.subreddit).toBeUndefined();
  });

  it('logs refused requests too, without their credentials', async () => {
    const { lines, raw } = await logged('debug', async (webhook) => {
      const response = await webhook.post(sayRequest('joke'), { ...HEADERS, authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}x`).toString('base64')}` });
      expect(response.status).toBe(401);
    });
    expect(lines).toEqual([expect.objectContaining({ severity: 'INFO', message: 'webhook request', status: 401, code: 'unauthorized' })]);
    expect(raw).not.toContain(`${PASSWORD}x`);
    expectNoSecrets(raw);
  });

  it('puts the user text, truncated, only into debug lines', async () => {
    const long = `${QUERY} ${'blah '.repeat(100)}`;
    const { lines, raw } = await logged(
      'debug',
      async (webhook) => {
        await webhook.post(webhookRequest({ parameters: { content: 'joke' }, queryText: long }), HEADERS);
      },
      new FakeReddit({ Jokes: jokes(1) }),
    );
    const debug = lines.filter((line) => line.severity === 'DEBUG');
    expect(debug.some((line) => typeof line.queryText === 'string' && line.queryText.startsWith(QUERY) && line.queryText.length <= 200)).toBe(true);
    for (const line of lines.filter((l) => l.severity !== 'DEBUG')) expect(JSON.stringify(line)).not.toContain('private medical');
    expect(raw).not.toContain(long);
    expectNoSecrets(raw);
    // Every line of the request carries its trace and session, so they group in Cloud Logging.
    for (const line of lines) expect(line['logging.googleapis.com/trace']).toBe(`projects/demo-project/traces/${TRACE_ID}`);
  });

  it('logs the raw trace id when the project is unknown', async () => {
    const raw: string[] = [];
    const webhook = await startWebhook({ LOG_LEVEL: 'info' }, { log: jsonLogger('info', (line) => raw.push(line)), posts: new FakeReddit() });
    await webhook.post(sayRequest('joke'), { 'x-cloud-trace-context': `${TRACE_ID}/1;o=1` });
    await webhook.close();
    expect(JSON.parse(raw[0]!)['logging.googleapis.com/trace']).toBe(TRACE_ID);
  });
});

describe('RequestFacts', () => {
  it('sums upstream time and keeps the worst cache outcome of a request', () => {
    const facts = new RequestFacts();
    const query = { subreddit: 'Jokes' };
    facts.record(query, { cache: 'hit' });
    facts.record(query, { cache: 'miss', upstreamMs: 100 });
    facts.record(query, { cache: 'stale' });
    facts.record(query, { upstreamMs: 20 });
    expect(facts.fields()).toEqual({});
    const observed = facts.observe(new FakeReddit());
    return observed.fetchPosts(query, new Deadline(1000)).then(() => {
      expect(facts.fields()).toEqual({ fetches: 1, cache: 'miss', upstreamMs: 120, fetched: 'Jokes' });
    });
  });

  it('sessionId keeps only the last path segment', () => {
    expect(sessionId('projects/p/agent/environments/draft/users/u/sessions/abc-123')).toBe('abc-123');
  });
});
