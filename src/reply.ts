/**
 * What an intent handler answers, independent of Dialogflow's wire format.
 * The adapter in src/dialogflow/response.ts turns it into a v2 WebhookResponse.
 */
export interface LinkCard {
  title: string;
  subtitle: string;
  url: string;
}

export interface OutputContext {
  /** Short name (`content-followup`); the adapter prefixes the session. */
  name: string;
  /** 0 clears the context. */
  lifespanCount: number;
  parameters?: Record<string, unknown>;
}

export interface Reply {
  /** Plain text, read aloud and shown; ends with the follow-up question where there is one. */
  speech: string;
  /** Chat bubbles, in order (a joke's setup, then its punchline); the speech alone when absent. */
  texts?: string[];
  chips: string[];
  card?: LinkCard;
  contexts: OutputContext[];
  /** What was served, for the request log (not sent to Dialogflow). */
  served?: { kind: string; source: 'reddit' | 'offline'; subreddit?: string; postId: string };
  /** What the user thought of the last post, for the request log (operators count these). */
  feedback?: { sentiment: 'positive' | 'negative'; kind?: string; postId?: string };
}
