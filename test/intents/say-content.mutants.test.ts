import { topicParameter } from '../../src/intents/say-content';
import { languageFor } from '../../src/languages';
import { RedditError, type ListingQuery, type PostSource } from '../../src/reddit/client';
import type { Post } from '../../src/reddit/listing';
import { OFFLINE } from '../../src/reddit/offline';
import { memoryLogger } from '../support/shared-webhooks';
import { listing, redditPost } from '../support/reddit';
import { moreRequest, SESSION, sayRequest, webhookRequest } from '../support/requests';
import { answer, FakeReddit } from '../support/turns';

/** Details of say-content a mutation run showed untested: topic cleaning, the `noted` state, log lines, the offline fallbacks. */

const FOLLOWUP = `${SESSION}/contexts/content-followup`;
const PROMPT = 'What do you want to hear next, a joke or a fact?';

/** A Reddit that throws what it is given, also what is not a RedditError. */
class ThrowingReddit implements PostSource {
  constructor(private readonly error: unknown) {}
  async fetchPosts(_query: ListingQuery): Promise<Post[]> {
    throw this.error;
  }
}

/** A "more" turn whose follow-up context carries these parameters. */
const moreWith = (parameters: Record<string, unknown>) => moreRequest({ outputContexts: [{ name: FOLLOWUP, lifespanCount: 4, parameters }] });

describe('topicParameter cleaning', () => {
  it('drops ¿ and ¡ only at the start', () => {
    expect(topicParameter('¡gatos', languageFor('es'))).toBe('gatos');
    expect(topicParameter('cats ¡olé', languageFor('es'))).toBe('cats ¡olé');
  });

  it('drops punctuation only at the end', () => {
    expect(topicParameter('cats, dogs?!')).toBe('cats, dogs');
  });

  it('trims what the punctuation left, and an empty result is no topic', () => {
    expect(topicParameter('cats !')).toBe('cats');
    expect(topicParameter('¿ ?')).toBeUndefined();
  });
});

describe('the noted topic in the follow-up context', () => {
  it('is kept while the topic stays the same', async () => {
    const reddit = new FakeReddit({ 'Jokes?cats': listing([redditPost({ id: 'c2' })]) });
    const { response } = await answer(moreWith({ content: 'joke', topic: 'cats', noted: 'cats', servedIds: ['c1'] }), reddit);
    expect(response.outputContexts![0]!.parameters).toEqual({ content: 'joke', topic: 'cats', servedIds: ['c1', 'c2'], asked: 0, noted: 'cats' });
  });

  it('is dropped once the user asks about another topic', async () => {
    const reddit = new FakeReddit({ 'Jokes?dogs': listing([redditPost({ id: 'd1' })]) });
    const request = webhookRequest({
      parameters: { content: 'joke', topic: 'dogs' },
      contexts: [{ name: 'content-followup', lifespanCount: 4, parameters: { content: 'joke', topic: 'cats', noted: 'cats', servedIds: [] } }],
    });
    const { response } = await answer(request, reddit);
    expect(response.outputContexts![0]!.parameters).toEqual({ content: 'joke', topic: 'dogs', servedIds: ['d1'], asked: 0 });
  });
});

describe('say-content log lines', () => {
  it('logs a refused topic with the kind, never the topic', async () => {
    const log = memoryLogger();
    await answer(sayRequest('joke', 'horny people'), new FakeReddit(), { log });
    expect(log.lines).toEqual([{ level: 'info', message: 'offensive topic refused', fields: { kind: 'joke' } }]);
  });

  it('logs a Reddit failure with its reason and status', async () => {
    const log = memoryLogger();
    await answer(sayRequest('joke'), new FakeReddit({}, new RedditError('upstream', 'Reddit answered 503', 503)), { log });
    expect(log.lines).toEqual([{ level: 'warn', message: 'reddit unavailable', fields: { subreddit: 'Jokes', reason: 'upstream', status: 503 } }]);
  });

  it('logs any other error from the post source as an unknown reason', async () => {
    const log = memoryLogger();
    const { reply } = await answer(sayRequest('joke'), new ThrowingReddit(new TypeError('boom')), { log });
    expect(log.lines).toEqual([{ level: 'warn', message: 'reddit unavailable', fields: { subreddit: 'Jokes', reason: 'unknown', status: undefined } }]);
    expect(reply.speech).toMatch(/^Reddit isn't answering right now, so here's one from my own collection:\n\n/);
  });
});

describe('when Reddit fails', () => {
  it('repeats one of its own, saying so, once the whole collection was heard', async () => {
    const servedIds = OFFLINE.joke.map((item) => item.id);
    const { reply } = await answer(moreWith({ content: 'joke', servedIds }), new FakeReddit({}, new RedditError('timeout', 'Reddit timed out')));
    expect(reply.speech).toMatch(/^Reddit isn't answering right now, so here's one from my own collection, one you've heard before:\n\n/);
    expect(reply.served).toEqual({ kind: 'joke', source: 'offline', postId: expect.stringMatching(/^offline:joke:\d+$/) });
  });

  it('apologises with the follow-up context kept when the kind has no collection', async () => {
    const { reply, response } = await answer(sayRequest('news'), new FakeReddit({}, new RedditError('upstream', 'Reddit answered 500', 500)));
    expect(reply.speech).toBe(`Sorry, I couldn't get a news headline from Reddit right now.\n\nPlease try again in a moment, or ask for something else.\n\n${PROMPT}`);
    expect(response.outputContexts).toEqual([{ name: FOLLOWUP, lifespanCount: 5, parameters: { content: 'news', topic: '', servedIds: [], asked: 0 } }]);
  });
});
