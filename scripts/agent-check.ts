/**
 * `npm run agent:check [-- dir]`: fails when a language file (src/languages/) is
 * incomplete, or agent/ (or dir) is stale, invalid, or disagrees with the
 * webhook. Each line of output names a file.
 */
import { join, resolve } from 'node:path';
import { languageProblems } from '../src/languages';
import { EXIT, helpOnlyCommandLine } from './cli';
import { checkAgentDir, displayPath, formatProblem } from './agent/check';

const USAGE = `Usage: npm run agent:check [-- [options] [dir]]

Fails, naming the file, when a language file in src/languages/ is incomplete, or
the agent export is stale, hand-edited, not a valid export, or disagrees with the webhook.

Arguments:
  dir          agent export folder to check (default: agent/)

Options:
  -h, --help   this text`;

async function main(argv: string[]): Promise<number> {
  const args = helpOnlyCommandLine(argv, USAGE, 'folder');
  if (typeof args === 'number') return args;

  const dir = resolve(args[0] ?? join(__dirname, '..', 'agent'));
  const shown = displayPath(dir);
  const problems = [...languageProblems(), ...(await checkAgentDir(dir)).map((problem) => formatProblem(shown, problem))];
  if (problems.length === 0) {
    console.log(`${shown}/ is up to date and valid, in every language`);
    return EXIT.ok;
  }
  for (const problem of problems) console.error(problem);
  console.error(`agent:check: ${problems.length} problem(s)`);
  return EXIT.failed;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = EXIT.failed;
  },
);
