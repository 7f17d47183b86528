/**
 * The Dialogflow CX v3 calls `npm run deploy -- --cx` makes, behind one small
 * interface so the steps (cx-steps.ts) can be tested against a local fake of
 * the REST API (test/support/fake-dialogflow-cx.ts) with the real client
 * library, as the ES calls are (dialogflow.ts).
 *
 * REST mode (`fallback: true`), like the ES client. CX agents live in a
 * location; outside `global` the API has a regional host
 * (`<location>-dialogflow.googleapis.com`), which the library does not pick by itself.
 */
import { AgentsClient, SessionsClient, WebhooksClient } from '@google-cloud/dialogflow-cx';
import { GoogleAuth } from 'google-gax';
import type { ConnectionOptions } from './dialogflow';

export interface CxAgentSettings {
  readonly displayName: string;
  readonly defaultLanguageCode: string;
  readonly timeZone: string;
}

/** How Dialogflow authenticates to the webhook. */
export type CxWebhookAuth =
  /** An ID token of the Dialogflow service agent; the function stays private (Invoker role). */
  | { readonly kind: 'id-token' }
  /** HTTP Basic auth with the webhook's own WEBHOOK_USERNAME/WEBHOOK_PASSWORD; the function is public. */
  | { readonly kind: 'basic'; readonly username: string; readonly password: string };

export interface CxWebhookSettings {
  readonly url: string;
  readonly auth: CxWebhookAuth;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface CxSmokeAnswer {
  /** Every text the agent said, joined. */
  readonly text: string;
  readonly intent: string;
  /** One per webhook call; empty when the webhook was not called. */
  readonly webhookStatuses: readonly { readonly code: number; readonly message: string }[];
}

export interface DialogflowCxApi {
  /** Loads the credentials; fails (without any API call) when there are none. */
  checkCredentials(): Promise<void>;
  /** The full name of the location's agent with this display name, or undefined. */
  findAgent(displayName: string): Promise<string | undefined>;
  /** Creates an empty agent; returns its full name. */
  createAgent(settings: CxAgentSettings): Promise<string>;
  /** Replaces the agent with the ZIP (JSON package) and waits for the long-running operation. */
  restoreAgent(agent: string, zip: Uint8Array): Promise<void>;
  /** Points the agent's webhook with this display name at the function; returns its full name. */
  updateWebhook(agent: string, displayName: string, settings: CxWebhookSettings): Promise<string>;
  detectIntent(agent: string, sessionId: string, text: string, languageCode: string): Promise<CxSmokeAnswer>;
}

export interface CxConnectionOptions extends ConnectionOptions {
  /** `global` (default) or a region such as `europe-west1`. */
  readonly location?: string;
}

/** The fields updateWebhook sets, and so its update mask. */
export const WEBHOOK_MASK = ['generic_web_service', 'timeout'] as const;

const SCOPES = ['https://www.googleapis.com/auth/cloud-platform', 'https://www.googleapis.com/auth/dialogflow'];

/** The API host for a location (https://cloud.google.com/dialogflow/cx/docs/concept/region). */
export function cxApiEndpoint(location: string): string {
  return location === 'global' ? 'dialogflow.googleapis.com' : `${location}-dialogflow.googleapis.com`;
}

export function createDialogflowCxApi(options: CxConnectionOptions): DialogflowCxApi {
  const location = options.location ?? 'global';
  const auth = options.auth ?? new GoogleAuth({ scopes: SCOPES });
  const clientOptions = {
    fallback: true,
    auth,
    apiEndpoint: options.apiEndpoint ?? cxApiEndpoint(location),
    ...(options.port !== undefined && { port: options.port }),
    ...(options.protocol !== undefined && { protocol: options.protocol }),
  };
  const parent = `projects/${options.project}/locations/${location}`;
  let agents: AgentsClient | undefined;
  let webhooks: WebhooksClient | undefined;
  let sessions: SessionsClient | undefined;
  const agentsClient = () => (agents ??= new AgentsClient(clientOptions));
  const webhooksClient = () => (webhooks ??= new WebhooksClient(clientOptions));

  return {
    async checkCredentials() {
      await auth.getClient();
    },

    async findAgent(displayName) {
      // Auto-pagination of the REST transport: every page, then the one with our name.
      const [list] = await agentsClient().listAgents({ parent });
      return list.find((agent) => agent.displayName === displayName)?.name ?? undefined;
    },

    async createAgent(settings) {
      const [agent] = await agentsClient().createAgent({ parent, agent: { ...settings } });
      if (!agent.name) throw new Error('Dialogflow created the agent but returned no name');
      return agent.name;
    },

    async restoreAgent(agent, zip) {
      const [operation] = await agentsClient().restoreAgent({ name: agent, agentContent: zip });
      await operation.promise();
    },

    async updateWebhook(agent, displayName, settings) {
      const [list] = await webhooksClient().listWebhooks({ parent: agent });
      const name = list.find((webhook) => webhook.displayName === displayName)?.name;
      if (!name) throw new Error(`the restored agent has no webhook "${displayName}" (agent-cx/webhooks/${displayName}.json)`);
      const auth =
        settings.auth.kind === 'id-token'
          ? { serviceAgentAuth: 'ID_TOKEN' as const }
          : // NONE: no ID token beside the Basic credentials (unspecified would default to ID_TOKEN).
            { serviceAgentAuth: 'NONE' as const, username: settings.auth.username, password: settings.auth.password };
      await webhooksClient().updateWebhook({
        webhook: {
          name,
          displayName,
          genericWebService: { uri: settings.url, requestHeaders: { ...settings.headers }, ...auth },
          // Dialogflow CX's own default; the webhook answers within WEBHOOK_DEADLINE_MS (4 s).
          timeout: { seconds: 5 },
        },
        updateMask: { paths: [...WEBHOOK_MASK] },
      });
      return name;
    },

    async detectIntent(agent, sessionId, text, languageCode) {
      sessions ??= new SessionsClient(clientOptions);
      const [response] = await sessions.detectIntent({
        session: `${agent}/sessions/${sessionId}`,
        queryInput: { text: { text }, languageCode },
      });
      const result = response.queryResult;
      return {
        text: (result?.responseMessages ?? []).flatMap((message) => message.text?.text ?? []).join(' '),
        intent: result?.match?.intent?.displayName ?? '',
        webhookStatuses: (result?.webhookStatuses ?? []).map((status) => ({ code: status.code ?? 0, message: status.message ?? '' })),
      };
    },
  };
}
