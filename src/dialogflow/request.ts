import * as z from 'zod';
import { readConversationState, type Conversation } from '../conversation';
import type { Turn } from '../turn';
import { boundedStruct, type JsonLimits } from './json-limits';
import { CONTEXTS } from './names';

/**
 * The parts of a Dialogflow ES v2 WebhookRequest we use. Dialogflow adds
 * fields over time (diagnosticInfo, sentiment, ...), so unknown fields are
 * allowed; the ones we read are checked and bounded.
 */
const SESSION_PATTERN =
  /^projects\/[^/\s]+\/(?:locations\/[^/\s]+\/)?agent\/(?:environments\/[^/\s]+\/users\/[^/\s]+\/)?sessions\/[^/\s]+$/;

/**
 * Parameter values can be any JSON (strings, lists, composite objects such as
 * sys.date-period); intent handlers read them defensively. The limits only
 * keep absurd values out: real ones are a few levels deep and no longer than
 * the query text they came from.
 */
export const PARAMETER_LIMITS: JsonLimits = { maxDepth: 6, maxStringChars: 4096, maxKeyChars: 200 };
/** Integration payloads (Telegram, Slack, Actions on Google) are deeper and may carry whole messages. */
export const PAYLOAD_LIMITS: JsonLimits = { maxDepth: 16, maxStringChars: 32 * 1024, maxKeyChars: 1000 };

export const MAX_PARAMETERS = 200;

/** Parameters of an intent or a context (ES), or of the session (CX). */
export const ParametersSchema = boundedStruct(PARAMETER_LIMITS).refine(
  (parameters) => Object.keys(parameters).length <= MAX_PARAMETERS,
  'more than 200 parameters',
);

const ContextSchema = z.object({
  name: z.string().max(1000).regex(/\/contexts\/[^/]+$/, 'must end with /contexts/<name>'),
  lifespanCount: z.number().int().min(0).optional(),
  parameters: ParametersSchema.optional(),
});

export const WebhookRequestSchema = z.object({
  responseId: z.string().max(200).optional(),
  session: z.string().max(1000).regex(SESSION_PATTERN, 'must be a session path like projects/<p>/agent/sessions/<id>'),
  queryResult: z.object({
    queryText: z.string().max(4096).optional(),
    languageCode: z.string().max(35).optional(),
    action: z.string().max(200).optional(),
    parameters: ParametersSchema.optional(),
    outputContexts: z.array(ContextSchema).max(100).optional(),
    intent: z
      .object({
        name: z.string().max(1000).optional(),
        displayName: z.string().max(200).optional(),
      })
      .optional(),
  }),
  originalDetectIntentRequest: z
    .object({
      source: z.string().max(100).optional(),
      payload: boundedStruct(PAYLOAD_LIMITS).optional(),
    })
    .optional(),
});

export type WebhookRequest = z.infer<typeof WebhookRequestSchema>;

export type { Turn } from '../turn';

export function contextShortName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('/contexts/') + '/contexts/'.length);
}

/**
 * The conversation state from the follow-up context. Dialogflow also copies
 * the intent's own parameters into it (content.original, ...); those are
 * ignored. Dialogflow reports the lifespan left after this turn (proto3 JSON
 * leaves out a 0): while it is above 0, "another one" matches say-content-more.
 */
function conversationOf(contexts: WebhookRequest['queryResult']['outputContexts']): Conversation {
  // The last one of that name counts, should a caller send two.
  const followup = contexts?.filter((context) => contextShortName(context.name) === CONTEXTS.followup).at(-1);
  return { state: readConversationState(followup?.parameters ?? {}), alive: (followup?.lifespanCount ?? 0) > 0 };
}

export function toTurn(request: WebhookRequest): Turn {
  const result = request.queryResult;
  const original = request.originalDetectIntentRequest;
  const payloadSource = original?.payload?.['source'];
  const source = original?.source ?? (typeof payloadSource === 'string' ? payloadSource : undefined);
  return {
    session: request.session,
    action: result.action ?? '',
    intent: result.intent?.displayName ?? '',
    queryText: result.queryText ?? '',
    languageCode: result.languageCode ?? 'en',
    parameters: result.parameters ?? {},
    conversation: conversationOf(result.outputContexts),
    source: source?.toLowerCase(),
  };
}
