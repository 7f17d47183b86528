/** `npm run demo`'s command line: --help, an unknown option, a port in use (the page itself: demo-server.test.ts). */
import { createServer } from 'node:net';
import { runScript } from './support/run-script';

const USAGE_FIRST_LINE = 'Usage: npm run demo -- [options]';

describe('npm run demo arguments', () => {
  it.each([['--help'], ['-h']])('%s prints the usage and exits 0 without serving', async (flag) => {
    const run = await runScript('demo.ts', [flag]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(USAGE_FIRST_LINE);
    expect(run.stdout).not.toContain('Demo chat:');
    expect(run.stderr).toBe('');
  }, 30_000);

  it('refuses an unknown option with one line and the usage, exit 2', async () => {
    const run = await runScript('demo.ts', ['--lang', 'de']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').slice(0, 3)).toEqual(["Unknown option '--lang'", '', USAGE_FIRST_LINE]);
    expect(run.stdout).toBe('');
  }, 30_000);

  it('names a port in use in one line and exits 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const run = await runScript('demo.ts', ['--offline', '--port', String(port)]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`port ${port} is in use: pass --port with a free port (0 picks one)\n`);
      expect(run.stdout).not.toContain('Demo chat:');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 30_000);
});
