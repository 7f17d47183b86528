import { WebhookRequestSchema } from '../src/dialogflow/request';
import type { WebhookResponse } from '../src/dialogflow/response';
import { jsonLogger } from '../src/log';
import type { Reply } from '../src/reply';
import { PLATFORMS, platformMoreRequest, platformRequest, type PlatformName } from './support/platforms';
import { jokes } from './support/reddit';
import { SESSION } from './support/requests';
import { answer, FakeReddit } from './support/turns';
import { expectValidV2Response } from './support/v2-proto';

/**
 * State kept on every integration: whatever the platform, the answer carries
 * the `content-followup` context (the served ids live there), the text, and
 * the chips where the platform shows them.
 */

const FOLLOWUP = `${SESSION}/contexts/content-followup`;
const CHIPS = ['Another one', 'Joke', 'Fact', 'Dad joke', 'Shower thought', 'Life pro tip', 'News', 'One-liner', 'Bye'];
const joke = (platform: PlatformName) => platformRequest(platform, { parameters: { content: 'joke', topic: '' } });

type Message = NonNullable<WebhookResponse['fulfillmentMessages']>[number];
const find = <K extends string>(response: WebhookResponse, key: K) =>
  (response.fulfillmentMessages ?? []).filter((message): message is Message & Record<K, unknown> => key in message);

describe.each(PLATFORMS)('a joke asked from %s', (platform) => {
  let response: WebhookResponse;
  beforeAll(async () => {
    ({ response } = await answer(joke(platform), new FakeReddit({ Jokes: jokes(3) }), { random: () => 0 }));
  });

  it('gets its content-followup context back, with the served id', () => {
    expect(response.outputContexts).toEqual([
      { name: FOLLOWUP, lifespanCount: 5, parameters: { content: 'joke', topic: '', servedIds: ['j1'], asked: 0 } },
    ]);
  });

  it('gets the whole text as fulfillmentText', () => {
    expect(response.fulfillmentText).toMatch(/^Here's a joke:\n\nTitle j1\n/);
  });

  it('gets the chips in the form the platform shows', () => {
    const quick = find(response, 'quickReplies');
    const suggestions = find(response, 'suggestions');
    const rich = find(response, 'payload');
    switch (platform) {
      case 'telegram':
      case 'slack':
      case 'facebook':
      case 'line':
        expect(quick).toEqual([{ quickReplies: { title: 'Choose one:', quickReplies: CHIPS }, platform: platform.toUpperCase() }]);
        break;
      case 'google':
        // Actions on Google allows eight suggestion chips at most.
        expect(suggestions).toEqual([{ suggestions: { suggestions: CHIPS.slice(0, 8).map((title) => ({ title })) }, platform: 'ACTIONS_ON_GOOGLE' }]);
        break;
      default:
        // No platform named: the quick replies are for any (the console and the phone gateway ignore them).
        expect(quick).toEqual([{ quickReplies: { title: 'Choose one:', quickReplies: CHIPS } }]);
    }
    // Dialogflow Messenger's chips ride along everywhere; platforms that do not know them ignore them.
    expect(rich).toHaveLength(1);
  });
});

describe('"more" on Actions on Google (source google)', () => {
  it('never repeats a post while unserved ones remain', async () => {
    const reddit = new FakeReddit({ Jokes: jokes(12) });
    let previous = (await answer(joke('google'), reddit)).response;
    const seen = [...(previous.outputContexts![0]!.parameters!.servedIds as string[])];
    for (let i = 0; i < 11; i++) {
      previous = (await answer(platformMoreRequest('google', previous), reddit)).response;
      expect(previous.outputContexts?.[0]?.name).toBe(FOLLOWUP);
      const newest = (previous.outputContexts![0]!.parameters!.servedIds as string[]).at(-1)!;
      expect(seen).not.toContain(newest);
      seen.push(newest);
    }
    expect(new Set(seen).size).toBe(12);
  });
});

describe('when the library output does not fit the strict v2 schema', () => {
  const reply: Reply = {
    speech: "Here's a joke:\n\nSetup\nPunchline\n\nWhat do you want to hear next, a joke or a fact?",
    chips: ['Another one', 'Joke', 'Bye'],
    card: { title: 'Setup', subtitle: 'r/Jokes on Reddit', url: 'https://www.reddit.com/r/Jokes/comments/a/slug/' },
    conversation: { content: 'joke', topic: '', servedIds: ['a'] },
  };

  /** The adapter with a library that answers with a message type v2 does not have. */
  function adapterWithOddLibrary(): typeof import('../src/dialogflow/response') {
    let adapter!: typeof import('../src/dialogflow/response');
    jest.isolateModules(() => {
      jest.doMock('dialogflow-fulfillment', () => {
        const actual = jest.requireActual('dialogflow-fulfillment');
        class OddClient extends actual.WebhookClient {
          async handleRequest(): Promise<void> {
            (this as any).response_.json({ fulfillmentMessages: [{ carouselBrowse: { items: [] }, platform: 'ACTIONS_ON_GOOGLE' }] });
          }
        }
        return { ...actual, WebhookClient: OddClient };
      });
      adapter = require('../src/dialogflow/response');
    });
    return adapter;
  }

  const request = (platform: PlatformName) => WebhookRequestSchema.parse(joke(platform));

  it('keeps the text, the chips where the platform has them, and always the contexts', async () => {
    const adapter = adapterWithOddLibrary();
    const response = await adapter.toWebhookResponse(request('telegram'), reply);
    expectValidV2Response(response);
    expect(response).toEqual({
      fulfillmentText: reply.speech,
      fulfillmentMessages: [
        { text: { text: [reply.speech] }, platform: 'TELEGRAM' },
        { payload: adapter.messengerPayload(reply), platform: 'PLATFORM_UNSPECIFIED' },
        { quickReplies: { title: 'Choose one:', quickReplies: reply.chips }, platform: 'TELEGRAM' },
      ],
      outputContexts: [{ name: FOLLOWUP, lifespanCount: 5, parameters: { content: 'joke', topic: '', servedIds: ['a'] } }],
    });
  });

  it("gives Google its suggestion chips, eight at most", async () => {
    const adapter = adapterWithOddLibrary();
    const many = { ...reply, chips: CHIPS };
    const response = await adapter.toWebhookResponse(request('google'), many);
    expectValidV2Response(response);
    expect(response.fulfillmentMessages).toContainEqual({
      suggestions: { suggestions: CHIPS.slice(0, 8).map((title) => ({ title })) },
      platform: 'ACTIONS_ON_GOOGLE',
    });
    expect(response.outputContexts).toHaveLength(1);
  });

  it('warns once per platform', async () => {
    const adapter = adapterWithOddLibrary();
    const lines: string[] = [];
    const log = jsonLogger('warn', (line) => lines.push(line));
    for (const platform of ['google', 'google', 'line', 'google', 'line'] as const) {
      expectValidV2Response(await adapter.toWebhookResponse(request(platform), reply, log));
    }
    const warnings = lines.map((line) => JSON.parse(line) as { platform: string; problem: string; message: string });
    expect(warnings.map((warning) => warning.platform)).toEqual(['google', 'line']);
    expect(warnings[0]!.message).toBe('rich response does not fit v2, answering plainly');
    expect(warnings[0]!.problem).toMatch(/^fulfillmentMessages\.0/);
  });
});
