/**
 * The fake Dialogflow CX API (test/support/fake-dialogflow-cx.ts) refuses what
 * the real one refuses, with the real status and a message naming the field,
 * and answers detectIntent from the restored agent's own training phrases:
 * driven through the real @google-cloud/dialogflow-cx clients (REST) over loopback.
 */
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { AgentsClient, SessionsClient, WebhooksClient } from '@google-cloud/dialogflow-cx';
import type { GoogleAuth } from 'google-gax';
import { readTree } from '../scripts/agent/files';
import { zipAgent } from '../scripts/agent/zip';
import { withCxWebhookUrl } from '../scripts/deploy/cx-steps';
import { startCxWebhookStub, stubText, idTokenClaims, type CxWebhookStub } from './support/cx-webhook-stub';
import { refusal as refusalOf } from './support/fake-dialogflow';
import { fakeAuth, startFakeDialogflowCx, type FakeDialogflowCx } from './support/fake-dialogflow-cx';

const PROJECT = 'fake-proj';
const PARENT = `projects/${PROJECT}/locations/global`;

jest.setTimeout(20_000);

let fake: FakeDialogflowCx;
let stub: CxWebhookStub;
let files: Map<string, string>;
let agentName: string;

beforeAll(async () => {
  files = await readTree(join(__dirname, '..', 'agent-cx'));
  stub = await startCxWebhookStub();
});
afterAll(async () => {
  await stub.close();
});

beforeEach(async () => {
  fake = await startFakeDialogflowCx({ project: PROJECT, projectNumber: '4242', agents: ['reddit-content'] });
  agentName = [...fake.agents.keys()][0]!;
  stub.requests.length = 0;
  stub.status = 200;
});
afterEach(async () => {
  await fake.close();
});

const options = (auth: GoogleAuth = fakeAuth()) => ({ fallback: true, auth, apiEndpoint: fake.host, port: fake.port, protocol: 'http' as const });
const agents = (auth?: GoogleAuth) => new AgentsClient(options(auth));
const webhooks = () => new WebhooksClient(options());
const sessions = () => new SessionsClient(options());

const refusal = (call: Promise<unknown>) => refusalOf(call, fake.calls);

const zipWith = (url: string) => zipAgent(withCxWebhookUrl(files, url));

async function restore(zip: Uint8Array): Promise<void> {
  const [operation] = await agents().restoreAgent({ name: agentName, agentContent: zip });
  await operation.promise();
}

async function ask(text: string, languageCode = 'en', session = 's-1') {
  const [response] = await sessions().detectIntent({ session: `${agentName}/sessions/${session}`, queryInput: { text: { text }, languageCode } });
  return response.queryResult!;
}

describe('every call needs a bearer token', () => {
  it('without one: 401 UNAUTHENTICATED, and nothing is listed', async () => {
    const { code, http, message } = await refusal(agents(fakeAuth(null)).listAgents({ parent: PARENT }));
    expect({ code, http }).toEqual({ code: 16, http: 401 });
    expect(message).toMatch(/^Request is missing required authentication credential\./);
  });

  it('the restore is refused the same way and the agent stays empty', async () => {
    const result = await refusal(agents(fakeAuth(null)).restoreAgent({ name: agentName, agentContent: zipWith(stub.url) }));
    expect(result).toMatchObject({ code: 16, http: 401 });
    expect(fake.agents.get(agentName)!.files).toBeUndefined();
  });
});

describe('createAgent needs a display name, a default language and a time zone', () => {
  it.each([
    [{ defaultLanguageCode: 'en', timeZone: 'Europe/London' }, 'agent.display_name'],
    [{ displayName: 'x', timeZone: 'Europe/London' }, 'agent.default_language_code'],
    [{ displayName: 'x', defaultLanguageCode: 'en' }, 'agent.time_zone'],
  ])('%j: 400 INVALID_ARGUMENT naming %s', async (agent, field) => {
    expect(await refusal(agents().createAgent({ parent: PARENT, agent }))).toEqual({ code: 3, http: 400, message: `Invalid argument: ${field}: the field is required` });
  });

  it('a second agent of the same name: 409 ALREADY_EXISTS', async () => {
    const result = await refusal(agents().createAgent({ parent: PARENT, agent: { displayName: 'reddit-content', defaultLanguageCode: 'en', timeZone: 'Europe/London' } }));
    expect(result).toMatchObject({ code: 6, http: 409 });
  });
});

