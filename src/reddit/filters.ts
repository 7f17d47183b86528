import type { ContentKind } from '../catalog';
import { DEFAULT_CONTENT_FILTER, judgeText, type ContentFilterLevel } from '../content-filter';
import { contentText } from '../speech/content';
import type { Post } from './listing';

/** Longest content we read aloud; longer posts are skipped rather than cut mid-story. */
export const MAX_CONTENT_CHARS = 480;

export type RejectReason = 'stickied' | 'nsfw' | 'removed' | 'spoiler' | 'not-text' | 'empty' | 'too-long' | 'offensive';

export interface FilterOptions {
  allowNsfw: boolean;
  maxChars?: number;
  /** Unset means `standard`: whoever forgets to pass it still never serves slurs or sexual content. */
  contentFilter?: ContentFilterLevel;
}

const REMOVED_MARKERS = new Set(['[removed]', '[deleted]', '[deleted by user]', '[ removed by reddit ]']);

/** Why a post must not be served for this kind, or `undefined` when it is fine. */
export function rejectReason(post: Post, kind: ContentKind, options: FilterOptions): RejectReason | undefined {
  return plainRejectReason(post, kind, options) ?? (acceptable(post, kind, options) ? undefined : 'offensive');
}

/** Every check but the content filter: flags and lengths, no matcher. */
function plainRejectReason(post: Post, kind: ContentKind, options: FilterOptions): RejectReason | undefined {
  if (post.stickied) return 'stickied';
  if (post.over_18 && !options.allowNsfw) return 'nsfw';
  if (
    post.removed_by_category ||
    REMOVED_MARKERS.has(post.selftext.trim().toLowerCase()) ||
    REMOVED_MARKERS.has(post.title.trim().toLowerCase())
  ) {
    return 'removed';
  }
  if (post.spoiler) return 'spoiler';
  // Kinds that read the body need a text post; a link or image has nothing to read.
  if (kind.render !== 'title' && !post.is_self) return 'not-text';
  const text = contentText(post, kind);
  if (!text) return 'empty';
  if (text.length > (options.maxChars ?? MAX_CONTENT_CHARS)) return 'too-long';
  return undefined;
}

/** A post's verdict per kind and level, kept as long as the post (a cached listing's post is the same object on every hit). */
const verdicts = new WeakMap<Post, Map<ContentKind, Map<ContentFilterLevel, boolean>>>();

/**
 * May this post's text, as it would be read aloud for this kind, pass the
 * content filter? Judged once per post, kind and level: the costliest check,
 * so callers that need one post judge only the posts they pick.
 */
export function acceptable(post: Post, kind: ContentKind, options: FilterOptions): boolean {
  const level = options.contentFilter ?? DEFAULT_CONTENT_FILTER;
  let byKind = verdicts.get(post);
  let byLevel = byKind?.get(kind);
  let verdict = byLevel?.get(level);
  if (verdict === undefined) {
    verdict = judgeText(contentText(post, kind), level, { lang: kind.lang.code, tone: kind.tone }).allowed;
    if (!byKind) verdicts.set(post, (byKind = new Map<ContentKind, Map<ContentFilterLevel, boolean>>()));
    if (!byLevel) byKind.set(kind, (byLevel = new Map<ContentFilterLevel, boolean>()));
    byLevel.set(level, verdict);
  }
  return verdict;
}

type Memo = WeakMap<readonly Post[], Map<ContentKind, Map<string, readonly Post[]>>>;

/**
 * The filtered list, kept per listing array (weakly: it goes when the cache drops the listing), kind and
 * the options the plain checks read (not the content filter level: candidates are not judged).
 */
function memoized(memo: Memo, posts: readonly Post[], kind: ContentKind, options: FilterOptions, keep: (post: Post) => boolean): Post[] {
  const optionsKey = `${String(options.allowNsfw)}/${options.maxChars ?? MAX_CONTENT_CHARS}`;
  let byKind = memo.get(posts);
  let byOptions = byKind?.get(kind);
  let result = byOptions?.get(optionsKey);
  if (!result) {
    result = posts.filter(keep);
    if (!byKind) memo.set(posts, (byKind = new Map<ContentKind, Map<string, readonly Post[]>>()));
    if (!byOptions) byKind.set(kind, (byOptions = new Map<string, readonly Post[]>()));
    byOptions.set(optionsKey, result);
  }
  // A copy, so that a caller sorting or trimming its list cannot change the next caller's.
  return [...result];
}

/**
 * Filtering cleans every post's text (entities, ~20 markdown rules): most of a
 * warm request. A cached listing is the same array on every hit, so the result
 * is kept per array.
 */
const candidates: Memo = new WeakMap();

/**
 * The posts that pass every check but the content filter. Pick from these and
 * judge only the post picked (`acceptable`): a cold instance's first joke then
 * judges one post, not the whole listing.
 */
export function candidatePosts(posts: readonly Post[], kind: ContentKind, options: FilterOptions): Post[] {
  return memoized(candidates, posts, kind, options, (post) => plainRejectReason(post, kind, options) === undefined);
}
