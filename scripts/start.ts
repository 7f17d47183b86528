/**
 * `npm start`: serves dist/index.cjs with functions-framework's own CLI, in this
 * process; `--offline` first starts the local Reddit stub the chat uses and
 * points the webhook at it. `npm start` bundles this file and src/ with esbuild
 * beforehand (no type check: that is `npm test` and `npm run build`), so it serves
 * within a second or so.
 */
import { dirname, join } from 'node:path';
import { commandLine } from './cli';
import { startRedditStub } from './local-agent/reddit-stub';

const USAGE = `Usage: npm start [-- --offline]

Serves the function \`webhook\` on http://localhost:$PORT (default 8080).

Options:
  --offline    serve Reddit from a local stub (no network; Reddit-shaped posts)
  -h, --help   this text`;

/** Exit code when the function cannot be served (the port is taken); 2 is bad usage, as for every script (scripts/cli.ts). */
const CANNOT_SERVE = 1;

/** The one line for a listen error a user can fix; undefined for any other error. */
function listenProblem(error: unknown): string | undefined {
  const e = error as (NodeJS.ErrnoException & { port?: number }) | null;
  if (typeof e !== 'object' || e === null || e.syscall !== 'listen') return undefined;
  const port = e.port ?? process.env.PORT ?? 8080;
  if (e.code === 'EADDRINUSE') return `port ${port} is in use: set PORT to a free port`;
  if (e.code === 'EACCES') return `port ${port} needs privileges: set PORT to a port above 1023`;
  return undefined;
}

/**
 * functions-framework listens without an error handler, so a taken port would end
 * in a stack trace: say it in one line instead. Any other uncaught error before
 * the framework installs its own handlers (once it listens) ends as Node ends it.
 */
function exitOnListenError(): void {
  process.on('uncaughtException', (error) => {
    const problem = listenProblem(error);
    if (problem !== undefined) {
      console.error(problem);
      process.exit(CANNOT_SERVE);
    }
    if (process.listenerCount('uncaughtException') > 1) return; // the framework's handler has it
    console.error(error);
    process.exit(CANNOT_SERVE);
  });
}

async function main(argv: string[]): Promise<void> {
  const parsed = commandLine(argv, USAGE, { offline: { type: 'boolean', default: false } });
  if (typeof parsed === 'number') {
    process.exitCode = parsed;
    return;
  }
  if (parsed.values.offline) {
    const stub = await startRedditStub();
    process.env.REDDIT_BASE_URL = stub.url;
    process.env.REDDIT_OAUTH_URL = stub.url;
    console.log(`Offline: Reddit is a local stub at ${stub.url}`);
  }
  // functions-framework exports no CLI entry, so its main.js is found next to the package's index.
  const frameworkMain = join(dirname(require.resolve('@google-cloud/functions-framework')), 'main.js');
  // From dist/start.cjs or scripts/start.ts alike: package.json's main.
  exitOnListenError();
  process.argv = [process.argv[0]!, frameworkMain, '--target=webhook', `--source=${join(__dirname, '..', 'dist', 'index.cjs')}`];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the framework's CLI in this process
  require(frameworkMain);
}

void main(process.argv.slice(2));
