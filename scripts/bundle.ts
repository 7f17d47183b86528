/**
 * `npm run bundle` (and so `npm run build`, gcp-build in Cloud Build): esbuild
 * bundles src/ into dist/webhook.cjs, and src/main.ts into dist/index.cjs, the
 * file functions-framework loads (it turns on the compile cache, then loads the
 * bundle). The options are what the CLI took before, plus one plugin: see
 * `axiosWithoutWebProbes`. This file is uploaded with src/ (.gcloudignore), as
 * gcp-build runs it.
 */
import { context, type BuildOptions, type LogLevel, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commandLine, EXIT } from './cli';

const USAGE = `Usage: npm run bundle [-- [options]]

Bundles src/ with esbuild into dist/webhook.cjs and the loader src/main.ts into dist/index.cjs.

Options:
  --watch              rebuild on every change of src/ until stdin closes (npm run dev)
  --log-level=LEVEL    esbuild's: verbose, debug, info, warning (default), error, silent
  -h, --help           this text`;

const LOG_LEVELS: readonly LogLevel[] = ['verbose', 'debug', 'info', 'warning', 'error', 'silent'];

const ROOT = join(__dirname, '..');

/** Modules the webhook never calls, replaced by stubs that say so if they ever are (src/stubs/). */
const STUBS = ['actions-on-google', 'lodash', 'form-data', 'follow-redirects', 'https-proxy-agent', 'http2', 'debug'];

/**
 * axios's module set-up probes two web globals: it reads `FormData` (to recognise
 * FormData bodies) and calls `getFetch()` (to prepare its fetch adapter, which
 * reads `Request`, `Response` and `ReadableStream`). Node materialises each of
 * these on first read by loading its fetch implementation, undici (with
 * node:http2), ~15 ms of CPU on a cold instance that the first Reddit request
 * would wait for. The Reddit client uses axios's http adapter and sends no
 * FormData, so the probes go: `FormData` reads as absent (axios then recognises
 * FormData by its shape) and the fetch adapter is prepared when first asked for,
 * which axios does only when no earlier adapter in its list (xhr, http) fits.
 * Each edit must match exactly once, so an axios update that moves them fails
 * the build here rather than quietly loading undici again.
 */
export const AXIOS_EDITS: ReadonlyArray<readonly [string, string]> = [
  ["const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;", 'const FormDataCtor = undefined;'],
  ['  return target;\n};\ngetFetch();\n', '  return target;\n};\n'],
];

export function editAxios(source: string): string {
  let edited = source;
  for (const [from, to] of AXIOS_EDITS) {
    const count = edited.split(from).length - 1;
    if (count !== 1) throw new Error(`axios: expected one ${JSON.stringify(from)}, found ${count}; update AXIOS_EDITS in scripts/bundle.ts`);
    edited = edited.replace(from, to);
  }
  return edited;
}

