import { execFileSync } from 'node:child_process';
import { BUNDLE } from './server';

/**
 * Does loading the production bundle, with this environment and nothing else, load a file whose path
 * contains `pathPart` (say `/node_modules/ioredis/`, or `/dist/google-auth.cjs`)? A fresh Node process
 * answers after the bundle's first tick.
 */
export function bundleLoads(pathPart: string, env: Record<string, string>): boolean {
  const script = [
    `require(${JSON.stringify(BUNDLE)});`,
    'setImmediate(() => {',
    `  process.stdout.write(String(Object.keys(require.cache).some((path) => path.includes(${JSON.stringify(pathPart)}))));`,
    '  process.exit(0);',
    '});',
  ].join('\n');
  const output = execFileSync(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return output.trim() === 'true';
}
