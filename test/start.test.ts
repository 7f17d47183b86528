/**
 * `npm start -- --offline` end to end, as the README's quick start uses it: the
 * launcher (scripts/start.ts, what `npm start` bundles and runs) serves
 * dist/index.cjs with functions-framework and the local Reddit stub, and the
 * README's curl body gets a post from the stub, not the built-in collection.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../scripts/bench/processes';
import { fixturePosts } from '../scripts/local-agent/reddit-fixtures';
import { assertBundleBuilt } from './support/server';
import { expectValidV2Response } from './support/v2-proto';

const ROOT = join(__dirname, '..');

/** The body of the README's curl, read from the README so the two cannot drift apart. */
function readmeCurlBody(): unknown {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const body = /curl -s localhost:8080 -H 'Content-Type: application\/json' -d '([^']+)'/.exec(readme);
  if (!body) throw new Error('README has no quick-start curl');
  return JSON.parse(body[1]!);
}

function start(args: string[], port: number): { child: ChildProcess; output: () => string; serving: Promise<void> } {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOG_LEVEL: 'warn' };
  for (const name of Object.keys(env)) if (/^(REDDIT_|WEBHOOK_)/.test(name)) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'start.ts'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const serving = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Serving function')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`start exited (${String(code)}) before serving:\n${output}`)));
  });
  serving.catch(() => undefined); // awaited by the tests that expect it to serve
  return { child, output: () => output, serving };
}

describe('npm start -- --offline', () => {
  let child: ChildProcess | undefined;
  beforeAll(() => assertBundleBuilt());
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  });

  it('answers the README curl with a post from the local Reddit stub', async () => {
    const port = await freePort();
    const run = start(['--offline'], port);
    child = run.child;
    await run.serving;
    expect(run.output()).toMatch(/^Offline: Reddit is a local stub at http:\/\/127\.0\.0\.1:\d+$/m);
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(readmeCurlBody()),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { fulfillmentText: string };
    expectValidV2Response(body);
    const jokeTitles = fixturePosts('Jokes').map((post) => post.title);
    expect(jokeTitles.some((title) => body.fulfillmentText.includes(title))).toBe(true);
    expect(JSON.stringify(body)).toContain('https://www.reddit.com/r/Jokes/comments/');
  }, 30_000);

  it('refuses an unknown option with the usage and exit code 2', async () => {
    const run = start(['--offlin'], await freePort());
    child = run.child;
    const code = await new Promise((resolve) => run.child.once('exit', resolve));
    expect(code).toBe(2);
    expect(run.output()).toContain("Unknown option '--offlin'");
    expect(run.output()).toContain('Usage: npm start [-- --offline]');
  }, 30_000);

  it('--help prints the usage and exits 0 without serving', async () => {
    const run = start(['--help'], await freePort());
    child = run.child;
    const code = await new Promise((resolve) => run.child.once('exit', resolve));
    expect(code).toBe(0);
    expect(run.output().split('\n')[0]).toBe('Usage: npm start [-- --offline]');
    expect(run.output()).not.toContain('Serving function');
  }, 30_000);

  it('names a port in use in one line, no stack trace, and exits 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const run = start([], port);
      child = run.child;
      let stderr = '';
      run.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const code = await new Promise((resolve) => run.child.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toBe(`port ${port} is in use: set PORT to a free port\n`);
      expect(run.output()).not.toContain('EADDRINUSE');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 30_000);
});
