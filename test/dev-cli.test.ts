/** `npm run dev`'s command line: --help and an unknown option end before esbuild or the server start (the watching: dev.test.ts). */
import { runScript } from './support/run-script';

const USAGE_FIRST_LINE = 'Usage: npm run dev [-- --offline]';

describe('npm run dev arguments', () => {
  it.each([['--help'], ['-h']])('%s prints the usage and exits 0 without building or serving', async (flag) => {
    const run = await runScript('dev.ts', [flag]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(USAGE_FIRST_LINE);
    expect(run.stderr).toBe('');
  }, 30_000);

  it('refuses an unknown option with one line and the usage, exit 2', async () => {
    const run = await runScript('dev.ts', ['--port', '8081']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').slice(0, 3)).toEqual(["Unknown option '--port'", '', USAGE_FIRST_LINE]);
    expect(run.stdout).toBe('');
  }, 30_000);
});
