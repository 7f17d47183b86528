/**
 * The installed Google Cloud CLI checks what `npm run deploy` prints: every
 * gcloud command of the dry-run plan is run as printed (through /bin/sh, since
 * it is printed shell-quoted) with an empty CLOUDSDK_CONFIG, so gcloud parses
 * all flags and then stops for want of an account, before any network call.
 * And `gcloud meta list-files-for-upload` (offline) must list exactly the files
 * our .gcloudignore reading says are uploaded.
 */
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walkUploadSet } from '../scripts/deploy/upload-set';
import { makeUploadCopy } from './support/upload-copy';

const repoRoot = join(__dirname, '..');
const tsxCli = require.resolve('tsx/cli');

const probe = spawnSync('gcloud', ['--version'], { encoding: 'utf8', env: { ...process.env, CLOUDSDK_CONFIG: tmpdir() } });
const available = !probe.error && probe.status === 0;
// Without gcloud the suite is skipped and its name says why (the skip reporter lists it after jest's summary).
const describeWithGcloud = available ? describe : describe.skip;
const SUITE = available
  ? 'the installed gcloud parses every command the deploy prints'
  : 'the installed gcloud parses every command the deploy prints (skipped: the Google Cloud CLI `gcloud` is not installed; https://cloud.google.com/sdk/docs/install)';

// Each gcloud start takes seconds (Python); several run in parallel on a loaded machine.
jest.setTimeout(180_000);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

let work: string;
let config: string;
/** gcloud with no account, no GCE metadata probe, no prompts, no update check or usage report. */
let gcloudEnv: Record<string, string>;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'deploy-gcloud-'));
  config = mkdtempSync(join(tmpdir(), 'gcloud-config-'));
  gcloudEnv = {
    CLOUDSDK_CONFIG: config,
    CLOUDSDK_CORE_CHECK_GCE_METADATA: 'false',
    CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
    CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: 'true',
    CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: 'true',
  };
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(config, { recursive: true, force: true });
});

/** The `gcloud …` lines of the dry-run plan for these flags, run from a project with this env file. */
async function printedCommands(name: string, flags: string[], envYaml: string): Promise<string[]> {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
  copyFileSync(join(repoRoot, '.gcloudignore'), join(dir, '.gcloudignore'));
  writeFileSync(join(dir, '.env.yaml'), envYaml);
  const plan = await run(process.execPath, [tsxCli, join(repoRoot, 'scripts', 'deploy.ts'), '--dry-run', ...flags], dir, {});
  expect(plan.code).toBe(0);
  return plan.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('gcloud '));
}

/** Runs a printed command line as a user would paste it, and checks gcloud got as far as wanting an account. */
async function expectParsed(line: string, cwd: string): Promise<void> {
  const result = await run('/bin/sh', ['-c', line], cwd, gcloudEnv);
  const said = `${line}\n→ exit ${result.code}\n${result.stderr}`;
  expect({ said, parsed: !/unrecognized arguments|Invalid value|argument --/i.test(result.stderr) }).toEqual({ said, parsed: true });
  expect({ said, code: result.code, noAccount: result.stderr.includes('You do not currently have an active account selected') }).toEqual({
    said,
    code: 1,
    noAccount: true,
  });
}

describeWithGcloud(SUITE, () => {
  it('the default plan: enable moderation, deploy with nodejs24 and the written env file, read the URL, read the Basic auth password', async () => {
    const commands = await printedCommands(
      'default',
      ['--project', 'heldout-proj', '--region', 'europe-west1', '--password-secret', 'webhook-password:3', '--reddit-secret', 'reddit'],
      'WEBHOOK_USERNAME: "dialogflow"\nREDDIT_CLIENT_ID: "abc"\n',
    );
    expect(commands.map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual([
      'gcloud services enable',
      'gcloud functions deploy',
      'gcloud functions describe',
      'gcloud secrets versions',
    ]);
    expect(commands[0]).toBe('gcloud services enable language.googleapis.com --project=heldout-proj');
    expect(commands[1]).toContain(' --runtime=nodejs24 ');
    // gcloud reads this file while parsing: the dry-run wrote it, with MODERATION next to the env file's lines.
    expect(commands[1]).toContain(' --env-vars-file=build/deploy.env.yaml ');
    const dir = join(work, 'default');
    await Promise.all(commands.map((line) => expectParsed(line, dir)));
  });

  it('scaled out on Redis: concurrency and CPU set, REDIS_URL from Secret Manager, Direct VPC egress', async () => {
    const commands = await printedCommands(
      'redis',
      ['--project', 'heldout-proj', '--region', 'europe-west1', '--redis-secret', 'r', '--network', 'default', '--subnet', 'default', '--no-agent'],
      'LOG_LEVEL: "info"\nREDDIT_CLIENT_ID: "installed-app"\n',
    );
    expect(commands.map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual([
      'gcloud services enable',
      'gcloud functions deploy',
      'gcloud run services',
      'gcloud functions describe',
    ]);
    expect(commands[1]).toMatch(/ --cpu=1 --concurrency=80 .*--set-secrets=REDIS_URL=r:latest/);
    expect(commands[2]).toContain('--network=default --subnet=default --vpc-egress=private-ranges-only');
    const dir = join(work, 'redis');
    // enable and describe were checked in the test above; parse the two that differ.
    await Promise.all(commands.slice(1, 3).map((line) => expectParsed(line, dir)));
  });

  it('--cx with ID-token auth: a private function, the project number, the Invoker role for the Dialogflow service agent', async () => {
    const commands = await printedCommands('cx', ['--cx', '--no-reddit', '--project', 'heldout-proj', '--region', 'europe-west1'], 'LOG_LEVEL: "info"\n');
    expect(commands.map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual([
      'gcloud services enable',
      'gcloud functions deploy',
      'gcloud functions describe',
      'gcloud projects describe',
      'gcloud functions add-invoker-policy-binding',
    ]);
    expect(commands[1]).toContain(' --no-allow-unauthenticated ');
    const dir = join(work, 'cx');
    // enable and describe were checked above; parse the three that differ (PROJECT_NUMBER stands in for the number read at run time).
    await Promise.all([commands[1]!, ...commands.slice(3)].map((line) => expectParsed(line, dir)));
  });

  it('--no-moderation: no API enabled, the env file handed over with the compile cache\'s variables', async () => {
    const commands = await printedCommands('no-moderation', ['--no-moderation', '--no-reddit', '--no-agent', '--project', 'heldout-proj', '--region', 'europe-west1'], 'LOG_LEVEL: "info"\n');
    expect(commands.map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual(['gcloud functions deploy', 'gcloud functions describe']);
    expect(commands[0]).toContain(' --env-vars-file=build/deploy.env.yaml');
    await expectParsed(commands[0]!, join(work, 'no-moderation'));
  });

  it('a flag gcloud does not know is caught (the check can fail)', async () => {
    const result = await run('gcloud', ['functions', 'deploy', 'x', '--gen2', '--region=europe-west1', '--no-such-flag=1'], work, gcloudEnv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unrecognized arguments: --no-such-flag=1');
  });

  it('gcloud meta list-files-for-upload lists exactly the upload set our .gcloudignore test expects', async () => {
    const { copy } = makeUploadCopy(join(work, 'upload-copy'));
    const listed = await run('gcloud', ['meta', 'list-files-for-upload'], copy, gcloudEnv);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const byGcloud = listed.stdout.split('\n').filter(Boolean).sort();
    expect(byGcloud).toEqual(walkUploadSet(copy).map((entry) => entry.path).sort());
    expect(byGcloud).toContain('package.json');
  });
});
