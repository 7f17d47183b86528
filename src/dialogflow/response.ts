import { z } from 'zod';
import type { Reply } from '../reply';
import type { WebhookRequest } from './request';

/**
 * Reply → Dialogflow ES v2 WebhookResponse.
 *
 * `dialogflow-fulfillment` builds the messages (platform-specific quick
 * replies for Telegram/Slack/Facebook, plain ones elsewhere), behind this one
 * function so its quirks stay here:
 * - it only sets `fulfillmentText` when the answer is a single text;
 * - it copies a platform-less payload to the top-level `payload`;
 * - `end()` would add `triggerEndOfConversation`, which v2 rejects: we never call it;
 * - its quick replies have no title, which Telegram needs to show them.
 * The result is then checked against a strict schema of the v2 fields we emit;
 * anything unexpected degrades to a plain text answer instead of an answer
 * Dialogflow would reject.
 */

const Struct = z.record(z.string(), z.unknown());
const Platform = z.enum([
  'PLATFORM_UNSPECIFIED',
  'FACEBOOK',
  'SLACK',
  'TELEGRAM',
  'KIK',
  'SKYPE',
  'LINE',
  'VIBER',
  'ACTIONS_ON_GOOGLE',
  'GOOGLE_HANGOUTS',
]);

const MessageSchema = z.union([
  z.strictObject({ text: z.strictObject({ text: z.array(z.string()) }), platform: Platform.optional() }),
  z.strictObject({
    quickReplies: z.strictObject({ title: z.string().optional(), quickReplies: z.array(z.string()) }),
    platform: Platform.optional(),
  }),
  z.strictObject({ payload: Struct, platform: Platform.optional() }),
]);

const ContextSchema = z.strictObject({
  name: z.string(),
  lifespanCount: z.number().int().min(0).optional(),
  parameters: Struct.optional(),
});

export const WebhookResponseSchema = z.strictObject({
  fulfillmentText: z.string(),
  fulfillmentMessages: z.array(MessageSchema).optional(),
  outputContexts: z.array(ContextSchema).optional(),
});

export type WebhookResponse = z.infer<typeof WebhookResponseSchema>;

/** Quick-reply title for integrations that need one (Telegram shows it above the buttons). */
const CHIPS_TITLE = 'Choose one:';

// Loaded on first use, not at import: the library pulls actions-on-google, which is slow to
// require, and start-up time is what a cold instance makes its first user wait for.
let fulfillment: typeof import('dialogflow-fulfillment') | undefined;
function library(): typeof import('dialogflow-fulfillment') {
  fulfillment ??= require('dialogflow-fulfillment') as typeof import('dialogflow-fulfillment');
  return fulfillment;
}

/** Loads the response library now (after start-up, before the first request needs it). */
export function preloadResponseLibrary(): void {
  library();
}

/** Dialogflow Messenger's rich content: a link card and clickable chips. */
export function messengerPayload(reply: Reply): Record<string, unknown> {
  const rows: unknown[][] = [];
  if (reply.card) {
    rows.push([
      {
        type: 'info',
        title: reply.card.title,
        subtitle: reply.card.subtitle,
        actionLink: reply.card.url,
      },
    ]);
  }
  if (reply.chips.length > 0) {
    rows.push([{ type: 'chips', options: reply.chips.map((text) => ({ text })) }]);
  }
  return { richContent: rows };
}

async function buildWithLibrary(request: WebhookRequest, reply: Reply): Promise<unknown> {
  const { WebhookClient, Text, Suggestion, Payload } = library();
  let sent: unknown;
  const response = {
    json(body: unknown) {
      sent = body;
      return response;
    },
    status() {
      return response;
    },
  };
  // The library dereferences queryResult.intent.displayName unconditionally.
  const body = { ...request, queryResult: { ...request.queryResult, intent: request.queryResult.intent ?? { displayName: '' } } };
  const agent = new WebhookClient({
    request: { body, headers: {} } as never,
    response: response as never,
  });
  agent.add(new Text(reply.speech));
  const payload = messengerPayload(reply);
  if ((payload.richContent as unknown[]).length > 0) {
    agent.add(new Payload('PLATFORM_UNSPECIFIED' as never, payload, { rawPayload: true, sendAsMessage: true }));
  }
  for (const chip of reply.chips) agent.add(new Suggestion(chip));
  await agent.handleRequest(() => undefined);
  return sent;
}

function normalize(raw: unknown, reply: Reply, session: string): unknown {
  const body = { ...(raw as Record<string, unknown>) };
  delete body.payload;
  body.fulfillmentText = reply.speech;
  if (Array.isArray(body.fulfillmentMessages)) {
    body.fulfillmentMessages = body.fulfillmentMessages.map((message: Record<string, unknown>) => {
      const quick = message.quickReplies as { title?: string; quickReplies: string[] } | undefined;
      return quick && !quick.title ? { ...message, quickReplies: { title: CHIPS_TITLE, ...quick } } : message;
    });
  }
  // Contexts are written here rather than through the library: it derives context names by
  // splitting the session path at a fixed index, which breaks for environment sessions.
  body.outputContexts = reply.contexts.map((context) => ({
    name: `${session}/contexts/${context.name}`,
    lifespanCount: context.lifespanCount,
    ...(context.parameters ? { parameters: context.parameters } : {}),
  }));
  if ((body.outputContexts as unknown[]).length === 0) delete body.outputContexts;
  return body;
}

export async function toWebhookResponse(request: WebhookRequest, reply: Reply): Promise<WebhookResponse> {
  const raw = await buildWithLibrary(request, reply);
  const checked = WebhookResponseSchema.safeParse(normalize(raw, reply, request.session));
  if (checked.success) return checked.data;
  // Should never happen; if the library changes shape, answer plainly rather than be rejected.
  return { fulfillmentText: reply.speech };
}
