/** An index in [0, length) drawn with `random`; the `Math.min` keeps a `random` that returns 1 inside. */
export function randomIndex(length: number, random: () => number): number {
  return Math.min(length - 1, Math.floor(random() * length));
}

/** One item of a non-empty list, drawn with `random`. */
export function pickRandom<T>(items: readonly T[], random: () => number): T {
  return items[randomIndex(items.length, random)]!;
}
