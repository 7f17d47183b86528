import { ACTIONS, CONTEXTS, INTENTS } from '../../src/dialogflow/names';

/** The Dialogflow ES v2 WebhookRequest bodies the benchmarks send, as Dialogflow would. */

const SESSION = 'projects/bench-agent/agent/sessions/bench-session';

export function webhookRequest(
  queryText: string,
  action: string,
  intent: string,
  parameters: Record<string, unknown>,
  contexts: unknown[] = [],
  session = SESSION,
) {
  return {
    responseId: 'bench-response-id',
    session,
    queryResult: {
      queryText,
      languageCode: 'en',
      action,
      parameters,
      allRequiredParamsPresent: true,
      outputContexts: contexts,
      intent: { name: `projects/bench-agent/agent/intents/${intent}`, displayName: intent },
      intentDetectionConfidence: 1,
    },
    originalDetectIntentRequest: { source: 'DIALOGFLOW_CONSOLE', payload: {} },
  };
}

const followup = (servedIds: string[]) => ({
  name: `${SESSION}/contexts/${CONTEXTS.followup}`,
  lifespanCount: 4,
  parameters: { content: 'joke', topic: '', servedIds },
});

export const BODIES = {
  welcome: JSON.stringify(webhookRequest('hi', ACTIONS.welcome, INTENTS.welcome, {})),
  joke: JSON.stringify(webhookRequest('tell me a joke', ACTIONS.sayContent, INTENTS.sayContent, { content: 'joke', topic: '' })),
  /** A search listing: never fetched by the start-up warm-up, so a guaranteed cache miss on a fresh instance. */
  jokeAboutCats: JSON.stringify(
    webhookRequest('tell me a joke about cats', ACTIONS.sayContent, INTENTS.sayContent, { content: 'joke', topic: 'cats' }),
  ),
  more: JSON.stringify(webhookRequest('another one', ACTIONS.sayContent, INTENTS.sayContentMore, {}, [followup(['b161', 'b162'])])),
  bye: JSON.stringify(webhookRequest('bye', ACTIONS.bye, INTENTS.bye, {}, [followup(['b161'])])),
} as const;

export type BodyName = keyof typeof BODIES;

/** A conversation in a loop (welcome, joke, more, bye): what the memory benchmark repeats. */
export const CONVERSATION: readonly BodyName[] = ['welcome', 'joke', 'more', 'bye'];

export const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** The post ids an answer says it served (content-followup context), or [] when it served none. */
export function servedIds(answerBody: string): string[] {
  try {
    const body = JSON.parse(answerBody) as { outputContexts?: Array<{ parameters?: { servedIds?: unknown } }> };
    const ids = body.outputContexts?.[0]?.parameters?.servedIds;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
