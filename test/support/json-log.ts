import { jsonLogger, type Logger } from '../../src/log';

/** The production JSON logger at info, writing into memory: `records()` are its lines parsed, without the time. */
export function capturedJsonLog(): { log: Logger; records: () => Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = jsonLogger('info', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  return { log, records: () => lines.map(({ time: _time, ...rest }) => rest) };
}
