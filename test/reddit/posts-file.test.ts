/**
 * POSTS_FILE and the start without credentials: no request at all goes to
 * reddit.com, answers come at once from the file or the collection, the file's
 * posts follow Reddit's rules (filters, no repeats, topics, languages), a bad
 * file stops start-up naming the file and the field, and with credentials the
 * file is merged with Reddit's listing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { listingJson, fixturePosts } from '../../scripts/local-agent/reddit-fixtures';
import { ConfigError, loadConfig } from '../../src/config';
import { Deadline } from '../../src/deadline';
import { FilePostSource, MergedPostSource } from '../../src/reddit/file-source';
import { RedditError } from '../../src/reddit/errors';
import { parsePostsFile } from '../../src/reddit/posts-file';
import { jokes, redditPost, listing, REDDIT_OAUTH } from '../support/reddit';
import { moreRequest, sayRequest, webhookRequest } from '../support/requests';
import { startWebhook, type RunningWebhook } from '../support/server';
import { expectValidV2Response } from '../support/v2-proto';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'posts-file-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Any request nock sees for a reddit.com host, answered or not. */
const toReddit: string[] = [];
const record = (req: { hostname?: string; host?: string; path?: string }) => {
  const host = req.hostname ?? req.host ?? '';
  if (/(^|\.)reddit\.com$/i.test(host)) toReddit.push(`${host}${req.path ?? ''}`);
};
beforeAll(() => nock.emitter.on('no match', record));
afterAll(() => nock.emitter.removeListener('no match', record));

const running: RunningWebhook[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((webhook) => webhook.close()));
  toReddit.splice(0);
});

/** The real function as deployed without credentials: REDDIT_BASE_URL left at https://www.reddit.com. */
async function noCredentials(env: Record<string, string> = {}, warmUp = false): Promise<RunningWebhook> {
  const webhook = await startWebhook({ REDDIT_BASE_URL: 'https://www.reddit.com', LOG_LEVEL: 'silent', ...env }, { random: () => 0, warmUp });
  running.push(webhook);
  return webhook;
}

async function ask(webhook: RunningWebhook, body: Record<string, unknown>) {
  const { status, json } = await webhook.post(body);
  expect(status).toBe(200);
  expectValidV2Response(json);
  const context = json.outputContexts?.find((c: { name: string }) => c.name.endsWith('/contexts/content-followup'));
  return { speech: String(json.fulfillmentText), servedIds: (context?.parameters?.servedIds ?? []) as string[], json };
}

/** Reddit's listing JSON of the fixtures' r/Jokes, and a post the filters must drop. */
const jokesListing = () => {
  const body = listingJson('Jokes', fixturePosts('jokes')) as { data: { children: Array<{ data: Record<string, unknown> }> } };
  body.data.children.push({ kind: 't3', data: { ...body.data.children[0]!.data, id: 'nsfw1', over_18: true } } as never);
  return body;
};

