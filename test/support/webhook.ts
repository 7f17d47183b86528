import type { Request, Response } from '@google-cloud/functions-framework';
import type { Config } from '../../src/config';
import type { WebhookRequest } from '../../src/dialogflow/request';

export const SESSION = 'projects/test-project/agent/sessions/test-session';

export interface SampleOptions {
  /** The `content` parameter ("joke", "fact", ...); omit for "another one". */
  content?: string;
  topic?: string;
  action?: string;
  intent?: string;
  queryText?: string;
  /** Parameters of the incoming `content-followup` context (kind, topic, servedIds). */
  followup?: Record<string, unknown>;
  source?: string;
}

/** A Dialogflow ES v2 WebhookRequest for the say-content intent (or whatever `action` says). */
export function sampleRequest(options: SampleOptions = {}): WebhookRequest {
  const parameters: Record<string, unknown> = {};
  if (options.content !== undefined) parameters['content'] = options.content;
  if (options.topic !== undefined) parameters['topic'] = options.topic;
  return {
    responseId: 'response-1',
    session: SESSION,
    queryResult: {
      queryText: options.queryText ?? `tell me a ${options.content ?? 'joke'}`,
      languageCode: 'en',
      action: options.action ?? 'say-content',
      parameters,
      intent: {
        name: 'projects/test-project/agent/intents/1',
        displayName: options.intent ?? (options.content === undefined ? 'say-content-more' : 'say-content'),
      },
      outputContexts: options.followup
        ? [{ name: `${SESSION}/contexts/content-followup`, lifespanCount: 4, parameters: options.followup }]
        : [],
    },
    originalDetectIntentRequest: options.source ? { source: options.source, payload: {} } : undefined,
  };
}

/** Config as loadConfig would build it, with test-friendly defaults (no OAuth, fake Reddit). */
export function testConfig(overrides: Partial<Config> = {}, reddit: Partial<Config['reddit']> = {}): Config {
  return {
    port: 8080,
    reddit: {
      baseUrl: 'http://reddit.test',
      oauthUrl: 'http://oauth.reddit.test',
      userAgent: 'nodejs:reddit-dialogflow-webhook-test:0.0.0 (by /u/tester)',
      ...reddit,
    },
    deadlineMs: 600,
    cacheTtlSeconds: 300,
    allowNsfw: false,
    logLevel: 'silent',
    ...overrides,
  };
}

export interface WebhookResult {
  status: number;
  headers: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, read by the tests
  body: any;
  elapsedMs: number;
}

type HttpFunction = (req: Request, res: Response) => Promise<void> | void;

/**
 * Calls the real HTTP function (as functions-framework would, after its body
 * parser) with an express-like request and a response that records what was
 * sent, and measures how long the answer took.
 */
export async function callWebhook(handler: HttpFunction, body: unknown, headers: Record<string, string> = {}): Promise<WebhookResult> {
  const raw = Buffer.from(JSON.stringify(body));
  const req = {
    method: 'POST',
    url: '/',
    headers: { 'content-type': 'application/json', 'content-length': String(raw.length), ...lower(headers) },
    body,
    rawBody: raw,
  } as unknown as Request;
  const sent: { status: number; headers: Record<string, string>; body?: string } = { status: 0, headers: {} };
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const fake = {
    headersSent: false,
    statusCode: 200,
    setHeader(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
      return fake;
    },
    end(text: string) {
      fake.headersSent = true;
      sent.status = fake.statusCode;
      sent.body = text;
      finished();
      return fake;
    },
  };
  const res = fake as unknown as Response;
  const started = performance.now();
  await handler(req, res);
  await done;
  const elapsedMs = performance.now() - started;
  return { status: sent.status, headers: sent.headers, body: sent.body ? JSON.parse(sent.body) : undefined, elapsedMs };
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** The text the user hears. */
export function speechOf(result: WebhookResult): string {
  return String(result.body?.fulfillmentText ?? '');
}

/** servedIds carried in the answer's content-followup context. */
export function servedIdsOf(result: WebhookResult): string[] {
  const contexts = (result.body?.outputContexts ?? []) as { name: string; parameters?: { servedIds?: string[] } }[];
  return contexts.find((context) => context.name.endsWith('/contexts/content-followup'))?.parameters?.servedIds ?? [];
}
