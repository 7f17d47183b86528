/**
 * The arguments of `npm run agent:check` and `npm run agent:build`: --help prints
 * the usage and exits 0 without checking or writing anything, an unknown option
 * exits 2 with one line and the usage. (agent:zip's are in zip.test.ts.)
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from '../support/run-script';

const UNKNOWN = (flag: string) =>
  `Unknown option '${flag}'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- "${flag}"`;

describe('npm run agent:check arguments', () => {
  it.each([['--help'], ['-h']])('%s prints the usage and exits 0 instead of checking a folder named %s', async (flag) => {
    const run = await runScript('agent-check.ts', [flag]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Usage: npm run agent:check [-- [options] [dir]]');
    expect(run.stdout).not.toContain('up to date');
    expect(run.stderr).toBe('');
  }, 30_000);

  it('refuses an unknown option with one line and the usage, exit 2', async () => {
    const run = await runScript('agent-check.ts', ['--fix']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').slice(0, 3)).toEqual([UNKNOWN('--fix'), '', 'Usage: npm run agent:check [-- [options] [dir]]']);
    expect(run.stdout).toBe('');
  }, 30_000);

  it('refuses two folders, exit 2', async () => {
    const run = await runScript('agent-check.ts', ['a', 'b']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('expected at most one folder, got 2');
  }, 30_000);
});

describe('npm run agent:build arguments', () => {
  let cwd: string;
  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'agent-build-args-'));
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it.each([['--help'], ['-h']])('%s prints the usage and exits 0 without rebuilding', async (flag) => {
    const run = await runScript('agent-build.ts', [flag], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Usage: npm run agent:build');
    expect(run.stdout).not.toContain('wrote');
    expect(run.stderr).toBe('');
    expect(await readdir(cwd)).toEqual([]);
  }, 30_000);

  it('refuses an unknown option with one line and the usage, exit 2, without rebuilding', async () => {
    const run = await runScript('agent-build.ts', ['--lang'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').slice(0, 3)).toEqual(["Unknown option '--lang'", '', 'Usage: npm run agent:build']);
    expect(run.stdout).toBe('');
  }, 30_000);

  it('refuses an argument, exit 2', async () => {
    const run = await runScript('agent-build.ts', ['agent'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe("Unexpected argument 'agent'. This command does not take positional arguments");
    expect(run.stdout).toBe('');
  }, 30_000);
});
