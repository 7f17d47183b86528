import nock from 'nock';
import { jokes, listing, redditPost } from './support/reddit';
import { byeRequest, moreRequest, sayRequest, webhookRequest, welcomeRequest } from './support/requests';
import { REDDIT, startWebhook, type RunningWebhook } from './support/server';
import { expectValidV2Response } from './support/v2-proto';

const PROMPT = 'What do you want to hear next, a joke or a fact?';
const UA = 'nodejs:test-suite:1.0 (by /u/tester)';

function redditTop(sub = 'Jokes') {
  return nock(REDDIT).get(`/r/${sub}/top.json`).query({ t: 'day', limit: 50, raw_json: 1 });
}

describe('webhook over HTTP', () => {
  let webhook: RunningWebhook;

  beforeAll(async () => {
    webhook = await startWebhook({ REDDIT_USER_AGENT: UA });
  });
  afterAll(() => webhook.close());

  it('tells a joke from the day\'s top posts, with prompt, chips and context', async () => {
    const scope = redditTop()
      .matchHeader('user-agent', UA)
      .reply(200, listing([redditPost({ id: 'p1', title: 'Why don&#39;t skeletons fight?', selftext: "They don't have the *guts*." })]));
    const { status, json, headers } = await webhook.post(sayRequest('joke'));
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expectValidV2Response(json);
    expect(json.fulfillmentText).toBe(`Here's a joke:\n\nWhy don't skeletons fight?\nThey don't have the guts.\n\n${PROMPT}`);
    const chips = json.fulfillmentMessages.find((m: any) => m.payload)?.payload.richContent.flat().find((c: any) => c.type === 'chips');
    expect(chips.options.map((o: any) => o.text)).toEqual(expect.arrayContaining(['Another one', 'Joke', 'Fact']));
    expect(json.outputContexts[0]).toMatchObject({ lifespanCount: 5, parameters: { content: 'joke', servedIds: ['p1'] } });
    scope.done();
  });

  it('continues with "more" through the returned context', async () => {
    redditTop().times(2).reply(200, jokes(2));
    const first = await webhook.post(sayRequest('joke'));
    const second = await webhook.post(moreRequest(first.json));
    expectValidV2Response(first.json);
    expectValidV2Response(second.json);
    const served = second.json.outputContexts[0].parameters.servedIds;
    expect(served).toHaveLength(2);
    expect(new Set(served).size).toBe(2);
  });

  it('answers welcome and bye without calling Reddit', async () => {
    for (const request of [welcomeRequest(), byeRequest()]) {
      const { status, json } = await webhook.post(request);
      expect(status).toBe(200);
      expectValidV2Response(json);
    }
  });

  it.each([
    ['a 500', () => redditTop().reply(500, 'oops')],
    ['a 403 block page', () => redditTop().reply(403, '<html>blocked</html>', { 'content-type': 'text/html' })],
    ['a 429', () => redditTop().reply(429, '{}', { 'retry-after': '30' })],
    ['invalid JSON', () => redditTop().reply(200, '{"kind":"Listing","data":{"chi', { 'content-type': 'application/json' })],
    ['a redirect to a login page', () => redditTop().reply(302, '', { location: 'https://www.reddit.com/login' })],
    ['a connection error', () => redditTop().replyWithError('socket hang up')],
  ])('still answers 200 with a joke of its own, saying so, when Reddit gives %s', async (_name, mock) => {
    mock();
    // a fresh instance: the shared one has the listing cached (and a 429 would cool the host down)
    const fresh = await startWebhook({ REDDIT_USER_AGENT: UA });
    try {
      const { status, json } = await fresh.post(sayRequest('joke'));
      expect(status).toBe(200);
      expectValidV2Response(json);
      expect(json.fulfillmentText).toMatch(/^Reddit isn't answering right now, so here's one from my own collection:/);
      expect(json.fulfillmentText.endsWith(PROMPT)).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});

describe('webhook deadline', () => {
  let webhook: RunningWebhook;
  beforeAll(async () => {
    webhook = await startWebhook({ WEBHOOK_DEADLINE_MS: '1000' });
  });
  afterAll(() => webhook.close());

  it('answers within the deadline when Reddit hangs', async () => {
    redditTop().delay(10_000).reply(200, jokes(3));
    const started = Date.now();
    const { status, json } = await webhook.post(sayRequest('joke'));
    const elapsed = Date.now() - started;
    expect(status).toBe(200);
    expectValidV2Response(json);
    expect(json.fulfillmentText).toMatch(/^Reddit isn't answering right now/);
    // Reddit would reply at 10 s. When exactly the answer leaves (deadline − 50 ms) is pinned
    // with fake timers in test/limits/http.test.ts; a wall-clock bound near it here would
    // measure how busy the machine is, so this checks only that the answer did not wait.
    expect(elapsed).toBeLessThan(3 * 1000);
  });
});

describe('webhook HTTP errors', () => {
  let webhook: RunningWebhook;
  beforeAll(async () => {
    webhook = await startWebhook();
  });
  afterAll(() => webhook.close());

  async function expectError(response: { status: number; json: any; text: string; headers: Headers }, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.json.error.code).toBe(code);
    expect(response.json.error.message).toEqual(expect.any(String));
    expect(response.text).not.toMatch(/<html|<pre|\n\s+at /i);
  }

  it('400 for malformed JSON', async () => {
    await expectError(await webhook.post('{"session": '), 400, 'bad_json');
  });

  it('415 for another content type', async () => {
    await expectError(await webhook.post('session=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
    await expectError(await webhook.post('hello', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
  });

  it('405 for other methods', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await fetch(webhook.url, { method });
      const text = await response.text();
      await expectError({ status: response.status, json: JSON.parse(text), text, headers: response.headers }, 405, 'method_not_allowed');
      expect(response.headers.get('allow')).toBe('POST');
    }
  });

  it('400 naming the field for a missing or invalid one', async () => {
    const noSession = webhookRequest();
    delete noSession.session;
    const missing = await webhook.post(noSession);
    await expectError(missing, 400, 'invalid_request');
    expect(missing.json.error.message).toMatch(/^session:/);

    const badContexts = webhookRequest();
    (badContexts.queryResult as any).outputContexts = 'nope';
    const invalid = await webhook.post(badContexts);
    await expectError(invalid, 400, 'invalid_request');
    expect(invalid.json.error.message).toMatch(/^queryResult\.outputContexts:/);

    await expectError(await webhook.post([1, 2]), 400, 'invalid_request');
    await expectError(await webhook.post('null'), 400, 'bad_json');
  });

  it('400 saying v1 is not supported for a legacy v1 body', async () => {
    const v1 = await webhook.post({ result: { parameters: { content: 'joke' }, action: 'say-content' }, sessionId: 'x' });
    await expectError(v1, 400, 'unsupported_version');
    expect(v1.json.error.message).toMatch(/v1/);
  });

  it('413 for a body that is too large', async () => {
    const huge = webhookRequest({ queryText: 'x'.repeat(200 * 1024) });
    await expectError(await webhook.post(huge), 413, 'payload_too_large');
  });
});
