import nock from 'nock';
import { listing, redditPost, jokes } from './support/reddit';
import { moreRequest, sayRequest, SESSION } from './support/requests';
import { REDDIT, startBuild, type RunningWebhook } from './support/server';
import { answer, FakeReddit } from './support/turns';
import { expectValidV2Response } from './support/v2-proto';
import { CLEAN, MILD, SEXUAL, SLURS, type CorpusPost } from './support/content-corpus';

/**
 * The content filter in whole conversations: filtered posts are skipped like
 * NSFW ones, the no-repeat, topic and built-in-collection paths keep working
 * when most of a listing is filtered, and an offensive topic is never searched.
 */

const FOLLOWUP = `${SESSION}/contexts/content-followup`;
const REFUSAL = /^I'd rather not look for jokes about that\. What do you want to hear next, a joke or a fact\?$/;

const asPosts = (entries: readonly CorpusPost[], prefix: string) =>
  entries.map((entry, i) => redditPost({ id: `${prefix}${i}`, title: entry.title, selftext: entry.selftext }));
/** 4 clean, 3 mildly profane, 3 sexual, 3 slur posts, interleaved the way a real listing mixes them. */
const MIXED = [
  ...asPosts(CLEAN.slice(0, 4), 'c'),
  ...asPosts(MILD.slice(0, 3), 'p'),
  ...asPosts(SEXUAL.slice(0, 3), 'x'),
  ...asPosts(SLURS.slice(0, 3), 's'),
].sort((a, b) => String(a.id).localeCompare(String(b.id)) * (String(a.id).charCodeAt(1) % 2 ? 1 : -1));

const servedId = (response: { outputContexts?: Array<{ parameters?: Record<string, unknown> }> }) =>
  (response.outputContexts?.[0]?.parameters?.servedIds as string[] | undefined)?.at(-1);

