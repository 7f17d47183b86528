import type { CategoryScore } from './thresholds';

/** Why the model gave no scores: each is judged by the local filter at `strict` instead. */
export type ModerationFailure = 'timeout' | 'unavailable' | 'quota' | 'denied' | 'invalid';

export class ModerationError extends Error {
  override name = 'ModerationError';
  constructor(
    readonly reason: ModerationFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Scores for a text, within `timeoutMs`; rejects with a ModerationError. */
export type ModerateText = (text: string, timeoutMs: number) => Promise<CategoryScore[]>;

