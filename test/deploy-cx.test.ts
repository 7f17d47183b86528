/**
 * `npm run deploy -- --cx` from flags to a live CX agent, in process: the real
 * argument parsing, the real @google-cloud/dialogflow-cx client (REST) against
 * the local fake CX API, a stand-in for gcloud that records what it was asked,
 * and as the deployed function the real webhook (its CX adapter end to end),
 * or a stub CX webhook where a test needs to see the headers or a refusal.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTree } from '../scripts/agent/files';
import { createDialogflowCxApi } from '../scripts/deploy/cx-api';
import { main, type MainDeps } from '../scripts/deploy/main';
import { idTokenClaims, startCxWebhookStub, stubText, type CxWebhookStub } from './support/cx-webhook-stub';
import { fakeAuth, startFakeDialogflowCx, type FakeDialogflowCx, type FakeDialogflowCxOptions } from './support/fake-dialogflow-cx';
import { capturedJsonLog } from './support/json-log';
import { startWebhook } from './support/server';

const repoRoot = join(__dirname, '..');
const PROJECT = 'heldout-proj';
const PASSWORD = 'correct-horse-battery';
// Without Reddit credentials (answers from the collection): the CX steps are what these tests are about.
const BASE = ['--cx', '--no-reddit', '--project', PROJECT, '--region', 'europe-west1', '--env-vars-file', 'plain.yaml'];
/** Basic auth: the username in the env file, the password from its secret. */
const BASIC = ['--webhook-auth', 'basic', '--env-vars-file', 'basic.yaml', '--password-secret'];
const SERVICE_AGENT = 'service-4242@gcp-sa-dialogflow.iam.gserviceaccount.com';

jest.setTimeout(30_000);

