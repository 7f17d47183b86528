import * as z from 'zod';
import { MAX_SERVED_IDS } from './reddit/pick';

/**
 * Where a conversation stands between turns, whichever edition carries it
 * (ES: the `content-followup` context; CX: session parameters). The webhook
 * keeps no session store: each answer writes the state, the next request
 * brings it back. The adapters in src/dialogflow/ read and write it; the
 * intent handlers only see these types.
 */

/** Reddit ids are short base-36 strings; our own collection's are `offline:<set>:<n>`. */
const POST_ID = /^(?:[A-Za-z0-9_]{1,20}|offline:[a-z-]{1,20}:\d{1,4})$/;

/**
 * The state as it comes back from the caller. Dialogflow (and whoever else
 * can write the carrier) may put anything there: every field catches its own
 * garbage, so any object parses.
 */
export const ConversationStateSchema = z.object({
  /** The content kind of the last answer (`joke`, `fact`, ...). */
  content: z.string().max(100).optional().catch(undefined),
  topic: z.string().max(200).optional().catch(undefined),
  /** Which follow-up question the last answer asked, so the next one asks another. */
  asked: z.number().int().min(0).max(50).optional().catch(undefined),
  /** The topic whose miss was already said: "I couldn't find ..." is said once per topic. */
  noted: z.string().max(200).optional().catch(undefined),
  // Written back into the next answer, so only what looks like a post id survives; the last one is the post "repeat" tells.
  servedIds: z
    .array(z.unknown())
    .catch([])
    .transform((ids) => ids.filter((id): id is string => typeof id === 'string' && POST_ID.test(id)).slice(-MAX_SERVED_IDS))
    .default([]),
});

export type ConversationState = z.infer<typeof ConversationStateSchema>;

/** Parameters from the carrier → state; never throws. */
export function readConversationState(parameters: Record<string, unknown>): ConversationState {
  return ConversationStateSchema.parse(parameters);
}

/** The state a turn starts from. */
export interface Conversation {
  state: ConversationState;
  /**
   * The state is still carried after this turn without being written again
   * (ES: the follow-up context has lifespan left, so "another one" matches
   * say-content-more; CX: session parameters stay until cleared).
   */
  alive: boolean;
}

/** The state an answer leaves for the next turn. */
export interface NextState {
  content: string;
  topic?: string;
  servedIds: string[];
  asked?: number;
  noted?: string;
}
