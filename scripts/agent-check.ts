/**
 * `npm run agent:check [-- dir]`: fails when a language file (src/languages/) is
 * incomplete, or agent/ and agent-cx/ (or dir) are stale, invalid, or disagree
 * with the webhook. Each line of output names a file.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { languageProblems } from '../src/languages';
import { EXIT, helpOnlyCommandLine } from './cli';
import { checkAgentDir, displayPath, formatProblem, type Problem } from './agent/check';
import { checkCxAgentDir } from './agent-cx/check';

const USAGE = `Usage: npm run agent:check [-- [options] [dir]]

Fails, naming the file, when a language file in src/languages/ is incomplete, or
an agent export is stale, hand-edited, not a valid export, or disagrees with the webhook.

Arguments:
  dir          agent folder to check: an ES export, or a CX JSON package (it has flows/)
               (default: both agent/ and agent-cx/)

Options:
  -h, --help   this text`;

/** A CX JSON package has flows/; an ES export never does. */
const check = (dir: string): Promise<Problem[]> => (existsSync(join(dir, 'flows')) ? checkCxAgentDir(dir) : checkAgentDir(dir));

async function main(argv: string[]): Promise<number> {
  const args = helpOnlyCommandLine(argv, USAGE, 'folder');
  if (typeof args === 'number') return args;

  const root = join(__dirname, '..');
  const targets: [string, (dir: string) => Promise<Problem[]>][] =
    args[0] !== undefined ? [[resolve(args[0]), check]] : [[join(root, 'agent'), checkAgentDir], [join(root, 'agent-cx'), checkCxAgentDir]];
  const dirs = targets.map(([dir]) => dir);
  const problems = [...languageProblems()];
  for (const [dir, checkDir] of targets) {
    problems.push(...(await checkDir(dir)).map((problem) => formatProblem(displayPath(dir), problem)));
  }
  const shown = dirs.map((dir) => `${displayPath(dir)}/`).join(' and ');
  if (problems.length === 0) {
    console.log(`${shown} ${dirs.length > 1 ? 'are' : 'is'} up to date and valid, in every language`);
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
