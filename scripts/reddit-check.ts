/**
 * `npm run reddit:check`: checks the Reddit configuration the way the webhook
 * uses it (the same config parser, client, token and filters): gets a token,
 * fetches one listing per subreddit of every kind in every language, and prints
 * for each kind the posts it could tell, Reddit's rate-limit headers, the
 * User-Agent sent and a verdict. Every failure is one line; the exit code is 0
 * when every listing could be read, 1 when something failed, 2 for bad usage.
 */
import { ALL_KINDS, type ContentKind } from '../src/catalog';
import { ConfigError, loadConfig, type Config } from '../src/config';
import { silentLogger } from '../src/log';
import { namesAccount, REDDIT_ACCESS_DOCS, redditAccess, type RedditAccess } from '../src/reddit/access';
import { RedditClient } from '../src/reddit/client';
import { header } from '../src/reddit/cooldown';
import { RedditError } from '../src/reddit/errors';
import { acceptable, candidatePosts } from '../src/reddit/filters';
import type { Post } from '../src/reddit/listing';
import { TOKEN_PATH } from '../src/reddit/oauth';
import { EXIT, helpOnlyCommandLine } from './cli';

export const USAGE = `Usage: npm run reddit:check

Checks the Reddit settings of this environment (REDDIT_CLIENT_ID, REDDIT_CLIENT_SECRET,
REDDIT_USERNAME, REDDIT_USER_AGENT, REDDIT_BASE_URL, REDDIT_OAUTH_URL) as the webhook uses
them: gets a token, reads one listing per subreddit of every kind and language, and prints
for each kind the posts it could tell, Reddit's X-Ratelimit-* headers, the User-Agent and a
verdict. Exit code 0: every listing read; 1: something failed (one line each); 2: bad usage.

Options:
  -h, --help   this text`;

/** Each listing may take this long; nobody is waiting for an answer. */
export const CHECK_BUDGET_MS = 10_000;

const DOCS = 'docs/deploy.md#troubleshooting';

export interface CheckIo {
  out(line: string): void;
  err(line: string): void;
}

function describeAccess(access: RedditAccess, config: Config): string {
  switch (access.kind) {
    case 'script':
      return `script or web app (client credentials), token from ${config.reddit.baseUrl}${TOKEN_PATH}, listings from ${config.reddit.oauthUrl}`;
    case 'installed':
      return `installed app (installed_client grant, REDDIT_CLIENT_ID alone), token from ${config.reddit.baseUrl}${TOKEN_PATH}, listings from ${config.reddit.oauthUrl}`;
    default:
      return `anonymous, from ${config.reddit.baseUrl} (not reddit.com)`;
  }
}

/** One line for a failed token request: what Reddit said and what to do about it. */
export function tokenProblem(error: RedditError, access: RedditAccess): string {
  const variables = access.kind === 'installed' ? 'REDDIT_CLIENT_ID (an installed app)' : 'REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET';
  if (error.reason === 'blocked') {
    return `token: refused (${String(error.status)}): Reddit does not accept ${variables}; check them, and that Reddit approved the app (${DOCS})`;
  }
  return `token: ${failureText(error)}`;
}

function failureText(error: RedditError): string {
  switch (error.reason) {
    case 'timeout':
      return `no answer within ${CHECK_BUDGET_MS / 1000} s (${error.message})`;
    case 'network':
      return `Reddit could not be reached: ${error.message}`;
    case 'rate-limited':
      return `rate limited (${error.message}); wait for X-Ratelimit-Reset, or lower REDDIT_QPM`;
    case 'format':
      return `the answer is not a Reddit listing (${error.message})`;
    default:
      return error.message;
  }
}

/** One line for a listing that failed. */
export function listingProblem(subreddit: string, error: RedditError): string {
  if (error.status === 403) return `r/${subreddit}: forbidden (403): a private, quarantined or banned subreddit, or a token Reddit does not accept`;
  if (error.status === 404 || (error.status !== undefined && error.status >= 300 && error.status < 400)) {
    return `r/${subreddit}: unknown subreddit (${error.status})`;
  }
  if (error.status === 401) return `r/${subreddit}: unauthorized (401): Reddit refused the token (${DOCS})`;
  return `r/${subreddit}: ${failureText(error)}`;
}

