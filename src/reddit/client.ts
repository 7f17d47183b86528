import axios, { type AxiosInstance } from 'axios';
import type { Config } from '../config';
import type { Deadline } from '../deadline';
import { parseListing, type Post } from './listing';

/** What to list: the day's top posts of a subreddit, or a search in it. */
export interface ListingQuery {
  subreddit: string;
  topic?: string;
}

/** Where a listing came from; `stale` is an expired copy served because Reddit could not be asked in time. */
export type CacheOutcome = 'hit' | 'miss' | 'stale';

/**
 * Facts about one fetch, for the request's log line. A source reports what it
 * knows (a cache its outcome, a client the time Reddit took) and passes the
 * observer on to the source it wraps.
 */
export interface FetchReport {
  cache?: CacheOutcome;
  /** Time spent waiting for Reddit, retries included. */
  upstreamMs?: number;
}

export type FetchObserver = (report: FetchReport) => void;

/** Where posts come from. Knows nothing about Dialogflow. */
export interface PostSource {
  fetchPosts(query: ListingQuery, deadline: Deadline, observe?: FetchObserver): Promise<Post[]>;
}

export type RedditFailure = 'timeout' | 'rate-limited' | 'blocked' | 'upstream' | 'network' | 'format';

export class RedditError extends Error {
  override name = 'RedditError';
  constructor(
    readonly reason: RedditFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
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

export function classifyFailure(error: unknown): RedditError {
  if (error instanceof RedditError) return error;
  if (axios.isAxiosError(error)) {
    const status = error.response?.status;
    if (status === 429) return new RedditError('rate-limited', 'Reddit rate limit hit', status);
    if (status === 401 || status === 403) return new RedditError('blocked', `Reddit refused the request (${status})`, status);
    if (status !== undefined) return new RedditError('upstream', `Reddit answered ${status}`, status);
    if (error.code === 'ECONNABORTED' || error.code === 'ERR_CANCELED' || error.code === 'ETIMEDOUT') {
      return new RedditError('timeout', 'Reddit did not answer in time');
    }
    return new RedditError('network', `Could not reach Reddit (${error.code ?? 'network error'})`);
  }
  if (error instanceof Error && error.name === 'ListingFormatError') return new RedditError('format', error.message);
  return new RedditError('network', 'Could not reach Reddit');
}

/** Anonymous JSON listings from REDDIT_BASE_URL. */
export class RedditClient implements PostSource {
  private readonly http: AxiosInstance;

  constructor(private readonly config: Pick<Config, 'reddit'>) {
    this.http = axios.create({
      baseURL: config.reddit.baseUrl,
      headers: { 'User-Agent': config.reddit.userAgent, Accept: 'application/json' },
      maxRedirects: 0, // Reddit redirects blocked or unknown subreddits to HTML pages
      responseType: 'json',
    });
  }

  async fetchPosts(query: ListingQuery, deadline: Deadline, observe?: FetchObserver): Promise<Post[]> {
    const budget = deadline.budgetFor(RENDER_RESERVE_MS);
    if (budget <= 0) throw new RedditError('timeout', 'No time left to ask Reddit');
    const { path, params } = listingPath(query);
    const started = performance.now();
    let data: unknown;
    try {
      ({ data } = await this.http.get(path, { params, timeout: budget, signal: AbortSignal.timeout(budget) }));
    } catch (error) {
      throw classifyFailure(error);
    } finally {
      observe?.({ upstreamMs: Math.round(performance.now() - started) });
    }
    try {
      return parseListing(data);
    } catch (error) {
      throw classifyFailure(error);
    }
  }
}
