import type { Conversation } from './conversation';

/**
 * One conversational turn, as the intent handlers see it: no HTTP, no library
 * types, no edition. The ES and CX adapters in src/dialogflow/ build it.
 */
export interface Turn {
  /** The session path, for the log. */
  session: string;
  /** ES: `queryResult.action`; CX: `fulfillmentInfo.tag`. */
  action: string;
  /** The matched intent's display name. */
  intent: string;
  queryText: string;
  languageCode: string;
  /** The matched intent's own parameters (`content`, `topic`, `sentiment`). */
  parameters: Record<string, unknown>;
  /** What the previous answer left for this turn. */
  conversation: Conversation;
  /** Integration the user talks through, lower case (`telegram`, `slack`, ...), if any. */
  source?: string;
}
