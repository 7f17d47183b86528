/**
 * The Dialogflow ES v2 calls `npm run deploy` makes, behind one small
 * interface so the steps (scripts/deploy/steps.ts) can be tested against a
 * local fake of the REST API with the real client library.
 *
 * The client library runs in REST mode (`fallback: true`): plain HTTPS+JSON,
 * no gRPC, and in tests the same code talks HTTP to loopback
 * (`apiEndpoint`, `port`, `protocol: 'http'`). It is a devDependency: deploy
 * runs from the developer's checkout and the function bundle never loads it.
 */
import { AgentsClient, FulfillmentsClient, SessionsClient } from '@google-cloud/dialogflow';
import { GoogleAuth } from 'google-gax';
import { decodeApiError } from './errors';

export interface AgentSettings {
  readonly displayName: string;
  readonly defaultLanguageCode: string;
  readonly timeZone: string;
}

export interface FulfillmentSettings {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SmokeAnswer {
  /** What the agent said (fulfillmentText). */
  readonly text: string;
  readonly intent: string;
  /** undefined when Dialogflow did not call the webhook at all. */
  readonly webhookStatus: { readonly code: number; readonly message: string } | undefined;
}

export interface DialogflowApi {
  /** Loads the credentials; fails (without any API call) when there are none. */
  checkCredentials(): Promise<void>;
  /** The agent's display name, or undefined when the project has no agent yet. */
  getAgent(): Promise<string | undefined>;
  setAgent(settings: AgentSettings): Promise<void>;
  /** Replaces the agent with the ZIP and waits for the long-running operation. */
  restoreAgent(zip: Uint8Array): Promise<void>;
  updateFulfillment(settings: FulfillmentSettings): Promise<void>;
  detectIntent(sessionId: string, text: string, languageCode: string): Promise<SmokeAnswer>;
}

export interface ConnectionOptions {
  readonly project: string;
  /** Host name (or loopback address) of the API; default dialogflow.googleapis.com. */
  readonly apiEndpoint?: string;
  readonly port?: number;
  readonly protocol?: 'http' | 'https';
  /** Default: Application Default Credentials. */
  readonly auth?: GoogleAuth;
}

/** The fields updateFulfillment sets, and so its update mask. */
export const FULFILLMENT_MASK = ['generic_web_service', 'enabled', 'features'] as const;

const NOT_FOUND = 5;

const SCOPES = ['https://www.googleapis.com/auth/cloud-platform', 'https://www.googleapis.com/auth/dialogflow'];

export function createDialogflowApi(options: ConnectionOptions): DialogflowApi {
  // One GoogleAuth for all clients, loaded up front: a client whose credentials
  // fail to load rejects promises nobody awaits, so check before creating any.
  const auth = options.auth ?? new GoogleAuth({ scopes: SCOPES });
  const clientOptions = {
    fallback: true,
    auth,
    ...(options.apiEndpoint !== undefined && { apiEndpoint: options.apiEndpoint }),
    ...(options.port !== undefined && { port: options.port }),
    ...(options.protocol !== undefined && { protocol: options.protocol }),
  };
  const parent = `projects/${options.project}`;
  const agentName = `${parent}/agent`;
  let agents: AgentsClient | undefined;
  let fulfillments: FulfillmentsClient | undefined;
  let sessions: SessionsClient | undefined;
  const agentsClient = () => (agents ??= new AgentsClient(clientOptions));

  return {
    async checkCredentials() {
      await auth.getClient();
    },

    async getAgent() {
      try {
        const [agent] = await agentsClient().getAgent({ parent });
        return agent.displayName ?? '';
      } catch (error) {
        if (decodeApiError(error).code === NOT_FOUND) return undefined;
        throw error;
      }
    },

    async setAgent(settings) {
      await agentsClient().setAgent({
        agent: { parent, ...settings },
      });
    },

    async restoreAgent(zip) {
      const [operation] = await agentsClient().restoreAgent({ parent, agentContent: zip });
      await operation.promise();
    },

    async updateFulfillment(settings) {
      fulfillments ??= new FulfillmentsClient(clientOptions);
      await fulfillments.updateFulfillment({
        fulfillment: {
          name: `${agentName}/fulfillment`,
          enabled: true,
          genericWebService: {
            uri: settings.url,
            username: settings.username ?? '',
            password: settings.password ?? '',
            requestHeaders: { ...settings.headers },
          },
          // Smalltalk stays off: every intent of ours uses the webhook.
          features: [],
        },
        updateMask: { paths: [...FULFILLMENT_MASK] },
      });
    },

    async detectIntent(sessionId, text, languageCode) {
      sessions ??= new SessionsClient(clientOptions);
      const [response] = await sessions.detectIntent({
        session: `${agentName}/sessions/${sessionId}`,
        queryInput: { text: { text, languageCode } },
      });
      const status = response.webhookStatus;
      return {
        text: response.queryResult?.fulfillmentText ?? '',
        intent: response.queryResult?.intent?.displayName ?? '',
        webhookStatus: status ? { code: status.code ?? 0, message: status.message ?? '' } : undefined,
      };
    },
  };
}
