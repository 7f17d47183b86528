/**
 * `npm run dev`: `npm start` that rebuilds and restarts on change. esbuild watches
 * src/ with the very `npm run bundle` command (so dev serves what production
 * bundles); each rebuild without errors restarts the server (dist/start.cjs, so
 * `--offline` works as with `npm start`). A rebuild with errors leaves the last good
 * server running: a typo mid-edit does not take the webhook away. No type check here
 * either (that is `npm test`/`npm run typecheck`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { commandLine } from './cli';

const ROOT = join(__dirname, '..');

const USAGE = `Usage: npm run dev [-- --offline]

\`npm start\` that rebuilds on every change of src/ and restarts the server; a build
with errors leaves the last good one serving. Serves on http://localhost:$PORT (default 8080).

Options:
  --offline    serve Reddit from a local stub (no network; Reddit-shaped posts)
  -h, --help   this text`;

/** esbuild's watch mode writes this line at the end of every build, good or bad. */
const BUILD_FINISHED = '[watch] build finished';
/** …and this marker before each error of that build. */
const BUILD_ERROR = '[ERROR]';

/** dist/start.cjs exits with this on an unknown option (scripts/start.ts). */
const USAGE_ERROR = 2;

let server: ChildProcess | undefined;
let stopping = false;

function startServer(args: string[]): void {
  server = spawn(process.execPath, [join(ROOT, 'dist', 'start.cjs'), ...args], { cwd: ROOT, stdio: 'inherit' });
  const child = server;
  child.once('exit', (code, signal) => {
    if (server !== child || stopping) return;
    // A bad option (the launcher's usage error) will not be fixed by an edit of src/.
    if (code === USAGE_ERROR) process.exit(USAGE_ERROR);
    console.error(`[dev] server exited (${String(signal ?? code)}); waiting for a change to restart it`);
  });
}

/** Stops the server (its SIGTERM handler answers requests in flight first) and resolves once it has gone. */
function stopServer(): Promise<void> {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function main(args: string[]): void {
  // stdin stays a pipe: esbuild stops watching when it closes, so it also goes when this process does.
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const bundler = spawn(npm, ['run', '--silent', 'bundle', '--', '--watch', '--log-level=info'], { cwd: ROOT, stdio: ['pipe', 'inherit', 'pipe'] });
  let build = '';
  let builds = 0;
  let restarting = Promise.resolve();
  bundler.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    process.stderr.write(text);
    build += text;
    let end: number;
    while ((end = build.indexOf(BUILD_FINISHED)) !== -1) {
      const failed = build.slice(0, end).includes(BUILD_ERROR);
      build = build.slice(build.indexOf('\n', end) + 1 || build.length);
      builds += 1;
      if (failed) {
        console.error(builds === 1 ? '[dev] the bundle has errors; fix them to start the server' : '[dev] the bundle has errors; the last good build keeps serving');
        continue;
      }
      const first = builds === 1;
      restarting = restarting.then(async () => {
        if (!first) console.error('[dev] rebuilt; restarting the server');
        await stopServer();
        if (!stopping) startServer(args);
      });
    }
  });
  bundler.once('exit', (code) => {
    if (stopping) return;
    console.error(`[dev] esbuild stopped (${String(code)}); stopping`);
    void shutDown(1);
  });

  const shutDown = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    bundler.kill('SIGTERM');
    await stopServer();
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void shutDown(0));
  process.once('SIGTERM', () => void shutDown(0));
}

/** The options for dist/start.cjs, or the exit code when there is nothing to serve (--help, a bad option). */
function parseDevArgs(argv: string[]): string[] | number {
  const parsed = commandLine(argv, USAGE, { offline: { type: 'boolean', default: false } });
  if (typeof parsed === 'number') return parsed;
  return parsed.values.offline ? ['--offline'] : [];
}

const serverArgs = parseDevArgs(process.argv.slice(2));
if (typeof serverArgs === 'number') process.exitCode = serverArgs;
else main(serverArgs);
