import { ConfigError, loadConfig, type Config } from './config';

export interface StartupIo {
  /** Receives whole lines, each ending in a newline. */
  error(line: string): void;
  exit(code: number): never;
}

const processIo: StartupIo = {
  error: (line) => process.stderr.write(line),
  exit: (code) => process.exit(code),
};

/**
 * The config, or one line per problem on stderr and exit 1. Exiting here, while
 * functions-framework is still loading the module, keeps its "Is there a syntax
 * error in your code?" and the stack trace away from a user who only mistyped a
 * setting.
 */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env, io: StartupIo = processIo): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) io.error(`config: ${problem}\n`);
    return io.exit(1);
  }
}
