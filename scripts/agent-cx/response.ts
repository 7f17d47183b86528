/**
 * What Dialogflow CX accepts as a webhook's answer: the fields of
 * `google.cloud.dialogflow.cx.v3.WebhookResponse` (JSON names), strict, so the
 * local chat refuses what CX would refuse. Only text and payload messages are
 * read; the other kinds of ResponseMessage are allowed and ignored.
 */
import { z } from 'zod';
import type { ExpectedResponse } from '../local-agent/webhook-call';

const JsonObject = z.record(z.string(), z.unknown());

const ResponseMessageSchema = z.strictObject({
  text: z.strictObject({ text: z.array(z.string()), allowPlaybackInterruption: z.boolean().optional() }).optional(),
  payload: JsonObject.optional(),
  channel: z.string().optional(),
  conversationSuccess: JsonObject.optional(),
  outputAudioText: JsonObject.optional(),
  liveAgentHandoff: JsonObject.optional(),
  endInteraction: JsonObject.optional(),
  playAudio: JsonObject.optional(),
  mixedAudio: JsonObject.optional(),
  telephonyTransferCall: JsonObject.optional(),
  knowledgeInfoCard: JsonObject.optional(),
});

export const CxWebhookResponseSchema = z.strictObject({
  fulfillmentResponse: z
    .strictObject({
      messages: z.array(ResponseMessageSchema).optional(),
      mergeBehavior: z.enum(['MERGE_BEHAVIOR_UNSPECIFIED', 'APPEND', 'REPLACE']).optional(),
    })
    .optional(),
  pageInfo: JsonObject.optional(),
  sessionInfo: z.strictObject({ session: z.string().optional(), parameters: JsonObject.optional() }).optional(),
  payload: JsonObject.optional(),
  targetPage: z.string().optional(),
  targetFlow: z.string().optional(),
});

export type CxWebhookResponseBody = z.infer<typeof CxWebhookResponseSchema>;

export const CX_RESPONSE: ExpectedResponse<CxWebhookResponseBody> = { schema: CxWebhookResponseSchema, name: 'a cx.v3 WebhookResponse' };
