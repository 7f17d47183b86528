/**
 * A local stand-in for the Dialogflow ES v2 REST API (dialogflow.googleapis.com),
 * enough for `npm run deploy`: get/set agent, restore (a long-running operation
 * polled through projects/P/operations/ID), update fulfillment, detect intent.
 * The real @google-cloud/dialogflow client talks to it over loopback HTTP.
 *
 * It refuses what the real API refuses: a call without the bearer token
 * (401 UNAUTHENTICATED), a restore without agentContent or with content that
 * is no ZIP, a fulfillment update without updateMask, a detectIntent without
 * queryInput.text.languageCode (400 INVALID_ARGUMENT, naming the field).
 *
 * A restore replaces the whole agent: its intents, and its fulfillment, which
 * becomes what agent.json's `webhook` holds (no password: exports have none).
 * detectIntent answers from the restored agent with the project's local
 * matcher (scripts/local-agent), POSTs a v2 WebhookRequest to the fulfillment
 * URL with the fulfillment's Basic auth and headers, and reports the result in
 * webhookStatus, so the smoke test meets the real webhook and the real agent.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { strFromU8, unzipSync } from 'fflate';
import { GoogleAuth, googleAuthLibrary } from 'google-gax';
import { agentFromFiles, AgentLoadError, type Agent } from '../../scripts/local-agent/agent';
import { decodeApiError } from '../../scripts/deploy/errors';
import { afterWebhook, INITIAL_STATE, planTurn, type SessionState } from '../../scripts/local-agent/turn';
import type { WebhookRequestBody } from '../../scripts/local-agent/request';

/** The bearer token the fake accepts unless told otherwise. */
export const FAKE_TOKEN = 'fake-token';

/**
 * Credentials that never leave the machine: a fixed bearer token (default: the
 * one the fake accepts); `null` sends no Authorization header at all.
 * Node's own fetch, because gaxios would otherwise import() node-fetch, which
 * jest's module sandbox does not allow.
 */
export function fakeAuth(token: string | null = FAKE_TOKEN): GoogleAuth {
  const client = new googleAuthLibrary.OAuth2Client({ transporterOptions: { fetchImplementation: fetch } });
  client.setCredentials({ access_token: token ?? 'unused', expiry_date: Date.now() + 3_600_000 });
  // No token at all: the library's own hook for the headers it adds (protected, hence the cast).
  if (token === null) (client as unknown as { getRequestMetadataAsync: () => Promise<{ headers: Headers }> }).getRequestMetadataAsync = async () => ({ headers: new Headers() });
  return new GoogleAuth({ authClient: client });
}

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: any;
  /** The HTTP status the fake answered with. */
  status?: number;
}

export interface ApiError {
  status: number;
  code: string;
  message: string;
  details?: unknown[];
}

export type Rpc = 'getAgent' | 'setAgent' | 'restoreAgent' | 'getOperation' | 'getFulfillment' | 'updateFulfillment' | 'detectIntent';

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
  /** The only bearer token accepted; default FAKE_TOKEN. */
  accessToken?: string;
}

export interface FakeDialogflow {
  readonly host: string;
  readonly port: number;
  readonly calls: RecordedCall[];
  /** The ZIP bytes of the last successful restore. */
  restored: Buffer | undefined;
  /** The agent's fulfillment (v2 Fulfillment JSON); undefined when unset. */
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

/** The status and message Google's front end gives a call without a usable bearer token. */
export const UNAUTHENTICATED_MISSING: ApiError = {
  status: 401,
  code: 'UNAUTHENTICATED',
  message:
    'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. ' +
    'See https://developers.google.com/identity/sign-in/web/devconsole-project.',
};
export const UNAUTHENTICATED_INVALID: ApiError = {
  status: 401,
  code: 'UNAUTHENTICATED',
  message:
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. ' +
    'See https://developers.google.com/identity/sign-in/web/devconsole-project.',
};

/** 400 INVALID_ARGUMENT naming the offending field, with a BadRequest field violation like Google's. */
export function invalidArgument(field: string, description: string): ApiError {
  return {
    status: 400,
    code: 'INVALID_ARGUMENT',
    message: `Invalid argument: ${field}: ${description}`,
    details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field, description }] }],
  };
}

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

