import { toTurn, WebhookRequestSchema } from '../../src/dialogflow/request';

/** toTurn's defaults for what Dialogflow may leave out, and what it reads when it is there. */

const SESSION = 'projects/p/agent/sessions/s1';

describe('toTurn', () => {
  it('fills in what a bare request leaves out', () => {
    const turn = toTurn(WebhookRequestSchema.parse({ session: SESSION, queryResult: {} }));
    expect(turn).toEqual({
      session: SESSION,
      action: '',
      intent: '',
      queryText: '',
      languageCode: 'en',
      parameters: {},
      conversation: { state: { servedIds: [] }, alive: false },
      source: undefined,
    });
  });

  it('reads every field that is there', () => {
    const turn = toTurn(
      WebhookRequestSchema.parse({
        session: SESSION,
        queryResult: {
          queryText: 'ein Witz',
          languageCode: 'de',
          action: 'say-content',
          parameters: { content: 'joke' },
          intent: { displayName: 'say-content' },
          outputContexts: [{ name: `${SESSION}/contexts/content-followup` }],
        },
        originalDetectIntentRequest: { payload: { source: 'Telegram' } },
      }),
    );
    expect(turn).toEqual({
      session: SESSION,
      action: 'say-content',
      intent: 'say-content',
      queryText: 'ein Witz',
      languageCode: 'de',
      parameters: { content: 'joke' },
      conversation: { state: { servedIds: [] }, alive: false },
      source: 'telegram',
    });
  });
});
