import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { firstAnswer } from './http';
import { freePort } from './processes';
import { BODIES } from './requests';
import { ROOT, webhookEnv } from './targets';

/**
 * What a developer waits for: `npm start` typed → the first 200. It includes
 * npm itself, the esbuild bundle of src/ and the launcher, and functions-
 * framework's start. npm runs a shell and node below it, so each run gets its
 * own process group and the whole group is killed.
 */
export async function npmStartToFirstOk(redditUrl: string): Promise<number> {
  const port = await freePort();
  const startedAt = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    detached: true,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', PORT: String(port), ...webhookEnv(redditUrl) },
    stdio: 'ignore',
  });
  const killGroup = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killGroup);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const answer = await firstAnswer(port, BODIES.welcome, 30_000);
    return answer.at - startedAt;
  } finally {
    killGroup();
    process.off('exit', killGroup);
    await exited;
  }
}

export async function npmStarts(redditUrl: string, rounds: number): Promise<number[]> {
  await npmStartToFirstOk(redditUrl); // unmeasured: warms npm's and esbuild's files in the OS cache
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) times.push(await npmStartToFirstOk(redditUrl));
  return times;
}
