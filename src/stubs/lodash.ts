import { isDeepStrictEqual } from 'node:util';

/**
 * Stand-in for `lodash` in the production bundle.
 *
 * `dialogflow-fulfillment` requires all of lodash (~12 ms to evaluate on the
 * first request) for one function: `_.isEqual`, to skip output contexts equal
 * to the input ones. Our adapter writes the output contexts itself, and the
 * values are JSON, where Node's deep strict equality means the same thing.
 * Anything else a future version might call fails loudly in the bundle tests.
 */
export function isEqual(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b);
}
