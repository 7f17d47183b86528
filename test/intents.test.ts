import { RedditError } from '../src/reddit/client';
import { contentParameter, topicParameter } from '../src/intents/say-content';
import { OFFLINE } from '../src/reddit/offline';
import { listing, redditPost, jokes } from './support/reddit';
import { byeRequest, fallbackRequest, moreRequest, sayRequest, SESSION, webhookRequest, welcomeRequest } from './support/requests';
import { answer, FakeReddit } from './support/turns';

const FOLLOWUP = `${SESSION}/contexts/content-followup`;
const PROMPT = 'What do you want to hear next, a joke or a fact?';

describe('welcome', () => {
  it('greets, asks the "or" question and offers chips', async () => {
    const { reply } = await answer(welcomeRequest(), new FakeReddit());
    expect(reply.speech).toMatch(/joke or a fact\?$/);
    expect(reply.chips).toEqual(expect.arrayContaining(['Joke', 'Fact']));
  });
});

describe('fallback', () => {
  it('helps the user back on track with the choices', async () => {
    const { reply } = await answer(fallbackRequest(), new FakeReddit());
    expect(reply.speech).toMatch(/^Sorry, I didn't get that\./);
    expect(reply.speech).toContain('a shower thought');
    expect(reply.chips).toContain('Joke');
  });

  it('answers a request that has neither action nor intent', async () => {
    const request = webhookRequest();
    const result = request.queryResult as Record<string, unknown>;
    delete result.action;
    delete result.intent;
    const { reply } = await answer(request, new FakeReddit());
    expect(reply.speech).toMatch(/^Sorry, I didn't get that\./);
  });

  it('also answers an unknown action and intent', async () => {
    const { reply } = await answer(webhookRequest({ action: 'smalltalk.greet', intent: 'Some Other Intent' }), new FakeReddit());
    expect(reply.speech).toMatch(/^Sorry, I didn't get that\./);
  });
});

describe('bye', () => {
  it('says goodbye and clears the follow-up context', async () => {
    const { reply, response } = await answer(byeRequest(), new FakeReddit());
    expect(response.fulfillmentText).toMatch(/^Bye!/);
    expect(reply.chips).toEqual([]);
    expect(response.outputContexts).toEqual([{ name: FOLLOWUP, lifespanCount: 0 }]);
    expect(response).not.toHaveProperty('triggerEndOfConversation');
  });
});

describe('say-content', () => {
  it('tells a joke: setup and punchline, then the follow-up prompt, chips, card and context', async () => {
    const reddit = new FakeReddit({ Jokes: listing([redditPost({ id: 'j1', title: 'Why did the scarecrow win?', selftext: 'He was outstanding in his field.' })]) });
    const { reply, response } = await answer(sayRequest('joke'), reddit);
    expect(reply.speech).toBe(`Here's a joke:\n\nWhy did the scarecrow win?\nHe was outstanding in his field.\n\n${PROMPT}`);
    expect(reply.chips).toEqual(expect.arrayContaining(['Another one', 'Joke', 'Fact', 'Bye']));
    expect(reply.card?.url).toBe('https://www.reddit.com/r/Jokes/comments/j1/slug/');
    expect(response.outputContexts).toEqual([
      { name: FOLLOWUP, lifespanCount: 5, parameters: { content: 'joke', topic: '', servedIds: ['j1'], asked: 0 } },
    ]);
    expect(reddit.queries).toEqual([{ subreddit: 'Jokes' }]);
  });

  it('tells a fact from r/todayilearned without the TIL prefix', async () => {
    const reddit = new FakeReddit({ todayilearned: listing([redditPost({ id: 'f1', subreddit: 'todayilearned', title: 'TIL that sloths can hold their breath for 40 minutes', is_self: false, selftext: '' })]) });
    const { reply } = await answer(sayRequest('fact'), reddit);
    expect(reply.speech).toBe(`Here's a fact:\n\nSloths can hold their breath for 40 minutes\n\n${PROMPT}`);
  });

  it('maps a synonym that reached the webhook unresolved', async () => {
    const reddit = new FakeReddit({ Jokes: jokes(1) });
    const { reply } = await answer(sayRequest('something funny'), reddit);
    expect(reply.speech).toMatch(/^Here's a joke:/);
  });

  it('asks again, with the choices, for an unknown kind', async () => {
    const reddit = new FakeReddit();
    const { reply, response } = await answer(sayRequest('recipe'), reddit);
    expect(reply.speech).toMatch(/^I don't have "recipe" yet\. I can tell you a joke, a fact/);
    expect(reply.chips).toContain('Joke');
    expect(response.outputContexts).toBeUndefined();
    expect(reddit.queries).toEqual([]);
  });

  it('takes the first value when content arrives as a list', async () => {
    expect(contentParameter(['joke', 'fact'])).toBe('joke');
    expect(contentParameter(42)).toBeUndefined();
    expect(contentParameter({ value: 'joke' })).toBeUndefined();
  });

  it.each([0, 1, 3])('never crashes on a listing of %i posts', async (count) => {
    const reddit = new FakeReddit({ Jokes: jokes(count) });
    const { reply } = await answer(sayRequest('joke'), reddit);
    expect(reply.speech.endsWith(PROMPT)).toBe(true);
    expect(reply.speech.length).toBeGreaterThan(PROMPT.length);
  });

  it('tells a joke of its own, saying so honestly, when Reddit fails', async () => {
    const reddit = new FakeReddit({}, new RedditError('upstream', 'Reddit answered 500', 500));
    const { reply } = await answer(sayRequest('joke'), reddit);
    expect(reply.speech).toMatch(/^Reddit isn't answering right now, so here's one from my own collection:\n\n/);
    expect(reply.speech.endsWith(PROMPT)).toBe(true);
    expect(reply.card).toBeUndefined();
    expect(reply.conversation?.servedIds).toEqual([expect.stringMatching(/^offline:joke:\d+$/)]);
  });

  it('apologises honestly when Reddit fails and there is nothing of its own to offer (news)', async () => {
    const reddit = new FakeReddit({}, new RedditError('upstream', 'Reddit answered 500', 500));
    const { reply } = await answer(sayRequest('news'), reddit);
    expect(reply.speech).toMatch(/^Sorry, I couldn't get a news headline from Reddit right now\./);
    expect(reply.speech.endsWith(PROMPT)).toBe(true);
  });

  it('tells one of its own when every post is filtered out', async () => {
    const reddit = new FakeReddit({ Jokes: listing([redditPost({ id: 'n', over_18: true }), redditPost({ id: 's', stickied: true })]) });
    const { reply } = await answer(sayRequest('joke'), reddit);
    expect(reply.speech).toMatch(/^Reddit has no jokes I can read out right now, so here's one from my own collection:/);
  });
});

describe('topic', () => {
  it('searches the subreddit for the topic', async () => {
    const reddit = new FakeReddit({ 'Jokes?cats': listing([redditPost({ id: 'c1', title: 'A cat walks into a bar' })]) });
    const { reply, response } = await answer(sayRequest('joke', 'about cats'), reddit);
    expect(reddit.queries).toEqual([{ subreddit: 'Jokes', topic: 'cats' }]);
    expect(reply.speech).toContain('A cat walks into a bar');
    expect(response.outputContexts?.[0]?.parameters).toMatchObject({ topic: 'cats', servedIds: ['c1'] });
  });

  it('says so and offers a random one when nothing matches', async () => {
    const reddit = new FakeReddit({ Jokes: jokes(2) });
    const { reply } = await answer(sayRequest('joke', 'quantum chromodynamics'), reddit);
    expect(reddit.queries).toEqual([{ subreddit: 'Jokes', topic: 'quantum chromodynamics' }, { subreddit: 'Jokes' }]);
    expect(reply.speech).toMatch(/^I couldn't find a joke about quantum chromodynamics, so here's another one:\n\n/);
  });

  it('normalises the topic parameter', () => {
    expect(topicParameter('  about Cats?! ')).toBe('Cats');
    expect(topicParameter('')).toBeUndefined();
    expect(topicParameter(17)).toBeUndefined();
    expect(topicParameter('x'.repeat(500))).toHaveLength(100);
    expect(topicParameter('dogs\u0000and cats')).toBe('dogs and cats');
  });
});

describe('more', () => {
  it('ten "more" in a row never repeat while unserved posts remain', async () => {
    const reddit = new FakeReddit({ Jokes: jokes(12) });
    let previous = (await answer(sayRequest('joke'), reddit)).response;
    const seen = [previous.outputContexts![0]!.parameters!.servedIds as string[]].flat();
    for (let i = 0; i < 10; i++) {
      previous = (await answer(moreRequest(previous), reddit)).response;
      const served = previous.outputContexts![0]!.parameters!.servedIds as string[];
      const newest = served.at(-1)!;
      expect(seen).not.toContain(newest);
      seen.push(newest);
    }
    expect(new Set(seen).size).toBe(11);
  });

  it('with 3 posts, serves all three, then one of its own collection', async () => {
    const reddit = new FakeReddit({ Jokes: jokes(3) });
    let previous = (await answer(sayRequest('joke'), reddit)).response;
    previous = (await answer(moreRequest(previous), reddit)).response;
    previous = (await answer(moreRequest(previous), reddit)).response;
    expect(new Set(previous.outputContexts![0]!.parameters!.servedIds as string[])).toEqual(new Set(['j1', 'j2', 'j3']));
    const { reply } = await answer(moreRequest(previous), reddit);
    expect(reply.speech).toMatch(/^You've heard all of today's jokes from Reddit, so here's one from my own collection:/);
  });

  it('repeats a Reddit post, saying so, only when its own collection was heard too', async () => {
    const reddit = new FakeReddit({ Jokes: jokes(3) });
    const servedIds = ['j1', 'j2', 'j3', ...OFFLINE.joke.map((item) => item.id)];
    const request = moreRequest({ outputContexts: [{ name: FOLLOWUP, lifespanCount: 4, parameters: { content: 'joke', servedIds } }] });
    const { reply } = await answer(request, reddit);
    expect(reply.speech).toMatch(/^You've heard all of today's new ones, so here's one again:\n\nTitle j/);
  });

  it('keeps the topic of the previous answer', async () => {
    const reddit = new FakeReddit({ 'Jokes?cats': listing([redditPost({ id: 'c1' }), redditPost({ id: 'c2' })]) });
    const first = (await answer(sayRequest('joke', 'cats'), reddit)).response;
    const { response } = await answer(moreRequest(first), reddit);
    expect(reddit.queries.at(-1)).toEqual({ subreddit: 'Jokes', topic: 'cats' });
    expect(response.outputContexts![0]!.parameters!.servedIds).toHaveLength(2);
  });

  it('says when every post about the topic was heard, then tells a random one', async () => {
    const reddit = new FakeReddit({ 'Jokes?cats': listing([redditPost({ id: 'c1' })]), Jokes: jokes(2) });
    const first = (await answer(sayRequest('joke', 'cats'), reddit)).response;
    const { reply } = await answer(moreRequest(first), reddit);
    expect(reply.speech).toMatch(/^That was every joke about cats I could find, so here's another one:\n\nTitle j/);
    expect(reddit.queries.at(-1)).toEqual({ subreddit: 'Jokes' });
  });

  it('asks what to tell when there is no follow-up context', async () => {
    const { reply } = await answer(moreRequest({}), new FakeReddit());
    expect(reply.speech).toMatch(/^I can tell you a joke, a fact/);
  });

  it('ignores a garbled follow-up context instead of failing', async () => {
    const reddit = new FakeReddit({ Jokes: jokes(2) });
    const request = webhookRequest({
      intent: 'say-content-more',
      contexts: [{ name: 'content-followup', lifespanCount: 4, parameters: { content: 'joke', servedIds: 'j1' } }],
    });
    const { reply } = await answer(request, reddit);
    expect(reply.speech).toMatch(/^Here's a joke:/);
  });
});
