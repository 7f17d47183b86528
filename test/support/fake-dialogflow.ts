/**
 * A local stand-in for the Dialogflow ES v2 REST API (dialogflow.googleapis.com),
 * enough for `npm run deploy`: get/set agent, restore (a long-running operation
 * polled through projects/P/operations/ID), update fulfillment, detect intent.
 * The real @google-cloud/dialogflow client talks to it over loopback HTTP.
 *
 * detectIntent behaves like Dialogflow: it POSTs a v2 WebhookRequest to the
 * fulfillment URL with the fulfillment's Basic auth and headers, and reports
 * the result in webhookStatus, so the smoke test meets the real webhook.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookRequest } from './requests';

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: any;
}

export interface ApiError {
  status: number;
  code: string;
  message: string;
  details?: unknown[];
}

export type Rpc = 'getAgent' | 'setAgent' | 'restoreAgent' | 'getOperation' | 'updateFulfillment' | 'detectIntent';

export interface FakeDialogflowOptions {
  project: string;
  /** The project's agent; undefined = none yet (getAgent answers 404). */
  agent?: { displayName: string };
  /** Answer this RPC with an HTTP error instead. */
  fail?: Partial<Record<Rpc, ApiError>>;
  /** The restore operation: polls before it is done, and its outcome. */
  restore?: { polls?: number; error?: { code: number; message: string } };
  /** How long detectIntent waits for the webhook (Dialogflow ES: 5 s). */
  webhookTimeoutMs?: number;
}

export interface FakeDialogflow {
  readonly host: string;
  readonly port: number;
  readonly calls: RecordedCall[];
  /** The ZIP bytes of the last successful restore. */
  restored: Buffer | undefined;
  fulfillment: any;
  agent: { displayName: string } | undefined;
  close(): Promise<void>;
}

/** Google's error body for a status (see https://cloud.google.com/apis/design/errors). */
export function errorBody({ status, code, message, details }: ApiError) {
  return { error: { code: status, message, status: code, details: details ?? [] } };
}

export const SERVICE_DISABLED = (project: string): ApiError => ({
  status: 403,
  code: 'PERMISSION_DENIED',
  message:
    `Dialogflow API has not been used in project ${project} before or it is disabled. Enable it by visiting ` +
    `https://console.developers.google.com/apis/api/dialogflow.googleapis.com/overview?project=${project} then retry.`,
  details: [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'SERVICE_DISABLED',
      domain: 'googleapis.com',
      metadata: { service: 'dialogflow.googleapis.com', consumer: `projects/${project}` },
    },
  ],
});

export const IAM_DENIED = (project: string, permission: string): ApiError => ({
  status: 403,
  code: 'PERMISSION_DENIED',
  message: `IAM permission '${permission}' on 'projects/${project}/agent' denied.`,
  details: [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'IAM_PERMISSION_DENIED',
      domain: 'dialogflow.googleapis.com',
      metadata: { permission, resource: `projects/${project}/agent` },
    },
  ],
});

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/** The answer Dialogflow gives when the webhook failed: its static reply plus the reason. */
async function callWebhook(fulfillment: any, text: string, session: string, timeoutMs: number) {
  const service = fulfillment?.genericWebService;
  if (!fulfillment?.enabled || !service?.uri) return { webhookStatus: undefined, fulfillmentText: "Sorry, I can't reach my stories right now." };
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(service.requestHeaders ?? {}) };
  if (service.username) {
    headers.Authorization = `Basic ${Buffer.from(`${service.username}:${service.password ?? ''}`).toString('base64')}`;
  }
  const request = webhookRequest({ queryText: text, parameters: { content: 'joke' }, session });
  try {
    const response = await fetch(service.uri, {
      method: 'POST',
      headers,
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      return {
        webhookStatus: {
          code: 14,
          message: `Webhook call failed. Error: UNAVAILABLE, State: URL_ERROR, Reason: ERROR_AUTHENTICATION, HTTP status code: ${response.status}.`,
        },
        fulfillmentText: "Sorry, I can't reach my stories right now.",
      };
    }
    const json: any = await response.json();
    return { webhookStatus: { message: 'Webhook execution successful' }, fulfillmentText: json.fulfillmentText ?? '' };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return {
      webhookStatus: {
        code: timedOut ? 4 : 14,
        message: timedOut ? 'Webhook call failed. Error: DEADLINE_EXCEEDED.' : `Webhook call failed. Error: UNAVAILABLE, ${(error as Error).message}.`,
      },
      fulfillmentText: "Sorry, I can't reach my stories right now.",
    };
  }
}

