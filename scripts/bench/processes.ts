import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';

/**
 * Child processes the benchmarks start: functions-framework serving one
 * function. Every child is registered so that any exit of the bench (done,
 * error, Ctrl-C, watchdog) kills them all.
 */

const children = new Set<ChildProcess>();
const PROJECT_ROOT = join(__dirname, '..', '..');

export function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

let installed = false;
/** Kill children on every way out of this process. */
export function installCleanup(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

/** functions-framework's CLI entry (its `bin`), run with this node so no npx/shell sits in between. */
export function frameworkCli(): string {
  return join(dirname(require.resolve('@google-cloud/functions-framework')), 'main.js');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface FunctionSpec {
  name: string;
  /** File functions-framework loads (`--source`). */
  source: string;
  target: string;
  env?: Record<string, string>;
  /** Extra node options, before functions-framework's CLI. */
  nodeArgs?: readonly string[];
  /** Another node binary (e.g. Node 24 from `npx -p node@24`); default: the one running the bench. */
  nodeBin?: string;
  /**
   * Where the function's stdout goes. 'pipe' (default): read by this process, which sees
   * "Serving function" at once (the cold-start rows). 'file': a file nobody reads while the function
   * serves, as in production, where the log agent is not the client: through a pipe, the load
   * generator's event loop would also read every request's log line, and the warm rows would time that.
   */
  stdout?: 'pipe' | 'file';
}

export interface FunctionProcess {
  name: string;
  port: number;
  pid: number;
  /** performance.now() just before spawn. */
  startedAt: number;
  /** Resolves with ms since spawn when functions-framework reports it is listening. */
  listening: Promise<number>;
  /** Resident set size in bytes, read from the OS. */
  rssBytes(): number;
  /** The last 4,000 characters the process wrote (stdout and stderr). */
  output(): string;
  /** CPU time of the JavaScript (main) thread so far in ms (Linux), or NaN where unknown. */
  cpuMs(): number;
  /** process.memoryUsage() after a full GC; needs the spec's nodeArgs to preload bench/gc-preload.cjs. */
  memoryAfterGc(timeoutMs?: number): Promise<NodeJS.MemoryUsage>;
  stop(): Promise<void>;
}

/** Environment for children: nothing inherited that could change behaviour (proxies, credentials, NODE_OPTIONS). */
function childEnv(port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', PORT: String(port), ...extra };
}

export function startFunction(spec: FunctionSpec, port: number, readyTimeoutMs = 15_000): FunctionProcess {
  const startedAt = performance.now();
  const logFile = spec.stdout === 'file' ? join(tmpdir(), `bench-function-${process.pid}-${port}.log`) : undefined;
  const logFd = logFile ? openSync(logFile, 'w') : undefined;
  const child = spawn(spec.nodeBin ?? process.execPath, [...(spec.nodeArgs ?? []), frameworkCli(), `--target=${spec.target}`, `--source=${spec.source}`, `--port=${port}`], {
    // The project root, as Cloud Run functions starts in the uploaded source: the deployed
    // NODE_COMPILE_CACHE (scripts/deploy/plan.ts RUNTIME_ENV) is relative to it.
    cwd: PROJECT_ROOT,
    env: childEnv(port, spec.env ?? {}),
    stdio: ['ignore', logFd ?? 'pipe', 'pipe'],
  });
  if (logFd !== undefined) closeSync(logFd); // the child has its own copy
  children.add(child);
  const { stderr } = child;
  if (!stderr) throw new Error(`${spec.name}: spawned without a stderr pipe`);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  stderr.on('data', keep);
  const output = () => (logFile ? `${readFileSync(logFile, 'utf8').slice(-4000)}${tail}`.slice(-4000) : tail);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${spec.name} did not start within ${readyTimeoutMs} ms:\n${output()}`)), readyTimeoutMs);
    // Printed by functions-framework in its listen callback (unless NODE_ENV=production, which we never set).
    const ready = () => {
      if (!output().includes('Serving function')) return false;
      clearTimeout(timer);
      resolve(performance.now() - startedAt);
      return true;
    };
    if (child.stdout) {
      child.stdout.on('data', (chunk: Buffer) => {
        keep(chunk);
        ready();
      });
    } else {
      const poll = setInterval(() => ready() && clearInterval(poll), 5);
      child.once('exit', () => clearInterval(poll));
    }
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${spec.name} exited (${String(code ?? signal)}) before listening:\n${output()}`));
    });
  });
  listening.catch(() => undefined); // observed by callers; avoid an unhandled rejection when nobody waits
  return {
    name: spec.name,
    port,
    pid: child.pid ?? -1,
    startedAt,
    listening,
    rssBytes: () => rssOf(child.pid ?? -1),
    output,
    cpuMs: () => mainThreadCpuMs(child.pid ?? -1),
    memoryAfterGc: (timeoutMs = 5_000) =>
      new Promise<NodeJS.MemoryUsage>((resolve, reject) => {
        let pending = '';
        const onData = (chunk: Buffer) => {
          pending += chunk.toString('utf8');
          const line = pending.split('\n').find((l) => l.startsWith('{"benchMemory"'));
          if (!line) return;
          clearTimeout(timer);
          stderr.off('data', onData);
          resolve((JSON.parse(line) as { benchMemory: NodeJS.MemoryUsage }).benchMemory);
        };
        const timer = setTimeout(() => {
          stderr.off('data', onData);
          reject(new Error(`${spec.name}: no memory report (was bench/gc-preload.cjs preloaded?)`));
        }, timeoutMs);
        stderr.on('data', onData);
        child.kill('SIGUSR2');
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      children.delete(child);
      if (logFile) rmSync(logFile, { force: true });
    },
  };
}

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    if (kb) return Number(kb[1]) * 1024;
  } catch {
    // not Linux: ask ps
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024;
}

/** First field of /proc/<pid>/schedstat: ns the main thread ran on a CPU. Less noisy than wall time on a busy machine. */
function mainThreadCpuMs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}
