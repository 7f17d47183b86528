/** Builders for Dialogflow ES v2 WebhookRequests, as Dialogflow sends them. */
export const SESSION = 'projects/demo-project/agent/sessions/test-session';

export interface RequestOptions {
  action?: string;
  intent?: string;
  parameters?: Record<string, unknown>;
  contexts?: Array<{ name: string; lifespanCount?: number; parameters?: Record<string, unknown> }>;
  queryText?: string;
  source?: string;
  session?: string;
  /** `queryResult.languageCode`; default `en`. */
  languageCode?: string;
}

export function webhookRequest(options: RequestOptions = {}): Record<string, unknown> {
  const session = options.session ?? SESSION;
  return {
    responseId: 'response-id-1',
    session,
    queryResult: {
      queryText: options.queryText ?? 'tell me a joke',
      languageCode: options.languageCode ?? 'en',
      action: options.action ?? 'say-content',
      parameters: options.parameters ?? {},
      allRequiredParamsPresent: true,
      outputContexts: (options.contexts ?? []).map((context) => ({
        ...context,
        name: context.name.includes('/') ? context.name : `${session}/contexts/${context.name}`,
      })),
      intent: {
        name: 'projects/demo-project/agent/intents/0000',
        displayName: options.intent ?? 'say-content',
      },
      intentDetectionConfidence: 1,
    },
    originalDetectIntentRequest: options.source ? { source: options.source, payload: {} } : { payload: {} },
  };
}

export const welcomeRequest = () => webhookRequest({ action: 'input.welcome', intent: 'Default Welcome Intent', queryText: 'hi' });
export const byeRequest = () => webhookRequest({ action: 'bye', intent: 'bye', queryText: 'bye' });
export const fallbackRequest = () =>
  webhookRequest({ action: 'input.unknown', intent: 'Default Fallback Intent', queryText: 'what is the airspeed of a swallow' });
export const sayRequest = (content: string, topic?: string) =>
  webhookRequest({ parameters: topic ? { content, topic } : { content, topic: '' }, queryText: `tell me a ${content}` });

/** "more" with the context the previous answer returned. */
export function moreRequest(previous: { outputContexts?: Array<Record<string, unknown>> }): Record<string, unknown> {
  return webhookRequest({
    intent: 'say-content-more',
    queryText: 'another one',
    contexts: (previous.outputContexts ?? []) as RequestOptions['contexts'],
  });
}

/** A turn of `action` (also the intent's name) with the follow-up context carrying `state`; `parameters` are the intent's own. */
export const followupRequest = (action: string, state: Record<string, unknown>, parameters: Record<string, unknown> = {}) =>
  webhookRequest({ action, intent: action, queryText: action, parameters, contexts: [{ name: 'content-followup', lifespanCount: 4, parameters: state }] });