/**
 * What the client library reports for a call a fake refused (gRPC code, Google's message) and the
 * HTTP status the fake answered (the last of its recorded calls).
 */
export async function refusal(call: Promise<unknown>, calls: readonly RecordedCall[]): Promise<{ code: unknown; message: string; http: number | undefined }> {
  const error = await call.then(
    () => new Error('the call succeeded'),
    (e: unknown) => e,
  );
  const decoded = decodeApiError(error);
  return { code: decoded.code, message: String(decoded.message).replace(/^\d+ [A-Z_]+: /, ''), http: calls.at(-1)?.status };
}

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/** The fulfillment a restore leaves: agent.json's `webhook` (an export holds no password), or none. */
function fulfillmentFromExport(project: string, agentJson: any): any {
  const webhook = agentJson?.webhook;
  if (!webhook?.url) return undefined;
  return {
    name: `projects/${project}/agent/fulfillment`,
    genericWebService: { uri: webhook.url, username: webhook.username ?? '', password: '', requestHeaders: { ...webhook.headers } },
    enabled: webhook.available === true,
    features: webhook.useForDomains ? [{ type: 'SMALLTALK' }] : [],
  };
}

/** The Fulfillment fields an update mask may name (snake_case, as in the proto). */
const FULFILLMENT_FIELDS = new Set(['name', 'display_name', 'generic_web_service', 'enabled', 'features']);
const snake = (path: string) => path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (path: string) => path.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

interface WebhookAnswer {
  webhookStatus: { code?: number; message: string } | undefined;
  fulfillmentText: string;
  outputContexts?: any[];
}

/** POSTs the request like Dialogflow; when the webhook fails, Dialogflow says the intent's static reply. */
async function callWebhook(fulfillment: any, request: WebhookRequestBody, staticReply: string, timeoutMs: number): Promise<WebhookAnswer> {
  const service = fulfillment?.genericWebService;
  if (!fulfillment?.enabled || !service?.uri) return { webhookStatus: undefined, fulfillmentText: staticReply };
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(service.requestHeaders ?? {}) };
  if (service.username) {
    headers.Authorization = `Basic ${Buffer.from(`${String(service.username)}:${String(service.password ?? '')}`).toString('base64')}`;
  }
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
        fulfillmentText: staticReply,
      };
    }
    const json: any = await response.json();
    return { webhookStatus: { message: 'Webhook execution successful' }, fulfillmentText: json.fulfillmentText ?? '', outputContexts: json.outputContexts };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return {
      webhookStatus: {
        code: timedOut ? 4 : 14,
        message: timedOut ? 'Webhook call failed. Error: DEADLINE_EXCEEDED.' : `Webhook call failed. Error: UNAVAILABLE, ${(error as Error).message}.`,
      },
      fulfillmentText: staticReply,
    };
  }
}

