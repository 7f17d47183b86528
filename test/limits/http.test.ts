/**
 * The HTTP side's limits: body size, how much of a refused body is drained, the time kept to send an answer, the
 * length of caller text in log lines, and the shutdown grace period.
 */
import type { Request, Response } from '@google-cloud/functions-framework';
import { EventEmitter } from 'node:events';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDeclaredSize, MAX_BODY_BYTES } from '../../src/http/checks';
import { afterDrain, DRAIN_MAX_BYTES, DRAIN_MAX_MS } from '../../src/http/drain';
import { HttpError } from '../../src/http/errors';
import { createWebhookHandler } from '../../src/http/handler';
import { InFlight, installGracefulShutdown } from '../../src/http/shutdown';
import { jsonLogger, silentLogger } from '../../src/log';
import type { PostSource } from '../../src/reddit/client';
import { sendRaw } from '../support/raw-http';
import { webhookRequest, welcomeRequest } from '../support/requests';
import { startWebhook, type RunningWebhook } from '../support/server';

const refusal = (run: () => void): HttpError | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error as HttpError;
  }
};

describe('request body: 65,536 bytes', () => {
  it('is the limit the README\'s HTTP contract states', () => {
    expect(MAX_BODY_BYTES).toBe(65_536);
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const contract = readme.slice(readme.indexOf('## HTTP contract'), readme.indexOf('## Performance'));
    expect(contract).toContain('The request body may be at most **64 KiB (65,536 bytes)**');
    expect(contract).toContain('up to 16 MiB or 10 s');
  });

  it('refuses a declared Content-Length of 65,537, not 65,536', () => {
    expect(refusal(() => checkDeclaredSize({ 'content-length': '65536' }))).toBeUndefined();
    expect(refusal(() => checkDeclaredSize({ 'content-length': '65537' }))).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      message: 'The request body is larger than 65536 bytes',
    });
  });

  describe('over HTTP', () => {
    let webhook: RunningWebhook;
    beforeAll(async () => {
      webhook = await startWebhook();
    });
    afterAll(() => webhook.close());

    /** A valid welcome request padded (with a field the schema ignores) to exactly `bytes`. */
    const bodyOf = (bytes: number): string => {
      const empty = JSON.stringify({ ...welcomeRequest(), pad: '' });
      return JSON.stringify({ ...welcomeRequest(), pad: 'p'.repeat(bytes - Buffer.byteLength(empty)) });
    };

    it.each([
      ['with Content-Length', (body: string) => ({ body })],
      ['chunked', (body: string) => ({ chunks: [body.slice(0, 1000), body.slice(1000)] })],
    ])('%s: answers 65,536 bytes, refuses 65,537 with 413', async (_how, send) => {
      const headers = { 'content-type': 'application/json' };
      expect(bodyOf(65536)).toHaveLength(65536);
      expect((await sendRaw(webhook.url, { headers, ...send(bodyOf(65536)) })).status).toBe(200);
      const tooBig = await sendRaw(webhook.url, { headers, ...send(bodyOf(65537)) });
      expect(tooBig.status).toBe(413);
      expect(tooBig.json.error.code).toBe('payload_too_large');
    });

    /**
     * node:http's own client sending `size` bytes (with Content-Length, or chunked), until the
     * exchange is over: what came back, and any error the client saw on the way (EPIPE, ECONNRESET).
     */
    const postWithNodeHttp = (size: number, chunked: boolean) =>
      new Promise<{ status: number; json: unknown; headers: Record<string, unknown>; error?: string }>((resolve) => {
        const body = Buffer.alloc(size, 0x20);
        const answer = { status: 0, json: undefined as unknown, headers: {} as Record<string, unknown>, error: undefined as string | undefined };
        const req = request(
          webhook.url,
          { method: 'POST', headers: { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': String(size) }) } },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => Object.assign(answer, { status: res.statusCode ?? 0, json: JSON.parse(text), headers: res.headers }));
          },
        );
        req.on('error', (error: NodeJS.ErrnoException) => (answer.error ??= error.code ?? error.message));
        req.on('close', () => resolve(answer));
        if (chunked) {
          for (let at = 0; at < size; at += 1 << 20) req.write(body.subarray(at, at + (1 << 20)));
          req.end();
        } else {
          req.end(body);
        }
      });

    it.each([
      ['with Content-Length', false],
      ['chunked', true],
    ])('12 MB from node:http %s: the client reads the 413 and its JSON body, not EPIPE', async (_how, chunked) => {
      const answer = await postWithNodeHttp(12 * 1024 * 1024, chunked);
      expect(answer.error).toBeUndefined();
      expect(answer.status).toBe(413);
      expect(answer.headers.connection).toBe('close');
      expect(answer.json).toEqual({
        error: {
          code: 'payload_too_large',
          message: chunked ? 'The request body is too large' : 'The request body is larger than 65536 bytes',
        },
      });
    }, 20_000);

    it('closes the connection under a chunked body once more than 65,536 + 16 MiB have come, instead of reading to its end', async () => {
      // Up to 64 MiB in 1 MiB chunks, each written when the last has drained: how far did it get?
      const url = new URL(webhook.url);
      const sent = await new Promise<number>((resolve) => {
        const socket = connect(Number(url.port), url.hostname);
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let total = 0;
        let over = false;
        const stop = () => {
          if (over) return;
          over = true;
          socket.destroy();
          resolve(total);
        };
        socket.on('error', stop);
        socket.on('close', stop);
        socket.on('end', stop);
        socket.on('data', () => undefined);
        const next = () => {
          if (over) return;
          if (total >= 64 * 1024 * 1024) {
            socket.end('0\r\n\r\n');
            return;
          }
          total += chunk.length;
          socket.write(`${chunk.length.toString(16)}\r\n`);
          if (socket.write(Buffer.concat([chunk, Buffer.from('\r\n')]))) setImmediate(next);
          else socket.once('drain', next);
        };
        socket.once('connect', () => {
          socket.write(`POST / HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
          next();
        });
      });
      expect(sent).toBeGreaterThan(16 * 1024 * 1024);
      expect(sent).toBeLessThan(64 * 1024 * 1024);
    }, 20_000);
  });
});

/** A request still arriving: a stream with IncomingMessage's `complete` and `headers`. */
function arriving(headers: Record<string, string> = {}) {
  const req = Object.assign(new Readable({ read() {} }), { complete: false, headers });
  return { req, incoming: req as unknown as IncomingMessage };
}

describe('a refused body is drained up to 16 MiB (16,777,216 bytes) or 10,000 ms before the answer', () => {
  afterEach(() => jest.useRealTimers());

  it('states its bounds', () => {
    expect(DRAIN_MAX_BYTES).toBe(16_777_216);
    expect(DRAIN_MAX_MS).toBe(10_000);
  });

  it('answers once the body has ended, having read all of it', async () => {
    const { req, incoming } = arriving({ 'content-length': String(12 * 1024 * 1024) });
    let answered = 0;
    afterDrain(incoming, () => answered++);
    for (let i = 0; i < 12; i++) req.push(Buffer.alloc(1024 * 1024));
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(0);
    req.push(null);
    await new Promise((resolve) => req.once('end', resolve));
    expect(answered).toBe(1);
  });

  it('answers at 16,777,217 bytes without waiting for the end, not at 16,777,216', async () => {
    const { req, incoming } = arriving();
    let answered = 0;
    afterDrain(incoming, () => answered++);
    req.push(Buffer.alloc(DRAIN_MAX_BYTES));
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(0);
    req.push(Buffer.alloc(1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(1);
    req.push(null);
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(1);
  });

  it('answers at once, reading nothing, for a declared Content-Length of 16,777,217, and drains 16,777,216', () => {
    const over = arriving({ 'content-length': String(DRAIN_MAX_BYTES + 1) });
    let answered = 0;
    afterDrain(over.incoming, () => answered++);
    expect(answered).toBe(1);
    expect(over.req.readableFlowing).toBeNull();
    const atBound = arriving({ 'content-length': String(DRAIN_MAX_BYTES) });
    afterDrain(atBound.incoming, () => answered++);
    expect(answered).toBe(1);
    expect(atBound.req.readableFlowing).toBe(true);
  });

  it('answers at 10,000 ms for a body that never ends, not at 9,999', async () => {
    jest.useFakeTimers({ now: 0, doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    const { incoming } = arriving({ 'content-length': '1000000' });
    let answeredAt = -1;
    afterDrain(incoming, () => (answeredAt = Date.now()));
    await jest.advanceTimersByTimeAsync(9999);
    expect(answeredAt).toBe(-1);
    await jest.advanceTimersByTimeAsync(1);
    expect(answeredAt).toBe(10_000);
  });

  it('answers at once when nothing is left to read: the request is complete, or gone', () => {
    const complete = arriving();
    complete.req.complete = true;
    const gone = arriving();
    gone.req.destroy();
    let answered = 0;
    afterDrain(complete.incoming, () => answered++);
    afterDrain(gone.incoming, () => answered++);
    expect(answered).toBe(2);
  });
});

/** The handler called directly, as functions-framework calls it behind the front door. */
function callHandler(body: Record<string, unknown>, options: { posts?: PostSource; deadlineMs?: number; lines?: string[] } = {}) {
  const lines = options.lines ?? [];
  const handler = createWebhookHandler({
    config: { deadlineMs: options.deadlineMs ?? 4000, allowNsfw: false },
    posts: options.posts ?? { fetchPosts: () => Promise.resolve([]) },
    log: jsonLogger('debug', (line) => lines.push(line)),
  });
  const raw = Buffer.from(JSON.stringify(body));
  const req = { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(raw.length) }, rawBody: raw, body };
  const answer = { at: -1, text: '' };
  const res = {
    headersSent: false,
    statusCode: 0,
    setHeader() {},
    end(text: string) {
      answer.at = Date.now();
      answer.text = text;
      res.headersSent = true;
    },
  };
  return { done: handler(req as unknown as Request, res as unknown as Response), answer, lines };
}

describe('the answer is sent 50 ms before the deadline', () => {
  afterEach(() => jest.useRealTimers());

  it('a hanging intent gets the apology at deadline − 50 ms, not a millisecond earlier', async () => {
    jest.useFakeTimers({ now: 1_000_000, doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    const hanging: PostSource = { fetchPosts: () => new Promise(() => undefined) };
    const call = callHandler(webhookRequest({ action: 'say-content', parameters: { content: 'joke' } }), { posts: hanging, deadlineMs: 1000 });
    await jest.advanceTimersByTimeAsync(949);
    expect(call.answer.at).toBe(-1);
    await jest.advanceTimersByTimeAsync(1);
    await call.done;
    expect(call.answer.at).toBe(1_000_950);
    expect(JSON.parse(call.answer.text).fulfillmentText).toMatch(/^Sorry, something went wrong on my side/);
  });
});

describe('caller text in log lines', () => {
  const logged = async (body: Record<string, unknown>) => {
    const call = callHandler(body);
    await call.done;
    return call.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  };

  it('a debug line carries the first 200 characters of the user\u2019s text', async () => {
    const turn = (text: string) => logged(webhookRequest({ action: 'input.welcome', queryText: text })).then((lines) => lines.find((l) => l.message === 'webhook turn'));
    expect((await turn('q'.repeat(200)))?.queryText).toBe('q'.repeat(200));
    expect((await turn('q'.repeat(201)))?.queryText).toBe('q'.repeat(200));
  });

  it('session, intent and action are cut to 100 characters', async () => {
    const summary = async (n: number) =>
      (await logged(webhookRequest({ action: 'a'.repeat(n), intent: 'i'.repeat(n), session: `projects/p/agent/sessions/${'s'.repeat(n)}` }))).find(
        (l) => l.message === 'webhook request',
      );
    expect(await summary(100)).toMatchObject({ action: 'a'.repeat(100), intent: 'i'.repeat(100), session: 's'.repeat(100) });
    expect(await summary(101)).toMatchObject({ action: 'a'.repeat(100), intent: 'i'.repeat(100), session: 's'.repeat(100) });
  });
});

/** Enough of a ServerResponse for InFlight; this one never finishes by itself. */
class StuckResponse extends EventEmitter {
  headersSent = false;
  statusCode = 200;
  setHeader(): void {}
  end(): void {
    this.headersSent = true;
  }
}

describe('shutdown: 8 s of grace, then 200 ms for the 503s to leave', () => {
  afterEach(() => jest.useRealTimers());

  it('answers what is left at 8,000 ms and lets the framework exit at 8,200 ms', async () => {
    jest.useFakeTimers({ now: 0, doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    const target = new EventEmitter();
    const inFlight = new InFlight();
    const infos: Array<Record<string, unknown>> = [];
    installGracefulShutdown({ target, inFlight, log: { ...silentLogger, info: (fields) => infos.push(fields) } });
    let exitedAt = -1;
    target.on('SIGTERM', () => (exitedAt = Date.now()));
    await Promise.resolve();
    const stuck = new StuckResponse();
    inFlight.track(stuck as unknown as ServerResponse);
    target.emit('SIGTERM', 'SIGTERM');
    expect(infos[0]).toMatchObject({ graceMs: 8000 });
    await jest.advanceTimersByTimeAsync(7999);
    expect(stuck.statusCode).toBe(200);
    await jest.advanceTimersByTimeAsync(1);
    expect(stuck.statusCode).toBe(503);
    await jest.advanceTimersByTimeAsync(199);
    expect(exitedAt).toBe(-1);
    await jest.advanceTimersByTimeAsync(1);
    expect(exitedAt).toBe(8200);
  });
});
