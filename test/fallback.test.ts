import { fallbackRequest, webhookRequest } from './support/requests';
import { answer, FakeReddit } from './support/turns';

/** The fallback keeps "Another one" on offer for as long as "another one" would still work. */

const KIND_CHIPS = ['Joke', 'Fact', 'Dad joke', 'Shower thought', 'Life pro tip', 'News', 'One-liner'];
const followup = (lifespanCount: number | undefined, parameters: Record<string, unknown> = { content: 'joke', servedIds: ['j1'] }) =>
  webhookRequest({
    action: 'input.unknown',
    intent: 'Default Fallback Intent',
    queryText: 'purple monkey dishwasher',
    contexts: [{ name: 'content-followup', ...(lifespanCount === undefined ? {} : { lifespanCount }), parameters }],
  });

describe('fallback chips', () => {
  it.each([1, 4])('offer "Another one" (and Bye) while the follow-up context has %i turns left', async (lifespan) => {
    const { reply, response } = await answer(followup(lifespan), new FakeReddit());
    expect(reply.chips).toEqual(['Another one', ...KIND_CHIPS, 'Bye']);
    expect(reply.speech).toMatch(/^Sorry, I didn't get that\./);
    // The context is left to Dialogflow: the webhook neither renews nor clears it.
    expect(response.outputContexts).toBeUndefined();
  });

  it.each([
    ['no follow-up context', fallbackRequest()],
    ['a context with no turns left (lifespan 0 is left out of the JSON)', followup(undefined)],
    ['a context with lifespan 0', followup(0)],
    ['a context that names no kind', followup(3, { servedIds: ['j1'] })],
  ])('offer only the kinds with %s', async (_name, request) => {
    const { reply } = await answer(request, new FakeReddit());
    expect(reply.chips).toEqual(KIND_CHIPS);
  });
});
