/**
 * Reddit's two app-only grants, exactly as Reddit's OAuth docs ask for them, and
 * the User-Agent form it requires, checked on the wire (nock on the test hosts).
 */
import nock from 'nock';
import { configWarnings, loadConfig, redditUserAgent } from '../../src/config';
import { Deadline } from '../../src/deadline';
import { isRedditHost, redditAccess } from '../../src/reddit/access';
import { RedditClient } from '../../src/reddit/client';
import { grantBody } from '../../src/reddit/oauth';
import { jokes, REDDIT_OAUTH } from '../support/reddit';

const BASE = 'http://reddit.test';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const env = (extra: Record<string, string>) => ({ REDDIT_BASE_URL: BASE, REDDIT_OAUTH_URL: REDDIT_OAUTH, LOG_LEVEL: 'silent', ...extra });

/** The token request as Reddit received it, and a listing fetched with the token. */
async function tokenRequest(extra: Record<string, string>) {
  const config = loadConfig(env(extra));
  const seen: { body?: string; authorization?: string; agent?: string; listingAgent?: string; bearer?: string } = {};
  nock(BASE)
    .post('/api/v1/access_token')
    .reply(function (_uri, body) {
      seen.body = typeof body === 'string' ? body : JSON.stringify(body);
      seen.authorization = String(this.req.headers.authorization);
      seen.agent = String(this.req.headers['user-agent']);
      return [200, { access_token: 'tok-1', token_type: 'bearer', expires_in: 86400, scope: '*' }];
    });
  nock(REDDIT_OAUTH)
    .get('/r/Jokes/top.json')
    .query(true)
    .reply(function () {
      seen.listingAgent = String(this.req.headers['user-agent']);
      seen.bearer = String(this.req.headers.authorization);
      return [200, jokes(2)];
    });
  const posts = await new RedditClient(config).fetchPosts({ subreddit: 'Jokes' }, new Deadline(5000));
  return { seen, posts, config };
}

describe('the grants', () => {
  it('a script or web app (id and secret): client_credentials, Basic auth with both', async () => {
    const { seen, posts } = await tokenRequest({ REDDIT_CLIENT_ID: 'app-id', REDDIT_CLIENT_SECRET: 'app-secret' });
    expect(seen.body).toBe('grant_type=client_credentials');
    expect(seen.authorization).toBe(basic('app-id', 'app-secret'));
    expect(seen.bearer).toBe('bearer tok-1');
    expect(posts).toHaveLength(2);
  });

  it('an installed app (id alone): the installed_client grant with a device id, Basic auth with an empty password', async () => {
    const { seen, posts } = await tokenRequest({ REDDIT_CLIENT_ID: 'installed-id' });
    expect(seen.body).toBe('grant_type=https%3A%2F%2Foauth.reddit.com%2Fgrants%2Finstalled_client&device_id=DO_NOT_TRACK_THIS_DEVICE');
    expect(new URLSearchParams(seen.body).get('grant_type')).toBe('https://oauth.reddit.com/grants/installed_client');
    expect(seen.authorization).toBe(basic('installed-id', ''));
    expect(seen.bearer).toBe('bearer tok-1');
    expect(posts).toHaveLength(2);
  });

  it("the device id is one Reddit accepts (20-30 characters) and the same on every renewal", () => {
    const body = () => new URLSearchParams(grantBody({ clientId: 'x' })).get('device_id') ?? '';
    expect(body().length).toBeGreaterThanOrEqual(20);
    expect(body().length).toBeLessThanOrEqual(30);
    expect(body()).toBe(body());
  });
});

