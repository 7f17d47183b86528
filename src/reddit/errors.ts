import { isAxiosError } from './axios';

/** Every way talking to Reddit can fail; shared listings store the reason and read it back against this list. */
export const REDDIT_FAILURES = ['timeout', 'rate-limited', 'blocked', 'upstream', 'network', 'format'] as const;
export type RedditFailure = (typeof REDDIT_FAILURES)[number];

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

/**
 * Maps anything thrown while talking to Reddit to a RedditError. The message is
 * built here from the status and code only: axios errors carry the request
 * config (Basic auth, bearer token), so they must never be logged or rethrown.
 */
export function classifyFailure(error: unknown): RedditError {
  if (error instanceof RedditError) return error;
  if (isAxiosError(error)) {
    const status = error.response?.status;
    if (status === 429) return new RedditError('rate-limited', 'Reddit rate limit hit', status);
    if (status === 401 || status === 403) return new RedditError('blocked', `Reddit refused the request (${status})`, status);
    if (status !== undefined) return new RedditError('upstream', `Reddit answered ${status}`, status);
    if (error.code === 'ECONNABORTED' || error.code === 'ERR_CANCELED' || error.code === 'ETIMEDOUT') {
      return new RedditError('timeout', 'Reddit did not answer in time');
    }
    return new RedditError('network', `Could not reach Reddit (${error.code ?? 'network error'})`);
  }
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new RedditError('timeout', 'Reddit did not answer in time');
  }
  if (error instanceof Error && error.name === 'ListingFormatError') return new RedditError('format', error.message);
  return new RedditError('network', 'Could not reach Reddit');
}

/** Worth another try: Reddit's 5xx and connection trouble; never 4xx, timeouts or garbage. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof RedditError)) return false;
  if (error.reason === 'network') return true;
  return error.reason === 'upstream' && (error.status ?? 0) >= 500;
}