describe('restoreAgent needs agent content that is a valid CX agent', () => {
  it('without content: 400 INVALID_ARGUMENT', async () => {
    expect(await refusal(agents().restoreAgent({ name: agentName }))).toEqual({
      code: 3,
      http: 400,
      message: 'Invalid argument: agent: one of agent_uri, agent_content or git_source is required',
    });
  });

  it('content that is no ZIP: 400 INVALID_ARGUMENT naming agent_content', async () => {
    expect(await refusal(agents().restoreAgent({ name: agentName, agentContent: strToU8('{"not":"a zip"}') }))).toEqual({
      code: 3,
      http: 400,
      message: 'Invalid argument: agent_content: Invalid agent content: it is not a ZIP archive',
    });
  });

  it('an ES export is no CX agent: the operation fails with 3, naming what is missing', async () => {
    const es = zipAgent(await readTree(join(__dirname, '..', 'agent')));
    await expect(restore(es)).rejects.toMatchObject({ code: 3, message: expect.stringContaining('agent.json: defaultLanguageCode') });
    expect(fake.agents.get(agentName)!.files).toBeUndefined();
  });

  it('a route to an intent the package lacks: the operation fails with 3', async () => {
    const zip = zipSync(Object.fromEntries(Object.entries(unzipSync(zipWith(stub.url))).filter(([path]) => !path.startsWith('intents/bye/'))));
    await expect(restore(zip)).rejects.toMatchObject({ code: 3, message: 'Invalid agent content. Route references an unknown intent "bye".' });
  });

  it('a restore into an agent that does not exist: 404 NOT_FOUND', async () => {
    expect(await refusal(agents().restoreAgent({ name: `${PARENT}/agents/nope`, agentContent: zipWith(stub.url) }))).toMatchObject({ code: 5, http: 404 });
  });
});

describe('updateWebhook needs an update mask and an https URI', () => {
  beforeEach(async () => restore(zipWith('https://example.test/hook')));
  const current = async () => (await webhooks().listWebhooks({ parent: agentName }))[0][0]!;

  it('after a restore the webhook is the package\'s: its URI, no credentials, the default service agent auth', async () => {
    expect(await current()).toMatchObject({ displayName: 'reddit-webhook', genericWebService: { uri: 'https://example.test/hook', serviceAgentAuth: 'SERVICE_AGENT_AUTH_UNSPECIFIED' } });
  });

  it('without updateMask: 400 naming update_mask, and nothing changes', async () => {
    const webhook = await current();
    const result = await refusal(webhooks().updateWebhook({ webhook: { ...webhook, genericWebService: { uri: 'https://other.test/' } } }));
    expect(result).toEqual({ code: 3, http: 400, message: 'Invalid argument: update_mask: the update mask is required' });
    expect((await current()).genericWebService?.uri).toBe('https://example.test/hook');
  });

  it('an http URI: 400 naming webhook.generic_web_service.uri', async () => {
    const webhook = await current();
    const result = await refusal(webhooks().updateWebhook({ webhook: { name: webhook.name, genericWebService: { uri: 'http://example.test/' } }, updateMask: { paths: ['generic_web_service'] } }));
    expect(result).toEqual({ code: 3, http: 400, message: 'Invalid argument: webhook.generic_web_service.uri: the URI must use https' });
  });

  it('sets serviceAgentAuth ID_TOKEN as the client library sends it', async () => {
    const webhook = await current();
    await webhooks().updateWebhook({ webhook: { name: webhook.name, genericWebService: { uri: 'https://x.test/', serviceAgentAuth: 'ID_TOKEN' } }, updateMask: { paths: ['generic_web_service'] } });
    expect((await current()).genericWebService).toMatchObject({ uri: 'https://x.test/', serviceAgentAuth: 'ID_TOKEN' });
  });
});

