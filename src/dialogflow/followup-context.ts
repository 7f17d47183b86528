import type { NextState } from '../conversation';
import { CONTEXTS, FOLLOWUP_LIFESPAN } from './names';

/** An ES output context before the adapter prefixes the session to its name. */
export interface OutputContext {
  /** Short name (`content-followup`). */
  name: string;
  /** 0 clears the context. */
  lifespanCount: number;
  parameters?: Record<string, unknown>;
}

/** The state of the next turn, as the ES agent carries it: the follow-up context, alive for FOLLOWUP_LIFESPAN turns. */
export function followupContext(state: NextState): OutputContext {
  return {
    name: CONTEXTS.followup,
    lifespanCount: FOLLOWUP_LIFESPAN,
    parameters: {
      content: state.content,
      topic: state.topic ?? '',
      servedIds: state.servedIds,
      ...(state.asked === undefined ? {} : { asked: state.asked }),
      ...(state.noted ? { noted: state.noted } : {}),
    },
  };
}

/** The end of the conversation's state: the context with lifespan 0. */
export function clearFollowup(): OutputContext {
  return { name: CONTEXTS.followup, lifespanCount: 0 };
}

/** Reply.conversation → the output contexts: none when the answer leaves the state as it is. */
export function followupContexts(next: NextState | null | undefined): OutputContext[] {
  if (next === undefined) return [];
  return [next === null ? clearFollowup() : followupContext(next)];
}
