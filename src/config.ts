import * as z from 'zod';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_FILTER_LEVELS, DEFAULT_CONTENT_FILTER, type ContentFilterLevel } from './content-filter';
import { namesAccount, redditAccess, REDDIT_ACCESS_DOCS } from './reddit/access';
import { PostsFileError, readPostsFile, type PostsFile } from './reddit/posts-file';

// Exactly the two words the README documents: `ALLOW_NSFW=1` or `yes` would be a guess at intent.
const booleanFlag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true');

/** RFC 9110 token characters. */
const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

/** Headers a shared secret must not hide in: clients, proxies or the platform set them. */
const RESERVED_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'content-type',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'host',
  'connection',
  'cookie',
  'user-agent',
  'x-cloud-trace-context',
  'traceparent',
  'x-forwarded-for',
]);

/** Digits only, then the range: one message says what is accepted, whatever was wrong. */
const wholeNumber = (min: number, max: number, unit: string) => {
  const accepted = `must be a whole number from ${min} to ${max} (${unit})`;
  return z
    .string()
    .regex(/^[0-9]{1,15}$/, accepted)
    .transform(Number)
    .pipe(z.number().min(min, accepted).max(max, accepted));
};

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/** Past this, an answer can miss Dialogflow ES's 5 s limit once the network is counted. */
const DEADLINE_WARN_ABOVE_MS = 4800;

/** Values of these are never echoed in messages: they are or may contain credentials. */
const SECRET_NAME = /PASSWORD|SECRET|VALUE|TOKEN|KEY|URL|CLIENT_ID/;

function isRedisUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const ConfigSchema = z
  .object({
    PORT: wholeNumber(1, 65535, 'a TCP port').default(8080),
    REDDIT_BASE_URL: httpUrl.default('https://www.reddit.com'),
    REDDIT_OAUTH_URL: httpUrl.default('https://oauth.reddit.com'),
    REDDIT_CLIENT_ID: z.string().min(1).optional(),
    REDDIT_CLIENT_SECRET: z.string().min(1).optional(),
    REDDIT_USER_AGENT: z.string().min(1).optional(),
    // Reddit's own rule for account names; "/u/" belongs to the User-Agent, not here.
    REDDIT_USERNAME: z
      .string()
      .regex(/^[A-Za-z0-9_-]{3,20}$/, 'must be a Reddit username (3-20 letters, digits, _ or -), without /u/')
      .optional(),
    POSTS_FILE: z.string().min(1).optional(),
    WEBHOOK_USERNAME: z.string().min(1).optional(),
    WEBHOOK_PASSWORD: z.string().min(1).optional(),
    WEBHOOK_HEADER_NAME: z
      .string()
      .regex(HEADER_TOKEN, 'must be an HTTP header name (letters, digits, - and a few symbols)')
      .transform((name) => name.toLowerCase())
      .refine((name) => !RESERVED_HEADERS.has(name), 'must not be a header that HTTP clients or proxies set themselves')
      .optional(),
    // Visible ASCII without surrounding spaces: HTTP trims those, so such a value could never match.
    WEBHOOK_HEADER_VALUE: z
      .string()
      .regex(/^[\x21-\x7e](?:[\x20-\x7e]{0,1022}[\x21-\x7e])?$/, 'must be visible ASCII without leading or trailing spaces')
      .optional(),
    WEBHOOK_DEADLINE_MS: wholeNumber(200, 30000, 'milliseconds').default(4000),
    CACHE_TTL_SECONDS: wholeNumber(0, 86400, 'seconds').default(300),
    ALLOW_NSFW: booleanFlag.default(false),
    CONTENT_FILTER: z
      .enum(CONTENT_FILTER_LEVELS, { error: `must be one of ${CONTENT_FILTER_LEVELS.join(', ')}` })
      .default(DEFAULT_CONTENT_FILTER),
    LOG_LEVEL: z
      .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], {
        error: 'must be one of trace, debug, info, warn, error, fatal, silent',
      })
      .default('info'),
    GOOGLE_CLOUD_PROJECT: z.string().regex(/^[a-z0-9:.-]{1,100}$/, 'must be a project id').optional(),
    // Shared state for scaling out (Memorystore). The message never repeats the value: it holds the password.
    REDIS_URL: z.string().refine(isRedisUrl, 'must be a redis:// or rediss:// URL with a host, e.g. redis://:PASSWORD@10.0.0.3:6379').optional(),
    REDDIT_QPM: wholeNumber(1, 1000, 'requests a minute').default(60),
    MODERATION: z.enum(['google', 'off'], { error: 'must be google or off' }).default('off'),
    MODERATION_ENDPOINT: httpUrl.optional(),
  });

