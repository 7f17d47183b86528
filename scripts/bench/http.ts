import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { sleep } from '../../src/sleep';
import { JSON_HEADERS } from './requests';

/** Loopback-only HTTP POSTs with a timeout, timed with performance.now(). */

export interface Answer {
  status: number;
  body: string;
  /** performance.now() when the whole response had arrived. */
  at: number;
}

export function postJson(port: number, body: string, options: { agent?: Agent; timeoutMs?: number } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        agent: options.agent ?? false,
        headers: { ...JSON_HEADERS, 'content-length': Buffer.byteLength(body) },
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from 127.0.0.1:${port} in time`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** A reset before any answer is retried, a few times only (seen once in many runs on a busy machine). */
const MAX_RESETS = 3;

/**
 * POSTs until the server accepts the connection (it may still be binding),
 * then expects a 200. Retries count against the measured time, never for it.
 */
export async function firstAnswer(port: number, body: string, deadlineMs: number): Promise<Answer> {
  const giveUpAt = performance.now() + deadlineMs;
  let resets = 0;
  for (;;) {
    try {
      const answer = await postJson(port, body, { timeoutMs: Math.max(1, giveUpAt - performance.now()) });
      if (answer.status !== 200) throw new Error(`expected 200, got ${answer.status}: ${answer.body.slice(0, 300)}`);
      return answer;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const retry = code === 'ECONNREFUSED' || (code === 'ECONNRESET' && ++resets <= MAX_RESETS);
      if (!retry || performance.now() > giveUpAt) throw error;
      if (code === 'ECONNRESET') process.stderr.write(`[bench] connection to 127.0.0.1:${port} reset before an answer; retrying\n`);
      await sleep(1);
    }
  }
}
