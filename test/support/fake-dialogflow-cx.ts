/**
 * A local stand-in for the Dialogflow CX v3 REST API, enough for
 * `npm run deploy -- --cx`: list/create agents, restore (a long-running
 * operation), list/update webhooks, detect intent. The real
 * @google-cloud/dialogflow-cx client talks to it over loopback HTTP.
 *
 * It refuses what the real API refuses: a call without the bearer token
 * (401 UNAUTHENTICATED); an agent without display name, default language or
 * time zone, a restore without agent content, a webhook update without an
 * update mask or with a field the mask cannot name, a detect intent without
 * the query's language code or text (400 INVALID_ARGUMENT naming the field);
 * content that is no ZIP (400) or no valid agent (the operation fails with 3).
 *
 * detectIntent answers from the restored agent's own routes and training
 * phrases (scripts/agent-cx/model.ts, turn.ts over the local matcher), POSTs a
 * cx.v3 WebhookRequest to the webhook with the auth it was given (an ID token
 * of the service agent, or Basic auth), and reports webhookStatuses.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { strFromU8, unzipSync } from 'fflate';
import { AgentLoadError } from '../../scripts/local-agent/agent';
import { cxModelFromFiles, type CxModel } from '../../scripts/agent-cx/model';
import { END_SESSION } from '../../scripts/agent-cx/generate';
import { buildCxWebhookRequest } from '../../scripts/agent-cx/request';
import { planCxTurn, START, webhookErrorMessages, withWebhookParameters, type CxSessionState } from '../../scripts/agent-cx/turn';
import { errorBody, FAKE_TOKEN, invalidArgument, UNAUTHENTICATED_INVALID, UNAUTHENTICATED_MISSING, type ApiError, type RecordedCall } from './fake-dialogflow';

export { fakeAuth } from './fake-dialogflow';

/** The Dialogflow service agent the fake's ID tokens name. */
export const fakeServiceAgent = (projectNumber: string) => `service-${projectNumber}@gcp-sa-dialogflow.iam.gserviceaccount.com`;

