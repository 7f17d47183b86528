import { WebhookRequestSchema } from '../../src/dialogflow/request';
import { plainResponse, resetPlatformWarnings, toWebhookResponse, type WebhookResponse } from '../../src/dialogflow/response';
import type { Reply } from '../../src/reply';
import { capturedJsonLog } from '../support/json-log';
import { webhookRequest } from '../support/requests';
import { expectValidV2Response } from '../support/v2-proto';

/**
 * The adapter's exact output, in this process and inside each test (a response computed in a
 * `beforeAll` or in an isolated module registry does not count for a mutation run): Google's
 * eight-suggestion limit, the plain answer built without the library, and the warning when the
 * library's output does not fit.
 */

/** What the library does this test instead of answering: write this body, or throw this. */
const mockLibrary: { body?: unknown; error?: unknown } = {};
jest.mock('dialogflow-fulfillment', () => {
  const actual = jest.requireActual('dialogflow-fulfillment');
  class Client extends actual.WebhookClient {
    handleRequest(handler: unknown): Promise<void> {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a test rejects with a non-Error on purpose
      if (mockLibrary.error !== undefined) return Promise.reject(mockLibrary.error);
      if (mockLibrary.body === undefined) return super.handleRequest(handler);
      (this as unknown as { response_: { json(body: unknown): void } }).response_.json(mockLibrary.body);
      return Promise.resolve();
    }
  }
  return { ...actual, WebhookClient: Client };
});

beforeEach(() => {
  delete mockLibrary.body;
  delete mockLibrary.error;
  resetPlatformWarnings();
});

const NINE = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'];
const titles = (chips: string[]) => chips.map((title) => ({ title }));
const chipsPayload = (chips: string[]) => ({ payload: { richContent: [[{ type: 'chips', options: chips.map((text) => ({ text })) }]] }, platform: 'PLATFORM_UNSPECIFIED' });
const request = (source?: string) => WebhookRequestSchema.parse(webhookRequest({ source }));
const withChips = (chips: string[]): Reply => ({ speech: 'Pick one.', chips });
const bare: Reply = { speech: 'Bye!', chips: [] };

/** The response, checked against the v2 protos, and the warnings logged while building it. */
async function respond(req: ReturnType<typeof request>, reply: Reply): Promise<{ response: WebhookResponse; warnings: Record<string, unknown>[] }> {
  const { log, records } = capturedJsonLog();
  const response = await toWebhookResponse(req, reply, log);
  expectValidV2Response(response);
  return { response, warnings: records() };
}

