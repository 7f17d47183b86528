import { CATALOG } from '../../src/catalog';
import { jsonLogger } from '../../src/log';
import type { PostSource } from '../../src/reddit/client';
import { startWarmUp } from '../../src/reddit/warmup';

describe('startWarmUp', () => {
  it('logs a warm-up that failed as a whole, with its message, instead of throwing', async () => {
    const lines: Record<string, unknown>[] = [];
    // The summary line cannot be written: warm-up itself fails after fetching.
    const log = jsonLogger('info', (line) => {
      if (line.includes('warm-up done')) throw new Error('log sink is full');
      lines.push(JSON.parse(line) as Record<string, unknown>);
    });
    const source: PostSource = { fetchPosts: async () => [] };
    startWarmUp(source, CATALOG.slice(0, 1), log);
    for (let i = 0; i < 100 && lines.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(lines.map(({ time: _time, ...rest }) => rest)).toEqual([
      { severity: 'WARNING', err: 'log sink is full', message: 'reddit cache warm-up failed' },
    ]);
  });
});
