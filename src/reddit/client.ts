import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import type { Config } from '../config';
import type { Deadline } from '../deadline';
import { silentLogger, type Logger } from '../log';
import { HostCooldown } from './cooldown';
import { classifyFailure, isRetryable, RedditError } from './errors';
import { createUpstream, type Upstream } from './http';
import { parseListing, type Post } from './listing';
import { TokenProvider } from './oauth';
import { retryWithinBudget, type RetryOptions } from './retry';
import type { RedditGate } from './shared/budget';
import type { SharedTokens } from './shared/tokens';

export { classifyFailure, RedditError, type RedditFailure } from './errors';

/** What to list: the day's top posts of a subreddit, or a search in it. */
export interface ListingQuery {
  subreddit: string;
  topic?: string;
}

/** Where a listing came from; `stale` is an expired copy served because Reddit could not be asked in time. */
export type CacheOutcome = 'hit' | 'miss' | 'stale';

/**
 * Facts about one fetch, for the request's log line. A source reports what it
 * knows (the cache its outcome, the client the time Reddit took) and passes
 * the observer on to the source it wraps.
 */
export interface FetchReport {
  cache?: CacheOutcome;
  /** Time spent on Reddit for this request, retries and token renewal included. */
  upstreamMs?: number;
}

export type FetchObserver = (report: FetchReport) => void;

/** Where posts come from. Knows nothing about Dialogflow. */
export interface PostSource {
  fetchPosts(query: ListingQuery, deadline: Deadline, observe?: FetchObserver): Promise<Post[]>;
}

/** Enough posts to choose from after filtering, without paying for a huge body. */
export const LISTING_LIMIT = 50;
/** Time kept back from the deadline to render and send the answer. */
export const RENDER_RESERVE_MS = 150;

export function listingPath(query: ListingQuery): { path: string; params: Record<string, string | number> } {
  const sub = encodeURIComponent(query.subreddit);
  if (query.topic) {
    return {
      path: `/r/${sub}/search.json`,
      params: { q: query.topic, restrict_sr: 1, sort: 'top', t: 'month', limit: 25, raw_json: 1 },
    };
  }
  return { path: `/r/${sub}/top.json`, params: { t: 'day', limit: LISTING_LIMIT, raw_json: 1 } };
}

/** Backoff for 5xx and network errors: short, because the user is waiting. */
export const RETRY_POLICY: Pick<RetryOptions, 'retries' | 'baseMs' | 'capMs' | 'minAttemptMs'> = {
  retries: 2,
  baseMs: 100,
  capMs: 800,
  minAttemptMs: 250,
};

export interface RedditClientOptions {
  log?: Logger;
  cooldown?: HostCooldown;
  /** Shared by all instances when REDIS_URL is set: the Reddit budget and the app token. */
  gate?: RedditGate;
  sharedTokens?: SharedTokens;
  random?: () => number;
  now?: () => number;
  retry?: Partial<typeof RETRY_POLICY>;
}

/**
 * Listings straight from Reddit, no cache: with an app-only OAuth token from
 * REDDIT_OAUTH_URL when a client id is configured (with a secret: client
 * credentials; alone: an installed app), else anonymous from REDDIT_BASE_URL
 * (source.ts only builds one for a REDDIT_BASE_URL that is not reddit.com).
 * Every call fits in the caller's deadline.
 */
export class RedditClient implements PostSource {
  private readonly cooldown: HostCooldown;
  private readonly listings: Upstream;
  private readonly tokens?: TokenProvider;
  private readonly log: Logger;

  constructor(
    config: Pick<Config, 'reddit'>,
    private readonly options: RedditClientOptions = {},
  ) {
    const { reddit } = config;
    this.log = options.log ?? silentLogger;
    this.cooldown = options.cooldown ?? new HostCooldown(options.now);
    const upstream = (baseUrl: string) =>
      createUpstream({ baseUrl, userAgent: reddit.userAgent, cooldown: this.cooldown, gate: options.gate, log: this.log, now: options.now });
    const base = upstream(reddit.baseUrl);
    if (reddit.clientId) {
      this.tokens = new TokenProvider(
        base,
        { clientId: reddit.clientId, clientSecret: reddit.clientSecret },
        this.log,
        options.now,
        options.sharedTokens,
      );
      this.listings = upstream(reddit.oauthUrl);
    } else {
      this.listings = base;
    }
  }

  async fetchPosts(query: ListingQuery, deadline: Deadline, observe?: FetchObserver): Promise<Post[]> {
    const started = performance.now();
    try {
      return await this.fetchWithRetries(query, deadline);
    } finally {
      observe?.({ upstreamMs: Math.round(performance.now() - started) });
    }
  }

  /**
   * One listing as the webhook asks for it, once (no retries), with Reddit's answer headers:
   * for `npm run reddit:check`, which prints the rate-limit headers.
   */
  async fetchListing(query: ListingQuery, budgetMs: number): Promise<{ posts: Post[]; headers: Record<string, unknown> }> {
    const { path, params } = listingPath(query);
    const response = await this.send({ method: 'GET', url: path, params }, () => budgetMs);
    try {
      return { posts: parseListing(response.data), headers: { ...(response.headers as Record<string, unknown>) } };
    } catch (error) {
      throw classifyFailure(error);
    }
  }

  /** A token now (for reddit:check's first line); undefined without credentials. */
  token(budgetMs: number): Promise<string> | undefined {
    return this.tokens?.token(budgetMs);
  }

  private fetchWithRetries(query: ListingQuery, deadline: Deadline): Promise<Post[]> {
    const budget = () => deadline.budgetFor(RENDER_RESERVE_MS);
    const { path, params } = listingPath(query);
    const request: AxiosRequestConfig = { method: 'GET', url: path, params };
    return retryWithinBudget(
      async () => {
        const response = await this.send(request, budget);
        try {
          return parseListing(response.data);
        } catch (error) {
          throw classifyFailure(error);
        }
      },
      {
        ...RETRY_POLICY,
        ...this.options.retry,
        budgetMs: budget,
        retryable: isRetryable,
        random: this.options.random,
        onRetry: ({ attempt, delayMs, error }) =>
          this.log.info({ path, attempt, delayMs, reason: classifyFailure(error).reason }, 'retrying reddit'),
      },
    );
  }

  /** Sends with the current token; on 401 renews it once and sends again. */
  private async send(request: AxiosRequestConfig, budget: () => number): Promise<AxiosResponse> {
    if (!this.tokens) return this.listings.request(request, budget());
    const token = await this.tokens.token(budget());
    try {
      return await this.listings.request(withBearer(request, token), budget());
    } catch (error) {
      if (!(error instanceof RedditError && error.status === 401)) throw error;
      this.tokens.invalidate(token);
      this.log.info({}, 'reddit rejected the oauth token, renewing it');
      const fresh = await this.tokens.token(budget());
      return this.listings.request(withBearer(request, fresh), budget());
    }
  }
}

function withBearer(request: AxiosRequestConfig, token: string): AxiosRequestConfig {
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- AxiosHeaders keeps each header as an own property
  return { ...request, headers: { ...request.headers, Authorization: `bearer ${token}` } };
}