describe('a conversation over a listing that is mostly unfit to read', () => {
  it.each([
    ['standard', undefined, ['c0', 'c1', 'c2', 'c3', 'p0', 'p1', 'p2']],
    ['strict', 'strict' as const, ['c0', 'c1', 'c2', 'c3']],
  ])('%s: serves every allowed post once, nothing else, then its own collection', async (_name, level, allowed) => {
    // Under strict, jokes come from r/cleanjokes (clean by its rules), and are filtered all the same.
    const reddit = new FakeReddit({ [level === 'strict' ? 'cleanjokes' : 'Jokes']: listing(MIXED) });
    let previous = (await answer(sayRequest('joke'), reddit, { contentFilter: level })).response;
    const served = [servedId(previous)];
    for (let i = 1; i < allowed.length; i++) {
      previous = (await answer(moreRequest(previous), reddit, { contentFilter: level })).response;
      served.push(servedId(previous));
    }
    expect([...served].sort()).toEqual(allowed);
    const { reply } = await answer(moreRequest(previous), reddit, { contentFilter: level });
    expect(reply.speech).toMatch(/^You've heard all of today's jokes from Reddit, so here's one from my own collection:/);
  });

  it('off: serves what only the NSFW, removed and spoiler filters allow', async () => {
    const reddit = new FakeReddit({ Jokes: listing([...MIXED, redditPost({ id: 'n', over_18: true, title: 'Fine', selftext: 'words' })]) });
    let previous = (await answer(sayRequest('joke'), reddit, { contentFilter: 'off' })).response;
    const served = [servedId(previous)];
    for (let i = 1; i < MIXED.length; i++) {
      previous = (await answer(moreRequest(previous), reddit, { contentFilter: 'off' })).response;
      served.push(servedId(previous));
    }
    expect(new Set(served).size).toBe(MIXED.length);
    expect(served).not.toContain('n');
  });

  it('tells one of its own when every post of the listing is filtered', async () => {
    const reddit = new FakeReddit({ Jokes: listing([...asPosts(SEXUAL, 'x'), ...asPosts(SLURS, 's')]) });
    const { reply } = await answer(sayRequest('joke'), reddit);
    expect(reply.speech).toMatch(/^Reddit has no jokes I can read out right now, so here's one from my own collection:/);
    expect(reply.served).toMatchObject({ source: 'offline' });
  });

  it('falls back from a topic search whose hits are all filtered to a clean post of the day', async () => {
    const reddit = new FakeReddit({ 'Jokes?bars': listing(asPosts(SLURS, 's')), Jokes: listing(asPosts(CLEAN.slice(0, 1), 'c')) });
    const { reply } = await answer(sayRequest('joke', 'bars'), reddit);
    expect(reply.speech).toMatch(/^I couldn't find a joke about bars, so here's another one:\n\nWhat do you call a fish/);
  });
});

describe('an offensive topic', () => {
  it.each(['n1gg3rs', 'S E X', 'horny people'])('is refused politely, never searched: "%s"', async (topic) => {
    const reddit = new FakeReddit({ Jokes: jokes(3) });
    const { reply, response } = await answer(sayRequest('joke', topic), reddit);
    expect(reply.speech).toMatch(REFUSAL);
    expect(reply.speech).not.toContain(topic);
    expect(reddit.queries).toEqual([]);
    expect(reply.chips).toEqual(['Another one', 'Joke', 'Fact', 'Dad joke', 'Shower thought', 'Life pro tip', 'News', 'One-liner', 'Bye']);
    // The conversation goes on without the topic: "another one" is a random joke.
    expect(response.outputContexts).toEqual([{ name: FOLLOWUP, lifespanCount: 5, parameters: { content: 'joke', topic: '', servedIds: [], asked: 0 } }]);
    const next = await answer(moreRequest(response), reddit);
    expect(next.reply.speech).toMatch(/^Here's a joke:/);
    expect(reddit.queries).toEqual([{ subreddit: 'Jokes' }]);
  });

  it('is refused on "another one" too, when it comes back in a context', async () => {
    const reddit = new FakeReddit({ Jokes: jokes(3) });
    const forged = moreRequest({ outputContexts: [{ name: FOLLOWUP, lifespanCount: 3, parameters: { content: 'joke', topic: 'k1kes', servedIds: ['j1'] } }] });
    const { reply, response } = await answer(forged, reddit);
    expect(reply.speech).toMatch(REFUSAL);
    expect(reddit.queries).toEqual([]);
    expect(response.outputContexts![0]!.parameters).toEqual({ content: 'joke', topic: '', servedIds: ['j1'], asked: 0 });
  });

  it('follows the level: mild swearing is a topic at standard, refused at strict, and off refuses nothing', async () => {
    const standard = new FakeReddit({ 'Jokes?damn': jokes(1) });
    expect((await answer(sayRequest('joke', 'damn'), standard)).reply.speech).toMatch(/^Here's a joke:/);
    expect((await answer(sayRequest('joke', 'shit'), new FakeReddit({ 'Jokes?shit': jokes(1) }))).reply.speech).toMatch(REFUSAL);
    const strict = new FakeReddit({ 'cleanjokes?damn': jokes(1) });
    expect((await answer(sayRequest('joke', 'damn'), strict, { contentFilter: 'strict' })).reply.speech).toMatch(REFUSAL);
    const off = new FakeReddit({ 'Jokes?sex': jokes(1) });
    expect((await answer(sayRequest('joke', 'sex'), off, { contentFilter: 'off' })).reply.speech).toMatch(/^Here's a joke:/);
    expect(strict.queries).toEqual([]);
  });

  it('is not echoed back as an unknown kind either', async () => {
    const { reply } = await answer(sayRequest('horny stuff'), new FakeReddit());
    expect(reply.speech).toMatch(/^I can tell you a joke, a fact/);
    expect(reply.speech).not.toContain('horny');
    expect((await answer(sayRequest('poems'), new FakeReddit())).reply.speech).toMatch(/^I don't have "poems" yet\./);
  });
});

// The sources only: the bundle's warm-up fetches every listing after the first answer, and
// test/bundle.test.ts already sends jokes through the bundled filter.
describe('CONTENT_FILTER over HTTP', () => {
  const build = 'src';
  let webhooks: Record<'unset' | 'strict', RunningWebhook>;

  beforeAll(async () => {
    webhooks = { unset: await startBuild(build), strict: await startBuild(build, { CONTENT_FILTER: 'strict' }) };
  });
  // test/setup.ts drops every interceptor after each test.
  beforeEach(() => {
    nock(REDDIT).persist().get(/^\/r\/\w+\/top\.json/).query(true).reply(200, listing(MIXED));
  });
  afterAll(() => Promise.all(Object.values(webhooks).map((webhook) => webhook.close())));

  it.each([
    ['unset', ['c0', 'c1', 'c2', 'c3', 'p0', 'p1', 'p2']],
    ['strict', ['c0', 'c1', 'c2', 'c3']],
  ] as const)('with CONTENT_FILTER %s, serves only allowed posts, each once', async (setting, allowed) => {
    const webhook = webhooks[setting];
    let previous = (await webhook.post(sayRequest('joke'))).json;
    const served = [servedId(previous)];
    for (let i = 1; i < allowed.length; i++) {
      previous = (await webhook.post(moreRequest(previous))).json;
      expectValidV2Response(previous);
      served.push(servedId(previous));
    }
    expect([...served].sort()).toEqual(allowed);
  });

  it('refuses a topic with a slur without asking Reddit', async () => {
    const search = nock(REDDIT).get(/^\/r\/Jokes\/search\.json/).query(true).reply(200, jokes(1));
    const { status, json } = await webhooks.unset.post(sayRequest('joke', 'ch1nks'));
    expect(status).toBe(200);
    expectValidV2Response(json);
    expect(json.fulfillmentText).toMatch(REFUSAL);
    expect(search.isDone()).toBe(false);
  });
});
