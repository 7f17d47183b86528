/**
 * `npm run deploy` end to end, as a child process whose PATH holds node and
 * nothing else (on many machines gcloud sits next to node in /usr/bin, so
 * "node's directory" would not do), and the set of files gcloud would upload.
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filterUploadSet, IGNORE_FILE, walkUploadSet } from '../scripts/deploy/upload-set';
import { makeUploadCopy, PLANTED as planted } from './support/upload-copy';

const repoRoot = join(__dirname, '..');
const tsxCli = require.resolve('tsx/cli');
const deployScript = join(repoRoot, 'scripts', 'deploy.ts');

// tsx compiles on first run; several child processes in a row need more than the default 5 s.
jest.setTimeout(60_000);

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'deploy-test-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A fresh directory with only the given executables, as PATH for the child. */
function binDir(name: string, tools: Record<string, string>): string {
  const dir = join(work, name, 'bin');
  mkdirSync(dir, { recursive: true });
  symlinkSync(process.execPath, join(dir, 'node'));
  for (const [tool, script] of Object.entries(tools)) writeFileSync(join(dir, tool), script, { mode: 0o755 });
  return dir;
}

/** A project directory to deploy from: the real package.json and .gcloudignore, and nothing else unless asked. */
/** The lines of the env file a deploy in projectDir(name) wrote for gcloud, after its comment line. */
function deployedEnvLines(name: string): string[] {
  return readFileSync(join(work, name, 'project', 'build', 'deploy.env.yaml'), 'utf8').split('\n').slice(1);
}

