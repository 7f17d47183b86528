/** What the small npm scripts share on their command line. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit codes of every script: 0 done, 1 the work failed, 2 bad usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

type Options = NonNullable<ParseArgsConfig['options']>;

/** Every script takes --help (-h). */
const HELP = { help: { type: 'boolean', short: 'h', default: false } } as const satisfies Options;

type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O & typeof HELP; strict: true; allowPositionals: true }>>;

/** A script's options and positional arguments, as parsed. */
export interface CommandLine<O extends Options> {
  values: Parsed<O>['values'];
  positionals: string[];
}

/**
 * A script's command line, parsed strictly (an unknown option is a mistake, not something to
 * ignore), or the exit code when the script has nothing more to do: 0 after printing the usage
 * for --help, 2 after a one-line mistake and the usage. A script that takes one positional
 * argument names it in `positional` (e.g. "folder"); the others take none.
 */
export function commandLine<const O extends Options>(argv: string[], usage: string, options: O, positional?: string): CommandLine<O> | number {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, ...HELP }, strict: true, allowPositionals: positional !== undefined });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return EXIT.usage;
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    return EXIT.ok;
  }
  if (parsed.positionals.length > 1) {
    console.error(`expected at most one ${positional ?? 'argument'}, got ${parsed.positionals.length}\n\n${usage}`);
    return EXIT.usage;
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** The command line of a script whose only option is --help: its positional argument, if it takes one, or the exit code. */
export function helpOnlyCommandLine(argv: string[], usage: string, what?: string): string[] | number {
  const parsed = commandLine(argv, usage, {}, what);
  return typeof parsed === 'number' ? parsed : parsed.positionals;
}
