/**
 * The CX adapter on its own: request → Turn (the same model the ES adapter
 * builds), Reply → cx.v3 WebhookResponse, and the strict proto check itself.
 */
import { cxToTurn, CxWebhookRequestSchema, isCxBody } from '../../src/dialogflow/cx-request';
import { cxSessionParameters, toCxWebhookResponse } from '../../src/dialogflow/cx-response';
import { followupContexts } from '../../src/dialogflow/followup-context';
import { readExchange } from '../../src/http/exchange';
import type { Reply } from '../../src/reply';
import { CX_SESSION, cxRequest } from '../support/cx-requests';
import { cxRequestProblems, cxResponseProblems } from '../support/cx-proto';
import { webhookRequest } from '../support/requests';

const turnOf = (body: Record<string, unknown>) => cxToTurn(CxWebhookRequestSchema.parse(body));

describe('cxToTurn', () => {
  it('reads a request the way the ES adapter reads one: tag as action, intent, text, language, parameters, state', () => {
    const body = cxRequest({
      tag: 'topic',
      intent: 'topic',
      text: 'one about dogs',
      languageCode: 'fr',
      parameters: { topic: 'dogs' },
      session: { followup_content: 'joke', followup_served_ids: ['j1', 'not an id!'], followup_asked: 2, followup_topic: null, content: 'fact', topic: 'cats' },
    });
    expect(cxRequestProblems(body)).toEqual([]);
    expect(turnOf(body)).toEqual({
      session: CX_SESSION,
      action: 'topic',
      intent: 'topic',
      queryText: 'one about dogs',
      languageCode: 'fr',
      // The session's own `content` and `topic` (CX copies intent parameters there) are not this turn's.
      parameters: { topic: 'dogs' },
      conversation: { state: { content: 'joke', servedIds: ['j1'], asked: 2 }, alive: true },
    });
  });

  it('fills in what a bare request leaves out', () => {
    expect(turnOf({ fulfillmentInfo: { tag: 'welcome' } })).toEqual({
      session: '',
      action: 'welcome',
      intent: '',
      queryText: '',
      languageCode: 'en',
      parameters: {},
      conversation: { state: { servedIds: [] }, alive: false },
    });
  });

  it('takes a form value by display name, and the intent value over it; the original value without a resolved one', () => {
    const turn = turnOf({
      fulfillmentInfo: { tag: 'say-content' },
      pageInfo: { formInfo: { parameterInfo: [{ displayName: 'content', value: 'fact', state: 'FILLED' }, { displayName: 'topic', value: 'space' }, { value: 3 }] } },
      intentInfo: { parameters: { content: { originalValue: 'a joke', resolvedValue: 'joke' }, sentiment: { originalValue: 'lol' } } },
    });
    expect(turn.parameters).toEqual({ content: 'joke', topic: 'space', sentiment: 'lol' });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['text', { text: 'hi', transcript: 'hey', triggerEvent: 'WELCOME' }, 'hi'],
    ['transcript', { transcript: 'hey', dtmfDigits: '1' }, 'hey'],
    ['dtmf digits', { dtmfDigits: '12', triggerEvent: 'x' }, '12'],
    ['the event', { triggerEvent: 'sys.no-match-default' }, 'sys.no-match-default'],
  ])('takes the query text from %s', (_name, fields, queryText) => {
    expect(turnOf({ fulfillmentInfo: { tag: 'fallback' }, ...fields }).queryText).toBe(queryText);
  });

  it('reads garbage in the state parameters as no state', () => {
    const turn = turnOf({ sessionInfo: { parameters: { followup_content: 7, followup_served_ids: 'j1', followup_asked: -1, followup_noted: {} } } });
    expect(turn.conversation).toEqual({ state: { servedIds: [] }, alive: false });
  });
});

describe('which edition a body is', () => {
  it.each<[string, boolean, Record<string, unknown>]>([
    ['fulfillmentInfo', true, { fulfillmentInfo: {} }],
    ['sessionInfo', true, { sessionInfo: {} }],
    ['a v2 request', false, webhookRequest()],
    // The contract: fulfillmentInfo/sessionInfo make a body CX, whatever else it has.
    ['a v2 request with sessionInfo', true, { ...webhookRequest(), sessionInfo: {} }],
  ])('a body with %s is CX: %s', (_name, cx, body) => {
    expect(isCxBody(body)).toBe(cx);
    expect(readExchange(body).logFields).toEqual(cx ? { edition: 'cx' } : {});
  });

  it('pageInfo alone does not make a body CX', () => {
    expect(isCxBody({ pageInfo: {} })).toBe(false);
  });
});

