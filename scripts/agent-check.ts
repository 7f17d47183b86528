/**
 * `npm run agent:check [dir]`: fails when agent/ (or dir) is stale, invalid,
 * or disagrees with the webhook. Each line of output names a file.
 */
import { join, resolve } from 'node:path';
import { checkAgentDir, displayPath, formatProblem } from './agent/check';

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? join(__dirname, '..', 'agent'));
  const shown = displayPath(dir);
  const problems = await checkAgentDir(dir);
  if (problems.length === 0) {
    console.log(`${shown}/ is up to date and valid`);
    return;
  }
  for (const problem of problems) console.error(formatProblem(shown, problem));
  console.error(`agent:check: ${problems.length} problem(s)`);
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
