/** What the small npm scripts share on their command line. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit codes of every script: 0 done, 1 the work failed, 2 bad usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * The command line of a script whose only option is --help: its positional argument, if it
 * takes one (`what` names it, e.g. "folder"), or the exit code when the script has nothing
 * more to do: 0 after printing the usage for --help, 2 after a one-line mistake and the usage.
 */
export function helpOnlyCommandLine(argv: string[], usage: string, what?: string): string[] | number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h', default: false } }, strict: true, allowPositionals: what !== undefined });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    console.log(usage);
    return EXIT.ok;
  }
  if (parsed.positionals.length > 1) {
    console.error(`expected at most one ${what ?? 'argument'}, got ${parsed.positionals.length}\n\n${usage}`);
    return EXIT.usage;
  }
  return parsed.positionals;
}

/**
 * The options of a script's command line (`--help` is added), or the exit code when the
 * script has nothing more to do: 0 after printing the usage for --help, 2 after a one-line
 * mistake and the usage.
 */
type Values<T extends NonNullable<ParseArgsConfig['options']>> = ReturnType<typeof parseArgs<{ options: T; strict: true }>>['values'];

export function optionsCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string): Values<T> | number {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h', default: false } }, strict: true }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return EXIT.usage;
  }
  if ((values as { help?: boolean }).help) {
    console.log(usage);
    return EXIT.ok;
  }
  return values as Values<T>;
}
