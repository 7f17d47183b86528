/**
 * The fake Dialogflow ES API (test/support/fake-dialogflow.ts) refuses what the
 * real one refuses, with the real status and a message naming the field, and
 * answers from the agent it was given: driven through the real
 * @google-cloud/dialogflow clients (REST transport) over loopback.
 */
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { AgentsClient, FulfillmentsClient, SessionsClient } from '@google-cloud/dialogflow';
import type { GoogleAuth } from 'google-gax';
import { readTree } from '../scripts/agent/files';
import { zipAgent } from '../scripts/agent/zip';
import { withWebhookUrl } from '../scripts/deploy/agent-zip';
import { fakeAuth, refusal as refusalOf, startFakeDialogflow, type FakeDialogflow } from './support/fake-dialogflow';

const PROJECT = 'fake-proj';
const PARENT = `projects/${PROJECT}`;
const FULFILLMENT = `${PARENT}/agent/fulfillment`;
const SESSION = `${PARENT}/agent/sessions/s-1`;
const WEBHOOK = 'https://example.test/webhook';

jest.setTimeout(20_000);

let fake: FakeDialogflow;
let agentZip: Uint8Array;

beforeAll(async () => {
  agentZip = zipAgent(withWebhookUrl(await readTree(join(__dirname, '..', 'agent')), WEBHOOK));
});

beforeEach(async () => {
  fake = await startFakeDialogflow({ project: PROJECT, agent: { displayName: 'reddit-content' } });
});

afterEach(async () => {
  await fake.close();
});

const options = (auth: GoogleAuth = fakeAuth()) => ({ fallback: true, auth, apiEndpoint: fake.host, port: fake.port, protocol: 'http' as const });
const agents = (auth?: GoogleAuth) => new AgentsClient(options(auth));
const fulfillments = () => new FulfillmentsClient(options());
const sessions = () => new SessionsClient(options());

const refusal = (call: Promise<unknown>) => refusalOf(call, fake.calls);

async function restore(zip: Uint8Array): Promise<void> {
  const [operation] = await agents().restoreAgent({ parent: PARENT, agentContent: zip });
  await operation.promise();
}

async function ask(text: string, languageCode = 'en') {
  const [response] = await sessions().detectIntent({ session: SESSION, queryInput: { text: { text, languageCode } } });
  return response.queryResult!;
}

type Files = Record<string, Uint8Array>;
const edit = (zip: Uint8Array, change: (files: Files) => Files) => zipSync(change(unzipSync(zip)));
const withoutIntent = (name: string) => (files: Files) =>
  Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith(`intents/${name}.json`) && !path.startsWith(`intents/${name}_usersays_`)));
const withWebhook = (changes: Record<string, unknown>) => (files: Files) => {
  const agent = JSON.parse(strFromU8(files['agent.json']!));
  return { ...files, 'agent.json': strToU8(JSON.stringify({ ...agent, webhook: { ...agent.webhook, ...changes } })) };
};


