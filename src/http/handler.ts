import type { Request, Response } from '@google-cloud/functions-framework';
import type { Config } from '../config';
import { Deadline } from '../deadline';
import { toTurn, type WebhookRequest } from '../dialogflow/request';
import { toWebhookResponse } from '../dialogflow/response';
import { route } from '../intents/router';
import type { Logger } from '../log';
import type { PostSource } from '../reddit/client';
import type { Reply } from '../reply';
import { contentChips } from '../speech/phrases';
import { checkBasicAuth, checkBodySize, checkContentType, checkDeclaredSize, checkMethod } from './checks';
import { HttpError, sendError, sendJson } from './errors';
import { parseWebhookRequest } from './validate';

export interface WebhookDeps {
  config: Pick<Config, 'auth' | 'deadlineMs' | 'allowNsfw'>;
  posts: PostSource;
  log: Logger;
  random?: () => number;
}

/** Time kept to serialize and send after the intent answered (or gave up). */
const SEND_RESERVE_MS = 50;

const SORRY: Reply = {
  speech: 'Sorry, something went wrong on my side. Please ask me again in a moment.',
  chips: contentChips(),
  contexts: [],
};

function checkRequest(req: Request, config: WebhookDeps['config']): WebhookRequest {
  if (config.auth) checkBasicAuth(req.headers.authorization, config.auth);
  checkMethod(req.method);
  checkDeclaredSize(req.headers);
  checkContentType(req.headers);
  checkBodySize(req.rawBody);
  return parseWebhookRequest(req.body);
}

/**
 * Resolves with the intent's reply, or with `fallback` if the deadline comes first.
 * `work` never rejects. One promise and one `then` rather than a race: functions-framework
 * runs each request in a domain, which makes every promise on this path cost several times more.
 */
function withinDeadline(work: Promise<Reply>, deadline: Deadline, fallback: Reply): Promise<Reply> {
  return new Promise<Reply>((resolve) => {
    const timer = setTimeout(() => resolve(fallback), Math.max(0, deadline.remainingMs() - SEND_RESERVE_MS));
    void work.then((reply) => {
      clearTimeout(timer);
      resolve(reply);
    });
  });
}

/** The intent's reply; anything it throws (or rejects with) becomes the apology. */
async function runIntent(run: () => Reply | Promise<Reply>, log: WebhookDeps['log'], intent: string): Promise<Reply> {
  try {
    return await run();
  } catch (error) {
    log.error({ err: error instanceof Error ? error.message : String(error), intent }, 'intent failed');
    return SORRY;
  }
}

/** The HTTP function: checks → adapter → intent handler → adapter → JSON. */
export function createWebhookHandler(deps: WebhookDeps): (req: Request, res: Response) => Promise<void> {
  const random = deps.random ?? Math.random;
  return async (req, res) => {
    const deadline = new Deadline(deps.config.deadlineMs);
    let request: WebhookRequest;
    try {
      request = checkRequest(req, deps.config);
    } catch (error) {
      const httpError = error instanceof HttpError ? error : new HttpError(400, 'invalid_request', 'Invalid request');
      deps.log.info({ status: httpError.status, code: httpError.code }, 'request rejected');
      sendError(res, httpError);
      return;
    }
    const turn = toTurn(request);
    const handler = route(turn);
    const work = runIntent(
      () => handler({ turn, posts: deps.posts, deadline, allowNsfw: deps.config.allowNsfw, random, log: deps.log }),
      deps.log,
      turn.intent,
    );
    try {
      const reply = await withinDeadline(work, deadline, SORRY);
      sendJson(res, 200, await toWebhookResponse(request, reply));
    } catch (error) {
      deps.log.error({ err: error instanceof Error ? error.message : String(error) }, 'response failed');
      sendError(res, new HttpError(500, 'internal', 'Internal error'));
    }
  };
}
