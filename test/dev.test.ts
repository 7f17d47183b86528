/**
 * `npm run dev` end to end, in a scratch copy of the project (its own src/ to
 * edit, node_modules linked): it serves, an edit of src/ is served after the
 * rebuild, and an edit that does not compile leaves the last good build serving.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../scripts/bench/processes';
import { welcomeRequest } from './support/requests';

const ROOT = join(__dirname, '..');
const WELCOME = "Hi! I tell jokes and facts from today's top posts on Reddit.";

jest.setTimeout(90_000);

let dir: string;
let child: ChildProcess | undefined;
let output = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dev-test-'));
  for (const path of ['src', 'scripts', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    process.kill(-child.pid!, 'SIGKILL'); // npm, tsx, esbuild and the server: the whole group
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

async function waitFor(what: () => Promise<boolean> | boolean, label: string, timeoutMs = 45_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await what()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${label}; output so far:\n${output}`);
}

async function welcomeText(port: number): Promise<string | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(welcomeRequest()),
    });
    if (response.status !== 200) return undefined;
    return ((await response.json()) as { fulfillmentText: string }).fulfillmentText;
  } catch {
    return undefined; // not listening (yet, or while restarting)
  }
}

it('serves, serves an edit after the rebuild, and keeps the last good build when an edit does not compile', async () => {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOG_LEVEL: 'warn' };
  for (const name of Object.keys(env)) if (/^(REDDIT_|WEBHOOK_|npm_)/.test(name)) delete env[name];
  child = spawn('npm', ['run', 'dev', '--', '--offline'], { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  await waitFor(async () => (await welcomeText(port))?.startsWith(WELCOME) ?? false, 'the first welcome');
  expect(output).toMatch(/^Offline: Reddit is a local stub at http:\/\/127\.0\.0\.1:\d+$/m);

  const en = join(dir, 'src', 'languages', 'en.ts');
  const source = readFileSync(en, 'utf8');
  expect(source).toContain(WELCOME);
  writeFileSync(en, source.replace(WELCOME, 'Hello from the edited build.'));
  await waitFor(async () => (await welcomeText(port))?.startsWith('Hello from the edited build.') ?? false, 'the edited welcome');
  expect(output).toContain('[dev] rebuilt; restarting the server');

  writeFileSync(en, `${source.replace(WELCOME, 'Never served.')}\nexport const broken = (;\n`);
  await waitFor(() => output.includes('[dev] the bundle has errors; the last good build keeps serving'), 'the failed rebuild');
  // A restart for the earlier edit may still be under way on a busy machine (an editor's save can
  // fire two rebuilds); what matters is that the last good build serves, and nothing of the broken one.
  await waitFor(async () => (await welcomeText(port))?.startsWith('Hello from the edited build.') ?? false, 'the last good build after the failed rebuild');
  expect(output).not.toContain('Never served.');
});
