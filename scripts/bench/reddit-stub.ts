import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pickRandom } from '../../src/random-pick';
import { seededRandom } from './stats';

/**
 * A local stand-in for Reddit's JSON listings on 127.0.0.1: deterministic
 * posts (fixed seed), an optional delay to make concurrent cache misses
 * overlap, and a counter of listing requests (what single flight must keep at 1).
 *
 * With OAuth on (`oauth` credentials, or setOAuth), it is as strict as Reddit's
 * oauth host: the token endpoint wants those client credentials as Basic auth,
 * and a listing without `Authorization: bearer <a token it issued>` gets 401.
 */

const WORDS = 'cat dog wizard pirate robot chicken teacher doctor banana penguin lawyer ghost skeleton bartender duck'.split(' ');

/** Fields Reddit sends that we do not read, so the body size and parse cost are realistic (~1 kB a post). */
const FILLER = {
  approved_at_utc: null,
  subreddit_name_prefixed: 'r/Jokes',
  thumbnail: 'self',
  link_flair_text: null,
  author_flair_text: null,
  gilded: 0,
  clicked: false,
  hidden: false,
  upvote_ratio: 0.97,
  ups: 1200,
  downs: 0,
  total_awards_received: 0,
  media_embed: {},
  secure_media: null,
  is_original_content: false,
  user_reports: [],
  category: null,
  link_flair_richtext: [],
  is_reddit_media_domain: false,
  content_categories: null,
  archived: false,
  no_follow: false,
  is_crosspostable: true,
  pinned: false,
  all_awardings: [],
  awarders: [],
  media_only: false,
  can_gild: false,
  treatment_tags: [],
  num_comments: 87,
  send_replies: true,
  whitelist_status: 'all_ads',
  contest_mode: false,
  mod_reports: [],
  author_patreon_flair: false,
  created_utc: 1_700_000_000,
  num_crossposts: 0,
  media: null,
  is_video: false,
};

export const DEFAULT_SEED = 42;

/** Ids of stub posts start with this, so an answer can be told from the offline collection. */
export const stubIdPrefix = (seed = DEFAULT_SEED) => `b${seed.toString(36)}`;

export function stubListing(subreddit: string, count: number, seed: number): unknown {
  const random = seededRandom(seed);
  const word = () => pickRandom(WORDS, random);
  const children = Array.from({ length: count }, (_, i) => {
    const id = `${stubIdPrefix(seed)}${i.toString(36)}`;
    return {
      kind: 't3',
      data: {
        ...FILLER,
        id,
        name: `t3_${id}`,
        title: `Why did the ${word()} bring a ${word()} to the ${word()}?`,
        selftext: `Because the ${word()} said it was a &amp; **bold** move, and the ${word()} agreed.`,
        permalink: `/r/${subreddit}/comments/${id}/post_${i}/`,
        url: `https://www.reddit.com/r/${subreddit}/comments/${id}/post_${i}/`,
        author: `user_${i}`,
        subreddit,
        over_18: false,
        stickied: i === 0,
        spoiler: false,
        is_self: true,
        locked: false,
        score: 5000 - i * 10,
        removed_by_category: null,
        post_hint: null,
      },
    };
  });
  return { kind: 'Listing', data: { after: null, dist: count, children } };
}

export type ListingKind = 'top' | 'search';

export interface RedditStub {
  url: string;
  /** Listing requests served since the last reset, of one kind or all. */
  requests(kind?: ListingKind): number;
  reset(): void;
  setDelay(ms: number): void;
  /** Listing requests per listing (`/r/Jokes/top.json`, `/r/Jokes/search.json?q=cats`), since the last reset. */
  byPath(): ReadonlyMap<string, number>;
  /** Requests answered 429 because they came past `qpm`, since the last reset. */
  rateLimited(): number;
  /** OAuth token requests (`POST /api/v1/access_token`), since the last reset. */
  tokens(): number;
  /** Requests answered 401 (OAuth on: wrong client credentials, or a listing without a valid bearer token), since the last reset. */
  unauthorized(): number;
  /** Turns OAuth on with these client credentials, or off (undefined): listings then need no token. */
  setOAuth(credentials: StubCredentials | undefined): void;
  /** Extra headers on every listing answer, e.g. Reddit's X-Ratelimit-*; {} for none. */
  setHeaders(headers: Record<string, string>): void;
  close(): Promise<void>;
}

