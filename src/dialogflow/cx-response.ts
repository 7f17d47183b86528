import type { NextState } from '../conversation';
import type { Reply } from '../reply';
import { CX_SESSION_PARAMS } from './cx-tags';
import { messengerPayload } from './response';

/**
 * Reply → Dialogflow CX `google.cloud.dialogflow.cx.v3.WebhookResponse`,
 * built field by field (no library: dialogflow-fulfillment knows only ES).
 * Only fields of the cx.v3 protos, so the strict check in the tests holds:
 * - the chat bubbles as text messages, then one payload message with Dialogflow
 *   Messenger's rich content (the post card and the chips), as the ES answer has;
 * - `mergeBehavior: REPLACE`, so the webhook's messages are the answer, not an
 *   addition to whatever the route says itself;
 * - the conversation state as session parameters (cx-tags.ts); null removes one.
 */
export interface CxMessage {
  text?: { text: string[] };
  payload?: Record<string, unknown>;
}

export interface CxWebhookResponse {
  fulfillmentResponse: { messages: CxMessage[]; mergeBehavior: 'REPLACE' };
  sessionInfo?: { parameters: Record<string, unknown> };
}

/** Every state parameter: its value, or null to remove it (CX merges parameters, so an absent one would stay). */
export function cxSessionParameters(next: NextState | null): Record<string, unknown> {
  return {
    [CX_SESSION_PARAMS.content]: next?.content ?? null,
    [CX_SESSION_PARAMS.topic]: next?.topic || null,
    [CX_SESSION_PARAMS.servedIds]: next?.servedIds ?? null,
    [CX_SESSION_PARAMS.asked]: next?.asked ?? null,
    [CX_SESSION_PARAMS.noted]: next?.noted || null,
  };
}

function textMessages(reply: Reply): CxMessage[] {
  return (reply.texts ?? [reply.speech]).map((text) => ({ text: { text: [text] } }));
}

export function toCxWebhookResponse(reply: Reply): CxWebhookResponse {
  const messages = textMessages(reply);
  const rich = messengerPayload(reply);
  if ((rich.richContent as unknown[]).length > 0) messages.push({ payload: rich });
  return {
    fulfillmentResponse: { messages, mergeBehavior: 'REPLACE' },
    ...(reply.conversation === undefined ? {} : { sessionInfo: { parameters: cxSessionParameters(reply.conversation) } }),
  };
}

/** The last resort when building the answer failed: the apology's text alone. */
export function cxApology(reply: Reply): CxWebhookResponse {
  return { fulfillmentResponse: { messages: textMessages(reply), mergeBehavior: 'REPLACE' } };
}
