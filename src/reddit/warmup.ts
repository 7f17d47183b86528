import { subredditFor, type ContentKind } from '../catalog';
import { DEFAULT_CONTENT_FILTER, type ContentFilterLevel } from '../content-filter';
import { Deadline } from '../deadline';
import type { Logger } from '../log';
import { judgedCandidates } from '../moderation/candidates';
import type { PostJudge } from '../moderation/judge';
import type { PostSource } from './client';
import { RedditError } from './errors';
import { candidatePosts } from './filters';
import type { Post } from './listing';

/** Each warm-up listing may take this long; nobody is waiting for it. */
export const WARMUP_DEADLINE_MS = 10_000;

/** An instance that gets no request this long after start warms up by itself (min-instances, start-up probes). */
export const WARMUP_IDLE_START_MS = 1_000;

export interface WarmUpResult {
  warmed: string[];
  failed: string[];
  /** Candidate posts handed to the moderation judge (0 without one). */
  fed: number;
}

/** What the requests will read and judge, so warm-up fetches and judges the same. */
export interface WarmUpOptions {
  /** CONTENT_FILTER: under `strict` some kinds read a clean-by-rule subreddit (subredditFor). */
  level?: ContentFilterLevel;
  /** MODERATION=google: each warmed listing's candidates are fed to it, so the first requests find verdicts. */
  judge?: PostJudge;
  allowNsfw?: boolean;
}

/**
 * Fetches the catalog's listings once, one after the other, so the first
 * users hit a warm cache. Never throws; stops early when Reddit says "slow
 * down" or "go away", since the rest would fail the same way.
 */
export async function warmUp(source: PostSource, kinds: readonly ContentKind[], log: Logger, options: WarmUpOptions = {}): Promise<WarmUpResult> {
  const level = options.level ?? DEFAULT_CONTENT_FILTER;
  const subreddits = [...new Set(kinds.map((kind) => subredditFor(kind, level)))];
  const result: WarmUpResult = { warmed: [], failed: [], fed: 0 };
  for (const subreddit of subreddits) {
    try {
      const posts = await source.fetchPosts({ subreddit }, new Deadline(WARMUP_DEADLINE_MS));
      result.warmed.push(subreddit);
      if (options.judge) result.fed += feedJudge(options.judge, posts, kinds.filter((kind) => subredditFor(kind, level) === subreddit), level, options);
    } catch (error) {
      result.failed.push(subreddit);
      if (error instanceof RedditError && (error.reason === 'rate-limited' || error.reason === 'blocked')) break;
    }
  }
  log.info({ warmed: result.warmed.length, failed: result.failed.length, of: subreddits.length, fed: result.fed }, 'reddit cache warm-up done');
  return result;
}

/** The listing's candidates for each kind that reads it, queued for judging exactly as a request queues them; returns how many. */
function feedJudge(
  judge: PostJudge,
  posts: readonly Post[],
  kinds: readonly ContentKind[],
  level: ContentFilterLevel,
  options: WarmUpOptions,
): number {
  let fed = 0;
  for (const kind of kinds) {
    const candidates = candidatePosts(posts, kind, { allowNsfw: options.allowNsfw ?? false, contentFilter: level });
    // Feeding is all it does here: nobody waits, so there is no budget for an on-the-spot judgement.
    judgedCandidates(judge, posts, candidates, kind, level, () => 0);
    fed += candidates.length;
  }
  return fed;
}

/** Starts warm-up in the background on the next tick: start-up neither waits for it nor fails with it. */
export function startWarmUp(source: PostSource, kinds: readonly ContentKind[], log: Logger, options: WarmUpOptions = {}): void {
  setImmediate(() => {
    warmUp(source, kinds, log, options).catch((error: unknown) => {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, 'reddit cache warm-up failed');
    });
  });
}

/**
 * Warm-up after the instance's first answer, or after `idleStartMs` when no
 * request comes. The request that woke a cold instance should not share its
 * CPU with seven listing downloads: it fetches the one listing it needs itself
 * (the cache shares it), and the users after it find the rest warm. Returns
 * the hook to call after every answer; only the first call counts.
 */
export function warmUpAfterFirstAnswer(
  source: PostSource,
  kinds: readonly ContentKind[],
  log: Logger,
  idleStartMs: number = WARMUP_IDLE_START_MS,
  options: WarmUpOptions = {},
): () => void {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    clearTimeout(idle);
    startWarmUp(source, kinds, log, options);
  };
  const idle = setTimeout(start, idleStartMs);
  idle.unref();
  return start;
}
