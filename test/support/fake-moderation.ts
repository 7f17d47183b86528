import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { MODERATION_CATEGORIES, type CategoryScore } from '../../src/moderation/thresholds';

/**
 * A local Cloud Natural Language `documents:moderateText` (v2, REST) on a free
 * loopback port. It refuses what the real API refuses, the way it refuses it
 * (Google's JSON error body with the gRPC status name):
 * - any other method or path: 404 NOT_FOUND;
 * - a body that is not JSON: 400 INVALID_ARGUMENT;
 * - no `document`, no `document.content` or an empty one, a `type` other than
 *   PLAIN_TEXT or HTML (TYPE_UNSPECIFIED included): 400 INVALID_ARGUMENT;
 * - with `requireAuth` (the real API always does; a client sends none only to
 *   an http:// test server): no `Authorization: Bearer …`, 401 UNAUTHENTICATED.
 * Otherwise it answers the categories `score(text)` gives, so a test, or the
 * safety bench from hand labels, decides what the "model" says.
 */

export type Scorer = (text: string) => CategoryScore[];

/** What the fake does instead of answering: an HTTP status with Google's error body, or no answer at all. */
export type Trouble = { status: number } | 'hang';

export interface ModerationCall {
  text: string;
  authorization?: string;
  body: unknown;
}

export interface FakeModeration {
  /** http://127.0.0.1:port, for MODERATION_ENDPOINT. */
  url: string;
  /** Every accepted or refused request that reached the moderateText path, in order. */
  calls: ModerationCall[];
  /** From now on every request gets this trouble; undefined answers again. */
  trouble(next: Trouble | undefined): void;
  /** The requests left hanging so far (answered with 503 when released). */
  hanging(): number;
  close(): Promise<void>;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

function sendError(res: ServerResponse, code: number, message: string): void {
  res.writeHead(code, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify({ error: { code, message, status: STATUS_NAMES[code] ?? 'UNKNOWN' } }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Why the real API would refuse this body, or undefined when it would answer. */
export function refusal(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'Invalid JSON payload received.';
  const document = (body as { document?: unknown }).document;
  if (typeof document !== 'object' || document === null) return 'One of content, or gcs_content_uri must be set.';
  const { type, content } = document as { type?: unknown; content?: unknown };
  if (type !== 'PLAIN_TEXT' && type !== 'HTML') return 'The document type must be PLAIN_TEXT or HTML.';
  if (typeof content !== 'string' || content.length === 0) return 'The document is empty.';
  return undefined;
}

export async function startFakeModeration(score: Scorer, options: { requireAuth?: boolean } = {}): Promise<FakeModeration> {
  const calls: ModerationCall[] = [];
  const sockets = new Set<Socket>();
  const held: ServerResponse[] = [];
  let current: Trouble | undefined;

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      if (req.method !== 'POST' || req.url !== '/v2/documents:moderateText') {
        sendError(res, 404, `The requested URL ${req.url ?? ''} was not found on this server.`);
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      const content = (body as { document?: { content?: unknown } } | undefined)?.document?.content;
      calls.push({ text: typeof content === 'string' ? content : '', authorization: req.headers.authorization, body });
      if (options.requireAuth && !/^Bearer \S+$/.test(req.headers.authorization ?? '')) {
        sendError(res, 401, 'Request is missing required authentication credential.');
        return;
      }
      const problem = refusal(body);
      if (problem) {
        sendError(res, 400, problem);
        return;
      }
      if (current === 'hang') {
        held.push(res);
        return;
      }
      if (current) {
        sendError(res, current.status, 'The fake was told to fail.');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify({ moderationCategories: score(content as string), languageCode: 'en', languageSupported: true }));
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    trouble: (next) => {
      current = next;
    },
    hanging: () => held.length,
    close: async () => {
      for (const res of held.splice(0)) if (!res.writableEnded) sendError(res, 503, 'The fake is closing.');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

/** Scores of the 16 categories: `high` ones at the given confidence, every other at 0.05. */
export function scores(high: Record<string, number> = {}, severity: Record<string, number> = {}): CategoryScore[] {
  return MODERATION_CATEGORIES.map((name) => ({ name, confidence: high[name] ?? 0.05, ...(severity[name] !== undefined && { severity: severity[name] }) }));
}
