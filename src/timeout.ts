/**
 * `work`, unless `ms` pass first: then what `late` gives (its value, or its
 * rejection, or what the promise it returns settles to). The timer is
 * cleared either way.
 */
export function raceTimeout<T, L>(work: Promise<T>, ms: number, late: () => L | PromiseLike<L>): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<L>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(late());
      } catch (error) {
        reject(error);
      }
    }, ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
