import { parseStressArgs } from '../scripts/test-stress';

// jest loads the sequencer as CommonJS
const SeededSequencer = require('./support/sequencer.js') as new (options: unknown) => { sort(tests: Array<{ path: string }>): Array<{ path: string }> };

describe('npm run test:stress arguments', () => {
  it('defaults: 5 runs under load, the first seed from the clock, the running node', () => {
    expect(parseStressArgs([], 1_234_567_890)).toEqual({ runs: 5, seed: 567_890, node: undefined, load: true, jestArgs: [] });
  });

  it('takes runs, seed, node, --no-load and passes the rest to jest', () => {
    expect(parseStressArgs(['--runs', '1', '--seed', '0', '--node', '24', '--no-load', 'test/limits'], 0)).toEqual({
      runs: 1,
      seed: 0,
      node: '24',
      load: false,
      jestArgs: ['test/limits'],
    });
  });

  it('refuses a run count under 1, a seed that is not a whole number, a node that is not a major version', () => {
    expect(() => parseStressArgs(['--runs', '0'], 0)).toThrow('--runs must be a whole number of at least 1, not "0"');
    expect(() => parseStressArgs(['--seed=x1'], 0)).toThrow('--seed must be a whole number of at least 0, not "x1"');
    expect(() => parseStressArgs(['--node', 'v24'], 0)).toThrow('--node takes a Node major version such as 24, not "v24"');
  });

  it('refuses an unknown option and answers --help', () => {
    expect(() => parseStressArgs(['--bogus'], 0)).toThrow("Unknown option '--bogus'");
    expect(parseStressArgs(['-h'], 0)).toBe('help');
  });
});

describe('the seeded file order (test/support/sequencer.js)', () => {
  const files = ['c', 'a', 'e', 'b', 'd'].map((name) => ({ path: `/t/${name}.test.ts` }));
  const order = (seed: string) => {
    process.env.TEST_ORDER_SEED = seed;
    try {
      return new SeededSequencer({}).sort(files).map((test) => test.path.slice(3, 4)).join('');
    } finally {
      delete process.env.TEST_ORDER_SEED;
    }
  };

  it('is the same for the same seed, whatever order jest found the files in, and holds every file once', () => {
    expect(order('7')).toBe(order('7'));
    expect(order('7').split('').sort().join('')).toBe('abcde');
  });

  it('differs between seeds', () => {
    const orders = new Set(['0', '1', '2', '3', '4', '5'].map(order));
    expect(orders.size).toBeGreaterThan(1);
  });
});
