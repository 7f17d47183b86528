/**
 * "Say that again" on a fact of the bot's own collection that has a line break:
 * only jokes are split into setup and punchline. None of today's facts has a
 * line break, so one is put into the collection here (the collection is built
 * when the module loads).
 */
import { followupRequest } from '../support/requests';
import { answer, FakeReddit, messageTexts } from '../support/turns';

jest.mock('../../src/languages/en', () => {
  const { en } = jest.requireActual<typeof import('../../src/languages/en')>('../../src/languages/en');
  return { en: { ...en, offline: { ...en.offline, facts: ['Octopuses have three hearts.\nTwo of them stop while they swim.'] } } };
});

it('keeps a fact with a line break in one message', async () => {
  const { response } = await answer(followupRequest('repeat', { content: 'fact', servedIds: ['offline:fact:0'] }), new FakeReddit());
  expect(messageTexts(response)).toEqual([
    'Sure, here it is again:\n\nOctopuses have three hearts.\nTwo of them stop while they swim.\n\nWhat do you want to hear next, a joke or a fact?',
  ]);
});
