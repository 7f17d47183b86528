/**
 * `npm run reddit:check` against a local Reddit (token endpoint and listings,
 * as strict as Reddit's oauth host): its lines, and its exit codes for a
 * working setup, refused credentials, a private or unknown subreddit, a network
 * failure, no credentials at all, and bad usage. Nothing leaves loopback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../scripts/bench/processes';
import { fixturePosts, listingJson } from '../scripts/local-agent/reddit-fixtures';
import { runCheck } from '../scripts/reddit-check';
import { ALL_KINDS } from '../src/catalog';
import { runScript } from './support/run-script';

const SUBREDDITS = [...new Set(ALL_KINDS.map((kind) => kind.subreddit))];
const RATE = { 'x-ratelimit-remaining': '598.0', 'x-ratelimit-used': '2', 'x-ratelimit-reset': '540' };

interface FakeReddit {
  url: string;
  /** Status per subreddit (lower case) instead of its listing. */
  statusFor: Map<string, number>;
  /** What the token endpoint accepts as Basic auth ("id:secret"). */
  credentials: string;
  agents: Set<string>;
  close(): Promise<void>;
}

async function fakeReddit(): Promise<FakeReddit> {
  const fake = { statusFor: new Map<string, number>(), credentials: 'app-id:', agents: new Set<string>() } as FakeReddit;
  const server: Server = createServer((req, res) => {
    fake.agents.add(String(req.headers['user-agent']));
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === '/api/v1/access_token') {
      req.resume();
      const ok = req.headers.authorization === `Basic ${Buffer.from(fake.credentials).toString('base64')}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(ok ? JSON.stringify({ access_token: 'tok', token_type: 'bearer', expires_in: 3600 }) : '{"message": "Unauthorized", "error": 401}');
      return;
    }
    const sub = /^\/r\/([^/]+)\/top\.json$/.exec(url.pathname)?.[1];
    if (!sub || req.headers.authorization !== 'bearer tok') {
      res.writeHead(sub ? 401 : 404, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    const status = fake.statusFor.get(sub.toLowerCase());
    if (status) {
      res.writeHead(status, { 'content-type': 'application/json', ...RATE }).end(`{"reason": "private", "error": ${status}}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', ...RATE }).end(JSON.stringify(listingJson(sub, fixturePosts(sub))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

let reddit: FakeReddit;
beforeAll(async () => {
  reddit = await fakeReddit();
});
afterAll(() => reddit.close());
afterEach(() => {
  reddit.statusFor.clear();
  reddit.credentials = 'app-id:';
  reddit.agents.clear();
});

const env = (extra: Record<string, string> = {}) => ({
  REDDIT_BASE_URL: reddit.url,
  REDDIT_OAUTH_URL: reddit.url,
  REDDIT_CLIENT_ID: 'app-id',
  REDDIT_USERNAME: 'owner_1',
  ...extra,
});

async function check(environment: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheck(environment, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe('npm run reddit:check', () => {
  it('a working installed app: the User-Agent, the token, then per kind the usable posts, the rate-limit headers and ok; exit 0', async () => {
    const { code, out, err } = await check(env());
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^User-Agent: nodejs:reddit-dialogflow-webhook:\d+\.\d+\.\d+ \(by \/u\/owner_1\)$/);
    expect(out[1]).toBe(`access: installed app (installed_client grant, REDDIT_CLIENT_ID alone), token from ${reddit.url}/api/v1/access_token, listings from ${reddit.url}`);
    expect(out[2]).toBe('token: ok');
    expect(out).toContain('en joke             r/Jokes                  4 usable of   4  X-Ratelimit-Remaining 598.0, Used 2, Reset 540 s  ok');
    expect(out).toContain('en fact             r/todayilearned          4 usable of   4  X-Ratelimit-Remaining 598.0, Used 2, Reset 540 s  ok');
    // One line per kind in every language.
    expect(out.filter((line) => /^[a-z]{2} \S/.test(line) && / usable of /.test(line))).toHaveLength(ALL_KINDS.length);
    expect(out.at(-1)).toBe(`reddit:check: all ${SUBREDDITS.length} listings read`);
    expect([...reddit.agents]).toEqual([out[0]?.slice('User-Agent: '.length)]);
  });

  it('a script app whose secret Reddit refuses: one line, exit 1', async () => {
    reddit.credentials = 'app-id:right';
    const { code, out, err } = await check(env({ REDDIT_CLIENT_SECRET: 'wrong' }));
    expect(code).toBe(1);
    expect(err).toEqual([
      'reddit:check: token: refused (401): Reddit does not accept REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET; check them, and that Reddit approved the app (docs/deploy.md#troubleshooting)',
    ]);
    expect(out.some((line) => / usable of /.test(line))).toBe(false);
  });

  it('a private and an unknown subreddit: one line each, the rest still checked, exit 1', async () => {
    reddit.statusFor.set('jokes', 403);
    reddit.statusFor.set('todayilearned', 404);
    const { code, out, err } = await check(env());
    expect(code).toBe(1);
    expect(err).toEqual([
      'reddit:check: r/Jokes: forbidden (403): a private, quarantined or banned subreddit, or a token Reddit does not accept',
      'reddit:check: r/todayilearned: unknown subreddit (404)',
      `reddit:check: 2 of ${SUBREDDITS.length} listings failed`,
    ]);
    expect(out.filter((line) => / usable of /.test(line)).length).toBeGreaterThan(0);
  });

  it('no credentials on reddit.com: says what to set, calls nothing, exit 1', async () => {
    const { code, err } = await check({});
    expect(code).toBe(1);
    expect(err).toEqual([
      'reddit:check: no credentials: Reddit serves its posts only to approved API apps, so the webhook does not call https://www.reddit.com; set REDDIT_CLIENT_ID (and REDDIT_CLIENT_SECRET for a script or web app) and REDDIT_USERNAME (README.md#reddit-access)',
    ]);
  });

  it('a bad setting: the config line, exit 1', async () => {
    const { code, err } = await check(env({ REDDIT_USERNAME: '/u/x' }));
    expect(code).toBe(1);
    expect(err).toEqual(['reddit:check: config: REDDIT_USERNAME="/u/x": must be a Reddit username (3-20 letters, digits, _ or -), without /u/']);
  });
});

describe('reddit:check as a command', () => {
  jest.setTimeout(60_000);

  it('a network failure: one line on stderr, no stack trace, exit 1', async () => {
    const port = await freePort(); // nothing listens there
    const run = await runScript('reddit-check.ts', [], {
      env: { PATH: process.env.PATH, ...env({ REDDIT_BASE_URL: `http://127.0.0.1:${port}`, REDDIT_OAUTH_URL: `http://127.0.0.1:${port}` }) },
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'reddit:check: token: Reddit could not be reached: Could not reach Reddit (ECONNREFUSED)',
    ]);
  });

  it('an unknown flag: the mistake and the usage, exit 2; --help: the usage, exit 0', async () => {
    const bad = await runScript('reddit-check.ts', ['--verbose']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Unknown option '--verbose'/);
    expect(bad.stderr).toContain('Usage: npm run reddit:check');
    const help = await runScript('reddit-check.ts', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run reddit:check/);
  });
});
