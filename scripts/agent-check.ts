/**
 * `npm run agent:check [dir]`: fails when a language file (src/languages/) is
 * incomplete, or agent/ (or dir) is stale, invalid, or disagrees with the
 * webhook. Each line of output names a file.
 */
import { join, resolve } from 'node:path';
import { languageProblems } from '../src/languages';
import { checkAgentDir, displayPath, formatProblem } from './agent/check';

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? join(__dirname, '..', 'agent'));
  const shown = displayPath(dir);
  const problems = [...languageProblems(), ...(await checkAgentDir(dir)).map((problem) => formatProblem(shown, problem))];
  if (problems.length === 0) {
    console.log(`${shown}/ is up to date and valid, in every language`);
    return;
  }
  for (const problem of problems) console.error(problem);
  console.error(`agent:check: ${problems.length} problem(s)`);
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
