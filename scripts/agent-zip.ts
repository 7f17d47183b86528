/** `npm run agent:zip [-- out.zip]`: build/agent.zip from agent/, for "Restore from ZIP" in the console. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkAgentDir, displayPath, formatProblem } from './agent/check';
import { readTree } from './agent/files';
import { zipAgent } from './agent/zip';

const USAGE = `Usage: npm run agent:zip [-- [options] [out.zip]]

Checks agent/ (as npm run agent:check does), then zips it for the Dialogflow ES
console's "Restore from ZIP".

Arguments:
  out.zip      where to write the archive (default: build/agent.zip)

Options:
  -h, --help   this text`;

/** Exit codes: 0 written, 1 agent/ is stale or invalid or the file could not be written, 2 bad usage. */
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
    console.error(`expected at most one output file, got ${parsed.positionals.length}\n\n${USAGE}`);
    return EXIT.usage;
  }

  const root = join(__dirname, '..');
  const dir = join(root, 'agent');
  // Zip only what agent:check accepts, so the archive always matches the catalog.
  const problems = await checkAgentDir(dir);
  if (problems.length > 0) {
    for (const problem of problems) console.error(formatProblem(displayPath(dir), problem));
    console.error('agent/ is stale or invalid; run `npm run agent:build` first');
    return EXIT.failed;
  }
  const out = resolve(parsed.positionals[0] ?? join(root, 'build', 'agent.zip'));
  await mkdir(dirname(out), { recursive: true });
  const zip = zipAgent(await readTree(dir));
  await writeFile(out, zip);
  console.log(`wrote ${displayPath(out)} (${zip.length} bytes)`);
  return EXIT.ok;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = EXIT.failed;
  },
);
