import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every test file runs in one process when jest has one worker (a 2-CPU machine, or
 * --runInBand), so what one file leaves switched on reaches the next. These run jest itself on
 * two fixture files in a fixed order, with this project's configuration, and check the second
 * file is not touched by the first.
 */

const ROOT = join(__dirname, '..');
const FIXTURES = join(__dirname, 'fixtures', 'file-order');

/** Runs the fixture files in one process in the order the seed fixes (see test/support/sequencer.js). */
function jestInBand(seed: string): { status: number | null; output: string } {
  const cache = mkdtempSync(join(tmpdir(), 'jest-order-'));
  try {
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--runInBand', '--verbose', '--config', join(ROOT, 'jest.config.js'), '--roots', FIXTURES, '--testMatch', '**/*.fixture.ts', '--cacheDirectory', cache],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TEST_ORDER_SEED: seed }, timeout: 120_000 },
    );
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

describe('one process, one file after another', () => {
  it("a file whose tests are all skipped leaves no nock behind: the next file's mock answers", () => {
    // Seed 0 puts a-all-skipped before b-uses-nock.
    const { status, output } = jestInBand('0');
    expect(output.indexOf('a-all-skipped.fixture.ts')).toBeLessThan(output.indexOf('b-uses-nock.fixture.ts'));
    expect(output).toContain("✓ sees this file's mock");
    expect(output).toContain('Tests:       1 skipped, 1 passed, 2 total');
    expect(status).toBe(0);
  }, 120_000);
});
