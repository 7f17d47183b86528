/**
 * "Say that again" on a fact of the bot's own collection that has a line break:
 * only jokes are split into setup and punchline. None of today's facts has a
 * line break, so one is put into the collection here (the collection is built
 * when the module loads).
 */
import { SESSION, webhookRequest } from '../support/requests';
import { answer, FakeReddit } from '../support/turns';

jest.mock('../../src/reddit/offline-content', () => ({
  ...jest.requireActual('../../src/reddit/offline-content'),
  OFFLINE_FACTS: ['Octopuses have three hearts.\nTwo of them stop while they swim.'],
}));

it('keeps a fact with a line break in one message', async () => {
  const request = webhookRequest({
    action: 'repeat',
    intent: 'repeat',
    contexts: [{ name: `${SESSION}/contexts/content-followup`, lifespanCount: 4, parameters: { content: 'fact', servedIds: ['offline:fact:0'] } }],
  });
  const { response } = await answer(request, new FakeReddit());
  const texts = (response.fulfillmentMessages ?? []).flatMap((message) => ('text' in message ? message.text.text : []));
  expect(texts).toEqual([
    'Sure, here it is again:\n\nOctopuses have three hearts.\nTwo of them stop while they swim.\n\nWhat do you want to hear next, a joke or a fact?',
  ]);
});
