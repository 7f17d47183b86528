import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where tests leave their numbers (timings, fuzz counts): build/test-reports/<name>.txt. */
export const REPORT_DIR = join(__dirname, '..', '..', 'build', 'test-reports');

/**
 * Keeps a test's numbers out of a passing run's output: written to
 * build/test-reports/<name>.txt, and also printed when TEST_REPORTS=1.
 */
export function testReport(name: string, text: string): void {
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(join(REPORT_DIR, `${name}.txt`), `${text}\n`);
  if (process.env.TEST_REPORTS === '1') process.stdout.write(`${text}\n`);
}
