/**
 * help / surprise / repeat / feedback (src/intents/more-ways.ts): the edges a
 * mutation run found untested — a `random` that returns 1, the fallback when no
 * kind is preferred, the "noted" topic written back, the log line when Reddit
 * fails during "say that again", and the exact chips after a negative feedback.
 */
import type { WebhookResponse } from '../../src/dialogflow/response';
import { pickPreferring } from '../../src/intents/more-ways';
import { RedditError, type PostSource } from '../../src/reddit/client';
import { OFFLINE } from '../../src/reddit/offline';
import { capturedJsonLog } from '../support/json-log';
import { jokes } from '../support/reddit';
import { followupRequest, SESSION } from '../support/requests';
import { answer, FakeReddit, messageTexts } from '../support/turns';

const FOLLOWUP = `${SESSION}/contexts/content-followup`;
const CANT = "Sorry, I can't find that one any more. What would you like instead, a joke or a fact?";

const followupOut = (response: WebhookResponse) => response.outputContexts?.find((context) => context.name === FOLLOWUP);

describe('pickPreferring', () => {
  const even = (n: number) => n % 2 === 0;

  it('picks among the preferred items only, by the random value', () => {
    expect(pickPreferring([1, 2, 3, 4, 5, 6], even, () => 0)).toBe(2);
    expect(pickPreferring([1, 2, 3, 4, 5, 6], even, () => 0.34)).toBe(4);
    expect(pickPreferring([1, 2, 3, 4, 5, 6], even, () => 0.99)).toBe(6);
  });

  it('stays inside the list when random returns exactly 1', () => {
    expect(pickPreferring([1, 2, 3, 4], even, () => 1)).toBe(4);
    expect(pickPreferring(['only'], () => true, () => 1)).toBe('only');
  });

  it('falls back to every item when none is preferred', () => {
    expect(pickPreferring(['only'], () => false, () => 0)).toBe('only');
    expect(pickPreferring([1, 3, 5], even, () => 0.5)).toBe(3);
  });
});

describe('surprise', () => {
  it.each([
    ['joke', 'one-liner'],
    ['one-liner', 'news'],
  ])('with random() = 1 after a %s, tells the last other kind: %s', async (current, told) => {
    const { response } = await answer(followupRequest('surprise', { content: current, servedIds: [] }), new FakeReddit(), { random: () => 1 });
    expect(followupOut(response)?.parameters?.content).toBe(told);
  });
});

describe('repeat', () => {
  it('asks Reddit nothing when no post was told yet in this conversation', async () => {
    const reddit = new FakeReddit({ Jokes: jokes(2), 'Jokes?cats': jokes(2) });
    const { reply } = await answer(followupRequest('repeat', { content: 'joke', topic: 'cats', servedIds: [] }), reddit);
    expect(reply.speech).toBe(CANT);
    expect(reddit.queries).toEqual([]);
  });

  it('keeps the follow-up context, with the question asked before, when it cannot find the post', async () => {
    const { response } = await answer(followupRequest('repeat', { content: 'joke', servedIds: ['zz9'], asked: 3 }), new FakeReddit({ Jokes: jokes(2) }));
    expect(response.outputContexts).toEqual([
      { name: FOLLOWUP, lifespanCount: 5, parameters: { content: 'joke', topic: '', servedIds: ['zz9'], asked: 3 } },
    ]);
  });

  it.each([
    ['the same topic', { topic: 'cats', noted: 'cats' }, { topic: 'cats', noted: 'cats' }],
    ['the same topic once cleaned', { topic: 'cats?', noted: 'cats' }, { topic: 'cats', noted: 'cats' }],
    ['another topic', { topic: 'cats', noted: 'dogs' }, { topic: 'cats' }],
    ['no miss said yet', { topic: 'cats' }, { topic: 'cats' }],
    ['no topic', { noted: 'cats' }, { topic: '' }],
  ])('writes back "noted" only when it is the topic (%s)', async (_case, state, written) => {
    const { response } = await answer(followupRequest('repeat', { content: 'joke', servedIds: [], ...state }), new FakeReddit());
    expect(followupOut(response)?.parameters).toEqual({ content: 'joke', servedIds: [], ...written });
  });

  it("splits a joke of the bot's own collection into setup and punchline, whatever kind the context names", async () => {
    const [setup = '', punchline = ''] = OFFLINE.joke[0]!.text.split('\n');
    for (const content of ['joke', 'fact']) {
      const { response } = await answer(followupRequest('repeat', { content, servedIds: ['offline:joke:0'] }), new FakeReddit());
      expect(messageTexts(response)).toEqual([`Sure, here it is again:\n\n${setup}`, `${punchline}\n\nWhat do you want to hear next, a joke or a fact?`]);
    }
  });

  describe('when Reddit fails', () => {
    const failing = (error: Error): PostSource => ({
      fetchPosts: async () => {
        throw error;
      },
    });

    it.each([
      ['a Reddit failure, with its reason', new RedditError('rate-limited', 'Reddit rate limit hit', 429), 'rate-limited'],
      ['anything else, as unknown', new TypeError('boom'), 'unknown'],
    ])('logs one warning for %s and says it cannot', async (_case, error, reason) => {
      const { log, records } = capturedJsonLog();
      const { reply } = await answer(followupRequest('repeat', { content: 'joke', servedIds: ['abc12'] }), failing(error), { log });
      expect(records()).toEqual([{ severity: 'WARNING', reason, message: 'repeat: reddit unavailable' }]);
      expect(reply.speech).toBe(CANT);
    });
  });
});

describe('feedback', () => {
  const ALL_CHIPS = ['Another one', 'Joke', 'Fact', 'Dad joke', 'Shower thought', 'Life pro tip', 'News', 'One-liner', 'Bye'];

  it.each([
    ['missing', {}],
    ['not one of the two', { sentiment: 'ecstatic' }],
  ])('with the sentiment %s, thanks the user', async (_case, parameters) => {
    const { reply } = await answer(followupRequest('feedback', { content: 'joke', servedIds: ['j1'] }, parameters), new FakeReddit(), { random: () => 0 });
    expect(reply.speech).toBe('Glad you liked it!');
    expect(reply.chips).toEqual(ALL_CHIPS);
  });

  it.each([
    ['fact', ['Joke', 'Another one', 'Fact', 'Dad joke', 'Shower thought', 'Life pro tip', 'News', 'One-liner', 'Bye']],
    ['joke', ['Fact', 'Another one', 'Joke', 'Dad joke', 'Shower thought', 'Life pro tip', 'News', 'One-liner', 'Bye']],
  ])('after a negative one on a %s, offers the other featured kind (whatever the random value), its chip first and only once', async (content, chips) => {
    for (const r of [0, 0.99]) {
      const { reply } = await answer(followupRequest('feedback', { content, servedIds: ['p1'] }, { sentiment: 'negative' }), new FakeReddit(), { random: () => r });
      expect(reply.chips).toEqual(chips);
    }
  });
});
