import type { ContentFilterLevel } from '../content-filter';
import type { Deadline } from '../deadline';
import type { Turn } from '../turn';
import type { Logger } from '../log';
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
}

export type IntentHandler = (ctx: IntentContext) => Promise<Reply> | Reply;
