/** `npm run bench`'s command line: --help and an unknown option end before anything is measured. */
import { runScript } from './support/run-script';

const USAGE_FIRST_LINE = 'Usage: npm run bench [-- [options]]';

describe('npm run bench arguments', () => {
  it.each([['--help'], ['-h']])('%s prints the usage and exits 0 without measuring', async (flag) => {
    const run = await runScript('bench.ts', [flag]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(USAGE_FIRST_LINE);
    expect(run.stderr).toBe('');
  }, 30_000);

  it('refuses an unknown option with one line and the usage, exit 2', async () => {
    const run = await runScript('bench.ts', ['--qiuck']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').slice(0, 3)).toEqual(["Unknown option '--qiuck'", '', USAGE_FIRST_LINE]);
    expect(run.stdout).toBe('');
  }, 30_000);
});
