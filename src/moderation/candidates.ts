import type { ContentKind } from '../catalog';
import type { ContentFilterLevel } from '../content-filter';
import type { Post } from '../reddit/listing';
import { contentText } from '../speech/content';
import type { JudgeItem, PostJudge } from './judge';

/** A listing's candidates as the answer's path sees them once moderation judges them. */
export interface JudgedCandidates {
  posts: Post[];
  /** Judged and allowed at the level; a post not judged yet is not told. */
  accept: (post: Post) => boolean;
  /** Only while none of these posts is judged (a cold cache): judge the one picked now, within `budgetMs()`. */
  judgeOnSpot?: (post: Post) => Promise<boolean>;
}

/** A listing is fed to a judge at most this often per kind. */
export const FEED_INTERVAL_MS = 1_000;

/**
 * When each listing (the array the cache holds, the same object on every hit) was last fed to each judge,
 * per kind. Feeding is what lets the judge see posts whose verdict expired (a local one, after an
 * outage's cool-down), so it goes on, but once a second rather than on every warm request: fifty
 * posts' texts and verdict lookups were most of what MODERATION=google added to a cached joke.
 */
const lastFed = new WeakMap<PostJudge, WeakMap<readonly Post[], Map<ContentKind, number>>>();

function dueForFeeding(judge: PostJudge, posts: readonly Post[], kind: ContentKind, now: number): boolean {
  let byListing = lastFed.get(judge);
  if (!byListing) lastFed.set(judge, (byListing = new WeakMap<readonly Post[], Map<ContentKind, number>>()));
  let byKind = byListing.get(posts);
  if (!byKind) byListing.set(posts, (byKind = new Map<ContentKind, number>()));
  const last = byKind.get(kind);
  if (last !== undefined && now - last < FEED_INTERVAL_MS) return false;
  byKind.set(kind, now);
  return true;
}

/**
 * Feeds the candidates (of `listing`, as fetched) to the judge (background) and answers from its
 * verdicts. The judged text is the text read aloud for the kind.
 */
export function judgedCandidates(
  judge: PostJudge,
  listing: readonly Post[],
  posts: Post[],
  kind: ContentKind,
  level: ContentFilterLevel,
  budgetMs: () => number,
  now: () => number = Date.now,
): JudgedCandidates {
  const context = { lang: kind.lang.code, tone: kind.tone };
  const item = (post: Post): JudgeItem => ({ id: post.id, text: contentText(post, kind), context });
  if (dueForFeeding(judge, listing, kind, now())) judge.feed(posts.map(item));
  const cold = !posts.some((post) => judge.verdict(item(post), level) !== undefined);
  return {
    posts,
    accept: (post) => judge.verdict(item(post), level) === true,
    judgeOnSpot: cold ? (post) => judge.judgeNow(item(post), level, budgetMs()) : undefined,
  };
}
