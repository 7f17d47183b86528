import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Socket } from 'node:net';
import { freePort } from '../../scripts/bench/processes';

/**
 * A real Debian `redis-server` for the Redis tests: on a free loopback port,
 * with a password, no persistence, its output kept (not printed). `.ci/run`
 * installs the package when it is missing; a machine without it fails these
 * tests with instructions (unless SKIP_REDIS_TESTS=1, which CI never honours).
 * No jest globals here: `npm run bench` starts its Redis with this too.
 */

const CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server'];

export function redisServerBinary(): string | undefined {
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : undefined;
}

export interface RedisServer {
  port: number;
  password: string;
  /** redis://:password@127.0.0.1:port */
  url: string;
  /** The same server with a wrong password in the URL. */
  urlWithPassword(password: string): string;
  /** SIGSTOP: the socket stays open, nothing answers. */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port (after kill). */
  restart(): Promise<void>;
  /** Sends one command with its own connection, e.g. ['CONFIG', 'SET', 'requirepass', 'x']; resolves with the raw reply. */
  command(args: string[], password?: string): Promise<string>;
  /** Stops it for good (resuming it first if paused). */
  stop(): Promise<void>;
}

const READY = 'Ready to accept connections';

export async function startRedis(): Promise<RedisServer> {
  const binary = redisServerBinary();
  if (!binary) {
    throw new Error(
      'redis-server is missing: install Debian\'s redis-server (`apt-get install redis-server`; .ci/run does it) ' +
        'or set SKIP_REDIS_TESTS=1 to skip the Redis tests outside CI',
    );
  }
  const port = await freePort();
  let password = randomBytes(12).toString('hex');
  let child: ChildProcess | undefined;
  let paused = false;
  let output = '';

  const launch = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--requirepass', password, '--save', '', '--appendonly', 'no'];
    args.push('--loglevel', 'notice', '--logfile', '');
    const started = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start in 10 s:\n${output}`)), 10_000);
      const onData = (chunk: Buffer) => {
        output = (output + chunk.toString('utf8')).slice(-4000);
        if (output.includes(READY)) {
          clearTimeout(timer);
          started.stdout.off('data', onData);
          resolve();
        }
      };
      started.stdout.on('data', onData);
      started.stderr.on('data', onData);
      started.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${String(code)}) before it was ready:\n${output}`));
      });
    });
    // Keep draining its output so it never blocks on a full pipe.
    started.stdout.resume();
    started.stderr.resume();
  };

  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    if (paused) {
      running.kill('SIGCONT');
      paused = false;
    }
    running.kill('SIGKILL');
    await exited;
  };

  await launch();
  const urlWithPassword = (secret: string) => `redis://:${encodeURIComponent(secret)}@127.0.0.1:${port}`;
  return {
    port,
    get password() {
      return password;
    },
    get url() {
      return urlWithPassword(password);
    },
    urlWithPassword,
    pause() {
      child?.kill('SIGSTOP');
      paused = true;
    },
    resume() {
      child?.kill('SIGCONT');
      paused = false;
    },
    kill,
    restart: launch,
    async command(args, secret = password) {
      const reply = await rawCommand(port, ['AUTH', secret], args);
      if (args[0]?.toUpperCase() === 'CONFIG' && args[2]?.toLowerCase() === 'requirepass' && reply.startsWith('+OK')) {
        password = args[3] ?? password;
      }
      return reply;
    },
    stop: kill,
  };
}

/** RESP over a plain socket: the tests need no client library to poke the server. */
function rawCommand(port: number, ...commands: string[][]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`redis on ${port} did not answer: ${reply}`));
    }, 5_000);
    socket.connect(port, '127.0.0.1', () => {
      socket.write(commands.map((args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`).join(''));
    });
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.split('\r\n').length > commands.length) {
        clearTimeout(timer);
        socket.end();
        // The last command's reply (after AUTH's).
        resolve(reply.split('\r\n').slice(1).join('\r\n'));
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
