/** `npm run agent:build`: regenerate agent/ from the catalog. */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { displayPath } from './agent/check';
import { writeTree } from './agent/files';
import { generateAgent } from './agent/generate';

const USAGE = `Usage: npm run agent:build

Regenerates agent/ (the Dialogflow ES export) from the catalog and the language
files in src/languages/; commit the result.

Options:
  -h, --help   this text`;

/** Exit codes: 0 written, 1 failed, 2 bad usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (args.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const dir = join(__dirname, '..', 'agent');
  const files = generateAgent();
  await writeTree(dir, files);
  console.log(`wrote ${files.size} files to ${displayPath(dir)}/`);
  return EXIT.ok;
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
