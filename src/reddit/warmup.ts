import type { ContentKind } from '../catalog';
import { Deadline } from '../deadline';
import type { Logger } from '../log';
import type { PostSource } from './client';
import { RedditError } from './errors';

/** Each warm-up listing may take this long; nobody is waiting for it. */
export const WARMUP_DEADLINE_MS = 10_000;

export interface WarmUpResult {
  warmed: string[];
  failed: string[];
}

/**
 * Fetches the catalog's listings once, one after the other, so the first
 * users hit a warm cache. Never throws; stops early when Reddit says "slow
 * down" or "go away", since the rest would fail the same way.
 */
export async function warmUp(source: PostSource, kinds: readonly ContentKind[], log: Logger): Promise<WarmUpResult> {
  const subreddits = [...new Set(kinds.map((kind) => kind.subreddit))];
  const result: WarmUpResult = { warmed: [], failed: [] };
  for (const subreddit of subreddits) {
    try {
      await source.fetchPosts({ subreddit }, new Deadline(WARMUP_DEADLINE_MS));
      result.warmed.push(subreddit);
    } catch (error) {
      result.failed.push(subreddit);
      if (error instanceof RedditError && (error.reason === 'rate-limited' || error.reason === 'blocked')) break;
    }
  }
  log.info({ warmed: result.warmed.length, failed: result.failed.length, of: subreddits.length }, 'reddit cache warm-up done');
  return result;
}

/** Starts warm-up in the background on the next tick: start-up neither waits for it nor fails with it. */
export function startWarmUp(source: PostSource, kinds: readonly ContentKind[], log: Logger): void {
  setImmediate(() => {
    warmUp(source, kinds, log).catch((error: unknown) => {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, 'reddit cache warm-up failed');
    });
  });
}
