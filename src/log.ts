/**
 * Minimal structured logger interface (pino-compatible call shape), so handlers
 * can log without knowing the backend.
 */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
const SEVERITY: Record<(typeof LEVELS)[number], string> = { debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR' };

/** One JSON line per entry in Cloud Logging's format (`severity`, `message`). */
export function jsonLogger(level: string, write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const min = LEVELS.indexOf(level as (typeof LEVELS)[number]);
  const enabled = (l: (typeof LEVELS)[number]) => level !== 'silent' && LEVELS.indexOf(l) >= (min < 0 ? 1 : min);
  const entry = (l: (typeof LEVELS)[number]) => (fields: Record<string, unknown>, message: string) => {
    if (enabled(l)) write(`${JSON.stringify({ severity: SEVERITY[l], message, ...fields })}\n`);
  };
  return { debug: entry('debug'), info: entry('info'), warn: entry('warn'), error: entry('error') };
}
