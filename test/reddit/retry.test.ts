import { fullJitterDelay, retryWithinBudget } from '../../src/reddit/retry';

const noSleep = () => Promise.resolve();
const retryable = (error: unknown) => error instanceof Error && error.message === 'flaky';

describe('fullJitterDelay', () => {
  it('stays within [0, min(cap, base * 2^attempt))', () => {
    expect(fullJitterDelay(0, 100, 800, () => 0)).toBe(0);
    expect(fullJitterDelay(0, 100, 800, () => 0.5)).toBe(50);
    expect(fullJitterDelay(2, 100, 800, () => 0.999)).toBe(399);
    expect(fullJitterDelay(10, 100, 800, () => 1)).toBeLessThan(800);
  });
});

describe('retryWithinBudget', () => {
  const base = { retries: 3, baseMs: 100, capMs: 800, minAttemptMs: 50, sleep: noSleep, random: () => 0.5, retryable };

  it('retries retryable failures until one succeeds', async () => {
    let calls = 0;
    const result = await retryWithinBudget(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('flaky');
        return 'ok';
      },
      { ...base, budgetMs: () => 10_000 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('does not retry other failures', async () => {
    let calls = 0;
    await expect(
      retryWithinBudget(
        async () => {
          calls += 1;
          throw new Error('forbidden');
        },
        { ...base, budgetMs: () => 10_000 },
      ),
    ).rejects.toThrow('forbidden');
    expect(calls).toBe(1);
  });

  it('gives up after the configured retries', async () => {
    let calls = 0;
    await expect(
      retryWithinBudget(
        async () => {
          calls += 1;
          throw new Error('flaky');
        },
        { ...base, retries: 2, budgetMs: () => 10_000 },
      ),
    ).rejects.toThrow('flaky');
    expect(calls).toBe(3);
  });

  it('stops when the pause plus one more attempt would not fit the budget', async () => {
    let calls = 0;
    const sleeps: number[] = [];
    await expect(
      retryWithinBudget(
        async () => {
          calls += 1;
          throw new Error('flaky');
        },
        // pause would be 50 ms (0.5 * 100), plus 50 ms minimum attempt = 100 > 99
        { ...base, budgetMs: () => 99, sleep: async (ms) => void sleeps.push(ms) },
      ),
    ).rejects.toThrow('flaky');
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('sleeps the jittered delay between attempts', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await retryWithinBudget(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('flaky');
        return calls;
      },
      { ...base, budgetMs: () => 10_000, sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(sleeps).toEqual([50, 100]);
  });
});
