import type { Request, Response } from '@google-cloud/functions-framework';
import type { IncomingHttpHeaders } from 'node:http';
import type { Config } from '../config';
import { Deadline } from '../deadline';
import { withFields, type Logger } from '../log';
import type { PostJudge } from '../moderation/judge';
import type { PostSource } from '../reddit/client';
import type { Reply } from '../reply';
import type { Turn } from '../turn';
import { languageFor } from '../languages';
import { sorryReply } from '../speech/phrases';
import { sliceUnits } from '../speech/clean';
import { checkHead, type Credentials } from './checks';
import { HttpError, sendError, sendJson } from './errors';
import { esApology, readExchange, type Exchange } from './exchange';
import { withPreflight, type PreflightFunction } from './front-door';
import { RequestFacts, sessionId } from './request-log';
import { traceContext, traceFields } from './trace';

export interface WebhookDeps {
  config: Pick<Config, 'auth' | 'deadlineMs' | 'allowNsfw'> & Partial<Pick<Config, 'headerSecret' | 'projectId' | 'contentFilter'>>;
  posts: PostSource;
  log: Logger;
  random?: () => number;
  judge?: PostJudge;
}

/** Time kept to serialize and send after the intent answered (or gave up). */
const SEND_RESERVE_MS = 50;
/** How much of the user's text a debug line may carry. */
const DEBUG_TEXT_CHARS = 200;

function credentialsOf(config: WebhookDeps['config']): Credentials {
  return { auth: config.auth, headerSecret: config.headerSecret };
}

function checkRequest(req: Request, config: WebhookDeps['config']): Exchange {
  // The front door ran these checks and read the body within MAX_BODY_BYTES; checking the head
  // again costs nothing and keeps the handler safe should it ever be served without it.
  checkHead(req.method, req.headers, credentialsOf(config));
  return readExchange(req.body);
}

/**
 * Resolves with the intent's reply, or with `fallback` if the deadline comes first.
 * `work` never rejects. One promise and one `then` rather than a race: functions-framework
 * runs each request in a domain, which makes every promise on this path cost several times more.
 */
function withinDeadline(work: Promise<Reply>, deadline: Deadline, fallback: Reply): Promise<{ reply: Reply; late: boolean }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ reply: fallback, late: true }), Math.max(0, deadline.remainingMs() - SEND_RESERVE_MS));
    void work.then((reply) => {
      clearTimeout(timer);
      resolve({ reply, late: false });
    });
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The intent's reply; anything it throws (or rejects with) becomes the apology. */
async function runIntent(run: () => Reply | Promise<Reply>, sorry: Reply, log: Logger): Promise<Reply> {
  try {
    return await run();
  } catch (error) {
    log.error({ err: message(error) }, 'intent failed');
    return sorry;
  }
}

/** Caller-controlled values in log fields stay short. */
const LOG_FIELD_CHARS = 100;

function turnFields(turn: Turn): Record<string, unknown> {
  const short = (value: string) => (value ? sliceUnits(value, LOG_FIELD_CHARS) : undefined);
  return { session: short(sessionId(turn.session)), intent: short(turn.intent), action: short(turn.action) };
}

/** The HTTP function: checks → adapter → intent handler → adapter → JSON, and one log line per request. */
export function createWebhookHandler(deps: WebhookDeps): ((req: Request, res: Response) => Promise<void>) & PreflightFunction {
  const random = deps.random ?? Math.random;
  const requestLog = (headers: IncomingHttpHeaders) => withFields(deps.log, traceFields(traceContext(headers), deps.config.projectId));
  const handler = async (req: Request, res: Response): Promise<void> => {
    const started = performance.now();
    const deadline = new Deadline(deps.config.deadlineMs);
    let log = requestLog(req.headers);
    const facts = new RequestFacts();
    const summary: Record<string, unknown> = {};
    // The apology is in English until the request says otherwise.
    let sorry = sorryReply();
    // How the apology goes out should building the answer fail: ES's shape until the request says CX.
    let apology: Exchange['apology'] = esApology;
    try {
      let exchange: Exchange;
      try {
        exchange = checkRequest(req, deps.config);
      } catch (error) {
        const httpError = error instanceof HttpError ? error : new HttpError(400, 'invalid_request', 'Invalid request');
        Object.assign(summary, { status: httpError.status, code: httpError.code });
        sendError(res, httpError);
        return;
      }
      const { turn } = exchange;
      apology = exchange.apology;
      sorry = sorryReply(languageFor(turn.languageCode));
      // Every later line of this request, the summary included, carries these.
      log = withFields(log, { ...exchange.logFields, ...turnFields(turn) });
      log.debug({ queryText: sliceUnits(turn.queryText, DEBUG_TEXT_CHARS), languageCode: turn.languageCode }, 'webhook turn');
      const { handle } = exchange;
      const posts = facts.observe(deps.posts);
      const work = runIntent(
        () => handle({ turn, posts, deadline, allowNsfw: deps.config.allowNsfw, contentFilter: deps.config.contentFilter, random, log, judge: deps.judge }),
        sorry,
        log,
      );
      const { reply, late } = await withinDeadline(work, deadline, sorry);
      if (late) summary.deadlineHit = true;
      // Absent parts add nothing: Object.assign skips undefined, JSON drops an undefined field.
      Object.assign(summary, reply.served, { feedback: reply.feedback });
      sendJson(res, 200, await exchange.respond(reply, log));
      summary.status = 200;
    } catch (error) {
      // Last resort: Dialogflow shows its own error text for a 5xx, an apology reads better.
      log.error({ err: message(error) }, 'response failed');
      sendJson(res, 200, apology(sorry));
      summary.status = 200;
      summary.failed = true;
    } finally {
      log.info({ ...summary, ...facts.fields(), latencyMs: Math.round(performance.now() - started) }, 'webhook request');
    }
  };
  return withPreflight(handler, {
    check: (req) => checkHead(req.method, req.headers, credentialsOf(deps.config)),
    refused: (req, error, startedAt) =>
      requestLog(req.headers).info(
        { status: error.status, code: error.code, latencyMs: Math.round(performance.now() - startedAt) },
        'webhook request',
      ),
  });
}
