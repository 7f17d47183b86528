import { cxToTurn, cxTag, isCxBody } from '../dialogflow/cx-request';
import { cxApology, toCxWebhookResponse } from '../dialogflow/cx-response';
import { toTurn } from '../dialogflow/request';
import { toWebhookResponse } from '../dialogflow/response';
import type { IntentHandler } from '../intents/context';
import { route, routeTag } from '../intents/router';
import { fallback } from '../intents/simple';
import type { Logger } from '../log';
import type { Reply } from '../reply';
import { sliceUnits } from '../speech/clean';
import type { Turn } from '../turn';
import { parseCxWebhookRequest, parseWebhookRequest } from './validate';

/**
 * One request of either edition, read: the turn the intents see, the handler
 * it is routed to, and how the reply goes back on the wire. The handler in
 * ./handler.ts does the rest the same way for both.
 */
export interface Exchange {
  turn: Turn;
  handle: IntentHandler;
  /** Extra fields for the request's log lines. */
  logFields: Record<string, unknown>;
  respond(reply: Reply, log: Logger): Promise<object>;
  /** The last resort if building the answer failed. */
  apology: (reply: Reply) => object;
}

/** How much of an unknown tag a log line repeats. */
const TAG_LOG_CHARS = 100;

function cxHandler(tag: string): IntentHandler {
  const known = routeTag(tag);
  if (known) return known;
  // A tag of an agent newer (or older) than this webhook: the polite fallback, and a line for the operator.
  return (ctx) => {
    ctx.log.warn({ tag: sliceUnits(tag, TAG_LOG_CHARS) }, 'unknown CX tag, answering with the fallback');
    return fallback(ctx);
  };
}

/** The ES last resort: the apology as fulfillmentText alone. */
export const esApology = (reply: Reply): object => ({ fulfillmentText: reply.speech });

/** Parsed JSON body → an exchange, or the HttpError (400) that says what is wrong with it. */
export function readExchange(body: unknown): Exchange {
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && isCxBody(body as Record<string, unknown>)) {
    const request = parseCxWebhookRequest(body as Record<string, unknown>);
    return {
      turn: cxToTurn(request),
      handle: cxHandler(cxTag(request)),
      logFields: { edition: 'cx' },
      respond: (reply) => Promise.resolve(toCxWebhookResponse(reply)),
      apology: cxApology,
    };
  }
  const request = parseWebhookRequest(body);
  const turn = toTurn(request);
  return {
    turn,
    handle: route(turn),
    logFields: {},
    respond: (reply, log) => toWebhookResponse(request, reply, log),
    apology: esApology,
  };
}
