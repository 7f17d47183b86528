import type { ConversationState } from '../conversation';
import type { Turn } from '../turn';

/** What the conversation held before this turn: kind, topic, served ids (the adapter read it from its edition's carrier). */
export type Followup = ConversationState;

export function readFollowup(turn: Turn): Followup {
  return turn.conversation.state;
}

/** "Another one" still works on the next turn: the state lives on and names a kind. */
export function followupAlive(turn: Turn): boolean {
  return turn.conversation.alive && Boolean(turn.conversation.state.content);
}
