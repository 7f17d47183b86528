import type { NextState } from './conversation';

/**
 * What an intent handler answers, independent of Dialogflow's wire format.
 * The adapters in src/dialogflow/ turn it into a v2 (ES) or cx.v3 (CX) WebhookResponse.
 */
export interface LinkCard {
  title: string;
  subtitle: string;
  url: string;
}

export interface Reply {
  /** Plain text, read aloud and shown; ends with the follow-up question where there is one. */
  speech: string;
  /** Chat bubbles, in order (a joke's setup, then its punchline); the speech alone when absent. */
  texts?: string[];
  chips: string[];
  card?: LinkCard;
  /**
   * The conversation state for the next turn: a new one, `null` to end it
   * (bye), or absent to leave whatever the request carried as it is.
   */
  conversation?: NextState | null;
  /** What was served, for the request log (not sent to Dialogflow). */
  served?: { kind: string; source: 'reddit' | 'offline'; subreddit?: string; postId: string };
  /** What the user thought of the last post, for the request log (operators count these). */
  feedback?: { sentiment: 'positive' | 'negative'; kind?: string; postId?: string };
}
