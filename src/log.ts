import pino from 'pino';

/**
 * Minimal structured logger interface (pino's call shape), so handlers can
 * log without knowing the backend.
 */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  /** A logger that adds `bindings` to every line. Optional so simple test loggers stay simple. */
  child?(bindings: Record<string, unknown>): Logger;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};

/**
 * A logger that adds `bindings` to every line, by merging them into each line's fields.
 * Not pino's `child`: the handler binds fields twice a request and then logs about once,
 * and a pino child serializes its bindings when made (~20 us a request, as much as the
 * line itself); merged fields are redacted with the line's (jsonLogger's `log` formatter).
 */
export function withFields(log: Logger, bindings: Record<string, unknown>): Logger {
  const merged =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (fields: Record<string, unknown>, message: string): void =>
      log[level]({ ...bindings, ...fields }, message);
  return {
    debug: merged('debug'),
    info: merged('info'),
    warn: merged('warn'),
    error: merged('error'),
    child: (more) => withFields(log, { ...bindings, ...more }),
  };
}

/** Cloud Logging's LogSeverity names for pino's levels. */
const SEVERITY: Record<string, string> = {
  trace: 'DEBUG',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
  fatal: 'CRITICAL',
};

const SECRET_KEYS = [
  'authorization',
  'auth',
  'password',
  'secret',
  'clientSecret',
  'token',
  'accessToken',
  'access_token',
  'headerSecret',
  'headers',
];

// Keys that must never reach the logs, whatever a caller passes in. Defence in
// depth: nothing logs headers or config today.
const SECRET = new Set(SECRET_KEYS);
const CENSOR = '[redacted]';

/**
 * `value` with every secret key down to `depth` levels below it censored,
 * copying only the branches that change. Done here rather
 * than by pino's `redact`, whose wildcard paths cost ~25 us a line: more than
 * the rest of a warm request's work.
 */
export function redactSecrets<T extends object>(value: T, depth = 2): T {
  let copy: Record<string, unknown> | undefined;
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const field = source[key];
    let next = field;
    if (SECRET.has(key)) next = CENSOR;
    else if (depth > 0 && typeof field === 'object' && field !== null) next = redactSecrets(field, depth - 1);
    if (next !== field) {
      copy ??= (Array.isArray(value) ? [...value] : { ...source }) as Record<string, unknown>;
      copy[key] = next;
    }
  }
  return (copy ?? value) as T;
}

/**
 * One JSON line per entry in Cloud Logging's structured format: `severity`,
 * `message`, `time`, plus the fields; no pid/hostname. Lines go through
 * process.stdout.write by default, where functions-framework can add its
 * execution id (LOG_EXECUTION_ID).
 */
export function jsonLogger(level: string, write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  return pino(
    {
      level,
      messageKey: 'message',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        // pino logs only the six labels SEVERITY maps (no custom levels are set up here).
        level: (label) => ({ severity: SEVERITY[label] }),
        // `base: undefined` makes the root's bindings undefined; children's are objects.
        bindings: (bindings) => ((bindings as pino.Bindings | undefined) ? redactSecrets(bindings) : bindings),
        log: (fields) => redactSecrets(fields),
      },
    },
    { write },
  );
}
