import { ACTIONS, INTENTS } from '../dialogflow/names';
import type { Turn } from '../dialogflow/request';
import type { IntentHandler } from './context';
import { sayContent } from './say-content';
import { bye, fallback, welcome } from './simple';

/** Handlers by action: the contract between the agent's intents and the webhook. */
export const BY_ACTION: ReadonlyMap<string, IntentHandler> = new Map<string, IntentHandler>([
  [ACTIONS.welcome, welcome],
  [ACTIONS.sayContent, sayContent],
  [ACTIONS.bye, bye],
  [ACTIONS.fallback, fallback],
]);

/** For agents edited without actions: the display names of DESIGN.md's intents. */
const BY_INTENT_NAME: ReadonlyMap<string, IntentHandler> = new Map<string, IntentHandler>([
  [INTENTS.welcome, welcome],
  [INTENTS.sayContent, sayContent],
  [INTENTS.sayContentMore, sayContent],
  [INTENTS.bye, bye],
  [INTENTS.fallback, fallback],
]);

/** Routes by action, then intent display name; anything unknown gets the fallback. */
export function route(turn: Turn): IntentHandler {
  return BY_ACTION.get(turn.action) ?? BY_INTENT_NAME.get(turn.intent) ?? fallback;
}