/**
 * Variables that only work together. Checked on the raw environment, apart from the schema:
 * zod skips an object's refinements once a field fails some checks (an enum, say), so a
 * pairing problem would only show up after the other problems were fixed.
 */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['WEBHOOK_USERNAME', 'WEBHOOK_PASSWORD'],
  ['WEBHOOK_HEADER_NAME', 'WEBHOOK_HEADER_VALUE'],
];

/** One line per half-set pair, naming the missing variable (its value is unset, so never shown). */
function pairProblems(env: Record<string, string | undefined>): string[] {
  const problems = PAIRS.filter(([a, b]) => (env[a] !== undefined) !== (env[b] !== undefined)).map(
    ([a, b]) => `${env[a] !== undefined ? b : a}: ${a} and ${b} must be set together`,
  );
  // The id alone is an installed app; a secret without its id is nothing at all.
  if (env.REDDIT_CLIENT_SECRET !== undefined && env.REDDIT_CLIENT_ID === undefined) {
    problems.unshift('REDDIT_CLIENT_ID: REDDIT_CLIENT_SECRET needs REDDIT_CLIENT_ID (the id alone is an installed app, a secret alone is nothing)');
  }
  return problems;
}

export interface Config {
  port: number;
  reddit: {
    baseUrl: string;
    oauthUrl: string;
    clientId?: string;
    clientSecret?: string;
    /** The Reddit account that owns the app (REDDIT_USERNAME), named in the User-Agent. */
    username?: string;
    userAgent: string;
  };
  /** POSTS_FILE, read and checked at start-up. */
  posts?: PostsFile;
  auth?: { username: string; password: string };
  /** A shared secret Dialogflow sends as a custom header (Fulfillment settings, "Headers"). */
  headerSecret?: { name: string; value: string };
  /** Google Cloud project, for the trace field of log lines. */
  projectId?: string;
  deadlineMs: number;
  cacheTtlSeconds: number;
  allowNsfw: boolean;
  /** What the content filter refuses (src/content-filter.ts). */
  contentFilter: ContentFilterLevel;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  /** Redis/Valkey shared by all instances (REDIS_URL); unset: each instance on its own. */
  redisUrl?: string;
  /** The Reddit budget shared through Redis, in requests a minute. */
  redditQpm: number;
  /** `google`: posts are judged by Cloud Natural Language moderateText before they are told (src/moderation/). */
  moderation: 'google' | 'off';
  /** The moderation API's address; an http:// one is a local test server and gets no credentials. */
  moderationEndpoint?: string;
}

/** Every problem found, one line each (`NAME=value: what is accepted`), so a start-up can print them as they are. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/** One line per problem: the variable, its value unless it may be secret, and what is accepted. */
function describeProblem(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  // Every check is on one top-level variable, so the path is its name.
  const name = String(issue.path[0]);
  const value = env[name];
  const shown = value !== undefined && !SECRET_NAME.test(name) ? `${name}=${JSON.stringify(value)}` : name;
  return `${shown}: ${issue.message}`;
}

function packageIdentity(): { name: string; version: string } {
  try {
    // Read at run time so the bundle and dist/ report the deployed version.
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
      name?: string;
      version?: string;
    };
    return { name: pkg.name ?? 'reddit-dialogflow-webhook', version: pkg.version ?? '0.0.0' };
  } catch {
    return { name: 'reddit-dialogflow-webhook', version: '0.0.0' };
  }
}

const stripTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Parses the environment once. Empty strings count as unset, so
 * `REDDIT_CLIENT_ID=` in a .env file does not half-enable OAuth.
 * Throws ConfigError naming every bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  // Every problem in one error: the per-variable ones first, then the pairs.
  const problems = [...(parsed.success ? [] : parsed.error.issues.map((issue) => describeProblem(issue, present))), ...pairProblems(present)];
  // The file is read here, so that a bad one stops start-up like a bad variable does.
  let posts: PostsFile | undefined;
  if (parsed.success && parsed.data.POSTS_FILE !== undefined) {
    try {
      posts = readPostsFile(parsed.data.POSTS_FILE);
    } catch (error) {
      if (!(error instanceof PostsFileError)) throw error;
      problems.push(...error.problems.map((problem) => `POSTS_FILE=${JSON.stringify(parsed.data.POSTS_FILE)}: ${problem}`));
    }
  }
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const pkg = packageIdentity();
  return {
    port: e.PORT,
    reddit: {
      baseUrl: stripTrailingSlash(e.REDDIT_BASE_URL),
      oauthUrl: stripTrailingSlash(e.REDDIT_OAUTH_URL),
      clientId: e.REDDIT_CLIENT_ID,
      clientSecret: e.REDDIT_CLIENT_SECRET,
      username: e.REDDIT_USERNAME,
      userAgent: e.REDDIT_USER_AGENT ?? redditUserAgent(pkg, e.REDDIT_USERNAME),
    },
    posts,
    auth: e.WEBHOOK_USERNAME && e.WEBHOOK_PASSWORD ? { username: e.WEBHOOK_USERNAME, password: e.WEBHOOK_PASSWORD } : undefined,
    headerSecret:
      e.WEBHOOK_HEADER_NAME && e.WEBHOOK_HEADER_VALUE ? { name: e.WEBHOOK_HEADER_NAME, value: e.WEBHOOK_HEADER_VALUE } : undefined,
    projectId: e.GOOGLE_CLOUD_PROJECT,
    deadlineMs: e.WEBHOOK_DEADLINE_MS,
    cacheTtlSeconds: e.CACHE_TTL_SECONDS,
    allowNsfw: e.ALLOW_NSFW,
    contentFilter: e.CONTENT_FILTER,
    logLevel: e.LOG_LEVEL,
    redisUrl: e.REDIS_URL,
    redditQpm: e.REDDIT_QPM,
    moderation: e.MODERATION,
    moderationEndpoint: e.MODERATION_ENDPOINT && stripTrailingSlash(e.MODERATION_ENDPOINT),
  };
}

/** Reddit's required form: `<platform>:<app id>:<version> (by /u/<username>)`; without a username the part in brackets is left out. */
export function redditUserAgent(pkg: { name: string; version: string }, username?: string): string {
  const agent = `nodejs:${pkg.name}:${pkg.version}`;
  return username ? `${agent} (by /u/${username})` : agent;
}

/** Settings that work but are probably a mistake; start-up logs them as warnings. */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  const access = redditAccess(config.reddit);
  if (access.kind === 'none') {
    warnings.push(
      `Reddit serves its posts only to approved API apps, and no credentials are set: Reddit is not called. Set REDDIT_CLIENT_ID (and REDDIT_CLIENT_SECRET for a script or web app) and REDDIT_USERNAME, see ${REDDIT_ACCESS_DOCS}; until then the answers come from ${config.posts ? `POSTS_FILE (${config.posts.path}) and ` : ''}the built-in collection`,
    );
  } else if (access.kind !== 'anonymous' && !namesAccount(config.reddit.userAgent)) {
    // With REDDIT_USERNAME set, only a REDDIT_USER_AGENT of its own can have left the account out.
    const cause = config.reddit.username ? 'REDDIT_USER_AGENT names no Reddit account' : 'REDDIT_CLIENT_ID is set without REDDIT_USERNAME';
    warnings.push(
      `${cause}: Reddit asks for the app owner's account in the User-Agent ("... (by /u/NAME)") and may throttle or block one without it; set REDDIT_USERNAME (see ${REDDIT_ACCESS_DOCS})`,
    );
  }
  if (config.deadlineMs > DEADLINE_WARN_ABOVE_MS) {
    warnings.push(
      `WEBHOOK_DEADLINE_MS=${config.deadlineMs}: Dialogflow ES gives up on a webhook after 5 s, so answers this late may never be shown; ${DEADLINE_WARN_ABOVE_MS} or less leaves room for the network`,
    );
  }
  return warnings;
}
