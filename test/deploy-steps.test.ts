/**
 * `npm run deploy` from flags to a live bot, in process: the real argument
 * parsing, the real @google-cloud/dialogflow client (REST transport) against a
 * local fake of the Dialogflow v2 API, the real webhook behind Basic auth, and
 * a stand-in for gcloud that records what it was asked. Nothing leaves loopback.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8, strToU8, zipSync } from 'fflate';
import nock from 'nock';
import { parse } from 'yaml';
import { readTree } from '../scripts/agent/files';
import { createDialogflowApi } from '../scripts/deploy/dialogflow';
import { main, type MainDeps } from '../scripts/deploy/main';
import { walkUploadSet } from '../scripts/deploy/upload-set';
import { listingJson, fixturePosts } from '../scripts/local-agent/reddit-fixtures';
import { fakeAuth, IAM_DENIED, SERVICE_DISABLED, startFakeDialogflow, type FakeDialogflow, type FakeDialogflowOptions } from './support/fake-dialogflow';
import { jokes } from './support/reddit';
import { REDDIT, startWebhook, type RunningWebhook } from './support/server';

const repoRoot = join(__dirname, '..');
const PROJECT = 'heldout-proj';
const PASSWORD = 'correct-horse-battery';
const FLAGS = ['--project', PROJECT, '--region', 'europe-west1', '--password-secret', 'webhook-password', '--env-vars-file', 'env.yaml'];

jest.setTimeout(30_000);

let project: string;
let webhook: RunningWebhook;
let fake: FakeDialogflow | undefined;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'deploy-steps-'));
  copyFileSync(join(repoRoot, 'package.json'), join(project, 'package.json'));
  copyFileSync(join(repoRoot, '.gcloudignore'), join(project, '.gcloudignore'));
  // An installed app (REDDIT_CLIENT_ID alone): a deploy without Reddit access is refused.
  writeFileSync(join(project, 'env.yaml'), 'WEBHOOK_USERNAME: "dialogflow"\nREDDIT_CLIENT_ID: "app-id"\nREDDIT_USERNAME: "owner_1"\n');
  webhook = await startWebhook({ WEBHOOK_USERNAME: 'dialogflow', WEBHOOK_PASSWORD: PASSWORD });
});

/** The variables the last deploy handed gcloud: the file it wrote (MODERATION_ENV.file). */
const deployedEnv = (): unknown => parse(readFileSync(join(project, 'build', 'deploy.env.yaml'), 'utf8'));

afterAll(async () => {
  await webhook.close();
  rmSync(project, { recursive: true, force: true });
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
  zips: Uint8Array[];
}

/**
 * `secret` is what Secret Manager holds for the password; `deployCode` what
 * `gcloud functions deploy` exits with.
 */
function harness(
  options: { secret?: string; deployCode?: number; enableCode?: number; dialogflow?: MainDeps['dialogflow']; url?: string } = {},
): Harness {
  const h: Harness = { out: [], err: [], gcloudCalls: [], zips: [], deps: undefined as unknown as MainDeps };
  h.deps = {
    root: project,
    env: {},
    today: new Date('2026-11-30T12:00:00Z'),
    async gcloud(args) {
      h.gcloudCalls.push([...args]);
      const [group, verb] = args;
      if (group === 'functions' && verb === 'deploy') return { code: options.deployCode ?? 0, stdout: '' };
      if (group === 'functions' && verb === 'describe') return { code: 0, stdout: `${options.url ?? webhook.url}\n` };
      if (group === 'secrets') return { code: 0, stdout: options.secret ?? PASSWORD };
      if (group === 'services' && verb === 'enable') return { code: options.enableCode ?? 0, stdout: '' };
      return { code: 1, stdout: '' };
    },
    dialogflow:
      options.dialogflow ??
      ((p) => createDialogflowApi({ project: p, apiEndpoint: fake!.host, port: fake!.port, protocol: 'http', auth: fakeAuth() })),
    agentFiles: () => readTree(join(repoRoot, 'agent')),
    async saveZip(zip) {
      h.zips.push(zip);
      return 'build/agent.zip';
    },
    newSessionId: () => 'smoke-1',
    out: (line) => h.out.push(line),
    err: (line) => h.err.push(line),
  };
  return h;
}

async function withFake(options: Partial<FakeDialogflowOptions> = {}): Promise<FakeDialogflow> {
  fake = await startFakeDialogflow({ project: PROJECT, ...options });
  return fake;
}

function mockReddit(): void {
  nock(REDDIT).get('/r/Jokes/top.json').query(true).reply(200, jokes(10)).persist();
  // The webhook warms other listings after its first answer; let them fail quietly.
  nock(REDDIT).get(/.*/).reply(503).persist();
}

type Files = Record<string, Uint8Array>;

/** The zip with `edit` applied to its files. */
function editZip(zip: Uint8Array, edit: (files: Files) => Files): Uint8Array {
  return zipSync(edit(unzipSync(zip)));
}

function disableWebhook(files: Files): Files {
  const agent = JSON.parse(strFromU8(files['agent.json']!));
  return { ...files, 'agent.json': strToU8(JSON.stringify({ ...agent, webhook: { ...agent.webhook, available: false } })) };
}

function dropIntent(files: Files, name: string): Files {
  return Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith(`intents/${name}.json`) && !path.startsWith(`intents/${name}_usersays_`)));
}

