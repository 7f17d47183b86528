import autocannon from 'autocannon';
import { BODIES, JSON_HEADERS, type BodyName } from './requests';

/**
 * autocannon as a library against 127.0.0.1, bounded by duration or amount.
 * Latencies come from its per-response event (float ms from process.hrtime),
 * because its histogram keeps whole milliseconds, too coarse on loopback.
 */

export interface LoadOptions {
  bodies: readonly BodyName[];
  connections: number;
  durationS?: number;
  amount?: number;
  /** Requests per second over all connections; unset = as fast as the server answers. */
  overallRate?: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  latenciesMs: number[];
}

export async function load(port: number, options: LoadOptions): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}/`,
        method: 'POST',
        headers: JSON_HEADERS,
        requests: options.bodies.map((name) => ({ method: 'POST' as const, headers: JSON_HEADERS, body: BODIES[name] })),
        connections: options.connections,
        duration: options.durationS ?? 5,
        ...(options.amount ? { amount: options.amount } : {}),
        ...(options.overallRate ? { overallRate: options.overallRate } : {}),
        timeout: 10,
      },
      (error, done) => (error ? reject(error as Error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latenciesMs.push(responseTime);
    });
  });
  // A server that fails fast would look fast: every answer must be a 2xx.
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`load on port ${port}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  const requests = result.requests.total;
  return { requests, rps: requests / ((result.finish.getTime() - result.start.getTime()) / 1000), latenciesMs };
}
