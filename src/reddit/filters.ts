import type { ContentKind } from '../catalog';
import { contentText } from '../speech/content';
import type { Post } from './listing';

/** Longest content we read aloud; longer posts are skipped rather than cut mid-story. */
export const MAX_CONTENT_CHARS = 480;

export type RejectReason = 'stickied' | 'nsfw' | 'removed' | 'spoiler' | 'not-text' | 'empty' | 'too-long';

export interface FilterOptions {
  allowNsfw: boolean;
  maxChars?: number;
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
  return undefined;
}

export function eligiblePosts(posts: readonly Post[], kind: ContentKind, options: FilterOptions): Post[] {
  return posts.filter((post) => rejectReason(post, kind, options) === undefined);
}
