import type { Request, Response } from '@google-cloud/functions-framework';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createWebhookHandler, type WebhookDeps } from '../../src/http/handler';
import { frontDoor, type Preflight } from '../../src/http/front-door';
import { HttpError } from '../../src/http/errors';
import type { Logger } from '../../src/log';
import type { PostSource } from '../../src/reddit/client';
import { asResponse, FakeResponse } from '../support/fake-response';
import { capturedJsonLog } from '../support/json-log';
import { jokes } from '../support/reddit';
import { sayRequest } from '../support/requests';
import { FakeReddit } from '../support/turns';

/**
 * The handler's request log line and error paths, in this process (the HTTP suites that serve the
 * bundle cannot see them): every field an operator filters on, with literal values.
 */

const SORRY = 'Sorry, something went wrong on my side. Please ask me again in a moment.';
const PREFLIGHT = Symbol.for('reddit-dialogflow-webhook.preflight');

function handlerWith(options: { posts?: PostSource; log?: Logger; config?: Partial<WebhookDeps['config']> } = {}) {
  return createWebhookHandler({
    config: { deadlineMs: 4000, allowNsfw: false, ...options.config },
    posts: options.posts ?? new FakeReddit({ Jokes: jokes(3) }),
    log: options.log ?? capturedJsonLog().log,
    random: () => 0,
  });
}

async function call(handler: ReturnType<typeof handlerWith>, body: unknown, headers: Record<string, string> = {}) {
  const res = new FakeResponse();
  const req = { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body };
  const started = performance.now();
  await handler(req as unknown as Request, res as unknown as Response);
  const tookMs = performance.now() - started;
  return { status: res.statusCode, headers: res.headers, json: JSON.parse(res.body) as Record<string, any>, tookMs };
}

/** The one request log line, without its latency, which must fit in `tookMs` (measured around the call). */
const summaryOf = (records: Record<string, unknown>[], tookMs: number) => {
  const lines = records.filter((record) => record.message === 'webhook request');
  expect(lines).toHaveLength(1);
  const { latencyMs, ...rest } = lines[0] as Record<string, unknown>;
  // A duration of this request, not a clock reading.
  expect(latencyMs).toEqual(expect.any(Number));
  expect(latencyMs as number).toBeGreaterThanOrEqual(0);
  expect(latencyMs as number).toBeLessThanOrEqual(Math.ceil(tookMs));
  return rest;
};

describe('the request log line', () => {
  it('names what was served, the session and the fetches of a joke', async () => {
    const captured = capturedJsonLog();
    const answer = await call(handlerWith({ log: captured.log }), sayRequest('joke'));
    expect(answer.status).toBe(200);
    expect(summaryOf(captured.records(), answer.tookMs)).toEqual({
      severity: 'INFO',
      message: 'webhook request',
      session: 'test-session',
      intent: 'say-content',
      action: 'say-content',
      kind: 'joke',
      source: 'reddit',
      subreddit: 'Jokes',
      postId: 'j1',
      status: 200,
      fetches: 1,
      fetched: 'Jokes',
    });
  });

  it('says deadlineHit when the apology went out at the deadline', async () => {
    const captured = capturedJsonLog();
    const hanging: PostSource = { fetchPosts: () => new Promise(() => undefined) };
    const answer = await call(handlerWith({ log: captured.log, posts: hanging, config: { deadlineMs: 200 } }), sayRequest('joke'));
    expect(answer.json.fulfillmentText).toBe(SORRY);
    expect(summaryOf(captured.records(), answer.tookMs)).toMatchObject({ status: 200, deadlineHit: true, fetches: 1 });
  });

  it('gives a refused request its status and code, and nothing it did not do', async () => {
    const captured = capturedJsonLog();
    const answer = await call(handlerWith({ log: captured.log }), { queryResult: 'not an object' });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('invalid_request');
    expect(summaryOf(captured.records(), answer.tookMs)).toEqual({ severity: 'INFO', message: 'webhook request', status: 400, code: 'invalid_request' });
  });
});

