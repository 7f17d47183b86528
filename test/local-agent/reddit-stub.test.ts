import { CATALOG } from '../../src/catalog';
import { parseListing } from '../../src/reddit/listing';
import { startRedditStub, type RedditStub } from '../../scripts/local-agent/reddit-stub';
import { tellablePosts } from '../support/reddit';

let stub: RedditStub;
beforeAll(async () => {
  stub = await startRedditStub();
});
afterAll(() => stub.close());

const get = async (path: string, init?: RequestInit) => {
  const response = await fetch(`${stub.url}${path}`, init);
  return { status: response.status, json: await response.json() };
};

describe('Reddit stub', () => {
  it('serves, for every catalog kind, a listing with at least three posts the webhook will tell', async () => {
    for (const kind of CATALOG) {
      const { status, json } = await get(`/r/${kind.subreddit}/top.json?t=day&limit=50&raw_json=1`);
      expect(status).toBe(200);
      const eligible = tellablePosts(parseListing(json), kind, { allowNsfw: false });
      expect({ kind: kind.id, eligible: eligible.length >= 3 }).toEqual({ kind: kind.id, eligible: true });
    }
  });

  it('invents posts for a subreddit without fixtures, so a new catalog kind works offline', async () => {
    const posts = parseListing((await get('/r/SomethingNew/top.json')).json);
    expect(posts.map((post) => post.title)).toEqual([1, 2, 3].map((n) => `Sample post ${n} from r/SomethingNew`));
  });

  it('searches whole words of the topic, singular or plural', async () => {
    const titles = async (q: string) =>
      parseListing((await get(`/r/Jokes/search.json?q=${encodeURIComponent(q)}&restrict_sr=1`)).json).map((post) => post.id);
    expect(await titles('cats')).toEqual(['jk2']);
    expect(await titles('cat dogs')).toEqual(['jk2']);
    expect(await titles('volcanoes')).toEqual([]);
  });

  it('answers the OAuth token endpoint, and 404 JSON for anything else; it records every request', async () => {
    expect(await get('/api/v1/access_token', { method: 'POST', body: 'grant_type=client_credentials' })).toMatchObject({
      status: 200,
      json: { access_token: 'stub-token', token_type: 'bearer' },
    });
    expect((await get('/r/Jokes/new.json')).status).toBe(404);
    expect(stub.requests).toContain('/r/Jokes/new.json');
  });
});
