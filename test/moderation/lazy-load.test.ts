import { execFileSync } from 'node:child_process';
import { assertBundleBuilt, BUNDLE } from '../support/server';

/**
 * MODERATION=off costs a cold instance nothing: the bundle keeps
 * google-auth-library external, and requires it only to sign the first call
 * to Google's endpoint (an http:// test server is never signed).
 */
function loadsAuthLibrary(env: Record<string, string>): boolean {
  const script = [
    `require(${JSON.stringify(BUNDLE)});`,
    'setImmediate(() => {',
    "  process.stdout.write(String(Object.keys(require.cache).some((path) => path.includes('/node_modules/google-auth-library/'))));",
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

describe('the production bundle and the moderation client', () => {
  beforeAll(() => assertBundleBuilt());

  it('does not load google-auth-library with MODERATION=off', () => {
    expect(loadsAuthLibrary({})).toBe(false);
  });

  it('does not load it at start with MODERATION=google either: only the first judged post does', () => {
    expect(loadsAuthLibrary({ MODERATION: 'google' })).toBe(false);
  });
});
