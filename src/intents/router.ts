import { CX_TAGS } from '../dialogflow/cx-tags';
import { ACTIONS, INTENTS } from '../dialogflow/names';
import type { Turn } from '../turn';
import type { IntentHandler } from './context';
import { sayContent, sayContentAbout } from './say-content';
import { bye, fallback, welcome } from './simple';
import { feedback, help, repeat, surprise } from './more-ways';

/** Handlers by action: the contract between the agent's intents and the webhook. */
export const BY_ACTION: ReadonlyMap<string, IntentHandler> = new Map<string, IntentHandler>([
  [ACTIONS.welcome, welcome],
  [ACTIONS.sayContent, sayContent],
  [ACTIONS.bye, bye],
  [ACTIONS.fallback, fallback],
  [ACTIONS.help, help],
  [ACTIONS.surprise, surprise],
  [ACTIONS.repeat, repeat],
  [ACTIONS.feedback, feedback],
]);

/** For agents edited without actions: the display names of DESIGN.md's intents. */
const BY_INTENT_NAME: ReadonlyMap<string, IntentHandler> = new Map<string, IntentHandler>([
  [INTENTS.welcome, welcome],
  [INTENTS.sayContent, sayContent],
  [INTENTS.sayContentMore, sayContent],
  [INTENTS.bye, bye],
  [INTENTS.fallback, fallback],
  [INTENTS.help, help],
  [INTENTS.surprise, surprise],
  [INTENTS.repeat, repeat],
  [INTENTS.feedback, feedback],
]);

/** Routes by action, then intent display name; anything unknown gets the fallback. */
export function route(turn: Turn): IntentHandler {
  return BY_ACTION.get(turn.action) ?? BY_INTENT_NAME.get(turn.intent) ?? fallback;
}

/** Handlers by CX fulfillment tag (src/dialogflow/cx-tags.ts). */
const BY_TAG: ReadonlyMap<string, IntentHandler> = new Map<string, IntentHandler>([
  [CX_TAGS.welcome, welcome],
  [CX_TAGS.sayContent, sayContent],
  [CX_TAGS.more, sayContent],
  [CX_TAGS.topic, sayContentAbout],
  [CX_TAGS.repeat, repeat],
  [CX_TAGS.help, help],
  [CX_TAGS.surprise, surprise],
  [CX_TAGS.feedback, feedback],
  [CX_TAGS.bye, bye],
  [CX_TAGS.fallback, fallback],
]);

/** The handler of a CX tag; undefined for a tag this webhook does not know. */
export function routeTag(tag: string): IntentHandler | undefined {
  return BY_TAG.get(tag);
}
