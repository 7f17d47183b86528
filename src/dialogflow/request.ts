import * as z from 'zod';
import { boundedStruct, type JsonLimits } from './json-limits';

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

const ParametersSchema = boundedStruct(PARAMETER_LIMITS).refine(
  (parameters) => Object.keys(parameters).length <= 200,
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

export interface InputContext {
  lifespanCount: number;
  parameters: Record<string, unknown>;
}

/** One conversational turn, as the intent handlers see it (no HTTP, no library types). */
export interface Turn {
  session: string;
  action: string;
  intent: string;
  queryText: string;
  languageCode: string;
  parameters: Record<string, unknown>;
  /** Active contexts by short name (`content-followup`), from queryResult.outputContexts. */
  contexts: ReadonlyMap<string, InputContext>;
  /** Integration the user talks through, lower case (`telegram`, `slack`, ...), if any. */
  source?: string;
}

export function contextShortName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('/contexts/') + '/contexts/'.length);
}

export function toTurn(request: WebhookRequest): Turn {
  const result = request.queryResult;
  const contexts = new Map<string, InputContext>();
  for (const context of result.outputContexts ?? []) {
    contexts.set(contextShortName(context.name), {
      lifespanCount: context.lifespanCount ?? 0,
      parameters: context.parameters ?? {},
    });
  }
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
    contexts,
    source: source?.toLowerCase(),
  };
}