describe('the User-Agent', () => {
  const pkg = { name: 'reddit-dialogflow-webhook', version: '0.1.0' };

  it("is Reddit's form <platform>:<app id>:<version> (by /u/<username>) with REDDIT_USERNAME", async () => {
    expect(redditUserAgent(pkg, 'spez_fan')).toBe('nodejs:reddit-dialogflow-webhook:0.1.0 (by /u/spez_fan)');
    const { seen, config } = await tokenRequest({ REDDIT_CLIENT_ID: 'app-id', REDDIT_USERNAME: 'owner_1' });
    expect(config.reddit.userAgent).toMatch(/^nodejs:reddit-dialogflow-webhook:\d+\.\d+\.\d+ \(by \/u\/owner_1\)$/);
    // Sent on the token request and on the listing alike.
    expect(seen.agent).toBe(config.reddit.userAgent);
    expect(seen.listingAgent).toBe(config.reddit.userAgent);
  });

  it('leaves out "(by ...)" without a username, and REDDIT_USER_AGENT overrides the whole of it', () => {
    expect(redditUserAgent(pkg)).toBe('nodejs:reddit-dialogflow-webhook:0.1.0');
    expect(loadConfig(env({ REDDIT_USERNAME: 'owner_1', REDDIT_USER_AGENT: 'web:my.bot:2.0 (by /u/other)' })).reddit.userAgent).toBe(
      'web:my.bot:2.0 (by /u/other)',
    );
  });

  it('takes usernames of 3 to 20 letters, digits, _ and -, and nothing else', () => {
    expect(loadConfig(env({ REDDIT_USERNAME: 'abc' })).reddit.username).toBe('abc');
    expect(loadConfig(env({ REDDIT_USERNAME: 'a'.repeat(20) })).reddit.username).toBe('a'.repeat(20));
    for (const bad of ['ab', 'a'.repeat(21), '/u/owner', 'own er']) {
      expect(() => loadConfig(env({ REDDIT_USERNAME: bad }))).toThrow(
        `REDDIT_USERNAME=${JSON.stringify(bad)}: must be a Reddit username (3-20 letters, digits, _ or -), without /u/`,
      );
    }
  });
});

describe('start-up warnings about Reddit', () => {
  const redditWarnings = (extra: Record<string, string>) =>
    configWarnings(loadConfig({ LOG_LEVEL: 'silent', ...extra })).filter((line) => /REDDIT|Reddit/.test(line));

  it('credentials without a username: one warning naming REDDIT_USERNAME', () => {
    expect(redditWarnings({ REDDIT_CLIENT_ID: 'id', REDDIT_CLIENT_SECRET: 's' })).toEqual([
      expect.stringMatching(/^REDDIT_CLIENT_ID is set without REDDIT_USERNAME: .*set REDDIT_USERNAME \(see README\.md#reddit-access\)$/),
    ]);
    expect(redditWarnings({ REDDIT_CLIENT_ID: 'id' })).toHaveLength(1);
    expect(redditWarnings({ REDDIT_CLIENT_ID: 'id', REDDIT_USERNAME: 'owner', REDDIT_USER_AGENT: 'web:x:1' })).toEqual([
      expect.stringMatching(/^REDDIT_USER_AGENT names no Reddit account: /),
    ]);
  });

  it('none with a username, or with a User-Agent that names the account itself', () => {
    expect(redditWarnings({ REDDIT_CLIENT_ID: 'id', REDDIT_USERNAME: 'owner' })).toEqual([]);
    expect(redditWarnings({ REDDIT_CLIENT_ID: 'id', REDDIT_USER_AGENT: 'web:x:1 (by /u/owner)' })).toEqual([]);
  });

  it('no credentials on reddit.com: one line naming the variables and the docs section', () => {
    const [line, ...more] = redditWarnings({});
    expect(more).toEqual([]);
    expect(line).toMatch(/^Reddit serves its posts only to approved API apps, and no credentials are set: Reddit is not called\./);
    expect(line).toContain('REDDIT_CLIENT_ID');
    expect(line).toContain('REDDIT_CLIENT_SECRET');
    expect(line).toContain('REDDIT_USERNAME');
    expect(line).toContain('README.md#reddit-access');
    expect(line).toMatch(/the answers come from the built-in collection$/);
  });

  it('no credentials but a Reddit elsewhere (mirror, proxy, test server): read anonymously, no warning', () => {
    expect(redditWarnings({ REDDIT_BASE_URL: 'https://reddit-mirror.example' })).toEqual([]);
  });
});

describe('redditAccess', () => {
  it('picks the grant from the credentials, and refuses anonymous reddit.com', () => {
    expect(redditAccess({ baseUrl: 'https://www.reddit.com', clientId: 'i', clientSecret: 's' }).kind).toBe('script');
    expect(redditAccess({ baseUrl: 'https://www.reddit.com', clientId: 'i' }).kind).toBe('installed');
    expect(redditAccess({ baseUrl: 'https://www.reddit.com' }).kind).toBe('none');
    expect(redditAccess({ baseUrl: 'https://old.reddit.com' }).kind).toBe('none');
    expect(redditAccess({ baseUrl: 'https://reddit.com' }).kind).toBe('none');
    expect(redditAccess({ baseUrl: 'http://127.0.0.1:9000' }).kind).toBe('anonymous');
  });

  it('tells reddit.com from hosts that only look like it', () => {
    expect(isRedditHost('https://www.reddit.com')).toBe(true);
    expect(isRedditHost('https://WWW.Reddit.Com.')).toBe(true);
    expect(isRedditHost('https://notreddit.com')).toBe(false);
    expect(isRedditHost('https://reddit.com.example')).toBe(false);
  });
});
