import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RUNTIME_ENV } from '../deploy/plan';
import type { FunctionSpec } from './processes';

export const ROOT = join(__dirname, '..', '..');
/** What functions-framework loads (package.json main): turns on the compile cache, then loads WEBHOOK_BUNDLE. */
export const BUNDLE = join(ROOT, 'dist', 'index.cjs');
/** The esbuild bundle of src/. */
export const WEBHOOK_BUNDLE = join(ROOT, 'dist', 'webhook.cjs');
const UNBUNDLED_DIR = join(ROOT, 'build', 'bench', 'unbundled');

/** Environment of our webhook in every benchmark: Reddit is the local stub, logs and the compile cache as deployed. */
export function webhookEnv(redditUrl: string): Record<string, string> {
  return { ...RUNTIME_ENV, REDDIT_BASE_URL: redditUrl, REDDIT_OAUTH_URL: redditUrl, LOG_LEVEL: 'info' };
}

/** `spec` with more environment variables. */
export const withEnv = (spec: FunctionSpec, env: Record<string, string>): FunctionSpec => ({ ...spec, env: { ...spec.env, ...env } });

export const bare = (): FunctionSpec => ({ name: 'bare hello', source: join(ROOT, 'bench', 'hello', 'index.js'), target: 'hello' });

export function bundled(redditUrl: string): FunctionSpec {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first`);
  return { name: 'webhook (bundle)', source: BUNDLE, target: 'webhook', env: webhookEnv(redditUrl) };
}

/** The plain `tsc` output (one file per module, every dependency from node_modules): what the bundle replaces. */
export function unbundled(redditUrl: string): FunctionSpec {
  return { name: 'webhook (tsc, unbundled)', source: join(UNBUNDLED_DIR, 'index.js'), target: 'webhook', env: webhookEnv(redditUrl) };
}

export function compileUnbundled(): void {
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--noEmit', 'false', '--outDir', UNBUNDLED_DIR, '--rootDir', join(ROOT, 'src')],
    { stdio: 'inherit' },
  );
}

/**
 * Fills dist/compile-cache/ with `nodeBin` as gcp-build fills it in Cloud Build
 * (`npm run compile-cache`, on the runtime's Node), then checks that a start
 * reads the bundle from it: the cold starts are measured as deployed.
 */
export function prepareCompileCache(nodeBin: string): void {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LOG_LEVEL: 'silent' };
  // `npm run compile-cache`'s own command, with this Node first on PATH.
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['compile-cache'];
  if (!script) throw new Error('package.json has no compile-cache script');
  execFileSync('sh', ['-c', script], { cwd: ROOT, env: { ...env, PATH: `${dirname(nodeBin)}:${env.PATH}` }, stdio: 'ignore', timeout: 60_000 });
  // With the deployed variables, Node's cache is on from the start: functions-framework's own modules are
  // read from it; the bundle is read from its trained code cache (src/code-cache.ts).
  const check = spawnSync(nodeBin, [BUNDLE], {
    cwd: ROOT,
    env: { ...env, ...RUNTIME_ENV, NODE_DEBUG_NATIVE: 'COMPILE_CACHE', NODE_DEBUG: 'code-cache' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  if (!/code cache for \S*\/webhook\.cjs: accepted/.test(check.stderr)) {
    throw new Error(`the code cache in dist/compile-cache/ is not used by ${nodeBin} for webhook.cjs: ${check.stderr.slice(-500)}`);
  }
  if (!/cache for (CommonJS )?\S*\/functions-framework\/build\/src\/server\.js was accepted/.test(check.stderr)) {
    throw new Error(`the compile cache in dist/compile-cache/ is not used by ${nodeBin} for the framework's server.js: ${check.stderr.slice(-500)}`);
  }
}
