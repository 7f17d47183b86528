import * as z from 'zod';
import { CONTEXTS, FOLLOWUP_LIFESPAN } from '../dialogflow/names';
import type { Turn } from '../dialogflow/request';
import type { OutputContext } from '../reply';
import { MAX_SERVED_IDS } from '../reddit/pick';

/** Reddit ids are short base-36 strings; our own collection's are `offline:<set>:<n>`. */
const POST_ID = /^(?:[A-Za-z0-9_]{1,20}|offline:[a-z-]{1,20}:\d{1,4})$/;

/**
 * State of a conversation carried in the `content-followup` context, so the
 * webhook needs no session store. Dialogflow also copies the intent's own
 * parameters into it (content.original, ...); those are ignored.
 */
const FollowupSchema = z.object({
  content: z.string().max(100).optional().catch(undefined),
  topic: z.string().max(200).optional().catch(undefined),
  /** Which follow-up question the last answer asked, so the next one asks another. */
  asked: z.number().int().min(0).max(50).optional().catch(undefined),
  /** The topic whose miss was already said: "I couldn't find ..." is said once per topic. */
  noted: z.string().max(200).optional().catch(undefined),
  // Written back into the next answer's context, so only what looks like a Reddit post id survives.
  servedIds: z
    .array(z.unknown())
    .catch([])
    .transform((ids) => ids.filter((id): id is string => typeof id === 'string' && POST_ID.test(id)).slice(-MAX_SERVED_IDS))
    .default([]),
});

export type Followup = z.infer<typeof FollowupSchema>;

export function readFollowup(turn: Turn): Followup {
  const context = turn.contexts.get(CONTEXTS.followup);
  // Every field catches its own garbage, so any parameters object parses: parse() cannot throw here.
  return FollowupSchema.parse(context?.parameters ?? {});
}

/**
 * The follow-up context will still be active on the next turn, so "another
 * one" would match say-content-more. (Dialogflow reports the lifespan left
 * after this turn; proto3 JSON leaves out a 0.)
 */
export function followupAlive(turn: Turn): boolean {
  const context = turn.contexts.get(CONTEXTS.followup);
  return Boolean(context && context.lifespanCount > 0 && readFollowup(turn).content);
}

export interface FollowupState {
  content: string;
  topic?: string;
  servedIds: string[];
  asked?: number;
  noted?: string;
}

export function followupContext(state: FollowupState): OutputContext {
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

export function clearFollowup(): OutputContext {
  return { name: CONTEXTS.followup, lifespanCount: 0 };
}
