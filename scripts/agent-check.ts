/**
 * `npm run agent:check [-- dir]`: fails when a language file (src/languages/) is
 * incomplete, or agent/ (or dir) is stale, invalid, or disagrees with the
 * webhook. Each line of output names a file.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { languageProblems } from '../src/languages';
import { checkAgentDir, displayPath, formatProblem } from './agent/check';

const USAGE = `Usage: npm run agent:check [-- [options] [dir]]

Fails, naming the file, when a language file in src/languages/ is incomplete, or
the agent export is stale, hand-edited, not a valid export, or disagrees with the webhook.

Arguments:
  dir          agent export folder to check (default: agent/)

Options:
  -h, --help   this text`;

/** Exit codes: 0 all good, 1 problems found, 2 bad usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  if (parsed.positionals.length > 1) {
    console.error(`expected at most one folder, got ${parsed.positionals.length}\n\n${USAGE}`);
    return EXIT.usage;
  }

  const dir = resolve(parsed.positionals[0] ?? join(__dirname, '..', 'agent'));
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