describe("the library's answer for Actions on Google", () => {
  const googleAnswer = (chips: string[]) => ({
    fulfillmentText: 'Pick one.',
    fulfillmentMessages: [
      { simpleResponses: { simpleResponses: [{ textToSpeech: 'Pick one.', displayText: 'Pick one.' }] }, platform: 'ACTIONS_ON_GOOGLE' },
      chipsPayload(chips),
      { suggestions: { suggestions: titles(chips.slice(0, 8)) }, platform: 'ACTIONS_ON_GOOGLE' },
    ],
  });

  it('keeps the first eight of nine suggestions (Messenger still gets all nine chips)', async () => {
    const { response, warnings } = await respond(request('google'), withChips(NINE));
    expect(response).toEqual(googleAnswer(NINE));
    expect(response.fulfillmentMessages![2]).toEqual({
      suggestions: { suggestions: titles(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']) },
      platform: 'ACTIONS_ON_GOOGLE',
    });
    expect(warnings).toEqual([]);
  });

  it('keeps all of exactly eight suggestions', async () => {
    const eight = NINE.slice(0, 8);
    const { response, warnings } = await respond(request('google'), withChips(eight));
    expect(response).toEqual(googleAnswer(eight));
    expect(warnings).toEqual([]);
  });

  it('is the text alone (no messages) when there are no chips and no card', async () => {
    expect(await respond(request('google'), bare)).toEqual({ response: { fulfillmentText: 'Bye!' }, warnings: [] });
  });

  it('answers a request without an intent through the library too', async () => {
    const { intent: _intent, ...queryResult } = request('google').queryResult;
    const { response, warnings } = await respond({ ...request('google'), queryResult }, withChips(['Joke']));
    expect(response).toEqual(googleAnswer(['Joke']));
    expect(warnings).toEqual([]);
  });
});

describe('plainResponse', () => {
  it('is the text alone when there are no chips and no card', () => {
    expect(plainResponse(request(), bare)).toEqual({ fulfillmentText: 'Bye!', fulfillmentMessages: [{ text: { text: ['Bye!'] } }] });
  });

  it('gives each of several texts its own message', () => {
    const reply: Reply = { speech: 'One. Two.', texts: ['One.', 'Two.'], chips: [] };
    expect(plainResponse(request(), reply).fulfillmentMessages).toEqual([{ text: { text: ['One.'] } }, { text: { text: ['Two.'] } }]);
  });

  it('names the platform of a source in any case', () => {
    expect(plainResponse(request('Telegram'), withChips(['Joke']))).toEqual({
      fulfillmentText: 'Pick one.',
      fulfillmentMessages: [
        { text: { text: ['Pick one.'] }, platform: 'TELEGRAM' },
        chipsPayload(['Joke']),
        { quickReplies: { title: 'Choose one:', quickReplies: ['Joke'] }, platform: 'TELEGRAM' },
      ],
    });
  });

  it('gives Google its first eight chips as suggestions', () => {
    expect(plainResponse(request('GOOGLE'), withChips(NINE)).fulfillmentMessages).toEqual([
      { text: { text: ['Pick one.'] } },
      chipsPayload(NINE),
      { suggestions: { suggestions: titles(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']) }, platform: 'ACTIONS_ON_GOOGLE' },
    ]);
  });

  it.each(['constructor', '__proto__', 'toString', 'dialogflow_console'])('names no platform for source %s', (source) => {
    const response = plainResponse(request(source), withChips(['Joke']));
    expectValidV2Response(JSON.parse(JSON.stringify(response)));
    expect(response.fulfillmentMessages).toEqual([
      { text: { text: ['Pick one.'] } },
      chipsPayload(['Joke']),
      { quickReplies: { title: 'Choose one:', quickReplies: ['Joke'] } },
    ]);
  });
});

describe('when the library answers with something v2 does not have', () => {
  const WARNING = 'rich response does not fit v2, answering plainly';
  const warning = (platform: string, problem: string) => ({ severity: 'WARNING', platform, problem, message: WARNING });
  const odd = { fulfillmentMessages: [{ carouselBrowse: { items: [] }, platform: 'ACTIONS_ON_GOOGLE' }] };

  it('answers plainly and names the field and the problem, with "(none)" for no source', async () => {
    mockLibrary.body = odd;
    const { response, warnings } = await respond(request(), bare);
    expect(response).toEqual({ fulfillmentText: 'Bye!', fulfillmentMessages: [{ text: { text: ['Bye!'] } }] });
    expect(warnings).toEqual([warning('(none)', 'fulfillmentMessages.0: Invalid input')]);
  });

  it('names a wrong field at the top, and no field for a field v2 does not have', async () => {
    mockLibrary.body = { fulfillmentMessages: 'none' };
    expect((await respond(request('slack'), bare)).warnings).toEqual([
      warning('slack', 'fulfillmentMessages: Invalid input: expected array, received string'),
    ]);
    mockLibrary.body = { followupEventInput: { name: 'x' } };
    expect((await respond(request('line'), bare)).warnings).toEqual([warning('line', ': Unrecognized key: "followupEventInput"')]);
  });

  it('keeps the first 300 characters of a thrown message', async () => {
    mockLibrary.error = new Error(`${'a'.repeat(299)}bc`);
    const { response, warnings } = await respond(request('telegram'), bare);
    expect(response).toEqual({ fulfillmentText: 'Bye!', fulfillmentMessages: [{ text: { text: ['Bye!'] }, platform: 'TELEGRAM' }] });
    expect(warnings).toEqual([warning('telegram', `${'a'.repeat(299)}b`)]);
  });

  it('takes a thrown non-Error as text', async () => {
    mockLibrary.error = 'broken';
    expect((await respond(request('kik'), bare)).warnings).toEqual([warning('kik', 'broken')]);
  });

  it('warns once per platform until the warnings are reset', async () => {
    mockLibrary.body = odd;
    const { log, records } = capturedJsonLog();
    await toWebhookResponse(request('viber'), bare, log);
    await toWebhookResponse(request('viber'), bare, log);
    expect(records()).toHaveLength(1);
    resetPlatformWarnings();
    await toWebhookResponse(request('viber'), bare, log);
    expect(records().map((record) => record.platform)).toEqual(['viber', 'viber']);
  });

  it('answers plainly without a logger', async () => {
    mockLibrary.body = odd;
    expect(await toWebhookResponse(request('skype'), bare)).toEqual({
      fulfillmentText: 'Bye!',
      fulfillmentMessages: [{ text: { text: ['Bye!'] }, platform: 'SKYPE' }],
    });
  });
});

describe('the strict check, once per shape', () => {
  const odd = { fulfillmentMessages: [{ carouselBrowse: { items: [] }, platform: 'ACTIONS_ON_GOOGLE' }] };
  const plainBye = { fulfillmentText: 'Bye!', fulfillmentMessages: [{ text: { text: ['Bye!'] }, platform: 'SLACK' }] };
  const card = { title: 'T', subtitle: 'S', url: 'https://example.com/' };

  // After the library's answer for `bare` on Slack passed, each of these differs in one part of the
  // shape, so its (odd) answer is still checked and refused.
  it.each<[string, ReturnType<typeof request>, Reply]>([
    ['another source', request('line'), bare],
    ['another number of texts', request('slack'), { ...bare, texts: ['Bye', 'now!'] }],
    ['a card', request('slack'), { ...bare, card }],
    ['chips', request('slack'), withChips(['Joke'])],
  ])('checks %s again', async (_name, req, reply) => {
    expect((await respond(request('slack'), bare)).warnings).toEqual([]);
    mockLibrary.body = odd;
    const { warnings } = await respond(req, reply);
    expect(warnings).toHaveLength(1);
  });

  it('tells nine chips from eight (Google keeps eight)', async () => {
    await respond(request('google'), withChips(NINE.slice(0, 8)));
    mockLibrary.body = odd;
    expect((await respond(request('google'), withChips(NINE))).warnings).toHaveLength(1);
  });

  it('answers a shape that did not fit plainly from then on, without asking the library again', async () => {
    mockLibrary.body = odd;
    expect((await respond(request('slack'), bare)).response).toEqual(plainBye);
    delete mockLibrary.body; // the library would now answer fine: it is not asked
    const { response, warnings } = await respond(request('slack'), bare);
    expect(response).toEqual(plainBye);
    expect(warnings).toEqual([]);
  });

  it('checks every answer once 64 shapes are known (sources are caller text)', async () => {
    for (let i = 0; i < 64; i++) await respond(request(`source-${String(i)}`), bare);
    mockLibrary.body = odd;
    expect((await respond(request('source-64'), bare)).warnings).toHaveLength(1);
    delete mockLibrary.body;
    // The 65th shape was not remembered as failed: the library answers it again.
    expect((await respond(request('source-64'), bare)).response).toEqual({ fulfillmentText: 'Bye!' });
  });
});