/** An unsigned JWT in the shape of a Google ID token (the test webhook decodes it; nothing verifies a signature). */
export function fakeIdToken(audience: string, email: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: 'https://accounts.google.com', aud: audience, email, email_verified: true })}.fake-signature`;
}

export type CxRpc = 'listAgents' | 'createAgent' | 'restoreAgent' | 'getOperation' | 'listWebhooks' | 'updateWebhook' | 'detectIntent';

export interface FakeDialogflowCxOptions {
  project: string;
  projectNumber?: string;
  location?: string;
  /** Agents that exist already, by display name. */
  agents?: string[];
  fail?: Partial<Record<CxRpc, ApiError>>;
  /** Polls of the restore operation before it is done. */
  restorePolls?: number;
  webhookTimeoutMs?: number;
}

interface StoredAgent {
  name: string;
  displayName: string;
  defaultLanguageCode: string;
  timeZone: string;
  files?: Map<string, string>;
  /** Webhooks by full name, as the API returns them. */
  webhooks: Map<string, any>;
}

export interface FakeDialogflowCx {
  readonly host: string;
  readonly port: number;
  readonly calls: RecordedCall[];
  readonly agents: Map<string, StoredAgent>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/** Webhook fields an update mask may name (snake_case, as in the proto). */
const WEBHOOK_FIELDS = new Set(['name', 'display_name', 'generic_web_service', 'service_directory', 'timeout', 'disabled']);
/** In enum number order: proto3 JSON allows either, and the client library sends the number. */
const SERVICE_AGENT_AUTH = ['SERVICE_AGENT_AUTH_UNSPECIFIED', 'NONE', 'ID_TOKEN', 'ACCESS_TOKEN'];
const snake = (path: string) => path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (path: string) => path.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** What the console and the API check on a package beyond its files' shapes: every name a route uses exists. */
function referenceProblem(model: CxModel): string | undefined {
  const intents = new Set(model.agent.intents.map((intent) => intent.name));
  const handlers = [
    ...model.flow.transitionRoutes,
    ...model.flow.eventHandlers,
    ...[...model.pages.values()].flatMap((page) => page.transitionRoutes),
  ];
  for (const handler of handlers) {
    if ('intent' in handler && handler.intent !== undefined && !intents.has(handler.intent)) return `Route references an unknown intent "${handler.intent}".`;
    if (handler.targetPage !== undefined && handler.targetPage !== END_SESSION && !model.pages.has(handler.targetPage)) return `Route references an unknown page "${handler.targetPage}".`;
    const webhook = handler.triggerFulfillment.webhook;
    if (webhook !== undefined && !model.webhooks.has(webhook)) return `Fulfillment references an unknown webhook "${webhook}".`;
  }
  return undefined;
}

interface WebhookOutcome {
  status: { code?: number; message: string };
  messages: string[];
  parameters?: Record<string, unknown>;
}

async function callWebhook(webhook: any, body: unknown, serviceAgent: string, timeoutMs: number): Promise<WebhookOutcome> {
  const service = webhook.genericWebService ?? {};
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(service.requestHeaders ?? {}) };
  // webhook.proto: an unspecified service agent auth defaults to ID_TOKEN; NONE (or Basic credentials) sends none.
  const auth = service.serviceAgentAuth ?? 'SERVICE_AGENT_AUTH_UNSPECIFIED';
  if (service.username) headers.Authorization = `Basic ${Buffer.from(`${String(service.username)}:${String(service.password ?? '')}`).toString('base64')}`;
  else if (auth === 'ID_TOKEN' || auth === 'SERVICE_AGENT_AUTH_UNSPECIFIED') headers.Authorization = `Bearer ${fakeIdToken(service.uri, serviceAgent)}`;
  try {
    const response = await fetch(service.uri, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) {
      return { status: { code: 14, message: `Webhook call failed. Error: UNAVAILABLE, HTTP status code: ${response.status}.` }, messages: [] };
    }
    const json: any = await response.json();
    const messages = (json.fulfillmentResponse?.messages ?? []).flatMap((message: any) => message.text?.text ?? []);
    return { status: { message: 'Webhook execution successful' }, messages, parameters: json.sessionInfo?.parameters };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return { status: { code: timedOut ? 4 : 14, message: timedOut ? 'Webhook call failed. Error: DEADLINE_EXCEEDED.' : `Webhook call failed. Error: UNAVAILABLE, ${(error as Error).message}.` }, messages: [] };
  }
}

export async function startFakeDialogflowCx(options: FakeDialogflowCxOptions): Promise<FakeDialogflowCx> {
  const location = options.location ?? 'global';
  const parent = `projects/${options.project}/locations/${location}`;
  const serviceAgent = fakeServiceAgent(options.projectNumber ?? '123456789012');
  const agents = new Map<string, StoredAgent>();
  let nextId = 0;
  const newAgent = (displayName: string, defaultLanguageCode = 'en', timeZone = 'Europe/London'): StoredAgent => {
    const agent: StoredAgent = { name: `${parent}/agents/agent-${++nextId}`, displayName, defaultLanguageCode, timeZone, webhooks: new Map() };
    agents.set(agent.name, agent);
    return agent;
  };
  for (const displayName of options.agents ?? []) newAgent(displayName);
  const operations = new Map<string, { polls: number; error?: { code: number; message: string } }>();
  const sessions = new Map<string, CxSessionState>();
  const models = new Map<string, CxModel>();
  const calls: RecordedCall[] = [];
  const publicAgent = (agent: StoredAgent) => ({ name: agent.name, displayName: agent.displayName, defaultLanguageCode: agent.defaultLanguageCode, timeZone: agent.timeZone });

  const route = (method: string, path: string): { rpc: CxRpc; agent?: string; rest?: string } | undefined => {
    if (path === `/v3/${parent}/agents`) return method === 'GET' ? { rpc: 'listAgents' } : method === 'POST' ? { rpc: 'createAgent' } : undefined;
    if (method === 'GET' && path.startsWith(`/v3/${parent}/operations/`)) return { rpc: 'getOperation', rest: path.slice(4) };
    const m = new RegExp(`^/v3/(${parent}/agents/[^/:]+)(.*)$`).exec(path);
    if (!m) return undefined;
    const [, agent, tail = ''] = m;
    if (method === 'POST' && tail === ':restore') return { rpc: 'restoreAgent', agent };
    if (method === 'GET' && tail === '/webhooks') return { rpc: 'listWebhooks', agent };
    if (method === 'PATCH' && /^\/webhooks\/[^/]+$/.test(tail)) return { rpc: 'updateWebhook', agent, rest: `${String(agent)}${tail}` };
    const session = /^\/sessions\/([^/:]+):detectIntent$/.exec(tail);
    if (method === 'POST' && session) return { rpc: 'detectIntent', agent, rest: `${String(agent)}/sessions/${String(session[1])}` };
    return undefined;
  };

  /** Unzips and loads the package; the error is what the operation reports. */
  const restore = (agent: StoredAgent, zip: Buffer): ApiError | { code: number; message: string } | undefined => {
    let files: Map<string, string>;
    try {
      files = new Map(Object.entries(unzipSync(new Uint8Array(zip))).filter(([path]) => !path.endsWith('/')).map(([path, bytes]) => [path, strFromU8(bytes)]));
    } catch {
      return invalidArgument('agent_content', 'Invalid agent content: it is not a ZIP archive');
    }
    // The one liberty taken: an http:// webhook on loopback (the real API wants https), hidden from the package schema.
    const loopback = new Map<string, string>();
    for (const [path, text] of files) {
      if (!path.startsWith('webhooks/')) continue;
      const webhook = JSON.parse(text);
      const uri = webhook?.genericWebService?.uri;
      if (typeof uri === 'string' && uri.startsWith('http://127.0.0.1')) {
        loopback.set(webhook.displayName, uri);
        files.set(path, JSON.stringify({ ...webhook, genericWebService: { ...webhook.genericWebService, uri: 'https://loopback.invalid/' } }));
      }
    }
    let model: CxModel;
    try {
      model = cxModelFromFiles(files);
    } catch (error) {
      if (!(error instanceof AgentLoadError)) throw error;
      return { code: 3, message: `Invalid agent content. ${files.has('agent.json') ? error.message : 'Missing required json file agent.json.'}` };
    }
    const problem = referenceProblem(model);
    if (problem) return { code: 3, message: `Invalid agent content. ${problem}` };
    agent.files = files;
    agent.defaultLanguageCode = model.agentJson.defaultLanguageCode;
    agent.timeZone = model.agentJson.timeZone;
    // A restore replaces everything, webhooks included: their settings are the package's (no credentials).
    agent.webhooks = new Map(
      [...model.webhooks.values()].map((webhook, index) => {
        const name = `${agent.name}/webhooks/webhook-${index + 1}`;
        const uri = loopback.get(webhook.displayName) ?? webhook.genericWebService.uri;
        // The API writes a Duration as "5s"; the package file as { seconds: 5 }.
        return [name, { name, displayName: webhook.displayName, genericWebService: { uri }, timeout: `${webhook.timeout.seconds}s` }];
      }),
    );
    for (const key of [...models.keys()]) if (key.startsWith(`${agent.name}|`)) models.delete(key);
    for (const key of [...sessions.keys()]) if (key.startsWith(`${agent.name}/`)) sessions.delete(key);
    return undefined;
  };

  const modelFor = (agent: StoredAgent, languageCode: string): CxModel | ApiError => {
    const key = `${agent.name}|${languageCode.toLowerCase()}`;
    const cached = models.get(key);
    if (cached) return cached;
    try {
      const model = cxModelFromFiles(agent.files!, languageCode);
      models.set(key, model);
      return model;
    } catch (error) {
      if (!(error instanceof AgentLoadError)) throw error;
      return invalidArgument('query_input.language_code', `the agent does not support the language "${languageCode}"`);
    }
  };

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- node:http drops the promise; a throw here is a bug in the fake, and the test waiting for its answer fails either way
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readBody(req);
    const path = decodeURIComponent(url.pathname);
    const call: RecordedCall = { method: req.method ?? '', path, query: url.searchParams, headers: req.headers, body };
    calls.push(call);
    const send = (status: number, json: unknown) => {
      call.status = status;
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    const refuse = (error: ApiError) => send(error.status, errorBody(error));
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer === undefined) return refuse(UNAUTHENTICATED_MISSING);
    if (bearer !== FAKE_TOKEN) return refuse(UNAUTHENTICATED_INVALID);
    const target = route(req.method ?? '', path);
    if (!target) return refuse({ status: 404, code: 'NOT_FOUND', message: `no route ${String(req.method)} ${path}` });
    const failure = options.fail?.[target.rpc];
    if (failure) return refuse(failure);
    const agent = target.agent === undefined ? undefined : agents.get(target.agent);
    if (target.agent !== undefined && !agent) {
      return refuse({ status: 404, code: 'NOT_FOUND', message: `com.google.apps.framework.request.NotFoundException: Agent '${String(target.agent.split('/').pop())}' does not exist.` });
    }

    switch (target.rpc) {
      case 'listAgents':
        return send(200, { agents: [...agents.values()].map(publicAgent) });
      case 'createAgent': {
        for (const [field, key] of [['display_name', 'displayName'], ['default_language_code', 'defaultLanguageCode'], ['time_zone', 'timeZone']] as const) {
          if (!body?.[key]) return refuse(invalidArgument(`agent.${field}`, 'the field is required'));
        }
        if ([...agents.values()].some((a) => a.displayName === body.displayName)) {
          return refuse({ status: 409, code: 'ALREADY_EXISTS', message: `An agent with display name '${String(body.displayName)}' already exists.` });
        }
        return send(200, publicAgent(newAgent(body.displayName, body.defaultLanguageCode, body.timeZone)));
      }
      case 'restoreAgent': {
        if (body?.agentUri) return refuse(invalidArgument('agent_uri', 'this fake restores agent_content only'));
        if (!body?.agentContent) return refuse(invalidArgument('agent', 'one of agent_uri, agent_content or git_source is required'));
        const outcome = restore(agent!, Buffer.from(body.agentContent, 'base64'));
        if (outcome && 'status' in outcome) return refuse(outcome);
        const name = `${parent}/operations/restore-${operations.size + 1}`;
        const done = (error?: { code: number; message: string }) =>
          error ? { name, done: true, error } : { name, done: true, response: { '@type': 'type.googleapis.com/google.protobuf.Empty' } };
        if (!options.restorePolls) return send(200, done(outcome));
        operations.set(name, { polls: options.restorePolls, ...(outcome && { error: outcome }) });
        return send(200, { name, done: false });
      }
      case 'getOperation': {
        const operation = operations.get(target.rest!);
        if (!operation) return refuse({ status: 404, code: 'NOT_FOUND', message: `no operation ${String(target.rest)}` });
        operation.polls -= 1;
        if (operation.polls > 0) return send(200, { name: target.rest, done: false });
        return send(200, operation.error ? { name: target.rest, done: true, error: operation.error } : { name: target.rest, done: true, response: { '@type': 'type.googleapis.com/google.protobuf.Empty' } });
      }
      case 'listWebhooks':
        return send(200, { webhooks: [...agent!.webhooks.values()] });
      case 'updateWebhook': {
        const current = agent!.webhooks.get(target.rest!);
        if (!current) return refuse({ status: 404, code: 'NOT_FOUND', message: `Webhook '${String(target.rest)}' does not exist.` });
        const mask = url.searchParams.get('updateMask');
        if (!mask) return refuse(invalidArgument('update_mask', 'the update mask is required'));
        const paths = mask.split(',').map((field) => snake(field.trim()));
        const unknown = paths.find((field) => !WEBHOOK_FIELDS.has(field));
        if (unknown) return refuse(invalidArgument('update_mask', `"${unknown}" is not a field of Webhook`));
        const service = body?.genericWebService;
        if (paths.includes('generic_web_service')) {
          if (!service?.uri) return refuse(invalidArgument('webhook.generic_web_service.uri', 'the field is required'));
          if (!/^https:\/\//.test(service.uri) && !service.uri.startsWith('http://127.0.0.1')) {
            return refuse(invalidArgument('webhook.generic_web_service.uri', 'the URI must use https'));
          }
          if (service.serviceAgentAuth !== undefined) {
            const value = typeof service.serviceAgentAuth === 'number' ? SERVICE_AGENT_AUTH[service.serviceAgentAuth] : service.serviceAgentAuth;
            if (!SERVICE_AGENT_AUTH.includes(value)) {
              return refuse(invalidArgument('webhook.generic_web_service.service_agent_auth', `unknown value "${String(service.serviceAgentAuth)}"`));
            }
            service.serviceAgentAuth = value;
          }
        }
        const next: any = { ...current };
        for (const field of paths) {
          const key = camel(field);
          if (body?.[key] === undefined) delete next[key];
          else next[key] = body[key];
        }
        agent!.webhooks.set(current.name, { ...next, name: current.name });
        return send(200, agent!.webhooks.get(current.name));
      }
      case 'detectIntent': {
        const input = body?.queryInput;
        if (!input) return refuse(invalidArgument('query_input', 'the query input is required'));
        if (!input.languageCode) return refuse(invalidArgument('query_input.language_code', 'the language code is required'));
        if (!input.text) return refuse(invalidArgument('query_input.text', 'this fake answers text queries only'));
        const text: string = input.text.text ?? '';
        if (!text.trim()) return refuse(invalidArgument('query_input.text.text', 'the text must not be empty'));
        const session = target.rest!;
        const startPage = { name: `${agent!.name}/flows/00000000-0000-0000-0000-000000000000/pages/START_PAGE`, displayName: 'Start Page' };
        if (!agent!.files) {
          // A new agent, never restored: nothing matches and nobody answers.
          return send(200, { responseId: 'fake-response', queryResult: { text, languageCode: input.languageCode, responseMessages: [], match: { matchType: 'NO_MATCH', confidence: 0 }, currentPage: startPage } });
        }
        const model = modelFor(agent!, input.languageCode);
        if ('status' in model) return refuse(model);
        const state = sessions.get(session) ?? START;
        const turn = planCxTurn(model, state, text);
        let next = turn.state;
        const messages: string[] = [];
        const webhookStatuses: WebhookOutcome['status'][] = [];
        if (turn.webhook) {
          const webhook = [...agent!.webhooks.values()].find((w) => w.displayName === turn.webhook!.name);
          const request = buildCxWebhookRequest({
            model,
            agent: agent!.name,
            session,
            responseId: 'fake-response',
            turn: { ...turn, webhook: turn.webhook },
            query: { text },
            languageCode: model.agent.languageCode,
          });
          const outcome = await callWebhook(webhook, request, serviceAgent, options.webhookTimeoutMs ?? 5000);
          webhookStatuses.push(outcome.status);
          if (outcome.status.code) {
            messages.push(...webhookErrorMessages(model));
          } else {
            messages.push(...outcome.messages);
            next = withWebhookParameters(next, outcome.parameters);
          }
        }
        messages.push(...turn.messages);
        if (next.ended) sessions.delete(session);
        else sessions.set(session, next);
        const page = next.ended ? END_SESSION : (next.page ?? startPage.displayName);
        return send(200, {
          responseId: 'fake-response',
          queryResult: {
            text,
            languageCode: model.agent.languageCode,
            parameters: { ...next.parameters },
            responseMessages: messages.map((message) => ({ text: { text: [message] } })),
            webhookStatuses,
            match: {
              ...(turn.intent && { intent: { name: `${agent!.name}/intents/${turn.intent.id}`, displayName: turn.intent.name } }),
              matchType: turn.matchType,
              confidence: turn.intent?.confidence ?? 1,
            },
            currentPage: { name: `${agent!.name}/flows/00000000-0000-0000-0000-000000000000/pages/${page}`, displayName: page },
            intentDetectionConfidence: turn.intent?.confidence ?? 1,
          },
        });
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    calls,
    agents,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
