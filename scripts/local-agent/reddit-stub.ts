/**
 * A stand-in for Reddit's JSON API on a loopback port, for `--offline` chats,
 * the demo and benchmarks: point REDDIT_BASE_URL (and REDDIT_OAUTH_URL) at
 * `url`. Serves `/r/<sub>/top.json`, `/r/<sub>/search.json?q=` and the OAuth
 * token endpoint; anything else is a JSON 404.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixturePosts, listingJson, searchPosts, type FixturePost } from './reddit-fixtures';

export interface RedditStubOptions {
  /** Subreddit (any case) → posts; defaults to the fixtures. */
  readonly posts?: (subreddit: string) => readonly FixturePost[];
  /** 0 (default) picks a free port. */
  readonly port?: number;
}

export interface RedditStub {
  /** e.g. `http://127.0.0.1:41234`, no trailing slash. */
  readonly url: string;
  /** Paths (with query) requested so far, oldest first. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

const LISTING = /^\/r\/([A-Za-z0-9_]{1,50})\/(top|search)\.json$/;

export async function startRedditStub(options: RedditStubOptions = {}): Promise<RedditStub> {
  const postsFor = options.posts ?? fixturePosts;
  const requests: string[] = [];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    requests.push(`${url.pathname}${url.search}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && url.pathname === '/api/v1/access_token') {
      req.resume();
      send(200, { access_token: 'stub-token', token_type: 'bearer', expires_in: 86400, scope: '*' });
      return;
    }
    const match = LISTING.exec(url.pathname);
    if (req.method !== 'GET' || !match) {
      send(404, { message: 'Not Found', error: 404 });
      return;
    }
    const [, subreddit, kind] = match as unknown as [string, string, 'top' | 'search'];
    const posts = postsFor(subreddit);
    const chosen = kind === 'search' ? searchPosts(posts, url.searchParams.get('q') ?? '') : posts;
    send(200, listingJson(subreddit, chosen));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