const axiosWithoutWebProbes: Plugin = {
  name: 'axios-without-web-probes',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]node_modules[\\/]axios[\\/]dist[\\/]node[\\/]axios\.cjs$/ }, async (args) => ({
      contents: editAxios(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

/** The options, or the exit code when there is nothing to build (--help, a mistake). */
function bundleOptions(argv: string[]): { watch: boolean; logLevel: LogLevel } | number {
  const parsed = commandLine(argv, USAGE, { watch: { type: 'boolean', default: false }, 'log-level': { type: 'string', default: 'warning' } });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const logLevel = values['log-level'] as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    console.error(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}\n\n${USAGE}`);
    return EXIT.usage;
  }
  return { watch: values.watch, logLevel };
}

/**
 * dialogflow-fulfillment logs through `debug` (stubbed here: src/stubs/debug.ts), but builds each
 * message first: `debug(\`Parameters: ${JSON.stringify(...)}\`)`, eleven times a request, the whole
 * response included (sendResponses_), a tenth of a warm answer's CPU spent on strings nobody reads.
 * Every `debug(` statement of its v2 agent and client becomes `false && debug(`, which the minifier
 * then drops with its arguments. A file where none is found fails the build, as an update that
 * renamed the logger would otherwise bring the cost back unnoticed.
 */
export const FULFILLMENT_DEBUG_FILES = ['dialogflow-fulfillment.js', 'v2-agent.js'] as const;

export function silenceFulfillmentDebug(source: string, file: string): string {
  let count = 0;
  const edited = source.replace(/^(\s*)debug\(/gm, (_call, indent: string) => {
    count += 1;
    return `${indent}false && debug(`;
  });
  if (count === 0) throw new Error(`dialogflow-fulfillment: no debug( statement in ${file}; update silenceFulfillmentDebug in scripts/bundle.ts`);
  return edited;
}

const fulfillmentWithoutDebugStrings: Plugin = {
  name: 'fulfillment-without-debug-strings',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]node_modules[\\/]dialogflow-fulfillment[\\/]src[\\/](dialogflow-fulfillment|v2-agent)\.js$/ }, async (args) => ({
      contents: silenceFulfillmentDebug(await readFile(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
  },
};

/**
 * google-auth-library signs the moderation calls (MODERATION=google, which `npm run deploy` turns on).
 * Bundled on its own, into dist/google-auth.cjs, which the webhook bundle requires when the first call
 * needs a token: as a dependency it would put 25 packages and 11 MB into the image's node_modules
 * (issue #27 allows twice functions-framework's), and inside the webhook bundle it would make every
 * cold start, MODERATION=off included, load 0.5 MB more.
 */
const googleAuthApart: Plugin = {
  name: 'google-auth-apart',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^google-auth-library$/ }, (args) =>
      args.kind === 'entry-point' ? undefined : { path: './google-auth.cjs', external: true },
    );
  },
};

const OPTIONS: BuildOptions = {
  absWorkingDir: ROOT,
  entryPoints: { webhook: 'src/index.ts', index: 'src/main.ts', 'google-auth': 'google-auth-library' },
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  minifySyntax: true,
  minifyWhitespace: true,
  // Output is ASCII (esbuild's default charset), except inside regular expression literals, which
  // esbuild leaves as written: src/ writes non-ASCII characters there as \u escapes, or V8 would
  // hold the whole bundle as a two-byte string (test/bundle.test.ts checks).
  sourcemap: true,
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  external: ['./webhook.cjs', '@google-cloud/functions-framework', 'ioredis'],
  alias: Object.fromEntries(STUBS.map((name) => [name, `./src/stubs/${name}.ts`])),
  plugins: [axiosWithoutWebProbes, fulfillmentWithoutDebugStrings, googleAuthApart],
};

/**
 * build/code-cache.cjs, which `npm run compile-cache` runs after the bundle (scripts/code-cache.ts):
 * built here so that Cloud Build runs it with plain node. functions-framework stays external, so the
 * trainer and the bundle it loads share one copy, as the framework's CLI and the bundle do.
 */
const TRAINER: BuildOptions = {
  absWorkingDir: ROOT,
  entryPoints: ['scripts/code-cache.ts'],
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  outfile: 'build/code-cache.cjs',
  external: ['@google-cloud/functions-framework'],
};

async function main(argv: string[]): Promise<number> {
  const options = bundleOptions(argv);
  if (typeof options === 'number') return options;
  const bundler = await context({ ...OPTIONS, logLevel: options.logLevel });
  if (!options.watch) {
    const trainer = await context({ ...TRAINER, logLevel: options.logLevel });
    try {
      const results = await Promise.all([bundler.rebuild(), trainer.rebuild()]);
      return results.some((result) => result.errors.length > 0) ? EXIT.failed : EXIT.ok;
    } catch {
      return EXIT.failed; // esbuild has printed the errors
    } finally {
      await Promise.all([bundler.dispose(), trainer.dispose()]);
    }
  }
  // As esbuild's own --watch: every build ends with "[watch] build finished" (what npm run dev waits
  // for), and watching stops when stdin closes, so it ends with the process that started it.
  await bundler.watch();
  await new Promise<void>((resolve) => {
    process.stdin.once('close', resolve).once('end', resolve).resume();
  });
  await bundler.dispose();
  return EXIT.ok;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
