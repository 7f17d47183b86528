import { jokes } from './support/reddit';
import { sayRequest, welcomeRequest } from './support/requests';
import { sendRaw, type RawRequest, type RawResponse } from './support/raw-http';
import { startWebhook, type RunningWebhook } from './support/server';
import { FakeReddit } from './support/turns';
import { expectValidV2Response } from './support/v2-proto';

const USER = 'dialogflow';
const PASSWORD = 'pässwörd with spaces: and colons';
const HEADER = 'x-webhook-secret';
const HEADER_VALUE = 'Sh4red-Secret-Value';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
const GOOD_BASIC = basic(USER, PASSWORD);
const JSON_TYPE = { 'content-type': 'application/json' };
const BIG = 'x'.repeat(100 * 1024);

/** Every kind of request the server may see, by what makes it special. */
const SHAPES: Array<[string, RawRequest]> = [
  ['a valid request', { body: JSON.stringify(welcomeRequest()), headers: JSON_TYPE }],
  ['a valid request on another path', { path: '/some/deep/path?x=1', body: JSON.stringify(welcomeRequest()), headers: JSON_TYPE }],
  ['GET /', { method: 'GET' }],
  ['GET /favicon.ico', { method: 'GET', path: '/favicon.ico' }],
  ['GET /robots.txt', { method: 'GET', path: '/robots.txt' }],
  ['PUT', { method: 'PUT', body: '{}', headers: JSON_TYPE }],
  ['DELETE', { method: 'DELETE' }],
  ['PATCH', { method: 'PATCH', body: '{}', headers: JSON_TYPE }],
  ['OPTIONS', { method: 'OPTIONS' }],
  ['malformed JSON', { body: '{"session": ', headers: JSON_TYPE }],
  ['a form body', { body: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
  ['a text body', { body: 'hello', headers: { 'content-type': 'text/plain' } }],
  ['no content type', { body: '{}' }],
  ['an unknown charset', { body: '{}', headers: { 'content-type': 'application/json; charset=klingon' } }],
  ['a body declared too large', { body: `{"a":"${BIG}"}`, headers: JSON_TYPE }],
  ['a chunked body too large', { chunks: ['{"a":"', BIG, '"}'], headers: JSON_TYPE }],
  ['an invalid WebhookRequest', { body: '{"queryResult": 5}', headers: JSON_TYPE }],
  ['a v1 request', { body: '{"result": {"action": "x"}}', headers: JSON_TYPE }],
];

function withHeaders(shape: RawRequest, headers: Record<string, string>): RawRequest {
  return { ...shape, headers: { ...shape.headers, ...headers } };
}

function expectUnauthorized(response: RawResponse, challenge: boolean): void {
  expect(response.status).toBe(401);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.json).toEqual({ error: { code: 'unauthorized', message: 'Missing or wrong credentials' } });
  if (challenge) expect(response.headers['www-authenticate']).toBe('Basic realm="dialogflow-webhook", charset="UTF-8"');
  else expect(response.headers['www-authenticate']).toBeUndefined();
}

describe('Basic auth over HTTP', () => {
  let webhook: RunningWebhook;
  beforeAll(async () => {
    webhook = await startWebhook({ WEBHOOK_USERNAME: USER, WEBHOOK_PASSWORD: PASSWORD }, { posts: new FakeReddit({ Jokes: jokes(3) }) });
  });
  afterAll(() => webhook.close());

  const WRONG: Array<[string, Record<string, string>]> = [
    ['no credentials', {}],
    ['a wrong password', { authorization: basic(USER, 'wrong') }],
    ['a wrong user', { authorization: basic('admin', PASSWORD) }],
    ['an empty password', { authorization: basic(USER, '') }],
    ['garbage', { authorization: 'Basic !!!!' }],
    ['a bearer token', { authorization: `Bearer ${PASSWORD}` }],
  ];

  describe.each(WRONG)('with %s', (_wrong, credentials) => {
    it.each(SHAPES)('answers 401 to %s', async (_shape, shape) => {
      expectUnauthorized(await sendRaw(webhook.url, withHeaders(shape, credentials)), true);
    });
  });

  it('answers with the right credentials: 200 for a valid request, the usual error otherwise', async () => {
    const expected: Record<string, number> = {
      'a valid request': 200,
      'a valid request on another path': 200,
      'GET /': 405,
      'GET /favicon.ico': 405,
      'GET /robots.txt': 405,
      PUT: 405,
      DELETE: 405,
      PATCH: 405,
      OPTIONS: 405,
      'malformed JSON': 400,
      'a form body': 415,
      'a text body': 415,
      'no content type': 415,
      'an unknown charset': 415,
      'a body declared too large': 413,
      'a chunked body too large': 413,
      'an invalid WebhookRequest': 400,
      'a v1 request': 400,
    };
    for (const [name, shape] of SHAPES) {
      const response = await sendRaw(webhook.url, withHeaders(shape, { authorization: GOOD_BASIC }));
      expect({ name, status: response.status }).toEqual({ name, status: expected[name] });
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      if (response.status === 200) expectValidV2Response(response.json);
      else expect(response.json.error.code).toEqual(expect.any(String));
    }
  });

  it('tells a joke to an authenticated caller', async () => {
    const { status, json } = await webhook.post(sayRequest('joke'), { authorization: GOOD_BASIC });
    expect(status).toBe(200);
    expectValidV2Response(json);
    expect(json.fulfillmentText).toMatch(/^Here's a joke:/);
  });
});

describe('header secret over HTTP', () => {
  let webhook: RunningWebhook;
  beforeAll(async () => {
    webhook = await startWebhook({ WEBHOOK_HEADER_NAME: 'X-Webhook-Secret', WEBHOOK_HEADER_VALUE: HEADER_VALUE });
  });
  afterAll(() => webhook.close());

  it.each(SHAPES)('answers 401 without the header to %s', async (_shape, shape) => {
    expectUnauthorized(await sendRaw(webhook.url, shape), false);
    expectUnauthorized(await sendRaw(webhook.url, withHeaders(shape, { [HEADER]: HEADER_VALUE.toLowerCase() })), false);
  });

  it('answers 200 with it (header names are case-insensitive, values are not)', async () => {
    const { status, json } = await webhook.post(welcomeRequest(), { 'X-WEBHOOK-SECRET': HEADER_VALUE });
    expect(status).toBe(200);
    expectValidV2Response(json);
  });
});

describe('Basic auth and header secret together', () => {
  let webhook: RunningWebhook;
  beforeAll(async () => {
    webhook = await startWebhook({
      WEBHOOK_USERNAME: USER,
      WEBHOOK_PASSWORD: PASSWORD,
      WEBHOOK_HEADER_NAME: HEADER,
      WEBHOOK_HEADER_VALUE: HEADER_VALUE,
    });
  });
  afterAll(() => webhook.close());

  it('needs both', async () => {
    expectUnauthorized(await sendRaw(webhook.url, withHeaders(SHAPES[0]![1], { authorization: GOOD_BASIC })), true);
    expectUnauthorized(await sendRaw(webhook.url, withHeaders(SHAPES[0]![1], { [HEADER]: HEADER_VALUE })), true);
    const both = await sendRaw(webhook.url, withHeaders(SHAPES[0]![1], { authorization: GOOD_BASIC, [HEADER]: HEADER_VALUE }));
    expect(both.status).toBe(200);
    expectValidV2Response(both.json);
  });
});
