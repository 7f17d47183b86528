import type { Logger as PinoLogger } from 'pino';
import { jsonLogger } from '../src/log';

describe('jsonLogger severities', () => {
  it('gives every level pino can log its Cloud Logging severity', () => {
    const lines: Array<Record<string, unknown>> = [];
    // The production logger is pino: all six of its levels, also the two our Logger interface leaves out.
    const log = jsonLogger('trace', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)) as unknown as PinoLogger;
    log.trace('t');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    log.fatal('f');
    expect(lines.map((line) => [line.message, line.severity])).toEqual([
      ['t', 'DEBUG'],
      ['d', 'DEBUG'],
      ['i', 'INFO'],
      ['w', 'WARNING'],
      ['e', 'ERROR'],
      ['f', 'CRITICAL'],
    ]);
  });
});
