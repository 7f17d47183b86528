import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { asResponse, FakeResponse } from './support/fake-response';
import { InFlight, installGracefulShutdown } from '../src/http/shutdown';
import { silentLogger } from '../src/log';
import { jokes } from './support/reddit';
import { sayRequest } from './support/requests';
import { sendRaw } from './support/raw-http';
import { expectValidV2Response } from './support/v2-proto';



describe('graceful shutdown (in-process)', () => {
  it('holds another SIGTERM listener back until the responses in flight are done', async () => {
    const target = new EventEmitter();
    const inFlight = new InFlight();
    installGracefulShutdown({ target, inFlight, graceMs: 60_000, log: silentLogger });
    const exits: string[] = [];
    target.on('SIGTERM', () => exits.push('framework exit')); // what functions-framework registers
    await Promise.resolve(); // the swap happens right after registration
    const first = new FakeResponse();
    const second = new FakeResponse();
    inFlight.track(asResponse(first));
    inFlight.track(asResponse(second));

    target.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([]);
    first.end('{}');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(exits).toEqual([]); // one still open
    second.end('{}');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(exits).toEqual(['framework exit']);
  });

  it('lets the listener run at once when nothing is in flight, or on a second signal', async () => {
    const target = new EventEmitter();
    const inFlight = new InFlight();
    installGracefulShutdown({ target, inFlight, graceMs: 60_000, log: silentLogger });
    const exits: string[] = [];
    target.on('SIGINT', () => exits.push('exit'));
    await Promise.resolve();
    inFlight.track(asResponse(new FakeResponse())); // never finishes
    target.emit('SIGINT', 'SIGINT');
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([]);
    target.emit('SIGINT', 'SIGINT'); // Ctrl-C twice
    expect(exits).toEqual(['exit']);

    const idle = new EventEmitter();
    installGracefulShutdown({ target: idle, inFlight: new InFlight(), log: silentLogger });
    const idleExits: string[] = [];
    idle.on('SIGTERM', () => idleExits.push('exit'));
    await Promise.resolve();
    idle.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setImmediate(resolve));
    expect(idleExits).toEqual(['exit']);
  });

  it('after the grace period answers what is left with a JSON 503, then lets the listener run', async () => {
    const target = new EventEmitter();
    const inFlight = new InFlight();
    const warnings: Array<Record<string, unknown>> = [];
    installGracefulShutdown({ target, inFlight, graceMs: 30, log: { ...silentLogger, warn: (fields) => warnings.push(fields) } });
    const exited = new Promise<void>((resolve) => target.on('SIGTERM', () => resolve()));
    await Promise.resolve();
    const stuck = new FakeResponse();
    inFlight.track(asResponse(stuck));
    target.emit('SIGTERM', 'SIGTERM');
    await exited;
    expect(stuck.statusCode).toBe(503);
    expect(stuck.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(stuck.body)).toEqual({ error: { code: 'unavailable', message: 'The server is restarting; please retry' } });
    expect(warnings).toEqual([expect.objectContaining({ answered: 1 })]);
  });
});

/** A Reddit on a loopback port: listings at once, searches held until the test releases them. */
async function slowReddit(): Promise<{ url: string; searched: Promise<void>; release(): void; close(): Promise<void> }> {
  const held: ServerResponse[] = [];
  let searched!: () => void;
  const searchedPromise = new Promise<void>((resolve) => (searched = resolve));
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const answer = () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(jokes(3)));
    };
    if (req.url?.includes('/search.json')) {
      held.push(res);
      searched();
    } else {
      answer();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    searched: searchedPromise,
    release: () => {
      for (const res of held.splice(0)) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(jokes(3)));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Collects a child's output and resolves when a line matching `pattern` appears. */
function watch(child: ChildProcess): { output: () => string; waitFor(pattern: RegExp): Promise<string> } {
  let output = '';
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const onData = (data: Buffer) => {
    output += data.toString('utf8');
    for (const waiter of [...waiters]) {
      const line = output.split('\n').find((l) => waiter.pattern.test(l));
      if (line) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return {
    output: () => output,
    waitFor: (pattern) =>
      new Promise((resolve) => {
        const line = output.split('\n').find((l) => pattern.test(l));
        if (line) resolve(line);
        else waiters.push({ pattern, resolve });
      }),
  };
}

describe('graceful shutdown of the real server (functions-framework CLI, SIGTERM)', () => {
  let child: ChildProcess | undefined;
  let reddit: Awaited<ReturnType<typeof slowReddit>> | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await reddit?.close();
  });

  it('lets a request waiting for Reddit finish with its 200 before the process exits', async () => {
    reddit = await slowReddit();
    const port = await freePort();
    const frameworkMain = join(dirname(require.resolve('@google-cloud/functions-framework')), 'main.js');
    child = spawn(process.execPath, ['--require', 'tsx/cjs', frameworkMain, '--target=webhook', `--source=${join(__dirname, '..', 'src', 'index.ts')}`], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, PORT: String(port), REDDIT_BASE_URL: reddit.url, LOG_LEVEL: 'info', WEBHOOK_DEADLINE_MS: '4000', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child!.on('exit', (code, signal) => resolve({ code, signal })));
    const log = watch(child);
    await log.waitFor(/"message":"reddit cache warm-up done"/); // serving, and warm-up is out of the way

    const answer = sendRaw(`http://127.0.0.1:${port}/`, {
      body: JSON.stringify(sayRequest('joke', 'cats')),
      headers: { 'content-type': 'application/json' },
    });
    await reddit.searched; // the request is now waiting for Reddit
    child.kill('SIGTERM');
    // Without the graceful shutdown, functions-framework answers 500 and exits right here.
    const first = await Promise.race([
      log.waitFor(/shutting down: finishing requests in flight/).then((line) => JSON.parse(line) as Record<string, unknown>),
      exited.then((exit) => ({ exitedBeforeAnswering: exit })),
    ]);
    expect(first).toMatchObject({ severity: 'INFO', signal: 'SIGTERM', inFlight: 1 });
    reddit.release();

    const response = await answer;
    expect(response.status).toBe(200);
    expectValidV2Response(response.json);
    expect(response.json.fulfillmentText).toMatch(/Here's a joke:/);
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(log.output()).toMatch(/shutting down: all requests finished/);
  }, 60_000);
});
