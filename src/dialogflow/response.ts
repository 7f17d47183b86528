import * as z from 'zod';
import type { Logger } from '../log';
import type { Reply } from '../reply';
import { followupContexts } from './followup-context';
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
 * The result is then checked against a strict schema of the v2 fields we emit.
 * Anything unexpected (a platform whose rich output we do not know, a library
 * change) degrades to an answer we build ourselves: the text, the chips where
 * the platform shows them and, always, the output contexts, which carry the
 * served post ids ("more" must not repeat itself on any integration). A
 * warning is logged once per platform.
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

type Platform = z.infer<typeof Platform>;

const MessageSchema = z.union([
  z.strictObject({ text: z.strictObject({ text: z.array(z.string()) }), platform: Platform.optional() }),
  // What the library writes for Actions on Google (source `google`): speech bubbles and suggestion chips.
  z.strictObject({
    simpleResponses: z.strictObject({
      simpleResponses: z.array(
        z.strictObject({ textToSpeech: z.string().optional(), ssml: z.string().optional(), displayText: z.string().optional() }),
      ),
    }),
    platform: Platform.optional(),
  }),
  z.strictObject({
    suggestions: z.strictObject({ suggestions: z.array(z.strictObject({ title: z.string() })) }),
    platform: Platform.optional(),
  }),
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
/** Actions on Google shows at most 8 suggestion chips and rejects a response with more. */
const MAX_GOOGLE_SUGGESTIONS = 8;

/**
 * Integrations that show chips as their own quick-replies message (the library's rich-message platforms, less Google),
 * by lower-case source. A Map, not an object: a source such as `constructor` or `__proto__` must find nothing; an
 * absent source finds nothing either.
 */
const QUICK_REPLY_PLATFORMS: ReadonlyMap<string | undefined, Platform> = new Map([
  ['facebook', 'FACEBOOK'],
  ['slack', 'SLACK'],
  ['telegram', 'TELEGRAM'],
  ['kik', 'KIK'],
  ['skype', 'SKYPE'],
  ['line', 'LINE'],
  ['viber', 'VIBER'],
]);

// Loaded on first use, not at import: the library pulls actions-on-google, which is slow to
// require, and start-up time is what a cold instance makes its first user wait for.
let fulfillment: typeof import('dialogflow-fulfillment') | undefined;
function library(): typeof import('dialogflow-fulfillment') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
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

/** What the Payload constructor copies before setPayload replaces it: it refuses an empty one. */
const NO_PAYLOAD = { richContent: [] };

async function buildWithLibrary(request: WebhookRequest, reply: Reply): Promise<unknown> {
  const { WebhookClient, Text, Suggestion, Payload } = library();
  let sent: unknown;
  // The library only calls `json` (and ignores what it returns): `status` is for a handler map
  // without a handler for the intent, and we pass one handler function.
  const response = {
    json(body: unknown) {
      sent = body;
    },
  };
  // What the library reads to build an answer: the session, the platform (originalDetectIntentRequest)
  // and queryResult.intent.displayName, which it dereferences unconditionally; what it finds there is
  // unused (it picks a handler by intent name from a map, and we pass one function). Contexts and
  // parameters stay out: it would convert and copy them per request, and its contexts are not what
  // we answer with (normalize writes ours).
  const { queryText, languageCode, action, intent } = request.queryResult;
  const body = {
    session: request.session,
    originalDetectIntentRequest: request.originalDetectIntentRequest,
    queryResult: { queryText, languageCode, action, intent: intent ?? {} },
  };
  const agent = new WebhookClient({
    request: { body, headers: {} } as never,
    response: response as never,
  });
  for (const text of reply.texts ?? [reply.speech]) agent.add(new Text(text));
  const payload = messengerPayload(reply);
  if ((payload.richContent as unknown[]).length > 0) {
    // The constructor deep-copies its payload (a JSON round trip, the library's largest cost per
    // answer); this one was just built for this answer, so it goes in through setPayload, which
    // takes it as it is. (@types says string; the library keeps whatever it is given.)
    agent.add(new Payload('PLATFORM_UNSPECIFIED' as never, NO_PAYLOAD, { rawPayload: true, sendAsMessage: true }).setPayload(payload as never));
  }
  for (const chip of reply.chips) agent.add(new Suggestion(chip));
  await agent.handleRequest(() => undefined);
  return sent;
}

/**
 * Contexts are written here rather than through the library: it derives context names by
 * splitting the session path at a fixed index, which breaks for environment sessions.
 */
function outputContexts(reply: Reply, session: string): Pick<WebhookResponse, 'outputContexts'> {
  const contexts = followupContexts(reply.conversation);
  if (contexts.length === 0) return {};
  return {
    outputContexts: contexts.map((context) => ({
      name: `${session}/contexts/${context.name}`,
      lifespanCount: context.lifespanCount,
      ...(context.parameters ? { parameters: context.parameters } : {}),
    })),
  };
}

function fixMessage(message: Record<string, unknown>): Record<string, unknown> {
  const quick = message.quickReplies as { title?: string; quickReplies: string[] } | undefined;
  if (quick && !quick.title) return { ...message, quickReplies: { title: CHIPS_TITLE, ...quick } };
  const google = message.suggestions as { suggestions?: unknown } | undefined;
  // No length check: slicing eight or fewer keeps them all. Whatever else the library wrote stays, for the strict check.
  if (Array.isArray(google?.suggestions)) {
    return { ...message, suggestions: { ...google, suggestions: google.suggestions.slice(0, MAX_GOOGLE_SUGGESTIONS) } };
  }
  return message;
}

function normalize(raw: unknown, reply: Reply, session: string): unknown {
  // Left out by destructuring rather than `delete`, which turns the object into a slow dictionary.
  const { payload: _payload, outputContexts: _contexts, ...body } = raw as Record<string, unknown>;
  body.fulfillmentText = reply.speech;
  if (Array.isArray(body.fulfillmentMessages)) body.fulfillmentMessages = body.fulfillmentMessages.map(fixMessage);
  return { ...body, ...outputContexts(reply, session) };
}

/**
 * Whether the library's answers of one shape pass the strict check. What the check looks at (which
 * messages, which fields, their types) depends only on the integration and on the reply's parts: how
 * many texts, a rich payload or not, how many chips (up to the most any platform keeps, plus one).
 * Texts and chip labels are strings whatever they say. So each shape is checked once per instance,
 * not on every request (the check was a tenth of a warm request's CPU). Sources are caller text:
 * past MAX_SHAPES shapes, every answer is checked.
 */
const checkedShapes = new Map<string, boolean>();
const MAX_SHAPES = 64;

/** The shape's key, or undefined where the library would read a source that is not a string (always checked). */
function shapeOf(request: WebhookRequest, reply: Reply): string | undefined {
  const original = request.originalDetectIntentRequest;
  // The library's own choice of platform: the source, else the payload's.
  const source: unknown = original?.source || original?.payload?.['source'] || '';
  if (typeof source !== 'string') return undefined;
  const chips = Math.min(reply.chips.length, MAX_GOOGLE_SUGGESTIONS + 1);
  return `${String(reply.texts?.length ?? 0)}|${reply.card ? 1 : 0}|${String(chips)}|${source}`;
}

/**
 * The answer built without the library, in the shapes the library would use:
 * text, Dialogflow Messenger's rich content, and chips as quick replies (on
 * the integration's platform, or for all) or Google's suggestions; and the contexts.
 */
export function plainResponse(request: WebhookRequest, reply: Reply): WebhookResponse {
  const source = request.originalDetectIntentRequest?.source?.toLowerCase();
  const platform = QUICK_REPLY_PLATFORMS.get(source);
  const onPlatform = platform ? { platform } : {};
  const messages: NonNullable<WebhookResponse['fulfillmentMessages']> = (reply.texts ?? [reply.speech]).map((text) => ({
    text: { text: [text] },
    ...onPlatform,
  }));
  const rich = messengerPayload(reply);
  if ((rich.richContent as unknown[]).length > 0) messages.push({ payload: rich, platform: 'PLATFORM_UNSPECIFIED' });
  if (reply.chips.length > 0) {
    messages.push(
      source === 'google'
        ? {
            suggestions: { suggestions: reply.chips.slice(0, MAX_GOOGLE_SUGGESTIONS).map((title) => ({ title })) },
            platform: 'ACTIONS_ON_GOOGLE',
          }
        : { quickReplies: { title: CHIPS_TITLE, quickReplies: reply.chips }, ...onPlatform },
    );
  }
  return { fulfillmentText: reply.speech, fulfillmentMessages: messages, ...outputContexts(reply, request.session) };
}

/** Platforms whose rich output did not fit, warned about once per instance each. */
const warnedPlatforms = new Set<string>();

function warnOnce(log: Logger | undefined, request: WebhookRequest, problem: string): void {
  const platform = request.originalDetectIntentRequest?.source ?? '(none)';
  if (!log || warnedPlatforms.has(platform)) return;
  warnedPlatforms.add(platform);
  // The source is at most 100 characters (WebhookRequestSchema); a thrown message has no bound.
  log.warn({ platform, problem: problem.slice(0, 300) }, 'rich response does not fit v2, answering plainly');
}

export async function toWebhookResponse(request: WebhookRequest, reply: Reply, log?: Logger): Promise<WebhookResponse> {
  const shape = shapeOf(request, reply);
  const known = shape === undefined ? undefined : checkedShapes.get(shape);
  // A shape that failed the check fails it again: the library is not asked (it was warned about).
  if (known === false) return plainResponse(request, reply);
  let problem: string;
  try {
    const built = normalize(await buildWithLibrary(request, reply), reply, request.session);
    if (known) return built as WebhookResponse;
    const checked = WebhookResponseSchema.safeParse(built);
    if (checked.success) {
      remember(shape, true);
      return checked.data;
    }
    // A failed parse has at least one issue, and every issue has a path (empty for the whole body).
    const issue = checked.error.issues[0]!;
    problem = `${issue.path.join('.')}: ${issue.message}`;
    remember(shape, false);
  } catch (error) {
    // A throw may depend on the text (the library refuses an empty one): the shape is not judged by it.
    problem = error instanceof Error ? error.message : String(error);
  }
  warnOnce(log, request, problem);
  return plainResponse(request, reply);
}

function remember(shape: string | undefined, passed: boolean): void {
  if (shape !== undefined && checkedShapes.size < MAX_SHAPES) checkedShapes.set(shape, passed);
}

/** For tests: forget which platforms were warned about and which shapes were checked. */
export function resetPlatformWarnings(): void {
  warnedPlatforms.clear();
  checkedShapes.clear();
}