export async function startFakeDialogflow(options: FakeDialogflowOptions): Promise<FakeDialogflow> {
  const { project } = options;
  const base = `/v2/projects/${project}`;
  const token = options.accessToken ?? FAKE_TOKEN;
  const operations = new Map<string, { polls: number; error?: { code: number; message: string } }>();
  let nextOperation = 0;
  /** The restored agent's export files, and its model per language (built on first use). */
  let agentFiles: Map<string, string> | undefined;
  const models = new Map<string, Agent>();
  const sessions = new Map<string, SessionState>();

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
    if (method === 'GET' && path === `${base}/agent/fulfillment`) return 'getFulfillment';
    // fulfillment.name is the path: the client library refuses to send an update without one.
    if (method === 'PATCH' && path === `${base}/agent/fulfillment`) return 'updateFulfillment';
    if (method === 'POST' && path.startsWith(`${base}/agent/sessions/`) && path.endsWith(':detectIntent')) return 'detectIntent';
    return undefined;
  };

  const operationResult = (name: string, error: { code: number; message: string } | undefined) =>
    error ? { name, done: true, error } : { name, done: true, response: { '@type': 'type.googleapis.com/google.protobuf.Empty' } };

  /** The agent in `languageCode` (`en-US` falls back to `en`), or an error naming the field. */
  const model = (languageCode: string): Agent | ApiError => {
    const code = languageCode.toLowerCase();
    const cached = models.get(code);
    if (cached) return cached;
    for (const candidate of [code, code.split('-')[0]!]) {
      try {
        const agent = agentFromFiles(agentFiles!, candidate);
        models.set(code, agent);
        return agent;
      } catch (error) {
        if (!(error instanceof AgentLoadError)) throw error;
      }
    }
    return invalidArgument('query_input.text.language_code', `the agent does not support the language "${languageCode}"`);
  };

  /** Checks the content, then replaces the whole agent; the outcome is the operation's error, if any. */
  const restore = (zip: Buffer): { code: number; message: string } | ApiError | undefined => {
    let files: Map<string, string>;
    try {
      files = new Map(Object.entries(unzipSync(new Uint8Array(zip))).filter(([path]) => !path.endsWith('/')).map(([path, bytes]) => [path, strFromU8(bytes)]));
    } catch {
      return invalidArgument('agent_content', 'Invalid agent zip: the content is not a ZIP archive');
    }
    let agentJson: any;
    try {
      agentJson = JSON.parse(files.get('agent.json') ?? '');
      // The one liberty taken: an http:// webhook on loopback (the real API wants https), hidden from the matcher's https-only schema.
      if (typeof agentJson.webhook?.url === 'string' && agentJson.webhook.url.startsWith('http://')) {
        files.set('agent.json', JSON.stringify({ ...agentJson, webhook: { ...agentJson.webhook, url: 'https://loopback.invalid/' } }));
      }
      agentFromFiles(files);
    } catch (error) {
      const reason = files.has('agent.json') ? (error as Error).message : 'Missing required json file agent.json.';
      return { code: 3, message: `Invalid agent zip. ${reason}` };
    }
    if (options.restore?.error) return options.restore.error;
    agentFiles = files;
    models.clear();
    sessions.clear();
    state.restored = zip;
    state.agent = { displayName: agentJson.displayName };
    state.fulfillment = fulfillmentFromExport(project, agentJson);
    return undefined;
  };

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- node:http drops the promise; a throw here is a bug in the fake, and the test waiting for its answer fails either way
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readBody(req);
    const path = decodeURIComponent(url.pathname);
    const call: RecordedCall = { method: req.method ?? '', path, query: url.searchParams, headers: req.headers, body };
    state.calls.push(call);
    const send = (status: number, json: unknown) => {
      call.status = status;
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    const refuse = (error: ApiError) => send(error.status, errorBody(error));
    const authorization = req.headers.authorization;
    const bearer = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (bearer === undefined) return refuse(UNAUTHENTICATED_MISSING);
    if (bearer !== token) return refuse(UNAUTHENTICATED_INVALID);
    const rpc = route(req.method ?? '', path);
    if (!rpc) return refuse({ status: 404, code: 'NOT_FOUND', message: `no route ${req.method ?? ''} ${path}` });
    const failure = options.fail?.[rpc];
    if (failure) return refuse(failure);

    switch (rpc) {
      case 'getAgent':
        if (!state.agent) return refuse({ status: 404, code: 'NOT_FOUND', message: `No DesignTimeAgent found for project '${project}'.` });
        return send(200, { parent: `projects/${project}`, displayName: state.agent.displayName, defaultLanguageCode: 'en', timeZone: 'Europe/London' });
      case 'setAgent':
        state.agent = { displayName: body.displayName };
        return send(200, body);
      case 'restoreAgent': {
        if (body?.agentUri) return refuse(invalidArgument('agent_uri', 'this fake restores agent_content only'));
        if (!body?.agentContent) return refuse(invalidArgument('agent_content', 'one of agent_uri or agent_content is required'));
        const outcome = restore(Buffer.from(body.agentContent, 'base64'));
        if (outcome && 'status' in outcome) return refuse(outcome);
        const name = `projects/${project}/operations/restore-${++nextOperation}`;
        const polls = options.restore?.polls ?? 0;
        if (polls === 0) return send(200, operationResult(name, outcome));
        operations.set(name, { polls, ...(outcome && { error: outcome }) });
        return send(200, { name, done: false });
      }
      case 'getOperation': {
        const name = path.slice('/v2/'.length);
        const operation = operations.get(name);
        if (!operation) return refuse({ status: 404, code: 'NOT_FOUND', message: `no operation ${name}` });
        operation.polls -= 1;
        return send(200, operation.polls > 0 ? { name, done: false } : operationResult(name, operation.error));
      }
      case 'getFulfillment':
        return send(200, state.fulfillment ?? { name: `projects/${project}/agent/fulfillment` });
      case 'updateFulfillment': {
        const mask = url.searchParams.get('updateMask');
        if (!mask) return refuse(invalidArgument('update_mask', 'the update mask is required'));
        const paths = mask.split(',').map((field) => snake(field.trim()));
        const unknown = paths.find((field) => !FULFILLMENT_FIELDS.has(field));
        if (unknown) return refuse(invalidArgument('update_mask', `"${unknown}" is not a field of Fulfillment`));
        // Only the masked fields change; a masked field the body leaves out is cleared.
        const next: any = { ...(state.fulfillment ?? {}), name: `projects/${project}/agent/fulfillment` };
        for (const field of paths) {
          const key = camel(field);
          if (body?.[key] === undefined) delete next[key];
          else next[key] = body[key];
        }
        state.fulfillment = next;
        return send(200, next);
      }
      case 'detectIntent': {
        const input = body?.queryInput;
        if (!input) return refuse(invalidArgument('query_input', 'the query input is required'));
        if (!input.text) return refuse(invalidArgument('query_input.text', 'this fake answers text queries only'));
        const languageCode: string | undefined = input.text.languageCode;
        if (!languageCode) return refuse(invalidArgument('query_input.text.language_code', 'the language code is required'));
        const text: string = input.text.text ?? '';
        if (!text.trim()) return refuse(invalidArgument('query_input.text.text', 'the text must not be empty'));
        if (!state.agent) return refuse({ status: 404, code: 'NOT_FOUND', message: `No DesignTimeAgent found for project '${project}'.` });
        const session = path.slice('/v2/'.length, -':detectIntent'.length);
        if (!agentFiles) {
          // A new agent, never restored: it has only its default fallback intent, which answers nothing.
          return send(200, {
            responseId: 'fake-response',
            queryResult: {
              queryText: text,
              languageCode,
              action: 'input.unknown',
              intent: { name: `projects/${project}/agent/intents/0`, displayName: 'Default Fallback Intent', isFallback: true },
              intentDetectionConfidence: 1,
              fulfillmentText: '',
            },
          });
        }
        const agent = model(languageCode);
        if ('status' in agent) return refuse(agent);
        const plan = planTurn(agent, sessions.get(session) ?? INITIAL_STATE, { text }, { session, responseId: 'fake-response' });
        const staticReply = plan.match.intent.staticReplies[0] ?? '';
        let answer: WebhookAnswer;
        if (plan.kind === 'prompt') answer = { webhookStatus: undefined, fulfillmentText: plan.prompt };
        else if (plan.kind === 'static') answer = { webhookStatus: undefined, fulfillmentText: plan.reply };
        else answer = await callWebhook(state.fulfillment, plan.request, staticReply, options.webhookTimeoutMs ?? 5000);
        sessions.set(session, answer.webhookStatus && !answer.webhookStatus.code ? afterWebhook(plan.state, answer.outputContexts) : plan.state);
        return send(200, {
          responseId: 'fake-response',
          queryResult: {
            queryText: text,
            languageCode: agent.languageCode,
            action: plan.match.intent.action,
            parameters: plan.kind === 'webhook' ? plan.request.queryResult.parameters : { ...plan.match.parameters },
            allRequiredParamsPresent: plan.kind !== 'prompt',
            intent: {
              name: `projects/${project}/agent/intents/${plan.match.intent.id}`,
              displayName: plan.match.intent.name,
              ...(plan.match.intent.fallback && { isFallback: true }),
            },
            intentDetectionConfidence: plan.match.score,
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