const LISTING_PATH = /^\/r\/([^/]+)\/(top|search)\.json$/;

export interface StubCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface StubOptions {
  /** OAuth on: these client credentials get tokens, and listings need one (see setOAuth). */
  oauth?: StubCredentials;
  delayMs?: number;
  posts?: number;
  seed?: number;
  /** Subreddits whose bodies are built up front, so building them never lands inside a measurement. */
  subreddits?: readonly string[];
  /** Like Reddit: past this many requests in a clock minute, answer 429 (with Retry-After) until the next. */
  qpm?: number;
}

const tokenBody = (token: string) => JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: 3600, scope: '*' });
/** Reddit's answer to a request without valid credentials. */
const UNAUTHORIZED = JSON.stringify({ message: 'Unauthorized', error: 401 });

export async function startRedditStub(options: StubOptions = {}): Promise<RedditStub> {
  let delayMs = options.delayMs ?? 0;
  const served: Record<ListingKind, number> = { top: 0, search: 0 };
  const paths = new Map<string, number>();
  const limit = { minute: -1, used: 0, refused: 0, tokens: 0, unauthorized: 0 };
  let oauth = options.oauth;
  let extraHeaders: Record<string, string> = {};
  const issued = new Set<string>();
  const refuse = (res: import('node:http').ServerResponse, header: string) => {
    limit.unauthorized += 1;
    res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': header }).end(UNAUTHORIZED);
  };
  /** True when this request is past the minute's quota. */
  const overQuota = () => {
    if (options.qpm === undefined) return false;
    const minute = Math.floor(Date.now() / 60_000);
    if (minute !== limit.minute) Object.assign(limit, { minute, used: 0 });
    limit.used += 1;
    return limit.used > options.qpm;
  };
  const bodies = new Map<string, string>();
  const body = (subreddit: string) => {
    let cached = bodies.get(subreddit);
    if (!cached) {
      cached = JSON.stringify(stubListing(subreddit, options.posts ?? 50, options.seed ?? DEFAULT_SEED));
      bodies.set(subreddit, cached);
    }
    return cached;
  };
  for (const subreddit of options.subreddits ?? []) body(subreddit);
  const server: Server = createServer((req, res) => {
    const requestUrl = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = requestUrl.pathname;
    const match = LISTING_PATH.exec(path);
    if (overQuota()) {
      limit.refused += 1;
      const retryAfter = String(60 - (Math.floor(Date.now() / 1000) % 60));
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter }).end('{"error":429}');
      return;
    }
    if (req.method === 'POST' && path === '/api/v1/access_token') {
      limit.tokens += 1;
      req.resume();
      const basic = `Basic ${Buffer.from(`${oauth?.clientId ?? ''}:${oauth?.clientSecret ?? ''}`).toString('base64')}`;
      if (oauth && req.headers.authorization !== basic) return refuse(res, 'Basic realm="reddit"');
      const token = `stub-token-${issued.size + 1}`;
      issued.add(token);
      res.writeHead(200, { 'content-type': 'application/json' }).end(tokenBody(token));
      return;
    }
    if (req.method !== 'GET' || !match) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":404}');
      return;
    }
    if (oauth) {
      const bearer = /^bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!bearer || !issued.has(bearer)) return refuse(res, 'Bearer realm="reddit", error="invalid_token"');
    }
    served[match[2] as ListingKind] += 1;
    // A search is its own listing per query.
    const listing = match[2] === 'search' ? `${path}?q=${requestUrl.searchParams.get('q') ?? ''}` : path;
    paths.set(listing, (paths.get(listing) ?? 0) + 1);
    const send = () =>
      res.writeHead(200, { ...extraHeaders, 'content-type': 'application/json; charset=UTF-8' }).end(body(decodeURIComponent(match[1] as string)));
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: (kind) => (kind ? served[kind] : served.top + served.search),
    reset: () => {
      served.top = 0;
      served.search = 0;
      paths.clear();
      Object.assign(limit, { refused: 0, tokens: 0, unauthorized: 0 });
    },
    unauthorized: () => limit.unauthorized,
    setOAuth: (credentials) => {
      oauth = credentials;
    },
    setHeaders: (headers) => {
      extraHeaders = headers;
    },
    byPath: () => paths,
    rateLimited: () => limit.refused,
    tokens: () => limit.tokens,
    setDelay: (ms) => {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