describe('every call needs a bearer token', () => {
  it('without one: 401 UNAUTHENTICATED, "missing required authentication credential"', async () => {
    expect(await refusal(agents(fakeAuth(null)).getAgent({ parent: PARENT }))).toEqual({
      code: 16,
      http: 401,
      message:
        'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. ' +
        'See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    });
    expect(fake.calls[0]!.headers.authorization).toBeUndefined();
  });

  it('with a token it did not issue: 401 UNAUTHENTICATED, "invalid authentication credentials"', async () => {
    const { code, http, message } = await refusal(agents(fakeAuth('expired-token')).getAgent({ parent: PARENT }));
    expect({ code, http }).toEqual({ code: 16, http: 401 });
    expect(message).toMatch(/^Request had invalid authentication credentials\. Expected OAuth 2 access token/);
  });

  it('detectIntent and the restore are refused the same way', async () => {
    const noToken = fakeAuth(null);
    const session = new SessionsClient(options(noToken)).detectIntent({ session: SESSION, queryInput: { text: { text: 'hi', languageCode: 'en' } } });
    expect(await refusal(session)).toMatchObject({ code: 16, http: 401 });
    expect(await refusal(agents(noToken).restoreAgent({ parent: PARENT, agentContent: agentZip }))).toMatchObject({ code: 16, http: 401 });
    expect(fake.restored).toBeUndefined();
  });
});

describe('restoreAgent needs agentContent, a ZIP of an agent', () => {
  it('without agentContent: 400 INVALID_ARGUMENT naming agent_content', async () => {
    expect(await refusal(agents().restoreAgent({ parent: PARENT }))).toEqual({
      code: 3,
      http: 400,
      message: 'Invalid argument: agent_content: one of agent_uri or agent_content is required',
    });
  });

  it('with content that is no ZIP: 400 INVALID_ARGUMENT naming agent_content, and the agent is unchanged', async () => {
    expect(await refusal(agents().restoreAgent({ parent: PARENT, agentContent: strToU8('{"displayName":"not a zip"}') }))).toEqual({
      code: 3,
      http: 400,
      message: 'Invalid argument: agent_content: Invalid agent zip: the content is not a ZIP archive',
    });
    expect(fake.restored).toBeUndefined();
  });

  it('a ZIP without agent.json: the operation fails with INVALID_ARGUMENT (3)', async () => {
    const zip = edit(agentZip, (files) => Object.fromEntries(Object.entries(files).filter(([path]) => path !== 'agent.json')));
    await expect(restore(zip)).rejects.toMatchObject({ code: 3, message: expect.stringContaining('Invalid agent zip. Missing required json file agent.json.') });
    expect(fake.restored).toBeUndefined();
  });
});

describe('updateFulfillment needs fulfillment.name and updateMask', () => {
  const fulfillment = { name: FULFILLMENT, enabled: true, genericWebService: { uri: WEBHOOK, username: 'u', password: 'p' } };

  it('without updateMask: 400 INVALID_ARGUMENT naming update_mask, and nothing changes', async () => {
    expect(await refusal(fulfillments().updateFulfillment({ fulfillment }))).toEqual({
      code: 3,
      http: 400,
      message: 'Invalid argument: update_mask: the update mask is required',
    });
    expect(fake.fulfillment).toBeUndefined();
  });

  it('with a path that is no field of Fulfillment: 400 INVALID_ARGUMENT naming update_mask', async () => {
    expect(await refusal(fulfillments().updateFulfillment({ fulfillment, updateMask: { paths: ['webhook_url'] } }))).toEqual({
      code: 3,
      http: 400,
      message: 'Invalid argument: update_mask: "webhook_url" is not a field of Fulfillment',
    });
  });

  it('without fulfillment.name the client library itself refuses, and nothing is sent', async () => {
    const { name: _, ...nameless } = fulfillment;
    await expect(fulfillments().updateFulfillment({ fulfillment: nameless, updateMask: { paths: ['enabled'] } })).rejects.toThrow(
      /Cannot build HTTP request .* method: UpdateFulfillment/,
    );
    expect(fake.calls).toEqual([]);
  });

  it('changes only the fields the mask names', async () => {
    await fulfillments().updateFulfillment({ fulfillment, updateMask: { paths: ['generic_web_service', 'enabled'] } });
    await fulfillments().updateFulfillment({ fulfillment: { name: FULFILLMENT, enabled: false }, updateMask: { paths: ['enabled'] } });
    const [current] = await fulfillments().getFulfillment({ name: FULFILLMENT });
    expect(current.enabled).toBe(false);
    expect(current.genericWebService).toMatchObject({ uri: WEBHOOK, username: 'u', password: 'p' });
  });
});

describe('detectIntent needs queryInput.text.languageCode', () => {
  it('without it: 400 INVALID_ARGUMENT naming query_input.text.language_code', async () => {
    await restore(agentZip);
    expect(await refusal(sessions().detectIntent({ session: SESSION, queryInput: { text: { text: 'tell me a joke' } } }))).toEqual({
      code: 3,
      http: 400,
      message: 'Invalid argument: query_input.text.language_code: the language code is required',
    });
  });
});

describe('a restore replaces the whole agent', () => {
  it("resets the fulfillment to the ZIP's webhook: its URL, no credentials, enabled as the ZIP says", async () => {
    await fulfillments().updateFulfillment({
      fulfillment: { name: FULFILLMENT, enabled: true, genericWebService: { uri: 'https://old.test/', username: 'u', password: 'p', requestHeaders: { 'x-key': 'k' } } },
      updateMask: { paths: ['generic_web_service', 'enabled'] },
    });
    await restore(edit(agentZip, withWebhook({ available: false })));
    const [current] = await fulfillments().getFulfillment({ name: FULFILLMENT });
    expect(current.enabled).toBe(false);
    expect(current.genericWebService).toMatchObject({ uri: WEBHOOK, username: '', password: '' });
    expect(current.genericWebService?.requestHeaders ?? {}).toEqual({});
  });

  it('and its intents: detectIntent answers from the restored agent', async () => {
    await restore(edit(agentZip, withWebhook({ available: false })));
    const joke = await ask('tell me a joke');
    expect(joke.intent?.displayName).toBe('say-content');
    expect(joke.parameters?.fields?.content?.stringValue).toBe('joke');
    // The webhook is off: the intent's own static reply.
    expect(joke.fulfillmentText).toMatch(/^Sorry, I can't reach my stories right now\./);
    expect((await ask('bye')).intent?.displayName).toBe('bye');
    expect((await ask('erzähl mir einen Witz', 'de')).intent?.displayName).toBe('say-content');

    await restore(edit(agentZip, (files) => withWebhook({ available: false })(withoutIntent('say-content')(files))));
    const none = await ask('tell me a joke');
    expect(none.intent?.displayName).toBe('Default Fallback Intent');
    expect(none.action).toBe('input.unknown');
  });
});