function projectDir(name: string, files: Record<string, string> = {}): string {
  const dir = join(work, name, 'project');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
  copyFileSync(join(repoRoot, IGNORE_FILE), join(dir, IGNORE_FILE));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runDeploy(args: string[], options: { cwd: string; path: string; env?: Record<string, string> }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsxCli, deployScript, ...args],
      { cwd: options.cwd, env: { PATH: options.path, ...options.env }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('npm run deploy (scripts/deploy.ts as a child process)', () => {
  it('--dry-run prints the plan with the gcloud command and exits 0 without gcloud installed', async () => {
    const run = await runDeploy(['--dry-run', '--project', 'p', '--region', 'us-central1', '--no-reddit'], {
      cwd: projectDir('dry-run'),
      path: binDir('dry-run', {}),
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('plan for project p, region us-central1:');
    const command = lines.find((line) => line.trimStart().startsWith('gcloud functions deploy'));
    const words = command!.trim().split(' ');
    expect(words.slice(0, 4)).toEqual(['gcloud', 'functions', 'deploy', 'reddit-webhook']);
    expect(words).toEqual(
      expect.arrayContaining([
        '--gen2',
        '--runtime=nodejs24',
        '--trigger-http',
        '--allow-unauthenticated',
        '--entry-point=webhook',
        '--project=p',
        '--region=us-central1',
        '--source=.',
      ]),
    );
  });

  it('exits non-zero with a clear message when no project is given', async () => {
    const run = await runDeploy(['--dry-run', '--region', 'europe-west1'], {
      cwd: projectDir('no-project'),
      path: binDir('no-project', {}),
    });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/project: missing; pass --project ID or set GOOGLE_CLOUD_PROJECT/);
  });

  it('takes the project and region from the environment', async () => {
    const run = await runDeploy(['--dry-run', '--no-reddit'], {
      cwd: projectDir('from-env'),
      path: binDir('from-env', {}),
      env: { GOOGLE_CLOUD_PROJECT: 'env-project-1', FUNCTION_REGION: 'asia-northeast1' },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--project=env-project-1 --region=asia-northeast1');
  });

  it('uses .env.yaml when present and refuses one that holds a secret in plain text', async () => {
    const good = await runDeploy(['--dry-run', '--project', 'my-project-1', '--region', 'us-central1', '--reddit-secret', 'reddit:2'], {
      cwd: projectDir('env-file', { '.env.yaml': 'REDDIT_CLIENT_ID: "abc"\nLOG_LEVEL: "warn"\n' }),
      path: binDir('env-file', {}),
    });
    expect(good.code).toBe(0);
    // Moderation on (the default): gcloud gets the env file's variables plus MODERATION and the compile cache's, in the file the deploy writes.
    expect(good.stdout).toContain('--env-vars-file=build/deploy.env.yaml --set-secrets=REDDIT_CLIENT_SECRET=reddit:2');
    expect(deployedEnvLines('env-file')).toEqual([
      'NODE_COMPILE_CACHE: "dist/compile-cache"',
      'NODE_COMPILE_CACHE_PORTABLE: "1"',
      'REDDIT_CLIENT_ID: "abc"',
      'LOG_LEVEL: "warn"',
      'MODERATION: "google"',
      '',
    ]);
    const asIs = await runDeploy(['--dry-run', '--project', 'my-project-1', '--region', 'us-central1', '--reddit-secret', 'reddit:2', '--no-moderation'], {
      cwd: projectDir('env-file-as-is', { '.env.yaml': 'REDDIT_CLIENT_ID: "abc"\n' }),
      path: binDir('env-file-as-is', {}),
    });
    expect(asIs.code).toBe(0);
    // Without moderation too, the written file: the compile cache's variables are added to every deploy.
    expect(asIs.stdout).toContain('--env-vars-file=build/deploy.env.yaml --set-secrets=REDDIT_CLIENT_SECRET=reddit:2');
    expect(deployedEnvLines('env-file-as-is')).toEqual([
      'NODE_COMPILE_CACHE: "dist/compile-cache"',
      'NODE_COMPILE_CACHE_PORTABLE: "1"',
      'REDDIT_CLIENT_ID: "abc"',
      '',
    ]);

    const leaky = await runDeploy(['--dry-run', '--project', 'my-project-1', '--region', 'us-central1'], {
      cwd: projectDir('env-file-secret', { '.env.yaml': 'WEBHOOK_USERNAME: "df"\nWEBHOOK_PASSWORD: "hunter2"\n' }),
      path: binDir('env-file-secret', {}),
    });
    expect(leaky.code).not.toBe(0);
    expect(leaky.stdout).toBe('');
    expect(leaky.stderr).toContain('refusing to deploy WEBHOOK_PASSWORD in plain text');
    expect(leaky.stderr).not.toContain('hunter2');
  });

  /** The README's deploy commands, each joined across its backslash-continued lines, comments dropped. */
  function readmeDeployCommands(): string[][] {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8').replace(/\\\n\s*/g, '');
    return [...readme.matchAll(/^npm run deploy -- (.*)$/gm)].map((match) => match[1]!.replace(/\s+#.*$/, '').trim().split(/\s+/));
  }
  const example = () => readFileSync(join(repoRoot, '.env.yaml.example'), 'utf8');

  it("the README's --dry-run example prints the plan for its placeholder project once .env.yaml is filled in", async () => {
    const dryRuns = readmeDeployCommands().filter((args) => args.includes('--dry-run'));
    expect(dryRuns).toHaveLength(1);
    const filled = example().replace('your-reddit-client-id', 'abc123').replace('your_reddit_name', 'jokebot_owner').replace('your-project-id', 'my-project-123');
    const run = await runDeploy(dryRuns[0]!, { cwd: projectDir('readme-dry-run', { '.env.yaml': filled }), path: binDir('readme-dry-run', {}) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('plan for project my-project-123, region europe-west1:');
  });

  it("names the placeholders left from .env.yaml.example and exits 2, with the README's command", async () => {
    const [dryRun] = readmeDeployCommands().filter((args) => args.includes('--dry-run'));
    const run = await runDeploy(dryRun!, { cwd: projectDir('placeholders', { '.env.yaml': example() }), path: binDir('placeholders', {}) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        'deploy: .env.yaml: REDDIT_CLIENT_ID still holds the placeholder "your-reddit-client-id" from .env.yaml.example; put in your own value or delete the line',
        'deploy: .env.yaml: REDDIT_USERNAME still holds the placeholder "your_reddit_name" from .env.yaml.example; put in your own value or delete the line',
        'deploy: .env.yaml: GOOGLE_CLOUD_PROJECT still holds the placeholder "your-project-id" from .env.yaml.example; put in your own value or delete the line',
        '',
      ].join('\n'),
    );
  });

  it("refuses the README's old placeholder project P, exit 2", async () => {
    const run = await runDeploy(['--dry-run', '--project', 'P', '--region', 'europe-west1'], { cwd: projectDir('project-p'), path: binDir('project-p', {}) });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('deploy: --project: "P" is not a project ID (lowercase letters, digits and hyphens, starting with a letter)\n');
    expect(readmeDeployCommands().every((args) => args[args.indexOf('--project') + 1] === 'my-project-123')).toBe(true);
  });

  it('without --dry-run says so clearly when gcloud is not on PATH', async () => {
    const run = await runDeploy(['--project', 'my-project-1', '--region', 'us-central1', '--no-agent', '--no-reddit'], {
      cwd: projectDir('no-gcloud'),
      path: binDir('no-gcloud', {}),
    });
    expect(run.code).toBe(127);
    expect(run.stderr).toMatch(/gcloud is not on PATH/);
  });

  it('without --dry-run runs gcloud with the printed arguments and returns its exit code', async () => {
    const argsFile = join(work, 'fake-gcloud-args.txt');
    // A stand-in gcloud that records its argv, one per line, and fails with a code of its own.
    const fake = `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nexit 3\n`;
    const run = await runDeploy(['--project', 'my-project-1', '--region', 'us-central1', '--max-instances', '4', '--no-agent', '--no-reddit', '--no-moderation'], {
      cwd: projectDir('fake-gcloud'),
      path: binDir('fake-gcloud', { gcloud: fake }),
    });
    expect(run.code).toBe(3);
    const received = readFileSync(argsFile, 'utf8').trim().split('\n');
    expect(received.slice(0, 3)).toEqual(['functions', 'deploy', 'reddit-webhook']);
    expect(received).toContain('--max-instances=4');
    expect(run.stdout.trim().split('\n')).toEqual([
      '[1] deploy the function',
      ['gcloud', ...received].join(' '),
      '    failed: gcloud exited with 3',
    ]);
  });

  it('--help prints the help and exits 0 with no other flag (and with bad ones)', async () => {
    for (const args of [['--help'], ['-h', '--region', 'nowhere', '--bogus']]) {
      const run = await runDeploy(args, { cwd: projectDir('help'), path: binDir(`help-${args.length}`, {}) });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: npm run deploy -- \[options\]/);
      expect(run.stdout).toContain('--runtime ID              Node.js runtime (default: nodejs24)');
      expect(run.stdout).toContain('--no-moderation           leave MODERATION off');
      expect(run.stderr).toBe('');
    }
  });

  it('refuses a decommissioned runtime with its date, and a mistyped region with a suggestion, exit 2', async () => {
    const run = await runDeploy(['--dry-run', '--project', 'heldout-proj', '--region', 'europe-wst1', '--runtime', 'nodejs20'], {
      cwd: projectDir('refusals'),
      path: binDir('refusals', {}),
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('deploy: --region: "europe-wst1" is not a Cloud Run functions region; did you mean europe-west1?');
    expect(run.stderr).toContain(
      'deploy: --runtime: nodejs20 was decommissioned on 2026-10-30: Cloud Run functions refuses new deploys on it; use nodejs24',
    );
  });
});

describe('.gcloudignore: what gcloud uploads', () => {

  const isTest = (f: string) => /(^|\/)(test|tests|__tests__|__mocks__)\//.test(f) || /\.(test|spec)\.ts$/.test(f);
  const isSecret = (f: string) => /(^|\/)\.env/.test(f) || /\.(pem|key|p12)$/.test(f) || f === 'service-account.json';
  // gcp-build runs the bundle script and the code cache's trainer, so they and the modules they import are build input.
  const BUILD_SCRIPTS = new Set([
    'scripts/bench/reddit-stub.ts',
    'scripts/bench/requests.ts',
    'scripts/bench/stats.ts',
    'scripts/bundle.ts',
    'scripts/cli.ts',
    'scripts/code-cache.ts',
  ]);
  const isDevOnly = (f: string) =>
    (/^(agent|bench|build|dist|coverage|node_modules|docs|scripts|\.ci|\.git|\.vscode|\.idea)\//.test(f) && !BUILD_SCRIPTS.has(f)) ||
    /^(README\.md|jest\.config\.js|\.gitignore|\.gcloudignore)$/.test(f) ||
    /(\.log|~|\.DS_Store)$/.test(f);

  let copy: string;
  let repoFiles: string[];
  beforeAll(() => {
    ({ copy, repoFiles } = makeUploadCopy(join(work, 'upload-copy')));
  });

  it('uploads src/, package.json, package-lock.json and the tsconfig files', () => {
    const uploaded = walkUploadSet(copy).map((entry) => entry.path);
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
      expect(uploaded).toContain(needed);
    }
    const sources = repoFiles.filter((f) => f.startsWith('src/') && f.endsWith('.ts') && !isTest(f));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(uploaded).toContain(source);
  });

  it('uploads no tests, no secrets and no dev-only files', () => {
    const uploaded = walkUploadSet(copy).map((entry) => entry.path);
    expect(uploaded.filter(isTest)).toEqual([]);
    expect(uploaded.filter(isSecret)).toEqual([]);
    expect(uploaded.filter(isDevOnly)).toEqual([]);
    // Everything else is the build input: the source tree, the four root files and the bundle script.
    const rootFiles = new Set(['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']);
    expect(uploaded.filter((f) => !f.startsWith('src/') && !rootFiles.has(f))).toEqual([...BUILD_SCRIPTS]);
  });

  it('walking the tree and filtering a file list agree, and sizes are real', () => {
    const walked = walkUploadSet(copy);
    const gcloudignore = readFileSync(join(copy, IGNORE_FILE), 'utf8');
    expect(walked.map((e) => e.path)).toEqual(filterUploadSet([...repoFiles, ...planted], gcloudignore));
    const packageJson = walked.find((e) => e.path === 'package.json');
    expect(packageJson?.bytes).toBe(readFileSync(join(repoRoot, 'package.json')).length);
  });

  it('the ignore package reads .gcloudignore the way git itself does', () => {
    // gcloud follows gitignore semantics; git is the reference implementation of them.
    // The repository lives outside the copy: the copy has a planted .git/ of its own.
    const gitDir = join(work, 'reference.git');
    execFileSync('git', ['init', '-q', '--bare', gitDir]);
    const gitIgnored = execFileSync(
      'git',
      [`--git-dir=${gitDir}`, `--work-tree=${copy}`, 'ls-files', '--others', '--ignored', `--exclude-from=${join(copy, IGNORE_FILE)}`, '-z'],
      { cwd: copy, encoding: 'utf8' },
    )
      .split('\0')
      .filter(Boolean);
    const all = [...repoFiles, ...planted.filter((f) => !f.startsWith('.git/'))];
    const byGit = all.filter((f) => !gitIgnored.includes(f)).sort();
    const gcloudignore = readFileSync(join(copy, IGNORE_FILE), 'utf8');
    expect(filterUploadSet(all, gcloudignore)).toEqual(byGit);
  });

  it('expands #!include:FILE lines as gcloud does', () => {
    const files = ['a.txt', 'b.log', 'src/c.ts'];
    expect(filterUploadSet(files, '#!include:.gitignore\n', () => '*.log\n')).toEqual(['a.txt', 'src/c.ts']);
    expect(() => filterUploadSet(files, '#!include:sub/.gitignore\n', () => '')).toThrow(/same directory/);
  });
});
