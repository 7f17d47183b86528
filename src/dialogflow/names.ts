/**
 * Names shared by the webhook and the exported agent (DESIGN.md, agent table).
 * The agent generator imports these too, so a rename cannot drift.
 */
export const ACTIONS = {
  welcome: 'input.welcome',
  sayContent: 'say-content',
  bye: 'bye',
  fallback: 'input.unknown',
  help: 'help',
  surprise: 'surprise',
  repeat: 'repeat',
  feedback: 'feedback',
} as const;

export const INTENTS = {
  welcome: 'Default Welcome Intent',
  sayContent: 'say-content',
  sayContentMore: 'say-content-more',
  bye: 'bye',
  fallback: 'Default Fallback Intent',
  help: 'help',
  surprise: 'surprise',
  repeat: 'repeat',
  feedback: 'feedback',
} as const;

export const CONTEXTS = {
  followup: 'content-followup',
} as const;

/** Turns the follow-up context survives ("more" works for this many exchanges). */
export const FOLLOWUP_LIFESPAN = 5;

/** Entity and parameter names of the say-content intent. */
export const ENTITY_CONTENT = 'content';
export const PARAMS = {
  content: 'content',
  topic: 'topic',
  sentiment: 'sentiment',
} as const;

/** Entity of the feedback intent's `sentiment` parameter; its values are these. */
export const ENTITY_SENTIMENT = 'sentiment';
export const SENTIMENTS = ['positive', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export type ActionName = (typeof ACTIONS)[keyof typeof ACTIONS];