const rpcs = (f: FakeDialogflow) => f.calls.map((call) => `${call.method} ${call.path.replace(`/v2/projects/${PROJECT}`, '')}`);

describe('npm run deploy: deploy → restore → fulfillment → smoke', () => {
  it('takes a project with no agent to a live bot, in order, and says so step by step', async () => {
    mockReddit();
    const f = await withFake({ restore: { polls: 1 } });
    const h = harness();
    const code = await main(FLAGS, h.deps);
    expect(h.out.join('\n')).not.toContain(PASSWORD);
    if (code !== 0) throw new Error(`exit ${code}:\n${h.out.join('\n')}`);

    expect(h.gcloudCalls.map((args) => args.slice(0, 2).join(' '))).toEqual([
      'services enable',
      'functions deploy',
      'functions describe',
      'secrets versions',
    ]);
    // Moderation is on: its API first, then the function with MODERATION=google next to the env file's variables.
    expect(h.gcloudCalls[0]).toEqual(['services', 'enable', 'language.googleapis.com', `--project=${PROJECT}`]);
    expect(h.gcloudCalls[1]).toEqual(
      expect.arrayContaining(['--runtime=nodejs24', '--env-vars-file=build/deploy.env.yaml', '--set-secrets=WEBHOOK_PASSWORD=webhook-password:latest']),
    );
    expect(deployedEnv()).toEqual({
      NODE_COMPILE_CACHE: 'dist/compile-cache',
      NODE_COMPILE_CACHE_PORTABLE: '1',
      WEBHOOK_USERNAME: 'dialogflow',
      REDDIT_CLIENT_ID: 'app-id',
      REDDIT_USERNAME: 'owner_1',
      MODERATION: 'google',
    });
    expect(h.gcloudCalls[3]).toEqual(['secrets', 'versions', 'access', 'latest', '--secret=webhook-password', `--project=${PROJECT}`]);

    expect(rpcs(f)).toEqual([
      'GET /agent',
      'POST /agent',
      'POST /agent:restore',
      'GET /operations/restore-1',
      'PATCH /agent/fulfillment',
      'POST /agent/sessions/smoke-1:detectIntent',
    ]);
    // Every call carried the credentials.
    for (const call of f.calls) expect(call.headers.authorization).toBe('Bearer fake-token');

    // The agent was created from agent.json's settings.
    expect(f.calls[1]!.body).toEqual(
      expect.objectContaining({ displayName: 'reddit-content', defaultLanguageCode: 'en', timeZone: 'Europe/London' }),
    );

    // The restored ZIP is agent/ with the real URL and no credentials.
    const files = unzipSync(f.restored!);
    const agentJson = JSON.parse(strFromU8(files['agent.json']!));
    expect(agentJson.webhook.url).toBe(webhook.url);
    expect(agentJson.webhook.username).toBe('');
    expect(JSON.stringify(agentJson)).not.toContain(PASSWORD);
    expect(Object.keys(files)).toContain('intents/Default Welcome Intent.json');
    expect(h.zips).toHaveLength(1);

    // Fulfillment: the whole generic web service, enabled, with an update mask naming exactly those fields.
    const patch = f.calls[4]!;
    expect(patch.query.get('updateMask')?.split(',').sort()).toEqual(['enabled', 'features', 'generic_web_service']);
    // (The fulfillment's name is the URL path, checked above.)
    expect(patch.body).toEqual({
      enabled: true,
      genericWebService: { uri: webhook.url, username: 'dialogflow', password: PASSWORD, requestHeaders: {} },
    });

    const log = h.out.join('\n');
    expect(log).toMatch(/\[1\] check access .*\n {4}ok: no agent yet; it will be created/);
    expect(log).toMatch(/\[2\] enable the Cloud Natural Language API \(moderation\)\ngcloud services enable language\.googleapis\.com --project=heldout-proj\n {4}ok: language\.googleapis\.com enabled/);
    expect(log).toMatch(/\[3\] deploy the function\ngcloud functions deploy reddit-webhook .*\n {4}ok: function reddit-webhook deployed \(nodejs24\)/);
    expect(log).toMatch(/\[4\] read the function URL\n {4}ok: http:\/\/127\.0\.0\.1:\d+/);
    expect(log).toMatch(/\[5\] create the Dialogflow ES agent\n {4}ok: agent "reddit-content" \(en, Europe\/London\)/);
    expect(log).toMatch(/\[6\] restore the agent\n {4}ok: restored from build\/agent.zip \(\d+ bytes\)/);
    expect(log).toMatch(/\[7\] set fulfillment\n {4}ok: URL http:\S+, Basic auth dialogflow:\*{8} \(password from secret webhook-password:latest\), enabled/);
    expect(log).toMatch(/\[8\] smoke test: "tell me a joke"\n {4}ok: the webhook answered from Reddit: Here's a joke: Title (j\d+) Punchline \1 What do you want to hear next, a joke or a fact\?/);
    expect(log).toMatch(/live: http:\/\/127\.0\.0\.1/);
  });

  it('replaces an existing agent without creating one', async () => {
    mockReddit();
    const f = await withFake({ agent: { displayName: 'old-bot' } });
    const h = harness();
    expect(await main(FLAGS, h.deps)).toBe(0);
    expect(rpcs(f)).toEqual(['GET /agent', 'POST /agent:restore', 'PATCH /agent/fulfillment', 'POST /agent/sessions/smoke-1:detectIntent']);
    expect(h.out.join('\n')).toContain('ok: agent "old-bot" found; it will be replaced');
  });

  it('fails the smoke test, exit 1, with what Dialogflow said when the webhook refuses the password', async () => {
    mockReddit();
    await withFake({ agent: { displayName: 'reddit-content' } });
    const h = harness({ secret: 'an-old-password' });
    expect(await main(FLAGS, h.deps)).toBe(1);
    const log = h.out.join('\n');
    expect(log).toMatch(/\[\d\] smoke test: "tell me a joke"\n {4}failed: webhook call failed: Webhook call failed\. .*HTTP status code: 401\./);
    expect(log).not.toContain('live:');
    expect(log).not.toContain('an-old-password');
  });

  it('fails the smoke test when Dialogflow answers without the webhook', async () => {
    const f = await withFake({ agent: { displayName: 'reddit-content' }, fail: {} });
    const h = harness({
      dialogflow: (p) => {
        const api = createDialogflowApi({ project: p, apiEndpoint: f.host, port: f.port, protocol: 'http', auth: fakeAuth() });
        // The zip's webhook switched off and the fulfillment update lost: Dialogflow says the intent's static reply.
        return { ...api, restoreAgent: (zip) => api.restoreAgent(editZip(zip, disableWebhook)), updateFulfillment: async () => {} };
      },
    });
    expect(await main(FLAGS, h.deps)).toBe(1);
    expect(h.out.join('\n')).toMatch(
      /failed: Dialogflow answered without calling the webhook \(intent "say-content", said "Sorry, I can't reach my stories right now\. What do you want to hear next, a joke or a fact\?"\)/,
    );
  });

  it('fails the smoke test when the restored agent has no intent for the smoke query', async () => {
    mockReddit();
    const f = await withFake({ agent: { displayName: 'reddit-content' } });
    const h = harness({
      dialogflow: (p) => {
        const api = createDialogflowApi({ project: p, apiEndpoint: f.host, port: f.port, protocol: 'http', auth: fakeAuth() });
        // A broken build: the zip lost say-content (and its phrases).
        return { ...api, restoreAgent: (zip) => api.restoreAgent(editZip(zip, (files) => dropIntent(files, 'say-content'))) };
      },
    });
    expect(await main(FLAGS, h.deps)).toBe(1);
    const log = h.out.join('\n');
    // The fallback intent answers (through the webhook), not say-content.
    expect(log).toMatch(/\[\d\] smoke test: "tell me a joke"\n {4}failed: the answer is not in our webhook's format \(intent "Default Fallback Intent", said "Sorry, I didn't get that\./);
    expect(log).not.toContain('live:');
    expect(Object.keys(unzipSync(f.restored!))).not.toContain('intents/say-content.json');
  });

  it('stops before deploying, exit 2, when the Dialogflow API is not enabled, and prints the command', async () => {
    const f = await withFake({ fail: { getAgent: SERVICE_DISABLED(PROJECT) } });
    const h = harness();
    expect(await main(FLAGS, h.deps)).toBe(2);
    expect(h.out.join('\n')).toContain(
      `failed: the Dialogflow API is not enabled in project ${PROJECT}. Enable it:\n  gcloud services enable dialogflow.googleapis.com --project ${PROJECT}`,
    );
    expect(h.gcloudCalls).toEqual([]);
    expect(rpcs(f)).toEqual(['GET /agent']);
  });

  it('exit 2 with the set-quota-project command when user credentials bill gcloud\'s own project', async () => {
    const gcloudProject = { ...SERVICE_DISABLED('764086051850') };
    await withFake({ fail: { getAgent: gcloudProject } });
    const h = harness();
    expect(await main(FLAGS, h.deps)).toBe(2);
    expect(h.out.join('\n')).toContain(
      `failed: your Application Default Credentials have no quota project, so Google bills the calls to gcloud's own project instead of ${PROJECT}. Set it:\n  gcloud auth application-default set-quota-project ${PROJECT}`,
    );
    expect(h.gcloudCalls).toEqual([]);
  });

  it('exit 2 naming the role when the restore is not allowed', async () => {
    await withFake({ agent: { displayName: 'x' }, fail: { restoreAgent: IAM_DENIED(PROJECT, 'dialogflow.agents.restore') } });
    const h = harness();
    expect(await main(FLAGS, h.deps)).toBe(2);
    const log = h.out.join('\n');
    expect(log).toContain('failed: permission denied to restore the agent (dialogflow.agents.restore)');
    expect(log).toContain('needs the role roles/dialogflow.admin ("Dialogflow API Admin") on project heldout-proj');
    expect(log).not.toContain('set fulfillment');
  });

  it('exit 2 naming the role when even reading the agent is not allowed', async () => {
    await withFake({ fail: { getAgent: IAM_DENIED(PROJECT, 'dialogflow.agents.get') } });
    const h = harness();
    expect(await main(FLAGS, h.deps)).toBe(2);
    expect(h.out.join('\n')).toContain('failed: permission denied to read the agent (dialogflow.agents.get)');
  });

  it("exit 2 with Dialogflow's own message when the restore operation fails", async () => {
    const f = await withFake({
      agent: { displayName: 'x' },
      restore: { polls: 1, error: { code: 3, message: 'Invalid agent zip. Missing required json file agent.json.' } },
    });
    const h = harness();
    expect(await main(FLAGS, h.deps)).toBe(2);
    expect(h.out.join('\n')).toContain('failed: Dialogflow rejected the agent restore: Invalid agent zip. Missing required json file agent.json.');
    expect(rpcs(f)).not.toContain('PATCH /agent/fulfillment');
  });

  it("exit 2 with Dialogflow's message when the restore request itself is refused", async () => {
    await withFake({
      agent: { displayName: 'x' },
      fail: { restoreAgent: { status: 400, code: 'INVALID_ARGUMENT', message: 'Agent content is too large.' } },
    });
    const h = harness();
    expect(await main(FLAGS, h.deps)).toBe(2);
    expect(h.out.join('\n')).toContain('failed: Dialogflow rejected the agent restore: Agent content is too large.');
  });

  describe('without Application Default Credentials', () => {
    const saved = { ...process.env };
    let empty: string;
    beforeAll(() => {
      empty = mkdtempSync(join(tmpdir(), 'no-adc-'));
      // No key file, an empty gcloud config, and no metadata server lookup (that would be network).
      delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
      process.env.CLOUDSDK_CONFIG = empty;
      process.env.HOME = empty;
      process.env.METADATA_SERVER_DETECTION = 'none';
    });
    afterAll(() => {
      process.env = saved;
      rmSync(empty, { recursive: true, force: true });
    });

    it('exit 2, before deploying, with the login command', async () => {
      const f = await withFake({ agent: { displayName: 'x' } });
      // The real default: GoogleAuth looking for ADC.
      const h = harness({ dialogflow: (p) => createDialogflowApi({ project: p, apiEndpoint: f.host, port: f.port, protocol: 'http' }) });
      expect(await main(FLAGS, h.deps)).toBe(2);
      expect(h.out.join('\n')).toContain('failed: no Application Default Credentials for the Dialogflow API. Run:\n  gcloud auth application-default login');
      expect(h.gcloudCalls).toEqual([]);
      expect(f.calls).toEqual([]);
    });
  });

  it('--no-agent deploys and reads the URL, and touches no Dialogflow API', async () => {
    const h = harness({ dialogflow: () => { throw new Error('must not be called'); } });
    expect(await main([...FLAGS, '--no-agent'], h.deps)).toBe(0);
    expect(h.gcloudCalls.map((args) => args.slice(0, 2).join(' '))).toEqual(['services enable', 'functions deploy', 'functions describe']);
  });

  it('--no-moderation enables no API and hands gcloud the env file with the compile cache\'s variables, no MODERATION', async () => {
    const h = harness({ dialogflow: () => { throw new Error('must not be called'); } });
    expect(await main([...FLAGS, '--no-agent', '--no-moderation'], h.deps)).toBe(0);
    expect(h.gcloudCalls.map((args) => args.slice(0, 2).join(' '))).toEqual(['functions deploy', 'functions describe']);
    expect(h.gcloudCalls[0]).toContain('--env-vars-file=build/deploy.env.yaml');
    expect(h.gcloudCalls[0]!.join(' ')).not.toContain('MODERATION');
    expect(deployedEnv()).toEqual({
      NODE_COMPILE_CACHE: 'dist/compile-cache',
      NODE_COMPILE_CACHE_PORTABLE: '1',
      WEBHOOK_USERNAME: 'dialogflow',
      REDDIT_CLIENT_ID: 'app-id',
      REDDIT_USERNAME: 'owner_1',
    });
  });

  it("an env file's own NODE_COMPILE_CACHE wins over the deploy's", async () => {
    writeFileSync(join(project, 'env-cache.yaml'), 'WEBHOOK_USERNAME: "dialogflow"\nREDDIT_CLIENT_ID: "app-id"\nREDDIT_USERNAME: "owner_1"\nNODE_COMPILE_CACHE: "/tmp/cache"\n');
    const h = harness({ dialogflow: () => { throw new Error('must not be called'); } });
    expect(await main([...FLAGS.slice(0, -1), 'env-cache.yaml', '--no-agent', '--no-moderation'], h.deps)).toBe(0);
    expect(deployedEnv()).toEqual({
      NODE_COMPILE_CACHE: '/tmp/cache',
      NODE_COMPILE_CACHE_PORTABLE: '1',
      WEBHOOK_USERNAME: 'dialogflow',
      REDDIT_CLIENT_ID: 'app-id',
      REDDIT_USERNAME: 'owner_1',
    });
  });

  it('an API that cannot be enabled stops the deploy before the function, with gcloud\'s exit code and the way out', async () => {
    const h = harness({ enableCode: 4, dialogflow: () => { throw new Error('must not be called'); } });
    expect(await main([...FLAGS, '--no-agent'], h.deps)).toBe(4);
    expect(h.gcloudCalls.map((args) => args.slice(0, 2).join(' '))).toEqual(['services enable']);
    expect(h.out.join('\n')).toContain('failed: gcloud exited with 4 (deploy with --no-moderation to go without it)');
  });

  it.each([
    ['MODERATION: "off"\n', [], 'env-mod.yaml: MODERATION is "off", but the deploy turns moderation on; delete the line, or pass --no-moderation to leave it off'],
    ['MODERATION: "google"\n', ['--no-moderation'], 'env-mod.yaml: MODERATION is "google", but --no-moderation leaves it off; delete the line or the flag'],
  ])('an env file that says otherwise than the flag (%j %p): exit 2, nothing called', async (line, extra, problem) => {
    writeFileSync(join(project, 'env-mod.yaml'), `WEBHOOK_USERNAME: "dialogflow"\nREDDIT_CLIENT_ID: "app-id"\nREDDIT_USERNAME: "owner_1"\n${line}`);
    const h = harness({ dialogflow: () => { throw new Error('must not be called'); } });
    expect(await main([...FLAGS.slice(0, -1), 'env-mod.yaml', '--no-agent', ...extra], h.deps)).toBe(2);
    expect(h.err).toEqual([`deploy: ${problem}`]);
    expect(h.gcloudCalls).toEqual([]);
  });

  it.each([
    ['MODERATION: "google"\n', []],
    ['MODERATION: "off"\n', ['--no-moderation']],
  ])('an env file that agrees with the flag (%j %p) deploys', async (line, extra) => {
    writeFileSync(join(project, 'env-agree.yaml'), `WEBHOOK_USERNAME: "dialogflow"\nREDDIT_CLIENT_ID: "app-id"\nREDDIT_USERNAME: "owner_1"\n${line}`);
    const h = harness({ dialogflow: () => { throw new Error('must not be called'); } });
    expect(await main([...FLAGS.slice(0, -1), 'env-agree.yaml', '--no-agent', ...extra], h.deps)).toBe(0);
  });

  it('a failed gcloud deploy stops the sequence with its exit code', async () => {
    const f = await withFake({ agent: { displayName: 'x' } });
    const h = harness({ deployCode: 3 });
    expect(await main(FLAGS, h.deps)).toBe(3);
    expect(rpcs(f)).toEqual(['GET /agent']);
    expect(h.out.join('\n')).toContain('failed: gcloud exited with 3');
  });

  it('--dry-run prints the whole plan with the password masked and calls nothing', async () => {
    const h = harness({ dialogflow: () => { throw new Error('must not be called'); } });
    h.deps.gcloud = () => { throw new Error('must not be called'); };
    expect(await main([...FLAGS, '--header-secret', 'hdr', '--dry-run'], { ...h.deps, root: project })).toBe(2);
    // The header secret needs its name in the env file: a clear refusal first.
    expect(h.err).toEqual(['deploy: --header-secret needs WEBHOOK_HEADER_NAME in env.yaml']);

    writeFileSync(join(project, 'env-hdr.yaml'), 'WEBHOOK_USERNAME: "dialogflow"\nWEBHOOK_HEADER_NAME: "x-df-key"\nREDDIT_CLIENT_ID: "app-id"\n');
    const flags = [...FLAGS.slice(0, -1), 'env-hdr.yaml', '--header-secret', 'hdr', '--dry-run'];
    expect(await main(flags, h.deps)).toBe(0);
    const plan = h.out.join('\n');
    expect(plan).toContain('   posts: Reddit, as an installed app');
    expect(plan).toContain('   moderation: MODERATION=google (Cloud Natural Language moderateText; the local filter at strict when it fails), through build/deploy.env.yaml');
    expect(plan).toContain('1. check access to the Dialogflow ES agent of projects/heldout-proj');
    expect(plan).toContain('2. enable the Cloud Natural Language API (moderation):\n   gcloud services enable language.googleapis.com --project=heldout-proj');
    expect(plan).toMatch(/3\. deploy the function:\n {3}gcloud functions deploy reddit-webhook --gen2 --runtime=nodejs24 .* --env-vars-file=build\/deploy\.env\.yaml /);
    expect(plan).toContain("4. read its URL (expected https://europe-west1-heldout-proj.cloudfunctions.net/reddit-webhook):\n   gcloud functions describe reddit-webhook --gen2 --project=heldout-proj --region=europe-west1 '--format=value(url)'");
    expect(plan).toContain('5. restore build/agent.zip (agent/ with the webhook URL, no password) into projects/heldout-proj/agent');
    expect(plan).toContain(
      '6. set fulfillment: URL https://europe-west1-heldout-proj.cloudfunctions.net/reddit-webhook, Basic auth dialogflow:******** (password from secret webhook-password:latest), header x-df-key: ******** (from secret hdr:latest), enabled',
    );
    expect(plan).toContain('7. smoke test: "tell me a joke" in a fresh session must be answered by the webhook');
    // The printed command is meant to be pasted: the file it names is there, with MODERATION next to the env file's lines.
    expect(deployedEnv()).toEqual({
      NODE_COMPILE_CACHE: 'dist/compile-cache',
      NODE_COMPILE_CACHE_PORTABLE: '1',
      WEBHOOK_USERNAME: 'dialogflow',
      WEBHOOK_HEADER_NAME: 'x-df-key',
      REDDIT_CLIENT_ID: 'app-id',
      MODERATION: 'google',
    });
  });
});

describe('npm run deploy without Reddit credentials', () => {
  const base = ['--project', PROJECT, '--region', 'europe-west1', '--password-secret', 'webhook-password'];
  const envFile = (name: string, text: string) => {
    writeFileSync(join(project, name), `WEBHOOK_USERNAME: "dialogflow"\n${text}`);
    return ['--env-vars-file', name];
  };
  const refused = (h: Harness) => {
    expect(h.gcloudCalls).toEqual([]);
    return h.err.join('\n');
  };

  it.each([[[]], [['--dry-run']]])('exits 2 explaining the two ways, and calls nothing (%p)', async (extra) => {
    const h = harness({ dialogflow: () => { throw new Error('must not be called'); } });
    expect(await main([...base, ...envFile('env-none.yaml', ''), ...extra], h.deps)).toBe(2);
    const text = refused(h);
    expect(text).toMatch(/^deploy: no Reddit credentials: Reddit serves its posts only to approved API apps, so this bot would never tell a post from Reddit\. Two ways:\n/);
    expect(text).toContain('  1. credentials: create an app at https://www.reddit.com/prefs/apps and request API access for it (README.md#reddit-access)');
    expect(text).toContain('pass --reddit-secret NAME');
    expect(text).toContain('or set REDDIT_CLIENT_ID alone for an installed app');
    expect(text).toContain('  2. --no-reddit: deploy without Reddit; the bot answers from POSTS_FILE (set it in the env file; the file is uploaded with the function) and its built-in collection.');
    expect(h.out).toEqual([]);
  });

  it('--no-reddit with REDDIT_CLIENT_ID: exit 2, pick one', async () => {
    const h = harness();
    expect(await main([...base, ...envFile('env-both.yaml', 'REDDIT_CLIENT_ID: "app-id"\n'), '--no-reddit', '--dry-run'], h.deps)).toBe(2);
    expect(refused(h)).toBe(
      'deploy: --no-reddit: but Reddit credentials are given (--reddit-secret or REDDIT_CLIENT_ID in the env file); drop one or the other',
    );
  });

  it('--no-reddit with POSTS_FILE under posts/: the plan says so, and the file is in the upload', async () => {
    mkdirSync(join(project, 'posts'), { recursive: true });
    writeFileSync(join(project, 'posts', 'jokes.json'), JSON.stringify(listingJson('Jokes', fixturePosts('jokes'))));
    const h = harness();
    expect(await main([...base, ...envFile('env-file.yaml', 'POSTS_FILE: "posts/jokes.json"\n'), '--no-reddit', '--dry-run'], h.deps)).toBe(0);
    expect(h.err).toEqual([]);
    expect(h.out).toContain('   posts: --no-reddit: Reddit is not called; POSTS_FILE posts/jokes.json (uploaded with the function) and the built-in collection');
    expect(walkUploadSet(project).map((entry) => entry.path)).toContain('posts/jokes.json');
    expect(h.gcloudCalls).toEqual([]);
  });

  it('--no-reddit without POSTS_FILE: a warning that only the collection answers', async () => {
    const h = harness();
    expect(await main([...base, ...envFile('env-plain.yaml', ''), '--no-reddit', '--dry-run'], h.deps)).toBe(0);
    expect(h.err).toEqual([
      'deploy: warning: --no-reddit without POSTS_FILE in the env file: every answer comes from the built-in collection (a dozen jokes and facts)',
    ]);
  });

  it('a POSTS_FILE that would not be uploaded, or that is not a valid posts file: exit 2 naming it', async () => {
    mkdirSync(join(project, 'data'), { recursive: true });
    writeFileSync(join(project, 'data', 'jokes.json'), JSON.stringify(listingJson('Jokes', fixturePosts('jokes'))));
    const outside = harness();
    expect(await main([...base, ...envFile('env-outside.yaml', 'POSTS_FILE: "data/jokes.json"\n'), '--no-reddit', '--dry-run'], outside.deps)).toBe(2);
    expect(refused(outside)).toBe(
      'deploy: POSTS_FILE: "data/jokes.json" would not be uploaded (.gcloudignore); put it under posts/, which is uploaded, e.g. posts/posts.json',
    );
    writeFileSync(join(project, 'posts', 'bad.json'), JSON.stringify({ Jokes: { kind: 'Listing', data: { children: [{ kind: 't3', data: { id: 'x', title: 'T' } }] } } }));
    const bad = harness();
    expect(await main([...base, ...envFile('env-bad.yaml', 'POSTS_FILE: "posts/bad.json"\n'), '--no-reddit', '--dry-run'], bad.deps)).toBe(2);
    expect(refused(bad)).toBe(
      `deploy: env-bad.yaml: Invalid configuration:\n  POSTS_FILE=${JSON.stringify(join(project, 'posts/bad.json'))}: Jokes.data.children[0].data.permalink: Invalid input: expected string, received undefined`,
    );
  });

  it('the smoke test says the answer came from the built-in collection', async () => {
    // The function as deployed with --no-reddit and no file: REDDIT_BASE_URL left at reddit.com, no credentials.
    const offline = await startWebhook({ REDDIT_BASE_URL: 'https://www.reddit.com', WEBHOOK_USERNAME: 'dialogflow', WEBHOOK_PASSWORD: PASSWORD });
    try {
      await withFake();
      const h = harness({ url: offline.url });
      expect(await main([...base, ...envFile('env-smoke.yaml', ''), '--no-reddit'], h.deps)).toBe(0);
      expect(h.out.join('\n')).toMatch(
        /\[8\] smoke test: "tell me a joke"\n {4}ok: the webhook answered from the built-in collection: Reddit has no jokes I can read out right now, so here's one from my own collection:/,
      );
    } finally {
      await offline.close();
    }
  });
});
