/** Small, pure statistics for benchmark rounds. */

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
}

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('no values to summarize');
  return [...values].sort((a, b) => a - b);
}

/** The q-quantile (0..1) by linear interpolation between closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  if (q < 0 || q > 1) throw new RangeError(`quantile ${q} is outside 0..1`);
  const s = sorted(values);
  const position = (s.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = s[lower] as number;
  const high = s[upper] as number;
  return low + (high - low) * (position - lower);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export function summarize(values: readonly number[]): Summary {
  const s = sorted(values);
  return { n: s.length, median: quantile(s, 0.5), min: s[0] as number, max: s[s.length - 1] as number };
}

/** Per-round ratios ours/baseline; rounds are paired so drift of the machine cancels out. */
export function pairedRatios(ours: readonly number[], baseline: readonly number[]): number[] {
  if (ours.length !== baseline.length) throw new Error(`unpaired rounds: ${ours.length} vs ${baseline.length}`);
  return ours.map((value, i) => value / (baseline[i] as number));
}

/** Deterministic PRNG (mulberry32), so generated fixtures are the same in every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
