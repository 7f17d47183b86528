import type { ContentFilterLevel } from '../content-filter';
import type { Deadline } from '../deadline';
import type { Turn } from '../turn';
import type { Logger } from '../log';
import type { PostJudge } from '../moderation/judge';
import type { PostSource } from '../reddit/client';
import type { Reply } from '../reply';

/** Everything an intent handler may use. No req/res, no axios. */
export interface IntentContext {
  turn: Turn;
  posts: PostSource;
  deadline: Deadline;
  allowNsfw: boolean;
  /** Unset means `standard` (src/content-filter.ts). */
  contentFilter?: ContentFilterLevel;
  random: () => number;
  log: Logger;
  /** The moderation model's verdicts (MODERATION=google); unset: the local content filter judges. */
  judge?: PostJudge;
}

export type IntentHandler = (ctx: IntentContext) => Promise<Reply> | Reply;