describe('detectIntent answers from the restored agent', () => {
  it('needs the query language code: 400 naming query_input.language_code', async () => {
    await restore(zipWith(stub.url));
    const result = await refusal(sessions().detectIntent({ session: `${agentName}/sessions/s`, queryInput: { text: { text: 'tell me a joke' } } }));
    expect(result).toEqual({ code: 3, http: 400, message: 'Invalid argument: query_input.language_code: the language code is required' });
  });

  it('a never-restored agent matches nothing and calls no webhook', async () => {
    const result = await ask('tell me a joke');
    expect(result.match?.matchType).toBe('NO_MATCH');
    expect(result.webhookStatuses ?? []).toEqual([]);
    expect(stub.requests).toEqual([]);
  });

  it('routes by its own training phrases and pages, calling the webhook with the route\'s tag', async () => {
    await restore(zipWith(stub.url));
    const joke = await ask('tell me a joke');
    expect(joke.match?.intent?.displayName).toBe('say-content');
    expect(joke.responseMessages?.map((m) => m.text?.text?.[0])).toEqual([stubText('say-content')]);
    expect(joke.currentPage?.displayName).toBe('Content told');
    const request = stub.requests[0]!.body;
    expect(request.fulfillmentInfo).toEqual({ tag: 'say-content' });
    expect(request.intentInfo.parameters).toEqual({ content: { originalValue: 'joke', resolvedValue: 'joke' } });
    expect(request.languageCode).toBe('en');

    expect((await ask('another one')).match?.intent?.displayName).toBe('say-content-more');
    expect(stub.requests[1]!.body.fulfillmentInfo.tag).toBe('more');
    // The webhook's session parameters come back in the next request.
    expect(stub.requests[1]!.body.sessionInfo.parameters).toMatchObject({ content: 'joke', lastTag: 'say-content' });
    expect((await ask('tell me a fact about cats')).match?.intent?.displayName).toBe('say-content');
    expect(stub.requests[2]!.body.fulfillmentInfo.tag).toBe('topic');
    expect((await ask('bye')).currentPage?.displayName).toBe('End Session');
    expect(stub.requests.map((r) => r.body.fulfillmentInfo.tag)).toEqual(['say-content', 'more', 'topic', 'bye']);
  });

  it('"more" is only in scope after content; before, it is no match and the fallback tag', async () => {
    await restore(zipWith(stub.url));
    const result = await ask('another one', 'en', 'fresh');
    expect(result.match?.matchType).toBe('NO_MATCH');
    expect(stub.requests.map((r) => r.body.fulfillmentInfo.tag)).toEqual(['fallback']);
  });

  it('asks for the kind on the form page, then calls the webhook once the user names one', async () => {
    await restore(zipWith(stub.url));
    const asked = await ask('tell me something', 'en', 'form');
    expect(asked.currentPage?.displayName).toBe('Ask for content');
    expect(asked.responseMessages?.[0]?.text?.text?.[0]).toBe('What do you want to hear, a joke or a fact?');
    expect(stub.requests).toEqual([]);
    const told = await ask('a fact', 'en', 'form');
    expect(told.match?.matchType).toBe('PARAMETER_FILLING');
    expect(stub.requests.map((r) => [r.body.fulfillmentInfo.tag, r.body.sessionInfo.parameters.content])).toEqual([['say-content', 'fact']]);
  });

  it('in German, from the German training phrases and entity entries', async () => {
    await restore(zipWith(stub.url));
    const result = await ask('erzähl mir einen Witz', 'de');
    expect(result.match?.intent?.displayName).toBe('say-content');
    expect(stub.requests[0]!.body.intentInfo.parameters.content.resolvedValue).toBe('Witz');
    expect(stub.requests[0]!.body.languageCode).toBe('de');
  });

  it('sends the service agent\'s ID token for the webhook URL, and says the static reply when the webhook refuses', async () => {
    await restore(zipWith(stub.url));
    const webhook = (await webhooks().listWebhooks({ parent: agentName }))[0][0]!;
    await webhooks().updateWebhook({ webhook: { name: webhook.name, genericWebService: { uri: stub.url, serviceAgentAuth: 'ID_TOKEN' } }, updateMask: { paths: ['generic_web_service'] } });
    await ask('tell me a joke');
    expect(idTokenClaims(stub.requests[0]!.headers.authorization)).toMatchObject({ aud: stub.url, email: 'service-4242@gcp-sa-dialogflow.iam.gserviceaccount.com' });

    stub.status = 401;
    const failed = await ask('tell me a joke');
    expect(failed.webhookStatuses?.[0]).toMatchObject({ code: 14 });
    expect(failed.responseMessages?.[0]?.text?.text?.[0]).toMatch(/^Sorry, I can't reach my stories right now\./);
  });

  it('sends Basic auth when the webhook has a username and password, and nothing with NONE', async () => {
    await restore(zipWith(stub.url));
    const webhook = (await webhooks().listWebhooks({ parent: agentName }))[0][0]!;
    await webhooks().updateWebhook({ webhook: { name: webhook.name, genericWebService: { uri: stub.url, username: 'u', password: 'p', serviceAgentAuth: 'NONE' } }, updateMask: { paths: ['generic_web_service'] } });
    await ask('tell me a joke');
    expect(stub.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    await webhooks().updateWebhook({ webhook: { name: webhook.name, genericWebService: { uri: stub.url, serviceAgentAuth: 'NONE' } }, updateMask: { paths: ['generic_web_service'] } });
    await ask('tell me a joke');
    expect(stub.requests[1]!.headers.authorization).toBeUndefined();
  });
});

test('the zip keeps agent-cx/ byte for byte, except the webhook URL', () => {
  const zipped = unzipSync(zipWith('https://fn.example/'));
  expect(Object.keys(zipped).filter((p) => !p.endsWith('/')).sort()).toEqual([...files.keys()].sort());
  expect(JSON.parse(strFromU8(zipped['webhooks/reddit-webhook.json']!)).genericWebService).toEqual({ uri: 'https://fn.example/' });
  expect(strFromU8(zipped['agent.json']!)).toBe(files.get('agent.json'));
});