export async function startFakeDialogflow(options: FakeDialogflowOptions): Promise<FakeDialogflow> {
  const { project } = options;
  const base = `/v2/projects/${project}`;
  const operations = new Map<string, { polls: number }>();
  let nextOperation = 0;

  const state: Omit<FakeDialogflow, 'host' | 'port' | 'close'> = {
    calls: [],
    restored: undefined,
    fulfillment: undefined,
    agent: options.agent,
  };

  const route = (method: string, path: string): Rpc | undefined => {
    if (method === 'GET' && path === `${base}/agent`) return 'getAgent';
    if (method === 'POST' && path === `${base}/agent`) return 'setAgent';
    if (method === 'POST' && path === `${base}/agent:restore`) return 'restoreAgent';
    if (method === 'GET' && path.startsWith(`${base}/operations/`)) return 'getOperation';
    if (method === 'PATCH' && path === `${base}/agent/fulfillment`) return 'updateFulfillment';
    if (method === 'POST' && path.startsWith(`${base}/agent/sessions/`) && path.endsWith(':detectIntent')) return 'detectIntent';
    return undefined;
  };

  const finished = (name: string) => {
    const error = options.restore?.error;
    return error
      ? { name, done: true, error }
      : { name, done: true, response: { '@type': 'type.googleapis.com/google.protobuf.Empty' } };
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readBody(req);
    const path = decodeURIComponent(url.pathname);
    state.calls.push({ method: req.method ?? '', path, query: url.searchParams, headers: req.headers, body });
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    const rpc = route(req.method ?? '', path);
    if (!rpc) return send(404, errorBody({ status: 404, code: 'NOT_FOUND', message: `no route ${req.method} ${path}` }));
    const failure = options.fail?.[rpc];
    if (failure) return send(failure.status, errorBody(failure));

    switch (rpc) {
      case 'getAgent':
        if (!state.agent) return send(404, errorBody({ status: 404, code: 'NOT_FOUND', message: `No DesignTimeAgent found for project '${project}'.` }));
        return send(200, { parent: `projects/${project}`, displayName: state.agent.displayName, defaultLanguageCode: 'en', timeZone: 'Europe/London' });
      case 'setAgent':
        state.agent = { displayName: body.displayName };
        return send(200, body);
      case 'restoreAgent': {
        const name = `projects/${project}/operations/restore-${++nextOperation}`;
        if (!options.restore?.error) state.restored = Buffer.from(body.agentContent, 'base64');
        const polls = options.restore?.polls ?? 0;
        if (polls === 0) return send(200, finished(name));
        operations.set(name, { polls });
        return send(200, { name, done: false });
      }
      case 'getOperation': {
        const name = path.slice('/v2/'.length);
        const operation = operations.get(name);
        if (!operation) return send(404, errorBody({ status: 404, code: 'NOT_FOUND', message: `no operation ${name}` }));
        operation.polls -= 1;
        return send(200, operation.polls > 0 ? { name, done: false } : finished(name));
      }
      case 'updateFulfillment':
        state.fulfillment = body;
        return send(200, body);
      case 'detectIntent': {
        const session = path.slice(1, -':detectIntent'.length).replace(/^v2\//, '');
        const text = body.queryInput?.text?.text ?? '';
        const answer = await callWebhook(state.fulfillment, text, session, options.webhookTimeoutMs ?? 5000);
        return send(200, {
          responseId: 'fake-response',
          queryResult: {
            queryText: text,
            languageCode: 'en',
            action: 'say-content',
            intent: { name: `projects/${project}/agent/intents/1`, displayName: 'say-content' },
            fulfillmentText: answer.fulfillmentText,
          },
          ...(answer.webhookStatus && { webhookStatus: answer.webhookStatus }),
        });
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    host: '127.0.0.1',
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
