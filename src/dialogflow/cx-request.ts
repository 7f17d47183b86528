import * as z from 'zod';
import { readConversationState, type Conversation } from '../conversation';
import type { Turn } from '../turn';
import { CX_SESSION_PARAMS } from './cx-tags';
import { boundedStruct, boundedValue } from './json-limits';
import { MAX_PARAMETERS, PARAMETER_LIMITS, ParametersSchema, PAYLOAD_LIMITS } from './request';

/**
 * The parts of a Dialogflow CX `google.cloud.dialogflow.cx.v3.WebhookRequest`
 * we use. As for ES, unknown fields are allowed (CX adds fields over time:
 * sentimentAnalysisResult, languageInfo, ...); the ones we read are checked
 * and bounded with the ES limits. A null is read as absent, as proto3 JSON
 * reads it (Google's own samples send `"tag": null`).
 */
const CX_SESSION_PATTERN = /^projects\/[^/\s]+\/locations\/[^/\s]+\/agents\/[^/\s]+\/(?:environments\/[^/\s]+\/)?sessions\/[^/\s]+$/;

const notTooMany = (parameters: object) => Object.keys(parameters).length <= MAX_PARAMETERS;

/** `intentInfo.parameters`: parameter id → the value as said and as resolved by the entity. */
const IntentParametersSchema = z
  .record(
    z.string().max(PARAMETER_LIMITS.maxKeyChars),
    z.object({
      originalValue: z.string().max(PARAMETER_LIMITS.maxStringChars).nullish(),
      resolvedValue: boundedValue(PARAMETER_LIMITS).nullish(),
    }),
  )
  .refine(notTooMany, `more than ${MAX_PARAMETERS} parameters`);

const FormParameterSchema = z.object({
  displayName: z.string().max(PARAMETER_LIMITS.maxKeyChars).nullish(),
  state: z.string().max(50).nullish(),
  value: boundedValue(PARAMETER_LIMITS).nullish(),
});

export const CxWebhookRequestSchema = z.object({
  detectIntentResponseId: z.string().max(200).nullish(),
  text: z.string().max(4096).nullish(),
  transcript: z.string().max(4096).nullish(),
  triggerIntent: z.string().max(1000).nullish(),
  triggerEvent: z.string().max(200).nullish(),
  dtmfDigits: z.string().max(100).nullish(),
  languageCode: z.string().max(35).nullish(),
  fulfillmentInfo: z.object({ tag: z.string().max(200).nullish() }).nullish(),
  intentInfo: z
    .object({
      lastMatchedIntent: z.string().max(1000).nullish(),
      displayName: z.string().max(200).nullish(),
      parameters: IntentParametersSchema.nullish(),
      confidence: z.number().nullish(),
    })
    .nullish(),
  pageInfo: z
    .object({
      currentPage: z.string().max(1000).nullish(),
      displayName: z.string().max(200).nullish(),
      formInfo: z.object({ parameterInfo: z.array(FormParameterSchema).max(MAX_PARAMETERS).nullish() }).nullish(),
    })
    .nullish(),
  sessionInfo: z
    .object({
      session: z
        .string()
        .max(1000)
        .regex(CX_SESSION_PATTERN, 'must be a session path like projects/<p>/locations/<l>/agents/<a>/sessions/<id>')
        .nullish(),
      parameters: ParametersSchema.nullish(),
    })
    .nullish(),
  payload: boundedStruct(PAYLOAD_LIMITS).nullish(),
});

export type CxWebhookRequest = z.infer<typeof CxWebhookRequestSchema>;

/** A body with `fulfillmentInfo` or `sessionInfo` is a CX WebhookRequest (DESIGN.md, HTTP contract). */
export function isCxBody(body: Record<string, unknown>): boolean {
  return 'fulfillmentInfo' in body || 'sessionInfo' in body;
}

/** The tag of the fulfillment that called, '' when there is none. */
export function cxTag(request: CxWebhookRequest): string {
  return request.fulfillmentInfo?.tag ?? '';
}

/**
 * The intent's own parameters: a page form's values (by display name), and
 * over them the matched intent's resolved values. Session parameters are not
 * read here (see cx-tags.ts).
 */
function intentParameters(request: CxWebhookRequest): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const field of request.pageInfo?.formInfo?.parameterInfo ?? []) {
    if (field.displayName && field.value !== undefined && field.value !== null) parameters[field.displayName] = field.value;
  }
  for (const [name, value] of Object.entries(request.intentInfo?.parameters ?? {})) {
    const resolved = value.resolvedValue ?? value.originalValue;
    if (resolved !== undefined && resolved !== null) parameters[name] = resolved;
  }
  return parameters;
}

/** The state the previous answers left in the session; alive while it names a kind (CX keeps it until cleared). */
function conversationOf(session: Record<string, unknown>): Conversation {
  const carried = Object.fromEntries(
    Object.entries(CX_SESSION_PARAMS)
      .map(([field, name]) => [field, session[name]] as const)
      // null is how CX shows a cleared parameter; the state reads it as absent.
      .filter(([, value]) => value !== null && value !== undefined),
  );
  const state = readConversationState(carried);
  return { state, alive: state.content !== undefined };
}

export function cxToTurn(request: CxWebhookRequest): Turn {
  return {
    session: request.sessionInfo?.session ?? '',
    action: cxTag(request),
    intent: request.intentInfo?.displayName ?? '',
    queryText: request.text ?? request.transcript ?? request.dtmfDigits ?? request.triggerEvent ?? '',
    languageCode: request.languageCode ?? 'en',
    parameters: intentParameters(request),
    conversation: conversationOf(request.sessionInfo?.parameters ?? {}),
  };
}
