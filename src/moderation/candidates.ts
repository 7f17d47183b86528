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

/**
 * Feeds the candidates to the judge (background) and answers from its
 * verdicts. The judged text is the text read aloud for the kind.
 */
export function judgedCandidates(
  judge: PostJudge,
  posts: Post[],
  kind: ContentKind,
  level: ContentFilterLevel,
  budgetMs: () => number,
): JudgedCandidates {
  const context = { lang: kind.lang.code, tone: kind.tone };
  const item = (post: Post): JudgeItem => ({ id: post.id, text: contentText(post, kind), context });
  judge.feed(posts.map(item));
  const cold = !posts.some((post) => judge.verdict(item(post), level) !== undefined);
  return {
    posts,
    accept: (post) => judge.verdict(item(post), level) === true,
    judgeOnSpot: cold ? (post) => judge.judgeNow(item(post), level, budgetMs()) : undefined,
  };
}
