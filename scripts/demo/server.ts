/**
 * The demo page's server, on loopback only: the page (HTML, CSS, and the
 * browser TypeScript compiled once at start) and `POST /api/turn`, which runs
 * a turn of the local agent and answers with a DetectIntent-like queryResult,
 * so the page renders exactly the messages the webhook returned. A turn with
 * `edition: "cx"` goes through the CX agent (agent-cx/) and reaches the
 * webhook as a CX WebhookRequest.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import ts from 'typescript';
import { z } from 'zod';
import { LANGUAGES } from '../../src/languages';
import type { CxModel } from '../agent-cx/model';
import { CxLocalSession } from '../agent-cx/session';
import type { Agent } from '../local-agent/agent';
import { explainTurn } from '../local-agent/script';
import { LocalSession, type TurnResult } from '../local-agent/session';
import { UnknownEventError } from '../local-agent/turn';
import type { WebhookTarget } from '../local-agent/webhook-call';

const WEB_DIR = join(__dirname, 'web');

export interface DemoServerOptions {
  /** The agent in its default language. */
  readonly agent: Agent;
  /** The agent in every language the page offers, by code (default: only `agent`). */
  readonly agents?: ReadonlyMap<string, Agent>;
  /** The CX agent by language: when given, the page offers the ES / CX switch. */
  readonly cxModels?: ReadonlyMap<string, CxModel>;
  readonly webhook: WebhookTarget;
  /** 0 (default) picks a free port. */
  readonly port?: number;
}

export interface DemoServer {
  readonly url: string;
  close(): Promise<void>;
}

const SESSION_ID = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** A language of the agent (`de`); left out = the agent's default language. */
const LANG = z.string().regex(/^[a-z]{2}(-[a-z]{2})?$/).optional();

/** Which Dialogflow the turn goes through; left out = ES. */
const EDITION = z.enum(['es', 'cx']).optional();

export const TurnBodySchema = z.union([
  z.strictObject({ sessionId: SESSION_ID, lang: LANG, edition: EDITION, text: z.string().trim().min(1).max(256) }),
  z.strictObject({ sessionId: SESSION_ID, lang: LANG, edition: EDITION, event: z.string().regex(/^[A-Z_]{1,64}$/) }),
]);

/** The page's language picker: the agent's languages, each named in itself ("Deutsch"). */
export function languageList(agents: ReadonlyMap<string, Agent>): Array<{ code: string; name: string }> {
  return [...agents.keys()].map((code) => ({ code, name: LANGUAGES.get(code)?.name ?? code }));
}

/** What the page gets for a turn: Dialogflow's queryResult fields it renders, plus an explanation. */
export function turnPayload(result: TurnResult): Record<string, unknown> {
  return {
    queryResult: {
      queryText: result.queryText,
      action: result.action,
      parameters: result.parameters,
      intent: { displayName: result.intent },
      intentDetectionConfidence: result.score,
      fulfillmentText: result.fulfillmentText,
      fulfillmentMessages: result.fulfillmentMessages,
    },
    webhookStatus: result.webhookStatus ?? null,
    explain: explainTurn(result),
  };
}

/** Conversations kept at once; the oldest is forgotten first (it is a local demo, not a service). */
const MAX_SESSIONS = 100;
const MAX_BODY_BYTES = 4096;

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export async function loadPage(): Promise<Map<string, { type: string; body: string }>> {
  const source = await readFile(join(WEB_DIR, 'demo.ts'), 'utf8');
  const script = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, removeComments: false },
    fileName: 'demo.ts',
  }).outputText;
  return new Map([
    ['/', { type: 'text/html; charset=utf-8', body: await readFile(join(WEB_DIR, 'index.html'), 'utf8') }],
    ['/demo.css', { type: 'text/css; charset=utf-8', body: await readFile(join(WEB_DIR, 'demo.css'), 'utf8') }],
    ['/demo.js', { type: 'text/javascript; charset=utf-8', body: script }],
  ]);
}

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const assets = await loadPage();
  const agents = options.agents ?? new Map([[options.agent.languageCode, options.agent]]);
  const editions = options.cxModels ? ['es', 'cx'] : ['es'];
  const languages = JSON.stringify({ default: options.agent.languageCode, languages: languageList(agents), editions });
  const sessions = new Map<string, LocalSession | CxLocalSession>();

  /** A conversation is in one language and one edition: the same id in another is another conversation. */
  const sessionFor = (id: string, agent: Agent | CxModel): LocalSession | CxLocalSession => {
    const cx = 'flow' in agent;
    const key = `${cx ? 'cx' : 'es'}:${cx ? agent.agent.languageCode : agent.languageCode}:${id}`;
    let session = sessions.get(key);
    if (!session) {
      const settings = { webhook: options.webhook, sessionId: id };
      session = cx ? new CxLocalSession(agent, settings) : new LocalSession(agent, settings);
      sessions.set(key, session);
      if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
    }
    return session;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { code: 'internal', message: (error as Error).message } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://demo').pathname;
    const asset = assets.get(path);
    if (asset && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': asset.type, ...SECURITY_HEADERS });
      res.end(req.method === 'HEAD' ? undefined : asset.body);
      return;
    }
    if (path === '/api/languages' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
      res.end(req.method === 'HEAD' ? undefined : languages);
      return;
    }
    if (path !== '/api/turn') {
      send(res, 404, { error: { code: 'not_found', message: `no ${path} here` } });
      return;
    }
    if (req.method !== 'POST') {
      send(res, 405, { error: { code: 'method_not_allowed', message: 'use POST' } });
      return;
    }

    const raw = await readBody(req);
    if (raw === undefined) {
      send(res, 413, { error: { code: 'too_large', message: `at most ${MAX_BODY_BYTES} bytes` } });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      send(res, 400, { error: { code: 'bad_json', message: 'body is not JSON' } });
      return;
    }
    const body = TurnBodySchema.safeParse(json);
    if (!body.success) {
      send(res, 400, { error: { code: 'bad_request', message: 'expected {sessionId, text} or {sessionId, event}, and optionally lang' } });
      return;
    }
    const lang = body.data.lang ?? options.agent.languageCode;
    if (body.data.edition === 'cx' && !options.cxModels) {
      send(res, 400, { error: { code: 'no_cx_agent', message: 'this demo was started without a CX agent' } });
      return;
    }
    const agent = body.data.edition === 'cx' ? options.cxModels!.get(lang) : agents.get(lang);
    if (!agent) {
      send(res, 400, { error: { code: 'unknown_language', message: `the agent does not speak "${lang}"` } });
      return;
    }
    const session = sessionFor(body.data.sessionId, agent);
    try {
      const result = 'text' in body.data ? await session.say(body.data.text) : await session.event(body.data.event);
      send(res, 200, turnPayload(result));
    } catch (error) {
      if (error instanceof UnknownEventError) {
        send(res, 400, { error: { code: 'unknown_event', message: error.message } });
        return;
      }
      throw error;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
  res.end(JSON.stringify(body));
}

/** The body as text, or undefined when it is larger than allowed. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