let project: string;
let stub: CxWebhookStub;
let fake: FakeDialogflowCx | undefined;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'deploy-cx-'));
  copyFileSync(join(repoRoot, 'package.json'), join(project, 'package.json'));
  copyFileSync(join(repoRoot, '.gcloudignore'), join(project, '.gcloudignore'));
  writeFileSync(join(project, 'plain.yaml'), 'LOG_LEVEL: "info"\n');
  writeFileSync(join(project, 'basic.yaml'), 'WEBHOOK_USERNAME: "dialogflow"\n');
  stub = await startCxWebhookStub();
});
afterAll(async () => {
  await stub.close();
  rmSync(project, { recursive: true, force: true });
});
beforeEach(() => {
  stub.requests.length = 0;
  stub.status = 200;
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

interface Harness {
  deps: MainDeps;
  out: string[];
  err: string[];
  gcloudCalls: string[][];
}

/** `functionUrl`: what `gcloud functions describe` answers (default: the stub's URL). */
function harness(options: { invokerCode?: number; cxAgentFiles?: () => Promise<ReadonlyMap<string, string>>; functionUrl?: string } = {}): Harness {
  const h: Harness = { out: [], err: [], gcloudCalls: [], deps: undefined as unknown as MainDeps };
  h.deps = {
    root: project,
    env: {},
    today: new Date('2026-11-30T12:00:00Z'),
    async gcloud(args) {
      h.gcloudCalls.push([...args]);
      const [group, verb] = args;
      if (group === 'functions' && verb === 'deploy') return { code: 0, stdout: '' };
      if (group === 'services' && verb === 'enable') return { code: 0, stdout: '' };
      if (group === 'functions' && verb === 'describe') return { code: 0, stdout: `${options.functionUrl ?? stub.url}\n` };
      if (group === 'functions' && verb === 'add-invoker-policy-binding') return { code: options.invokerCode ?? 0, stdout: '' };
      if (group === 'projects' && verb === 'describe') return { code: 0, stdout: '4242\n' };
      if (group === 'secrets') return { code: 0, stdout: PASSWORD };
      return { code: 1, stdout: '' };
    },
    dialogflow: () => {
      throw new Error('the ES API must not be used with --cx');
    },
    agentFiles: () => Promise.reject(new Error('agent/ must not be read with --cx')),
    saveZip: () => Promise.reject(new Error('build/agent.zip must not be written with --cx')),
    dialogflowCx: (p, location) => createDialogflowCxApi({ project: p, location, apiEndpoint: fake!.host, port: fake!.port, protocol: 'http', auth: fakeAuth() }),
    cxAgentFiles: options.cxAgentFiles ?? (() => readTree(join(repoRoot, 'agent-cx'))),
    saveCxZip: async () => 'build/agent-cx.zip',
    newSessionId: () => 'smoke-1',
    out: (line) => h.out.push(line),
    err: (line) => h.err.push(line),
  };
  return h;
}

async function withFake(options: Partial<FakeDialogflowCxOptions> = {}): Promise<FakeDialogflowCx> {
  fake = await startFakeDialogflowCx({ project: PROJECT, projectNumber: '4242', ...options });
  return fake;
}

const rpcs = (f: FakeDialogflowCx) => f.calls.map((call) => `${call.method} ${call.path.replace(/^\/v3\/projects\/[^/]+\/locations\/[^/]+/, '').replace(/agent-\d+/, 'A').replace(/webhook-\d+/, 'W')}`);

describe('deploy --cx --dry-run shows the plan and calls nothing', () => {
  it('with ID-token auth: a private function, the Invoker role for the service agent, the webhook, the smoke test', async () => {
    const h = harness();
    expect(await main([...BASE, '--dry-run'], h.deps)).toBe(0);
    expect(h.out[0]).toBe(`plan for project ${PROJECT}, region europe-west1, Dialogflow CX agent "reddit-content" in projects/${PROJECT}/locations/global:`);
    const text = h.out.join('\n');
    expect(text).toContain('--trigger-http --no-allow-unauthenticated');
    expect(text).not.toContain(' --allow-unauthenticated');
    expect(text).toContain(`gcloud projects describe ${PROJECT} '--format=value(projectNumber)'`);
    expect(text).toContain(
      `gcloud functions add-invoker-policy-binding reddit-webhook --region=europe-west1 --project=${PROJECT} --member=serviceAccount:service-PROJECT_NUMBER@gcp-sa-dialogflow.iam.gserviceaccount.com`,
    );
    expect(text).toContain('service agent ID token (serviceAgentAuth: ID_TOKEN), function private');
    expect(h.out[1]).toBe('   moderation: MODERATION=google (Cloud Natural Language moderateText; the local filter at strict when it fails), through build/deploy.env.yaml');
    expect(text).toContain(`2. enable the Cloud Natural Language API (moderation):\n   gcloud services enable language.googleapis.com --project=${PROJECT}`);
    expect(text).toContain('--env-vars-file=build/deploy.env.yaml');
    expect(h.out.at(-1)).toBe('8. smoke test: "tell me a joke" in a fresh session must be answered by the webhook');
    expect(h.gcloudCalls).toEqual([]);
    // The function is private, so the ES warning that it is public is not given.
    expect(h.err.some((line) => line.includes('is public'))).toBe(false);
  });

  it('with Basic auth: a public function, the password read from its secret, no Invoker step', async () => {
    const h = harness();
    expect(await main([...BASE, ...BASIC, 'pw:3', '--cx-location', 'europe-west1', '--dry-run'], h.deps)).toBe(0);
    const text = h.out.join('\n');
    expect(h.out[0]).toContain(`in projects/${PROJECT}/locations/europe-west1:`);
    expect(text).toContain('--trigger-http --allow-unauthenticated');
    expect(text).not.toContain('add-invoker-policy-binding');
    expect(text).toContain('Basic auth dialogflow:******** (password from secret pw:3), function public');
    expect(text).toContain(`gcloud secrets versions access 3 --secret=pw --project=${PROJECT}`);
    expect(text).not.toContain(PASSWORD);
    expect(h.out.at(-1)).toBe('7. smoke test: "tell me a joke" in a fresh session must be answered by the webhook');
  });

  it('--no-moderation: no API to enable, the env file with the compile cache\'s variables', async () => {
    const h = harness();
    expect(await main([...BASE, '--no-moderation', '--dry-run'], h.deps)).toBe(0);
    const text = h.out.join('\n');
    expect(h.out[1]).toBe('   moderation: --no-moderation: the local content filter judges every post');
    expect(text).not.toContain('services enable');
    expect(text).toContain('--env-vars-file=build/deploy.env.yaml');
    expect(h.out.at(-1)).toBe('7. smoke test: "tell me a joke" in a fresh session must be answered by the webhook');
  });

  it('--help lists the CX flags after the ES ones', async () => {
    const h = harness();
    expect(await main(['--help'], h.deps)).toBe(0);
    expect(h.out.join('\n')).toMatch(/--no-agent[\s\S]*Dialogflow CX \(Conversational Agents\):\n {2}--cx {22}restore agent-cx\//);
  });
});

describe('deploy --cx refuses bad CX flags with exit 2, before anything runs', () => {
  it.each([
    [['--webhook-auth', 'oauth'], '--webhook-auth: "oauth" is not one of id-token, basic'],
    [['--cx-location', 'Europe West'], '--cx-location: "Europe West" is not a location (global, or a region like europe-west1)'],
    [['--cx-location'], '--cx-location: needs a value'],
    [['--webhook-auth', 'basic'], '--webhook-auth basic: needs --password-secret (the password the function checks)'],
    [['--webhook-auth', 'basic'], '--webhook-auth basic: needs WEBHOOK_USERNAME in the env file'],
  ])('%j', async (flags, problem) => {
    const h = harness();
    expect(await main([...BASE, ...flags], h.deps)).toBe(2);
    expect(h.err).toContain(`deploy: ${problem}`);
    expect(h.gcloudCalls).toEqual([]);
  });

  it('a CX flag without --cx', async () => {
    const h = harness();
    expect(await main(['--project', PROJECT, '--region', 'europe-west1', '--webhook-auth', 'basic'], h.deps)).toBe(2);
    expect(h.err).toEqual(['deploy: --webhook-auth: only with --cx']);
  });
});

describe('deploy --cx runs the whole sequence against the fake', () => {
  it('takes a project with no CX agent to a live bot with ID-token auth, step by step, the smoke query answered by the real webhook', async () => {
    const f = await withFake();
    // The deployed function: the real webhook, without Reddit credentials (it answers from its built-in collection).
    const { log, records } = capturedJsonLog();
    const webhook = await startWebhook({}, { log });
    const h = harness({ functionUrl: webhook.url });
    try {
      expect(await main(BASE, h.deps)).toBe(0);
    } finally {
      await webhook.close();
    }
    expect(h.out.filter((line) => line.startsWith('['))).toEqual([
      `[1] check access to the Dialogflow CX agents of projects/${PROJECT}/locations/global`,
      '[2] enable the Cloud Natural Language API (moderation)',
      '[3] deploy the function',
      '[4] read the function URL',
      '[5] create the Dialogflow CX agent',
      '[6] restore the agent',
      '[7] let the Dialogflow service agent invoke the function',
      '[8] point the webhook "reddit-webhook" at the function',
      '[9] smoke test: "tell me a joke"',
    ]);
    // The real CX adapter read the tag and the intent's `content` from the cx.v3 request: a joke, then the follow-up question.
    expect(h.out).toContainEqual(expect.stringMatching(/^ {4}ok: the webhook answered: Reddit isn't answering right now, so here's one from my own collection: .+ What do you want to hear next, a joke or a fact\?$/));
    expect(records().filter((record) => record.message === 'webhook request')).toEqual([
      expect.objectContaining({ edition: 'cx', action: 'say-content', intent: 'say-content', session: 'smoke-1', status: 200 }),
    ]);
    expect(h.out.at(-1)).toBe(`live: ${webhook.url} (Dialogflow CX agent projects/${PROJECT}/locations/global/agents/agent-1)`);
    expect(rpcs(f)).toEqual([
      'GET /agents',
      'POST /agents',
      'POST /agents/A:restore',
      'GET /agents/A/webhooks',
      'PATCH /agents/A/webhooks/W',
      'POST /agents/A/sessions/smoke-1:detectIntent',
    ]);
    expect(f.calls[1]!.body).toEqual({ displayName: 'reddit-content', defaultLanguageCode: 'en', timeZone: 'Europe/London' });
    expect(h.gcloudCalls.map((args) => args.slice(0, 2).join(' '))).toEqual([
      'services enable',
      'functions deploy',
      'functions describe',
      'projects describe',
      'functions add-invoker-policy-binding',
    ]);
    expect(h.gcloudCalls[0]).toEqual(['services', 'enable', 'language.googleapis.com', `--project=${PROJECT}`]);
    expect(h.gcloudCalls[1]).toEqual(expect.arrayContaining(['--no-allow-unauthenticated', '--env-vars-file=build/deploy.env.yaml']));
    expect(h.gcloudCalls[4]).toContain(`--member=serviceAccount:${SERVICE_AGENT}`);
  });

  it('replaces an existing agent without creating another; Dialogflow calls the webhook with the service agent\'s ID token', async () => {
    const f = await withFake({ agents: ['reddit-content'] });
    const h = harness();
    expect(await main(BASE, h.deps)).toBe(0);
    expect(h.out).toContain(`    ok: the webhook answered: ${stubText('say-content')}`);
    // The ID token is for the function's URL, and the request carries the tag of the route.
    expect(stub.requests).toHaveLength(1);
    expect(idTokenClaims(stub.requests[0]!.headers.authorization)).toMatchObject({ aud: stub.url, email: SERVICE_AGENT });
    expect(stub.requests[0]!.body.fulfillmentInfo).toEqual({ tag: 'say-content' });
    expect(h.out).toContain(`    ok: agent projects/${PROJECT}/locations/global/agents/agent-1 found; it will be replaced`);
    expect(rpcs(f)).not.toContain('POST /agents');
    expect(f.agents.size).toBe(1);
  });

  it('with Basic auth: a public function, and Dialogflow sends the secret\'s password, which the real webhook checks', async () => {
    await withFake();
    // The deployed function checks the same credentials; a function expecting another password refuses the smoke query.
    const [right, wrong] = await Promise.all([
      startWebhook({ WEBHOOK_USERNAME: 'dialogflow', WEBHOOK_PASSWORD: PASSWORD }),
      startWebhook({ WEBHOOK_USERNAME: 'dialogflow', WEBHOOK_PASSWORD: 'another-password' }),
    ]);
    const h = harness({ functionUrl: right.url });
    const refused = harness({ functionUrl: wrong.url });
    try {
      expect(await main([...BASE, ...BASIC, 'pw'], h.deps)).toBe(0);
      expect(await main([...BASE, ...BASIC, 'pw'], refused.deps)).toBe(1);
    } finally {
      await Promise.all([right.close(), wrong.close()]);
    }
    expect(h.gcloudCalls[1]).toContain('--allow-unauthenticated');
    expect(h.gcloudCalls.map((args) => args.slice(0, 2).join(' '))).toEqual(['services enable', 'functions deploy', 'functions describe', 'secrets versions']);
    expect(h.out).toContainEqual(expect.stringMatching(/^ {4}ok: the webhook answered: .+ What do you want to hear next, a joke or a fact\?$/));
    expect(refused.out.at(-1)).toBe('    failed: webhook call failed: Webhook call failed. Error: UNAVAILABLE, HTTP status code: 401.');
    expect(h.out.join('\n')).not.toContain(PASSWORD);
  });

  it('fails the smoke test (exit 1) when the webhook refuses Dialogflow', async () => {
    await withFake();
    stub.status = 401;
    const h = harness();
    expect(await main(BASE, h.deps)).toBe(1);
    expect(h.out.at(-1)).toBe('    failed: webhook call failed: Webhook call failed. Error: UNAVAILABLE, HTTP status code: 401.');
  });

  it('stops (exit 2) when Dialogflow rejects the content, before touching the webhook or IAM', async () => {
    const f = await withFake({ agents: ['reddit-content'] });
    const h = harness({ cxAgentFiles: async () => new Map([...(await readTree(join(repoRoot, 'agent-cx')))].filter(([path]) => !path.startsWith('intents/help/'))) });
    expect(await main(BASE, h.deps)).toBe(2);
    expect(h.out.at(-1)).toBe('    failed: Dialogflow rejected the agent restore: Invalid agent content. Route references an unknown intent "help".');
    expect(rpcs(f).at(-1)).toBe('POST /agents/A:restore');
    expect(h.gcloudCalls.map((args) => args[1])).toEqual(['enable', 'deploy', 'describe']);
  });

  it('returns gcloud\'s exit code when the Invoker role cannot be granted', async () => {
    await withFake();
    const h = harness({ invokerCode: 1 });
    expect(await main(BASE, h.deps)).toBe(1);
    expect(h.out.at(-1)).toBe('    failed: gcloud exited with 1');
    expect(stub.requests).toEqual([]);
  });
});