describe('toCxWebhookResponse', () => {
  const joke: Reply = {
    speech: 'Setup\nPunchline',
    texts: ['Setup', 'Punchline'],
    chips: ['Another one', 'Bye'],
    card: { title: 'Setup', subtitle: 'r/Jokes on Reddit', url: 'https://www.reddit.com/r/Jokes/comments/a/slug/' },
    conversation: { content: 'joke', topic: 'cats', servedIds: ['a'], asked: 1, noted: 'cats' },
  };

  it('writes bubbles, Messenger rich content and every state parameter', () => {
    const response = toCxWebhookResponse(joke);
    expect(cxResponseProblems(response)).toEqual([]);
    expect(response).toEqual({
      fulfillmentResponse: {
        messages: [
          { text: { text: ['Setup'] } },
          { text: { text: ['Punchline'] } },
          {
            payload: {
              richContent: [
                [{ type: 'info', title: 'Setup', subtitle: 'r/Jokes on Reddit', actionLink: 'https://www.reddit.com/r/Jokes/comments/a/slug/' }],
                [{ type: 'chips', options: [{ text: 'Another one' }, { text: 'Bye' }] }],
              ],
            },
          },
        ],
        mergeBehavior: 'REPLACE',
      },
      sessionInfo: {
        parameters: { followup_content: 'joke', followup_topic: 'cats', followup_served_ids: ['a'], followup_asked: 1, followup_noted: 'cats' },
      },
    });
  });

  it('leaves the session alone when the reply does, and sends no empty rich content', () => {
    expect(toCxWebhookResponse({ speech: 'Hi.', chips: [] })).toEqual({ fulfillmentResponse: { messages: [{ text: { text: ['Hi.'] } }], mergeBehavior: 'REPLACE' } });
  });

  it('removes every state parameter with null when the conversation ends, and each missing one of a new state', () => {
    expect(cxSessionParameters(null)).toEqual({ followup_content: null, followup_topic: null, followup_served_ids: null, followup_asked: null, followup_noted: null });
    expect(cxSessionParameters({ content: 'fact', topic: '', servedIds: [] })).toEqual({
      followup_content: 'fact',
      followup_topic: null,
      followup_served_ids: [],
      followup_asked: null,
      followup_noted: null,
    });
  });
});

describe('the ES adapter maps the same state to its context', () => {
  it('a new state: content-followup for 5 turns; the end: lifespan 0; no change: no context', () => {
    expect(followupContexts({ content: 'joke', servedIds: ['a'], asked: 0 })).toEqual([
      { name: 'content-followup', lifespanCount: 5, parameters: { content: 'joke', topic: '', servedIds: ['a'], asked: 0 } },
    ]);
    expect(followupContexts(null)).toEqual([{ name: 'content-followup', lifespanCount: 0 }]);
    expect(followupContexts(undefined)).toEqual([]);
  });
});

describe('the strict cx.v3 proto check itself', () => {
  it('rejects fields cx.v3 does not have, at any depth, a second oneof field and an unknown enum value', () => {
    expect(cxResponseProblems({ fulfillmentText: 'x' })).toEqual(['fulfillmentText: unknown field of WebhookResponse']);
    expect(cxResponseProblems({ fulfillmentResponse: { messages: [{ text: { text: ['a'], extra: 1 } }] } })).toEqual([
      'fulfillmentResponse.messages[0].text.extra: unknown field of Text',
    ]);
    expect(cxResponseProblems({ fulfillmentResponse: { messages: [{ text: { text: ['a'] }, payload: {} }] } })).toEqual([
      'fulfillmentResponse.messages[0]: oneof message has 2 fields set',
    ]);
    expect(cxResponseProblems({ fulfillmentResponse: { mergeBehavior: 'MERGE' } })).toEqual(['fulfillmentResponse.mergeBehavior: not a value of MergeBehavior']);
    expect(cxResponseProblems({ sessionInfo: { parameters: ['a'] } })).toEqual(['sessionInfo.parameters: expected a map']);
  });

  it('leaves payloads and parameter values free, null included', () => {
    expect(cxResponseProblems({ fulfillmentResponse: { messages: [{ payload: { any: [{ thing: true }] } }] }, sessionInfo: { parameters: { a: null, b: [1], c: { d: 'e' } } } })).toEqual([]);
  });
});