describe('the handler without its front door', () => {
  it('still checks the configured credentials', async () => {
    const handler = handlerWith({ config: { auth: { username: 'df', password: 'pw' } } });
    const refused = await call(handler, sayRequest('joke'));
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Basic realm="dialogflow-webhook", charset="UTF-8"');
    const allowed = await call(handler, sayRequest('joke'), { authorization: `Basic ${Buffer.from('df:pw').toString('base64')}` });
    expect(allowed.status).toBe(200);
  });

  it('answers 400 "Invalid request" when reading the body throws something other than an HttpError', async () => {
    const captured = capturedJsonLog();
    const body = {
      get queryResult(): never {
        throw new TypeError('unreadable');
      },
    };
    const answer = await call(handlerWith({ log: captured.log }), body);
    expect(answer).toMatchObject({ status: 400, json: { error: { code: 'invalid_request', message: 'Invalid request' } } });
    expect(summaryOf(captured.records(), answer.tookMs)).toMatchObject({ status: 400, code: 'invalid_request' });
  });

  it('answers the apology with a 200 when something fails after the checks, and logs why', async () => {
    const captured = capturedJsonLog();
    // No `child`: withFields wraps it, so the handler's own debug line is what throws.
    const failing: Logger = {
      debug() {
        throw new Error('log sink broke');
      },
      info: (fields, message) => captured.log.info(fields, message),
      warn: (fields, message) => captured.log.warn(fields, message),
      error: (fields, message) => captured.log.error(fields, message),
    };
    const answer = await call(handlerWith({ log: failing }), sayRequest('joke'));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ fulfillmentText: SORRY });
    const records = captured.records();
    expect(records.find((record) => record.message === 'response failed')).toEqual({
      severity: 'ERROR',
      message: 'response failed',
      err: 'log sink broke',
      session: 'test-session',
      intent: 'say-content',
      action: 'say-content',
    });
    expect(summaryOf(records, answer.tookMs)).toMatchObject({ status: 200, failed: true });
  });
});

describe('the preflight the handler carries', () => {
  function fakeRequest(method: string, headers: Record<string, string> = {}) {
    return Object.assign(new EventEmitter(), { method, headers }) as unknown as IncomingMessage;
  }

  it('refuses before the body with the check of the handler, and logs the refusal once', () => {
    const captured = capturedJsonLog();
    const handler = handlerWith({ log: captured.log });
    const app = jest.fn();
    const res = new FakeResponse();
    const started = performance.now();
    frontDoor((handler as unknown as Record<symbol, Preflight>)[PREFLIGHT] as Preflight, app)(fakeRequest('GET'), asResponse(res));
    const tookMs = performance.now() - started;
    expect(app).not.toHaveBeenCalled();
    expect(res.statusCode).toBe(405);
    expect(res.headers).toMatchObject({ allow: 'POST', connection: 'close' });
    expect(summaryOf(captured.records(), tookMs)).toEqual({ severity: 'INFO', message: 'webhook request', status: 405, code: 'method_not_allowed' });
  });

  it('uses the configured credentials', () => {
    const handler = handlerWith({ config: { headerSecret: { name: 'x-webhook-secret', value: 's3cret' } } });
    const preflight = (handler as unknown as Record<symbol, Preflight>)[PREFLIGHT] as Preflight;
    const req = fakeRequest('POST', { 'content-type': 'application/json' });
    expect(() => preflight.check(req)).toThrow('Missing or wrong credentials');
    expect(() => preflight.check(fakeRequest('POST', { 'content-type': 'application/json', 'x-webhook-secret': 's3cret' }))).not.toThrow();
  });
});

describe('the front door turning a request away', () => {
  function refusedBy(error: unknown) {
    const refusals: Array<{ status: number; code: string }> = [];
    const preflight: Preflight = {
      check() {
        throw error;
      },
      refused: (_req, httpError) => refusals.push({ status: httpError.status, code: httpError.code }),
    };
    const res = new FakeResponse();
    frontDoor(preflight, () => undefined)({ method: 'POST', headers: {} } as unknown as IncomingMessage, res as unknown as ServerResponse);
    return { res, json: JSON.parse(res.body) as { error: { code: string; message: string } }, refusals };
  }

  it('answers a failing check that is not an HttpError (a 500 by the parser map) as the request\'s fault: 400', () => {
    const { res, json, refusals } = refusedBy(new TypeError('cannot read headers'));
    expect(res.statusCode).toBe(400);
    expect(json).toEqual({ error: { code: 'invalid_request', message: 'The request could not be read' } });
    expect(refusals).toEqual([{ status: 400, code: 'invalid_request' }]);
    expect(res.headers.connection).toBe('close');
  });

  it('keeps a 4xx HttpError as it is', () => {
    const { res, json } = refusedBy(new HttpError(415, 'unsupported_media_type', 'Content-Type must be application/json'));
    expect(res.statusCode).toBe(415);
    expect(json.error.code).toBe('unsupported_media_type');
    expect(res.headers.connection).toBe('close');
  });

  it('turns an HttpError of 500 into 400 too (the bound is 500 itself)', () => {
    const { res } = refusedBy(new HttpError(500, 'internal', 'Internal error'));
    expect(res.statusCode).toBe(400);
  });

  it('keeps an HttpError of 499, just under the bound', () => {
    const { res } = refusedBy(new HttpError(499, 'invalid_request', 'client closed'));
    expect(res.statusCode).toBe(499);
  });
});
