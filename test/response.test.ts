import { WebhookRequestSchema } from '../src/dialogflow/request';
import { messengerPayload, toWebhookResponse } from '../src/dialogflow/response';
import type { Reply } from '../src/reply';
import { webhookRequest } from './support/requests';
import { expectValidV2Response, v2ResponseProblems } from './support/v2-proto';

const reply: Reply = {
  speech: "Here's a joke:\n\nSetup\nPunchline\n\nWhat do you want to hear next, a joke or a fact?",
  chips: ['Another one', 'Joke', 'Fact', 'Bye'],
  card: { title: 'Setup', subtitle: 'r/Jokes on Reddit', url: 'https://www.reddit.com/r/Jokes/comments/a/slug/' },
  conversation: { content: 'joke', servedIds: ['a'] },
};

const request = (source?: string, session?: string) => WebhookRequestSchema.parse(webhookRequest({ source, session }));

describe('the strict v2 proto check itself', () => {
  it('rejects fields v2 does not have, at any depth', () => {
    expect(v2ResponseProblems({ fulfillmentText: 'x', triggerEndOfConversation: true })).toEqual([
      'triggerEndOfConversation: unknown field of WebhookResponse',
    ]);
    expect(v2ResponseProblems({ speech: 'x', displayText: 'x' })).toHaveLength(2);
    expect(v2ResponseProblems({ fulfillmentMessages: [{ text: { text: ['a'], extra: 1 } }] })).toEqual([
      'fulfillmentMessages[0].text.extra: unknown field of Text',
    ]);
    expect(v2ResponseProblems({ fulfillmentMessages: [{ text: { text: ['a'] }, platform: 'MYSPACE' }] })).toHaveLength(1);
    expect(v2ResponseProblems({ outputContexts: [{ name: 'x', lifespanCount: 'five' }] })).toHaveLength(1);
  });

  it('leaves payload Structs free', () => {
    expect(v2ResponseProblems({ fulfillmentMessages: [{ payload: { anything: [{ goes: true }] } }] })).toEqual([]);
  });
});

describe('toWebhookResponse', () => {
  it.each([undefined, 'telegram', 'slack', 'facebook', 'DIALOGFLOW_CONSOLE', 'google', 'unknown-platform'])(
    'builds a strict v2 response for source %s',
    async (source) => {
      const response = await toWebhookResponse(request(source), reply);
      expectValidV2Response(response);
      expect(response.fulfillmentText).toBe(reply.speech);
    },
  );

  it('puts Messenger rich content (card + chips) in a payload message', async () => {
    const response = await toWebhookResponse(request(), reply);
    expect(response.fulfillmentMessages).toContainEqual({
      payload: messengerPayload(reply),
      platform: 'PLATFORM_UNSPECIFIED',
    });
    expect(messengerPayload(reply)).toEqual({
      richContent: [
        [{ type: 'info', title: 'Setup', subtitle: 'r/Jokes on Reddit', actionLink: reply.card!.url }],
        [{ type: 'chips', options: reply.chips.map((text) => ({ text })) }],
      ],
    });
  });

  it.each([
    ['telegram', 'TELEGRAM'],
    ['slack', 'SLACK'],
    ['facebook', 'FACEBOOK'],
  ])('gives %s its text and quick replies with a title', async (source, platform) => {
    const response = await toWebhookResponse(request(source), reply);
    expect(response.fulfillmentMessages).toContainEqual({ text: { text: [reply.speech] }, platform });
    expect(response.fulfillmentMessages).toContainEqual({
      quickReplies: { title: 'Choose one:', quickReplies: reply.chips },
      platform,
    });
  });

  it('names output contexts after the session, also for environment sessions', async () => {
    const session = 'projects/p/agent/environments/draft/users/u1/sessions/abc';
    const response = await toWebhookResponse(request(undefined, session), reply);
    expect(response.outputContexts).toEqual([
      { name: `${session}/contexts/content-followup`, lifespanCount: 5, parameters: { content: 'joke', topic: '', servedIds: ['a'] } },
    ]);
  });

  it('omits outputContexts and rich content when there are none', async () => {
    const plain: Reply = { speech: 'Bye!', chips: [] };
    const response = await toWebhookResponse(request(), plain);
    expectValidV2Response(response);
    expect(response.fulfillmentText).toBe('Bye!');
    expect(response.outputContexts).toBeUndefined();
    expect(JSON.stringify(response)).not.toContain('richContent');
  });
});