/** X-Ratelimit-Remaining/Used/Reset as Reddit sent them ("-" when absent). */
export function rateLimitText(headers: Record<string, unknown>): string {
  const value = (name: string) => header(headers, `x-ratelimit-${name}`) ?? '-';
  return `X-Ratelimit-Remaining ${value('remaining')}, Used ${value('used')}, Reset ${value('reset')} s`;
}

function usable(posts: readonly Post[], kind: ContentKind, config: Config): number {
  const options = { allowNsfw: config.allowNsfw, contentFilter: config.contentFilter };
  return candidatePosts(posts, kind, options).filter((post) => acceptable(post, kind, options)).length;
}

const errorOf = (error: unknown) => (error instanceof RedditError ? error : new RedditError('network', (error as Error).message));

/** The whole check; returns the exit code. */
export async function runCheck(env: NodeJS.ProcessEnv, io: CheckIo): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) io.err(`reddit:check: config: ${problem}`);
    return EXIT.failed;
  }
  const access = redditAccess(config.reddit);
  io.out(`User-Agent: ${config.reddit.userAgent}`);
  if (access.kind === 'none') {
    io.err(
      `reddit:check: no credentials: Reddit serves its posts only to approved API apps, so the webhook does not call ${config.reddit.baseUrl}; ` +
        `set REDDIT_CLIENT_ID (and REDDIT_CLIENT_SECRET for a script or web app) and REDDIT_USERNAME (${REDDIT_ACCESS_DOCS})`,
    );
    return EXIT.failed;
  }
  io.out(`access: ${describeAccess(access, config)}`);
  if (access.kind !== 'anonymous' && !namesAccount(config.reddit.userAgent)) {
    io.out(`warning: the User-Agent names no Reddit account; set REDDIT_USERNAME (${REDDIT_ACCESS_DOCS})`);
  }
  const client = new RedditClient(config, { log: silentLogger });
  if (access.kind !== 'anonymous') {
    try {
      await client.token(CHECK_BUDGET_MS);
      io.out('token: ok');
    } catch (error) {
      io.err(`reddit:check: ${tokenProblem(errorOf(error), access)}`);
      return EXIT.failed;
    }
  }
  let failures = 0;
  const kindsBySubreddit = new Map<string, ContentKind[]>();
  for (const kind of ALL_KINDS) kindsBySubreddit.set(kind.subreddit, [...(kindsBySubreddit.get(kind.subreddit) ?? []), kind]);
  for (const [subreddit, kinds] of kindsBySubreddit) {
    const label = (kind: ContentKind) => `${kind.lang.code} ${kind.id.padEnd(16)} r/${subreddit.padEnd(20)}`;
    try {
      const { posts, headers } = await client.fetchListing({ subreddit }, CHECK_BUDGET_MS);
      for (const kind of kinds) {
        const count = usable(posts, kind, config);
        const verdict = count > 0 ? 'ok' : 'no usable posts today (the bot tells its own collection instead)';
        io.out(`${label(kind)} ${String(count).padStart(3)} usable of ${String(posts.length).padStart(3)}  ${rateLimitText(headers)}  ${verdict}`);
      }
    } catch (error) {
      failures += 1;
      io.err(`reddit:check: ${listingProblem(subreddit, errorOf(error))}`);
    }
  }
  if (failures > 0) {
    io.err(`reddit:check: ${failures} of ${kindsBySubreddit.size} listings failed`);
    return EXIT.failed;
  }
  io.out(`reddit:check: all ${kindsBySubreddit.size} listings read`);
  return EXIT.ok;
}

async function main(argv: string[]): Promise<number> {
  // No positional arguments: one is a mistake (exit 2), like an unknown option.
  const args = helpOnlyCommandLine(argv, USAGE);
  if (typeof args === 'number') return args;
  return runCheck(process.env, { out: (line) => console.log(line), err: (line) => console.error(line) });
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`reddit:check: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = EXIT.failed;
    },
  );
}
