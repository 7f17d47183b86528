import { jsonProblem } from '../src/dialogflow/json-limits';
import { PARAMETER_LIMITS } from '../src/dialogflow/request';
import { HttpError } from '../src/http/errors';
import { parseWebhookRequest } from '../src/http/validate';
import { topicParameter } from '../src/intents/say-content';
import { capText, echoText, sliceUnits } from '../src/speech/clean';
import { jokes } from './support/reddit';
import { SESSION, webhookRequest } from './support/requests';
import { answer, FakeReddit } from './support/turns';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ASK_FOR_KIND = /^(I don't have ".*" yet\. )?I can tell you /;

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = { inner: value };
  return value;
}

function rejection(body: unknown): HttpError | undefined {
  try {
    parseWebhookRequest(body);
    return undefined;
  } catch (error) {
    return error as HttpError;
  }
}

/** What Dialogflow ES really sends: many more fields than we read. */
function fullDialogflowRequest(): Record<string, unknown> {
  return {
    responseId: '9f6a0b3c-1b1e-4b7e-9c1d-5f4c2f6d3e10-0820055c',
    session: SESSION,
    queryResult: {
      queryText: 'tell me a joke about cats',
      parameters: { content: 'joke', topic: 'cats', 'date-time': { startDate: '2024-01-01T00:00:00Z', endDate: '2024-01-31T23:59:59Z' } },
      allRequiredParamsPresent: true,
      fulfillmentText: 'One moment...',
      fulfillmentMessages: [{ text: { text: ['One moment...'] } }, { quickReplies: { quickReplies: ['Joke'] }, platform: 'TELEGRAM' }],
      webhookPayload: { google: { expectUserResponse: true } },
      outputContexts: [
        {
          name: `${SESSION}/contexts/content-followup`,
          lifespanCount: 4,
          parameters: { content: 'joke', 'content.original': 'joke', topic: 'cats', 'topic.original': 'about cats', servedIds: ['a1', 'b2'] },
        },
        { name: `${SESSION}/contexts/__system_counters__`, parameters: { 'no-input': 0, 'no-match': 0 } },
      ],
      intent: { name: 'projects/demo-project/agent/intents/1234', displayName: 'say-content', endInteraction: false },
      intentDetectionConfidence: 0.92,
      diagnosticInfo: { webhook_latency_ms: 123, end_conversation: false, alternative_matched_intents: [{ Id: 'x', Score: 0.1 }] },
      sentimentAnalysisResult: { queryTextSentiment: { score: 0.3, magnitude: 0.3 } },
      languageCode: 'en',
      speechRecognitionConfidence: 0.9,
    },
    originalDetectIntentRequest: {
      source: 'telegram',
      version: '2',
      payload: {
        data: {
          update_id: 1,
          message: {
            message_id: 7,
            date: 1700000000,
            text: 'tell me a joke about cats',
            chat: { id: 42, type: 'private', first_name: 'Ann' },
            from: { id: 42, is_bot: false, first_name: 'Ann', language_code: 'en' },
            entities: [{ type: 'bot_command', offset: 0, length: 4 }],
          },
        },
        source: 'telegram',
      },
    },
    alternativeQueryResults: [{ queryText: 'tell me a joke about cats', languageCode: 'en' }],
  };
}

