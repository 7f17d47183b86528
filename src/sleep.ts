/** Resolves after `ms` milliseconds of the real clock: the default of every injectable `sleep`. */
export const sleep = (ms: number): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, ms));
