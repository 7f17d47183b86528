/**
 * `npm run test:stress`: the whole suite, in one process (`--runInBand`, as jest runs it on a
 * 2-CPU machine), several times in a row, each time in another seeded file order, while
 * other processes keep every CPU busy. It finds what a green CI run on an idle machine
 * hides: state that leaks from one test file into the next, and timing that assumes an idle
 * machine. See docs/testing.md.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `Usage: npm run test:stress -- [options] [jest arguments]

Runs the suite with --runInBand, --runs times in a row, each in a file order shuffled
by its own seed, with one busy-loop process per CPU beside it. Stops at the first
failing run and prints its seed: TEST_ORDER_SEED=<seed> npx jest --runInBand repeats it.

Options:
  --runs <n>        how many runs in a row (default 5)
  --seed <n>        seed of the first run (default: from the clock); run k uses seed+k
  --node <major>    run jest on this Node major from the npm registry (npx -y -p node@<major>),
                    e.g. 24; default: the node running this script
  --no-load         no busy-loop processes (to tell load from order)
  -h, --help        this text

Exit codes: 0 every run passed, 1 a run failed, 2 bad usage.`;

export interface StressOptions {
  runs: number;
  seed: number;
  node: string | undefined;
  load: boolean;
  jestArgs: string[];
}

/** Reads the command line; throws a one-line message on bad usage. */
export function parseStressArgs(argv: string[], now: number): StressOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      runs: { type: 'string' },
      seed: { type: 'string' },
      node: { type: 'string' },
      'no-load': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const whole = (name: string, text: string | undefined, fallback: number, min: number): number => {
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text) || Number(text) < min) throw new Error(`--${name} must be a whole number of at least ${min}, not "${text}"`);
    return Number(text);
  };
  if (values.node !== undefined && !/^\d+$/.test(values.node)) throw new Error(`--node takes a Node major version such as 24, not "${values.node}"`);
  return {
    runs: whole('runs', values.runs, 5, 1),
    seed: whole('seed', values.seed, now % 1_000_000, 0),
    node: values.node,
    load: !values['no-load'],
    jestArgs: positionals,
  };
}

/** One process per CPU spinning at normal priority, as a busy neighbour would. */
function startLoad(): ChildProcess[] {
  return Array.from({ length: availableParallelism() }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
}

function nodeFromRegistry(major: string): string {
  const path = execFileSync('npx', ['-y', '-p', `node@${major}`, 'node', '-p', 'process.execPath'], { encoding: 'utf8' }).trim();
  const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith(`v${major}.`)) throw new Error(`asked for Node ${major}, npx gave ${version} at ${path}`);
  return path;
}

function runJest(node: string, seed: number, jestArgs: string[]): Promise<number> {
  // A fresh jest cache each run: ts-jest compiles everything again, as on a clean clone, and
  // no earlier run's timings steer the order.
  const cache = mkdtempSync(join(tmpdir(), 'jest-stress-'));
  const jest = join(__dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
  const child = spawn(node, [jest, '--runInBand', '--cacheDirectory', cache, ...jestArgs], {
    stdio: 'inherit',
    // What the tests start (tsx, the bundle, npm) runs on the same Node.
    env: { ...process.env, TEST_ORDER_SEED: String(seed), PATH: `${dirname(node)}:${process.env.PATH ?? ''}` },
  });
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      rmSync(cache, { recursive: true, force: true });
      resolve(code ?? 1);
    });
  });
}

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseStressArgs(argv, Date.now());
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const node = options.node ? nodeFromRegistry(options.node) : process.execPath;
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const load = options.load ? startLoad() : [];
  const stop = () => load.forEach((child) => child.kill('SIGKILL'));
  process.on('exit', stop);
  process.on('SIGINT', () => process.exit(130));
  const results: string[] = [];
  try {
    for (let run = 0; run < options.runs; run++) {
      const seed = options.seed + run;
      process.stdout.write(`\n== stress run ${run + 1} of ${options.runs}: Node ${version}, TEST_ORDER_SEED=${seed}, ${load.length} busy processes\n`);
      const started = performance.now();
      const code = await runJest(node, seed, options.jestArgs);
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      results.push(`run ${run + 1}: seed ${seed}, ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
      if (code !== 0) break;
    }
  } finally {
    stop();
  }
  process.stdout.write(`\n== stress on Node ${version}\n${results.join('\n')}\n`);
  const passed = results.length === options.runs && results.every((line) => line.includes('passed'));
  return passed ? 0 : 1;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