describe('request limits', () => {
  it('jsonProblem finds the first value that is too deep or too long, with its path', () => {
    const limits = { maxDepth: 3, maxStringChars: 5, maxKeyChars: 4 };
    expect(jsonProblem({ a: [1, { b: 'ok' }] }, limits)).toBeUndefined();
    expect(jsonProblem({ a: [1, { b: 'too long' }] }, limits)).toEqual({ path: ['a', 1, 'b'], message: 'text longer than 5 characters' });
    expect(jsonProblem({ a: { b: { c: { d: 1 } } } }, limits)).toEqual({ path: ['a', 'b', 'c'], message: 'nested deeper than 3 levels' });
    expect(jsonProblem({ longkey: 1 }, limits)).toMatchObject({ message: 'field name longer than 4 characters' });
    // Deep enough to overflow a recursive walker; this one is iterative.
    expect(jsonProblem(JSON.parse(`${'['.repeat(20000)}${']'.repeat(20000)}`), limits)?.message).toMatch(/nested deeper/);
  });

  it('accepts a full Dialogflow request with the fields it adds (diagnosticInfo, sentiment, messages, payloads)', async () => {
    const request = fullDialogflowRequest();
    expect(rejection(request)).toBeUndefined();
    const reddit = new FakeReddit({ 'Jokes?cats': jokes(1) });
    const { reply } = await answer(request, reddit);
    expect(reply.speech).toMatch(/^Here's a joke:/);
  });

  it.each([
    ['a parameter nested too deep', (q: any) => (q.parameters = { content: nested(PARAMETER_LIMITS.maxDepth + 1) }), /^queryResult\.parameters\.content(\.inner)*: nested deeper/],
    ['a 10 kB topic', (q: any) => (q.parameters = { content: 'joke', topic: 'cats '.repeat(2048) }), /^queryResult\.parameters\.topic: text longer than 4096/],
    ['a huge query text', (q: any) => (q.queryText = 'x'.repeat(5000)), /^queryResult\.queryText:/],
    ['a context parameter nested too deep', (q: any) => (q.outputContexts = [{ name: `${SESSION}/contexts/c`, parameters: { p: nested(20) } }]), /^queryResult\.outputContexts\.0\.parameters\.p/],
    ['parameters that are a list', (q: any) => (q.parameters = ['joke']), /^queryResult\.parameters:/],
  ])('refuses %s with a 400 naming the field', (_name, mutate, field) => {
    const request = webhookRequest();
    mutate(request.queryResult);
    const error = rejection(request);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(error!.message).toMatch(field);
  });

  it('refuses an integration payload nested absurdly deep', () => {
    const request = webhookRequest();
    request.originalDetectIntentRequest = { source: 'telegram', payload: { data: nested(40) } };
    expect(rejection(request)?.message).toMatch(/^originalDetectIntentRequest\.payload\.data(\.inner)*: nested deeper/);
  });
});

describe('parameters of unexpected types get a sensible answer', () => {
  const reddit = () => new FakeReddit({ Jokes: jokes(3) });

  it.each([
    ['a number', 42],
    ['an object', { value: 'joke' }],
    ['a list of numbers', [1, 2, 3]],
    ['an empty list', []],
    ['null', null],
    ['a boolean', true],
    ['an empty string', ''],
    ['NUL bytes', '\u0000\u0000'],
  ])('content as %s: asks which kind', async (_name, content) => {
    const { reply } = await answer(webhookRequest({ parameters: { content, topic: '' } }), reddit());
    expect(reply.speech).toMatch(ASK_FOR_KIND);
    expect(reply.chips).toContain('Joke');
  });

  it('content as a list of strings: uses the first one', async () => {
    const { reply } = await answer(webhookRequest({ parameters: { content: [7, 'joke', 'fact'] } }), reddit());
    expect(reply.speech).toMatch(/^Here's a joke:/);
  });

  it.each([
    ['emoji', '🤡🤡🤡'],
    ['right-to-left text with an override', '\u202eekoj a'],
    ['Arabic', 'نكتة'],
    ['control characters', 'jo\u0007ke\u0000\u001b[31m'],
  ])('an unknown kind in %s is echoed as clean, well-formed text', async (_name, content) => {
    const { reply, response } = await answer(webhookRequest({ parameters: { content } }), reddit());
    expect(reply.speech).toMatch(ASK_FOR_KIND);
    // eslint-disable-next-line no-control-regex -- control characters are what this test looks for
    expect(response.fulfillmentText).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/u);
    expect(response.fulfillmentText).not.toMatch(LONE_SURROGATE);
  });

  it.each([
    ['a number', 17],
    ['an object', { text: 'cats' }],
    ['emoji', '🐈'.repeat(300)],
    ['NUL bytes and RTL marks', '\u0000cats\u202e\u200f'],
  ])('topic as %s: still tells a joke', async (_name, topic) => {
    const { reply, response } = await answer(webhookRequest({ parameters: { content: 'joke', topic } }), reddit());
    // The topic may be searched and missed ("I couldn't find a joke about cats, so here's another one:").
    expect(reply.speech).toMatch(/^(Here's a joke|I couldn't find a joke about .*, so here's another one):\n\nTitle j/);
    expect(response.fulfillmentText).not.toMatch(LONE_SURROGATE);
  });
});

describe('cutting text never splits an emoji', () => {
  it('sliceUnits, capText and echoText keep surrogate pairs whole', () => {
    const emoji = '😀'.repeat(50);
    for (let max = 1; max < 40; max += 1) {
      expect(sliceUnits(emoji, max)).not.toMatch(LONE_SURROGATE);
      expect(capText(emoji, max)).not.toMatch(LONE_SURROGATE);
      expect(capText(emoji, max).length).toBeLessThanOrEqual(max);
      expect(echoText(`a ${emoji}`, max)).not.toMatch(LONE_SURROGATE);
    }
    expect(topicParameter('𝒜'.repeat(301))).toBe('𝒜'.repeat(50)); // astral letters survive, whole
    expect(echoText('lone \ud800 surrogate', 40)).toBe('lone surrogate');
  });
});

describe('caller text is not reflected raw', () => {
  it('error messages show odd field names as *', () => {
    const request = webhookRequest();
    (request.queryResult as any).parameters = { 'Error: boom\n    at Object.<anonymous> (/x.js:1:1)': nested(20), plain_name: 1 };
    const message = rejection(request)!.message;
    expect(message).toMatch(/^queryResult\.parameters\.\*(\.inner)*: nested deeper/);
    expect(message).not.toContain('boom');
  });

  it('only post ids travel on in the follow-up context', async () => {
    const served = ['abc123', '\ud800', '<script>', 'x'.repeat(30), 17, null, 'def456'];
    const request = webhookRequest({
      intent: 'say-content-more',
      contexts: [{ name: 'content-followup', lifespanCount: 4, parameters: { content: 'joke', servedIds: served } }],
    });
    const { response } = await answer(request, new FakeReddit({ Jokes: jokes(1) }));
    expect(response.outputContexts?.[0]?.parameters?.servedIds).toEqual(['abc123', 'def456', 'j1']);
  });
});

describe('the same in German, Spanish and French', () => {
  /** The real request above as a German Telegram user's (Dialogflow sends the agent language it matched in). */
  function germanRequest(): Record<string, unknown> {
    const request = fullDialogflowRequest() as any;
    Object.assign(request.queryResult, {
      queryText: 'erzähl mir einen Witz über Katzen',
      languageCode: 'de-AT',
      parameters: { content: 'Witz', topic: 'Katzen', 'date-time': '' },
    });
    request.queryResult.outputContexts[0].parameters = { content: 'joke', 'content.original': 'Witz', servedIds: ['a1'] };
    request.originalDetectIntentRequest.payload.data.message.from.language_code = 'de';
    request.alternativeQueryResults = [{ queryText: 'erzähl mir einen Witz über Katzen', languageCode: 'de-AT' }];
    return request;
  }

  it('accepts a full German Dialogflow request and answers from r/Witze, searching the topic', async () => {
    expect(rejection(germanRequest())).toBeUndefined();
    const reddit = new FakeReddit({ 'Witze?Katzen': jokes(1, 'Witze') });
    const { reply } = await answer(germanRequest(), reddit);
    expect(reddit.queries).toEqual([{ subreddit: 'Witze', topic: 'Katzen' }]);
    expect(reply.speech).toMatch(/^Hier ist ein Witz:\n\nTitle j1\nPunchline j1\n/);
  });

  it.each([
    ['de', '<script>alert(1)</script>', /^„script alert 1 script“ habe ich noch nicht\. Ich kann dir /],
    ['es', '¿pingüinos?\u202e', /^Todavía no tengo «¿pingüinos\?»\. Puedo contarte /],
    ['fr', 'x'.repeat(500), /^Je n'ai pas encore « x{39}… »\. Je peux te raconter /],
  ])('%s: an unknown kind is echoed cleaned and short, then the kinds are offered', async (languageCode, content, expected) => {
    const { reply } = await answer(webhookRequest({ languageCode, parameters: { content, topic: '' } }), new FakeReddit());
    expect(reply.speech).toMatch(expected);
  });

  it.each([
    ['über Katzen!', 'de', 'Katzen'],
    ['¿sobre gatos?', 'es', 'gatos'],
    ['à propos de chats.', 'fr', 'chats'],
    ['about cats', 'de', 'about cats'],
  ])('topic "%s" in %s is searched as "%s"', async (topic, languageCode, searched) => {
    const value = { de: 'Witz', es: 'chiste', fr: 'blague' }[languageCode]!;
    const reddit = new FakeReddit();
    await answer(webhookRequest({ languageCode, parameters: { content: value, topic } }), reddit);
    expect(reddit.queries[0]?.topic).toBe(searched);
  });

  it('the context of an English conversation carries on in German with German kinds', async () => {
    const request = webhookRequest({
      languageCode: 'de',
      intent: 'say-content-more',
      contexts: [{ name: 'content-followup', lifespanCount: 4, parameters: { content: 'joke', servedIds: ['offline:joke:3', 'zz9'] } }],
    });
    const reddit = new FakeReddit({ Witze: jokes(1, 'Witze') });
    const { reply, response } = await answer(request, reddit);
    expect(reddit.queries).toEqual([{ subreddit: 'Witze' }]);
    expect(reply.speech).toMatch(/^Hier ist ein Witz:/);
    expect(response.outputContexts?.[0]?.parameters?.servedIds).toEqual(['offline:joke:3', 'zz9', 'j1']);
  });
});
