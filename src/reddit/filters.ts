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
  // Last: the costliest check, judged on exactly what would be read aloud (the card shows part of it).
  if (!judgeText(text, options.contentFilter ?? DEFAULT_CONTENT_FILTER).allowed) return 'offensive';
  return undefined;
}

/**
 * Filtering cleans and judges every post's text (entities, ~20 markdown
 * rules, the content filter): a few ms for a listing of 50, most of a warm
 * request. A cached listing is the
 * same array on every hit, so its result is kept per array (weakly: it goes
 * when the cache drops the listing), per kind and options.
 */
const filtered = new WeakMap<readonly Post[], Map<ContentKind, Map<string, readonly Post[]>>>();

export function eligiblePosts(posts: readonly Post[], kind: ContentKind, options: FilterOptions): Post[] {
  const optionsKey = `${options.allowNsfw}/${options.maxChars ?? MAX_CONTENT_CHARS}/${options.contentFilter ?? DEFAULT_CONTENT_FILTER}`;
  let byKind = filtered.get(posts);
  let byOptions = byKind?.get(kind);
  let result = byOptions?.get(optionsKey);
  if (!result) {
    result = posts.filter((post) => rejectReason(post, kind, options) === undefined);
    if (!byKind) filtered.set(posts, (byKind = new Map()));
    if (!byOptions) byKind.set(kind, (byOptions = new Map()));
    byOptions.set(optionsKey, result);
  }
  // A copy, so that a caller sorting or trimming its list cannot change the next caller's.
  return [...result];
}
