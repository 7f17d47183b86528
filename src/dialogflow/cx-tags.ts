/**
 * Names shared by the webhook and the Dialogflow CX agent (agent-cx/): the
 * generator imports this module, so a rename cannot drift. The ES names are
 * in ./names.ts.
 */

/**
 * `fulfillmentInfo.tag` of each webhook call, one per intent of today (plus
 * `more` and `topic`, which CX routes separately). An unknown or missing tag
 * gets the fallback answer, not an error.
 */
export const CX_TAGS = {
  welcome: 'welcome',
  /** "tell me a joke", "a fact about space": intent parameters `content` (required) and `topic`. */
  sayContent: 'say-content',
  /** "another one": the kind and topic of the conversation. */
  more: 'more',
  /** "one about cats": a new topic, for the kind in `content` or else the conversation's. */
  topic: 'topic',
  repeat: 'repeat',
  help: 'help',
  surprise: 'surprise',
  /** "good one" / "not funny": intent parameter `sentiment` (`positive`, `negative`). */
  feedback: 'feedback',
  /** Ends the conversation: every session parameter below is set to null. */
  bye: 'bye',
  fallback: 'fallback',
} as const;

export type CxTag = (typeof CX_TAGS)[keyof typeof CX_TAGS];

/**
 * Session parameters that carry the conversation between turns (what the ES
 * agent keeps in the `content-followup` context). Prefixed, so they cannot
 * collide with the intents' own parameters (`content`, `topic`, `sentiment`),
 * which CX also copies into the session. Every answer that keeps the
 * conversation writes all five (null for the ones without a value); bye sets
 * all five to null. A route condition such as
 * `$session.params.followup_content != null` is the CX counterpart of the ES
 * input context `content-followup`.
 */
export const CX_SESSION_PARAMS = {
  /** The content kind of the last answer (`joke`, `fact`, ...). */
  content: 'followup_content',
  /** The topic of the last request, if any. */
  topic: 'followup_topic',
  /** Ids of the posts told in this conversation, oldest first; the last one is what "repeat" tells again. */
  servedIds: 'followup_served_ids',
  /** Index of the follow-up question the last answer asked. */
  asked: 'followup_asked',
  /** The topic whose "couldn't find" was already said. */
  noted: 'followup_noted',
} as const;

/**
 * The webhook reads the intent's parameters from `intentInfo.parameters`
 * (resolved values) and from a page form (`pageInfo.formInfo.parameterInfo`,
 * by display name), never from session parameters: a topic from an earlier
 * turn must not stick to a later request. Their ids are those of the ES agent.
 */
export { PARAMS as CX_INTENT_PARAMS } from './names';
