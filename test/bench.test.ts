import { productionClosure } from '../scripts/bench/size';
import { startRedditStub, stubListing, type RedditStub } from '../scripts/bench/reddit-stub';
import { pairedRatios, quantile, seededRandom, summarize } from '../scripts/bench/stats';
import { kindById } from '../src/catalog';
import { parseListing } from '../src/reddit/listing';
import { tellablePosts } from './support/reddit';

describe('bench statistics', () => {
  it('interpolates quantiles between closest ranks', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.99)).toBeCloseTo(49.6);
    expect(quantile([7], 0.99)).toBe(7);
    expect(() => quantile([], 0.5)).toThrow();
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });

  it('summarizes median and range', () => {
    expect(summarize([3, 1, 2, 10, 4])).toEqual({ n: 5, median: 3, min: 1, max: 10 });
  });

  it('pairs rounds for ratios and refuses unpaired ones', () => {
    expect(pairedRatios([2, 9], [1, 3])).toEqual([2, 3]);
    expect(() => pairedRatios([1, 2], [1])).toThrow(/unpaired/);
  });

  it('has a seeded generator that repeats itself', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from({ length: 5 }, seededRandom(8))).not.toEqual(first);
  });
});

describe('the Reddit stub listing', () => {
  it('is the same for the same seed and goes down the real path: parsed, filtered, all but the sticky served', () => {
    expect(JSON.stringify(stubListing('Jokes', 50, 42))).toBe(JSON.stringify(stubListing('Jokes', 50, 42)));
    const posts = parseListing(stubListing('Jokes', 50, 42));
    expect(posts).toHaveLength(50);
    expect(tellablePosts(posts, kindById('joke')!, { allowNsfw: false })).toHaveLength(49);
  });
});

describe('the Reddit stub with OAuth on', () => {
  const credentials = { clientId: 'app-id', clientSecret: 'app-secret' };
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  let stub: RedditStub;
  beforeEach(async () => {
    stub = await startRedditStub({ oauth: credentials, posts: 3 });
  });
  afterEach(async () => {
    await stub.close();
  });
  const listing = (authorization?: string) => fetch(`${stub.url}/r/Jokes/top.json?t=week`, authorization ? { headers: { authorization } } : {});
  const token = (authorization: string) =>
    fetch(`${stub.url}/api/v1/access_token`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });

  it('refuses a listing without a bearer token: 401, and serves nothing', async () => {
    const response = await listing();
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="reddit", error="invalid_token"');
    expect(await response.json()).toEqual({ message: 'Unauthorized', error: 401 });
    expect(stub.requests()).toBe(0);
    expect(stub.unauthorized()).toBe(1);
  });

  it('refuses a bearer token it did not issue, and a token request with the wrong secret', async () => {
    expect((await listing('bearer stub-token-1')).status).toBe(401);
    expect((await token(basic('app-id', 'wrong'))).status).toBe(401);
    expect(stub.unauthorized()).toBe(2);
  });

  it('serves a listing with the token it issued for the right client credentials', async () => {
    const granted = (await (await token(basic('app-id', 'app-secret'))).json()) as { access_token: string };
    const response = await listing(`bearer ${granted.access_token}`);
    expect(response.status).toBe(200);
    expect(parseListing(await response.json())).toHaveLength(3);
    expect(stub.tokens()).toBe(1);
    expect(stub.requests()).toBe(1);
  });

  it('with OAuth off again, serves listings without a token', async () => {
    stub.setOAuth(undefined);
    expect((await listing()).status).toBe(200);
  });
});

describe('production closure of a lockfile', () => {
  const lock = {
    packages: {
      '': {},
      'node_modules/app-dep': { dependencies: { shared: '^2' }, optionalDependencies: { 'not-installed': '1' }, peerDependencies: { peer: '1' } },
      'node_modules/app-dep/node_modules/shared': {},
      'node_modules/shared': {},
      'node_modules/peer': { peerDependencies: { 'optional-peer': '1' }, peerDependenciesMeta: { 'optional-peer': { optional: true } } },
      'node_modules/optional-peer': {},
      'node_modules/dev-only': {},
    },
  };

  it('follows dependencies the way Node resolves them, with required peers and without dev-only packages', () => {
    expect([...productionClosure(lock, ['app-dep'])].sort()).toEqual([
      'node_modules/app-dep',
      'node_modules/app-dep/node_modules/shared',
      'node_modules/peer',
    ]);
  });

  it('fails on a required package the lockfile does not have', () => {
    expect(() => productionClosure(lock, ['missing'])).toThrow(/missing/);
  });
});
