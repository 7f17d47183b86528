// @ts-check
const Sequencer = require('@jest/test-sequencer').default;
const { unsafeUniformIntDistribution, xoroshiro128plus } = require('pure-rand');

/**
 * Jest's own order (slowest and failed files first, from a cache kept outside the clone),
 * unless TEST_ORDER_SEED is set: then a shuffle of the files that the seed fixes, so that a
 * run which found an order dependence can be repeated exactly (`npm run test:stress` sets it).
 */
class SeededSequencer extends Sequencer {
  /** @param {import('@jest/test-result').Test[]} tests */
  sort(tests) {
    const seed = process.env.TEST_ORDER_SEED;
    if (!seed) return super.sort(tests);
    const shuffled = [...tests].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    // Fisher-Yates with pure-rand's seeded generator (fast-check's, so already in the tree).
    const generator = xoroshiro128plus(Number(seed) >>> 0);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = unsafeUniformIntDistribution(0, i, generator);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    return shuffled;
  }
}

module.exports = SeededSequencer;
