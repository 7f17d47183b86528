/**
 * The v2 WebhookRequest Dialogflow ES would POST for a matched intent
 * (google.cloud.dialogflow.v2.WebhookRequest, JSON field names).
 */
import type { AgentIntent } from './agent';
import { toWireContexts, type Contexts, type WireContext } from './contexts';

/** Stands in for the GCP project id in resource names. */
export const LOCAL_PROJECT = 'local-agent';

export interface WebhookRequestBody {
  responseId: string;
  session: string;
  queryResult: {
    queryText: string;
    languageCode: string;
    action: string;
    parameters: Record<string, string>;
    allRequiredParamsPresent: boolean;
    fulfillmentText: string;
    fulfillmentMessages: Array<{ text: { text: string[] } }>;
    outputContexts: WireContext[];
    intent: { name: string; displayName: string; isFallback?: boolean };
    intentDetectionConfidence: number;
  };
  originalDetectIntentRequest: { source?: string; payload: Record<string, unknown> };
}

export interface RequestInput {
  readonly session: string;
  readonly responseId: string;
  readonly queryText: string;
  readonly intent: AgentIntent;
  readonly score: number;
  readonly parameters: Readonly<Record<string, string>>;
  /** The contexts active after this turn (aged, then changed by the intent). */
  readonly contexts: Contexts;
  /** `originalDetectIntentRequest.source`, e.g. `telegram`; unset like the console. */
  readonly source?: string;
  readonly languageCode?: string;
}

export function sessionPath(sessionId: string, project: string = LOCAL_PROJECT): string {
  return `projects/${project}/agent/sessions/${sessionId}`;
}

export function buildWebhookRequest(input: RequestInput): WebhookRequestBody {
  const project = /^projects\/([^/]+)\//.exec(input.session)?.[1] ?? LOCAL_PROJECT;
  // Dialogflow sends every parameter of the intent, the ones not given as "".
  const parameters: Record<string, string> = {};
  for (const parameter of input.intent.parameters) parameters[parameter.name] = input.parameters[parameter.name] ?? '';
  const staticReply = input.intent.staticReplies[0] ?? '';
  return {
    responseId: input.responseId,
    session: input.session,
    queryResult: {
      queryText: input.queryText,
      languageCode: input.languageCode ?? 'en',
      action: input.intent.action,
      parameters,
      allRequiredParamsPresent: true,
      fulfillmentText: staticReply,
      fulfillmentMessages: staticReply ? [{ text: { text: [staticReply] } }] : [],
      outputContexts: toWireContexts(input.session, input.contexts),
      intent: {
        name: `projects/${project}/agent/intents/${input.intent.id}`,
        displayName: input.intent.name,
        ...(input.intent.fallback ? { isFallback: true } : {}),
      },
      intentDetectionConfidence: Math.round(input.score * 1000) / 1000,
    },
    originalDetectIntentRequest: input.source ? { source: input.source, payload: {} } : { payload: {} },
  };
}
