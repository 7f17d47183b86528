import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionSpec } from './processes';

export const ROOT = join(__dirname, '..', '..');
export const BUNDLE = join(ROOT, 'dist', 'index.cjs');
const UNBUNDLED_DIR = join(ROOT, 'build', 'bench', 'unbundled');

/** Environment of our webhook in every benchmark: Reddit is the local stub, logs as in production. */
export function webhookEnv(redditUrl: string): Record<string, string> {
  return { REDDIT_BASE_URL: redditUrl, REDDIT_OAUTH_URL: redditUrl, LOG_LEVEL: 'info' };
}

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
