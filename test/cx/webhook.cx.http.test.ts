/**
 * CX bodies over HTTP, through the real function and its front door: real
 * request bodies from public repositories, and every hardening rule (auth,
 * limits, bad input, deadline) for CX as for ES. A 200 is a strict cx.v3
 * WebhookResponse; anything else is a JSON 4xx, never a 5xx.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PostSource } from '../../src/reddit/client';
import { cxApology } from '../../src/dialogflow/cx-response';
import { cxRequest } from '../support/cx-requests';
import { cxResponseProblems, expectValidCxResponse } from '../support/cx-proto';
import { capturedJsonLog } from '../support/json-log';
import { jokes } from '../support/reddit';
import { startWebhook, type RunningWebhook } from '../support/server';
import { FakeReddit } from '../support/turns';

const FIXTURES = join(__dirname, '..', 'fixtures', 'cx-requests');
const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as { source: string; what: string; body: unknown };

const EN_FALLBACK =
  "Sorry, I didn't get that. I can tell you a joke, a fact, a dad joke, a shower thought, a life pro tip, a news headline or a one-liner. What would you like, a joke or a fact?";
const texts = (json: any): string[] => json.fulfillmentResponse.messages.flatMap((message: any) => message.text?.text ?? []);

describe('real CX request bodies from public repositories', () => {
  let webhook: RunningWebhook;
  beforeAll(async () => {
    webhook = await startWebhook({}, { posts: new FakeReddit({ Jokes: jokes(3) }) });
  });
  afterAll(() => webhook.close());

  it('every fixture names the public file it came from', () => {
    const names = readdirSync(FIXTURES);
    expect(names).toHaveLength(8);
    for (const name of names) expect(fixture(name).source).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\//);
  });

  // Their tags are other agents' (none of ours), so the answer is the polite fallback.
  it.each([
    'google-console-capture.json',
    'google-tag-only.json',
    'google-configure-session-parameter.json',
    'google-telecom-form.json',
    'google-telecom-null-tag.json',
    'google-environment-session.json',
    'handwritten-order-status.json',
  ])('%s gets a strict 200: the fallback, in English', async (name) => {
    const response = await webhook.post(fixture(name).body);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expectValidCxResponse(response.json);
    expect(texts(response.json)).toEqual([EN_FALLBACK]);
  });

  it('google-form-without-tag.json has neither fulfillmentInfo nor sessionInfo: a JSON 400, as for any body that is not a request', async () => {
    const response = await webhook.post(fixture('google-form-without-tag.json').body);
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: { code: 'invalid_request', message: 'session: Invalid input: expected string, received undefined' } });
  });
});

describe('CX bodies and the hardening rules', () => {
  let webhook: RunningWebhook;
  const captured = capturedJsonLog();
  beforeAll(async () => {
    webhook = await startWebhook({ WEBHOOK_USERNAME: 'df', WEBHOOK_PASSWORD: 'secret' }, { posts: new FakeReddit({ Jokes: jokes(3) }), log: captured.log });
  });
  afterAll(() => webhook.close());
  const auth = { authorization: `Basic ${Buffer.from('df:secret').toString('base64')}` };

  it('needs the credentials: 401 with a challenge without them, a strict 200 with them', async () => {
    const refused = await webhook.post(cxRequest({ tag: 'welcome' }));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Basic realm="dialogflow-webhook", charset="UTF-8"');
    expect(refused.json).toEqual({ error: { code: 'unauthorized', message: 'Missing or wrong credentials' } });
    const answered = await webhook.post(cxRequest({ tag: 'welcome' }), auth);
    expect(answered.status).toBe(200);
    expectValidCxResponse(answered.json);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a tag that is not text', { fulfillmentInfo: { tag: 7 } }, 'Dialogflow CX request: fulfillmentInfo.tag: Invalid input: expected string, received number'],
    ['session parameters that are a list', { sessionInfo: { parameters: ['a'] } }, 'Dialogflow CX request: sessionInfo.parameters: Invalid input: expected record, received array'],
    [
      'a session path of another product',
      { sessionInfo: { session: 'projects/p/agent/sessions/s' } },
      'Dialogflow CX request: sessionInfo.session: must be a session path like projects/<p>/locations/<l>/agents/<a>/sessions/<id>',
    ],
    ['a language code of 36 characters', { fulfillmentInfo: { tag: 'welcome' }, languageCode: 'x'.repeat(36) }, 'Dialogflow CX request: languageCode: Too big: expected string to have <=35 characters'],
    [
      'intent parameters nested 7 deep',
      { fulfillmentInfo: { tag: 'say-content' }, intentInfo: { parameters: { content: { resolvedValue: { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } } } } } },
      'Dialogflow CX request: intentInfo.parameters.content.resolvedValue.a.b.c.d.e.f: nested deeper than 6 levels',
    ],
  ])('refuses %s with a JSON 400 naming the field', async (_name, body, message) => {
    const response = await webhook.post(body, auth);
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: { code: 'invalid_request', message } });
  });

  it('refuses a CX body sent as text (415) and one over 65,536 bytes (413)', async () => {
    const asText = await webhook.post(cxRequest({ tag: 'welcome' }), { ...auth, 'content-type': 'text/plain' });
    expect(asText.status).toBe(415);
    expect(asText.json.error.code).toBe('unsupported_media_type');
    const big = await webhook.post(cxRequest({ tag: 'welcome', text: 'x'.repeat(70 * 1024) }), auth);
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('payload_too_large');
  });

  it('logs a CX request with its edition and tag, and warns about an unknown tag', async () => {
    const response = await webhook.post(cxRequest({ tag: 'order-pizza' }), auth);
    expect(response.status).toBe(200);
    expectValidCxResponse(response.json);
    const lines = captured.records();
    expect(lines).toContainEqual(expect.objectContaining({ message: 'unknown CX tag, answering with the fallback', tag: 'order-pizza', edition: 'cx' }));
    expect(lines).toContainEqual(
      expect.objectContaining({ message: 'webhook request', edition: 'cx', action: 'order-pizza', session: 'test-session', status: 200 }),
    );
  });
});

describe('the deadline for CX', () => {
  let webhook: RunningWebhook;
  const hanging: PostSource = { fetchPosts: () => new Promise(() => undefined) };
  beforeAll(async () => {
    webhook = await startWebhook({ WEBHOOK_DEADLINE_MS: '300' }, { posts: hanging });
  });
  afterAll(() => webhook.close());

  it('a hanging Reddit gets the apology as a strict CX answer, the session left as it was', async () => {
    const response = await webhook.post(cxRequest({ tag: 'say-content', parameters: { content: 'joke' }, languageCode: 'de' }));
    expect(response.status).toBe(200);
    expectValidCxResponse(response.json);
    expect(texts(response.json)).toEqual(['Entschuldige, bei mir ist etwas schiefgegangen. Frag mich gleich bitte noch einmal.']);
    expect(response.json.sessionInfo).toBeUndefined();
  });
});

describe('the last resort', () => {
  it('is a strict CX answer with the apology alone', () => {
    const body = cxApology({ speech: 'Sorry.', chips: ['Joke'] });
    expect(body).toEqual({ fulfillmentResponse: { messages: [{ text: { text: ['Sorry.'] } }], mergeBehavior: 'REPLACE' } });
    expect(cxResponseProblems(body)).toEqual([]);
  });
});