describe('no credentials, REDDIT_BASE_URL on reddit.com', () => {
  it('never sends a request to reddit.com, warm-up included, and answers from the collection', async () => {
    // Interceptors that would answer: a call to Reddit would be counted here, not refused.
    const www = nock('https://www.reddit.com').get(/.*/).times(50).reply(200, jokes(5));
    const oauth = nock('https://oauth.reddit.com').get(/.*/).times(50).reply(200, jokes(5));
    const webhook = await noCredentials({}, true);
    const answer = await ask(webhook, sayRequest('joke'));
    expect(answer.speech).toMatch(/^Reddit has no jokes I can read out right now, so here's one from my own collection:/);
    expect(answer.servedIds).toEqual([expect.stringMatching(/^offline:joke:\d+$/)]);
    expect((await ask(webhook, sayRequest('fact'))).servedIds).toEqual([expect.stringMatching(/^offline:fact:\d+$/)]);
    // The warm-up starts right after the first answer: give it a moment to (not) call.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(www.isDone()).toBe(false);
    expect(www.pendingMocks()).toHaveLength(1);
    expect(oauth.pendingMocks()).toHaveLength(1);
    expect(toReddit).toEqual([]);
  });

  it('answers from POSTS_FILE: the file\'s posts, filtered, without repeats, then the collection', async () => {
    const path = file('jokes.json', jokesListing());
    const webhook = await noCredentials({ POSTS_FILE: path });
    const told: string[] = [];
    let turn = await ask(webhook, sayRequest('joke'));
    told.push(...turn.servedIds);
    for (let i = 0; i < 4; i++) {
      turn = await ask(webhook, moreRequest(turn.json));
      told.push(turn.servedIds.at(-1)!);
    }
    // The four fixture jokes once each (never the NSFW one), then the collection.
    expect(told.slice(0, 4).sort()).toEqual(['jk1', 'jk2', 'jk3', 'jk4']);
    expect(told[4]).toMatch(/^offline:joke:\d+$/);
    expect(toReddit).toEqual([]);
  });

  it('searches the file for a topic', async () => {
    const webhook = await noCredentials({ POSTS_FILE: file('topic.json', jokesListing()) });
    const answer = await ask(webhook, sayRequest('joke', 'cats'));
    expect(answer.servedIds).toEqual(['jk2']);
    expect(answer.speech).toContain('I told my cat a joke about dogs.');
  });

  it("serves each language's subreddit from the file (listings keyed by subreddit)", async () => {
    const witze = listing([redditPost({ id: 'wz1', subreddit: 'Witze', title: 'Treffen sich zwei Jäger.', selftext: 'Beide tot.' })]);
    const webhook = await noCredentials({ POSTS_FILE: file('keyed.json', { jokes: jokesListing(), Witze: witze }) });
    const german = await ask(webhook, webhookRequest({ parameters: { content: 'joke', topic: '' }, queryText: 'erzähl einen Witz', languageCode: 'de' }));
    expect(german.servedIds).toEqual(['wz1']);
    expect(german.speech).toContain('Treffen sich zwei Jäger.');
  });
});

describe('POSTS_FILE shapes', () => {
  const post = (id: string, subreddit: string) => redditPost({ id, subreddit });

  it('one listing: each post under its own subreddit (case-insensitive); an array of listings alike', () => {
    const one = parsePostsFile(listing([post('a1', 'Jokes'), post('b1', 'todayilearned')]));
    expect([...one.keys()].sort()).toEqual(['jokes', 'todayilearned']);
    const many = parsePostsFile([listing([post('a1', 'Jokes')]), listing([post('a2', 'jokes'), post('a1', 'Jokes')])]);
    expect(many.get('jokes')?.map((p) => p.id)).toEqual(['a1', 'a2']);
  });

  it('listings keyed by subreddit: the key decides', () => {
    const keyed = parsePostsFile({ Jokes: listing([post('a1', 'somewhere_else')]) });
    expect(keyed.get('jokes')?.map((p) => p.id)).toEqual(['a1']);
  });

  it('a post without a subreddit field goes where its permalink says', () => {
    const bare = listing([{ ...post('p1', 'Jokes'), subreddit: '' }]);
    expect(parsePostsFile(bare).get('jokes')?.map((p) => p.id)).toEqual(['p1']);
  });
});

describe('a bad POSTS_FILE stops start-up, naming the file and the field', () => {
  const problems = (path: string) => {
    try {
      loadConfig({ POSTS_FILE: path });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  it.each([
    ['a post without a title', listing([{ ...redditPost({ id: 'x' }), title: undefined }]), 'data.children[0].data.title: Invalid input: expected string, received undefined'],
    ['a permalink that is not a path', listing([redditPost({ id: 'x', permalink: 'r/Jokes' })]), 'data.children[0].data.permalink: Invalid string: must start with "/"'],
    ['a comment among the posts', { kind: 'Listing', data: { children: [{ kind: 't1', data: redditPost({ id: 'c1' }) }] } }, 'data.children[0].kind: Invalid input: expected "t3"'],
    ['a key that is no subreddit name', { 'r/Jokes': listing([redditPost({ id: 'x' })]) }, 'r/Jokes: is not a subreddit name (2-21 letters, digits or _)'],
    ['a listing in an array gone wrong', [listing([]), { kind: 'Listing' }], '[1].data: Invalid input: expected object, received undefined'],
    ['no posts at all', listing([]), '(top level): the file holds no posts'],
  ])('%s', (name, content, problem) => {
    const path = file(`bad-${name.replace(/\W+/g, '-')}.json`, content);
    expect(problems(path)).toEqual([`POSTS_FILE=${JSON.stringify(path)}: ${problem}`]);
  });

  it('not JSON, or no such file', () => {
    const path = file('broken.json', '{"kind": "Listing",');
    expect(problems(path)).toEqual([expect.stringMatching(new RegExp(`^POSTS_FILE=${JSON.stringify(path).replace(/[/\\.]/g, '\\$&')}: not valid JSON: `))]);
    expect(problems(join(dir, 'missing.json'))).toEqual([`POSTS_FILE=${JSON.stringify(join(dir, 'missing.json'))}: no such file`]);
  });

  it('lists five problems at most, then how many more', () => {
    const posts = Array.from({ length: 7 }, (_, i) => ({ ...redditPost({ id: `x${i}` }), title: 7 }));
    expect(problems(file('many.json', listing(posts)))).toHaveLength(6);
    expect(problems(file('many.json', listing(posts))).at(-1)).toMatch(/: \.\.\. and 2 more$/);
  });
});

describe('FilePostSource searches', () => {
  it('keeps a search as long as 500 searches fit: the same array until the 501st other topic', () => {
    const source = new FilePostSource({ path: 'x', listings: parsePostsFile(jokesListing()), count: 5 });
    const cats = source.posts({ subreddit: 'Jokes', topic: 'cats' });
    expect(cats.map((post) => post.id)).toEqual(['jk2']);
    for (let i = 0; i < 499; i++) source.posts({ subreddit: 'Jokes', topic: `topic${i}` });
    expect(source.posts({ subreddit: 'jokes', topic: 'CATS' })).toBe(cats);
    source.posts({ subreddit: 'Jokes', topic: 'one more' });
    const again = source.posts({ subreddit: 'Jokes', topic: 'cats' });
    expect(again).not.toBe(cats);
    expect(again).toEqual(cats);
  });
});

describe('with credentials: merged with Reddit', () => {
  const query = { subreddit: 'Jokes' };
  const fileSource = () => new FilePostSource({ path: 'x', listings: parsePostsFile(jokesListing()), count: 5 });

  it("Reddit's posts first, then the file's that Reddit did not list, the same array on every call", async () => {
    const live = [...new FilePostSource({ path: 'y', listings: parsePostsFile(listing([redditPost({ id: 'jk1' }), redditPost({ id: 'r1' })])), count: 2 }).posts(query)];
    const merged = new MergedPostSource({ fetchPosts: () => Promise.resolve(live) }, fileSource());
    const first = await merged.fetchPosts(query, new Deadline(1000));
    expect(first.map((p) => p.id)).toEqual(['jk1', 'r1', 'jk2', 'jk3', 'jk4', 'nsfw1']);
    expect(await merged.fetchPosts(query, new Deadline(1000))).toBe(first);
  });

  it("the file's posts when Reddit fails; Reddit's failure when the file has none for the listing", async () => {
    const failing = new MergedPostSource({ fetchPosts: () => Promise.reject(new RedditError('timeout', 'late')) }, fileSource());
    expect((await failing.fetchPosts(query, new Deadline(1000))).map((p) => p.id)).toEqual(['jk1', 'jk2', 'jk3', 'jk4', 'nsfw1']);
    await expect(failing.fetchPosts({ subreddit: 'todayilearned' }, new Deadline(1000))).rejects.toThrow('late');
  });

  it('the webhook with an installed app and a file tells posts from both', async () => {
    nock('http://reddit.test').post('/api/v1/access_token').reply(200, { access_token: 't', expires_in: 3600 });
    nock(REDDIT_OAUTH).get('/r/Jokes/top.json').query(true).reply(200, listing([redditPost({ id: 'r1', title: 'Live joke', selftext: 'From Reddit.' })]));
    const webhook = await startWebhook(
      { REDDIT_BASE_URL: 'http://reddit.test', REDDIT_OAUTH_URL: REDDIT_OAUTH, REDDIT_CLIENT_ID: 'id', REDDIT_USERNAME: 'owner', POSTS_FILE: file('merge.json', jokesListing()) },
      { random: () => 0 },
    );
    running.push(webhook);
    let turn = await ask(webhook, sayRequest('joke'));
    const told = [...turn.servedIds];
    for (let i = 0; i < 4; i++) {
      turn = await ask(webhook, moreRequest(turn.json));
      told.push(turn.servedIds.at(-1)!);
    }
    expect(told.sort()).toEqual(['jk1', 'jk2', 'jk3', 'jk4', 'r1']);
  });
});
