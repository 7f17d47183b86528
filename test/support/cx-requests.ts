/**
 * Builders for Dialogflow CX (cx.v3) WebhookRequests, in the shape of the console
 * capture in googleapis/python-dialogflow-cx samples/snippets/webhook_test.py
 * (detectIntentResponseId, intentInfo, pageInfo, sessionInfo, fulfillmentInfo,
 * text, languageCode), and the session as CX keeps it between turns.
 */
import { Deadline } from '../../src/deadline';
import type { CxWebhookResponse } from '../../src/dialogflow/cx-response';
import { readExchange } from '../../src/http/exchange';
import { silentLogger } from '../../src/log';
import type { PostSource } from '../../src/reddit/client';
import type { Reply } from '../../src/reply';
import { expectValidCxResponse } from './cx-proto';

export const CX_AGENT = 'projects/demo-project/locations/global/agents/0078f973-e212-4c69-a707-a6e66e3270ce';
export const CX_SESSION = `${CX_AGENT}/sessions/test-session`;

export interface CxRequestOptions {
  tag?: string | undefined;
  text?: string;
  languageCode?: string;
  /** Display name of the matched intent. */
  intent?: string;
  /** The matched intent's parameters, by id: resolved values (the original is the same text). */
  parameters?: Record<string, unknown>;
  /** Session parameters, as CX sends them. */
  session?: Record<string, unknown>;
}

export function cxRequest(options: CxRequestOptions = {}): Record<string, unknown> {
  const parameters = Object.fromEntries(
    Object.entries(options.parameters ?? {}).map(([name, value]) => [name, { originalValue: String(value), resolvedValue: value }]),
  );
  return {
    detectIntentResponseId: '0a190188-37e9-400a-89e3-f3e878c86916',
    intentInfo: {
      lastMatchedIntent: `${CX_AGENT}/intents/00000000-0000-0000-0000-000000000000`,
      displayName: options.intent ?? options.tag ?? 'Default Welcome Intent',
      ...(options.parameters ? { parameters } : {}),
      confidence: 1,
    },
    pageInfo: { currentPage: `${CX_AGENT}/flows/00000000-0000-0000-0000-000000000000/pages/START_PAGE`, displayName: 'Start Page' },
    sessionInfo: { session: CX_SESSION, ...(options.session ? { parameters: options.session } : {}) },
    ...(options.tag === undefined ? { fulfillmentInfo: {} } : { fulfillmentInfo: { tag: options.tag } }),
    text: options.text ?? 'hi',
    languageCode: options.languageCode ?? 'en',
  };
}

/** CX's session after an answer: the parameters it set are merged in, a null removes one. */
export function applySessionParameters(session: Record<string, unknown>, response: CxWebhookResponse): Record<string, unknown> {
  const next = { ...session };
  for (const [name, value] of Object.entries(response.sessionInfo?.parameters ?? {})) {
    if (value === null) delete next[name];
    else next[name] = value;
  }
  return next;
}

/** One CX turn through validation, routing, the handler and the CX adapter (checked against the cx.v3 protos). */
export async function answerCx(
  request: Record<string, unknown>,
  posts: PostSource,
  options: { random?: () => number } = {},
): Promise<{ reply: Reply; response: CxWebhookResponse }> {
  const exchange = readExchange(request);
  const reply = await exchange.handle({
    turn: exchange.turn,
    posts,
    deadline: new Deadline(4000),
    allowNsfw: false,
    random: options.random ?? (() => 0),
    log: silentLogger,
  });
  const response = (await exchange.respond(reply, silentLogger)) as CxWebhookResponse;
  expectValidCxResponse(response);
  return { reply, response };
}

/** The text bubbles of a CX response, in order. */
export const cxTexts = (response: CxWebhookResponse): string[] =>
  response.fulfillmentResponse.messages.flatMap((message) => message.text?.text ?? []);

/** The richContent payload of a CX response (Dialogflow Messenger), if any. */
export const cxRichContent = (response: CxWebhookResponse): unknown =>
  response.fulfillmentResponse.messages.find((message) => message.payload)?.payload?.['richContent'];
