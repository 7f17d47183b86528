/**
 * The `fulfillmentInfo.tag` of each webhook call the CX agent makes; the CX
 * webhook adapter routes by these. One module, so that when the adapter's own
 * exported list lands this becomes a one-line re-export.
 */
export const TAGS = {
  welcome: 'welcome',
  sayContent: 'say-content',
  more: 'more',
  topic: 'topic',
  repeat: 'repeat',
  help: 'help',
  surprise: 'surprise',
  feedback: 'feedback',
  bye: 'bye',
  fallback: 'fallback',
} as const;

export type Tag = (typeof TAGS)[keyof typeof TAGS];
