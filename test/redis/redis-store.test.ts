import { createServer, type Socket } from 'node:net';
import { openSharedStore } from '../../src/reddit/shared/open';
import { RedisStore } from '../../src/reddit/shared/redis-store';
import { describeRedis, startRedis, type RedisServer } from '../support/redis';
import { memoryLogger, until } from '../support/shared-webhooks';

/**
 * RedisStore's settings and clean-up, and the connection errors openSharedStore logs.
 * That it never stops reconnecting is behaviour, tested where it shows: test/redis/outage.test.ts
 * (a killed server restarted, a password that matches again).
 */

/** A loopback "Redis" that answers every command (the handshake's several at once) with a 300-character error. */
async function refusingServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk) => {
      const commands = chunk.toString('utf8').split('\r\n').filter((line) => line.startsWith('*')).length;
      socket.write(`-ERR ${'x'.repeat(300)}\r\n`.repeat(commands));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      sockets.forEach((socket) => socket.destroy());
    });
  return { url: `redis://:secret@127.0.0.1:${port}`, stop };
}

describe('openSharedStore', () => {
  it('logs each connection error at debug, its first 200 characters', async () => {
    const { url, stop } = await refusingServer();
    const log = memoryLogger();
    const store = openSharedStore(url, log);
    try {
      await until(() => log.lines.length > 0, 'a connection error');
      const reason = `ERR ${'x'.repeat(196)}`;
      expect(log.lines[0]).toEqual({ level: 'debug', message: 'redis connection error', fields: { reason } });
    } finally {
      await store.close();
      await stop();
    }
  });
});

describeRedis('RedisStore (mutants) against redis-server', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await (redis as RedisServer | undefined)?.stop(); // unset when beforeAll failed
  });

  it('gives up on a command after commandTimeoutMs when the server stops answering', async () => {
    const store = new RedisStore(redis.url, { commandTimeoutMs: 100 });
    try {
      // Connected, without a command of its own: on a busy machine a first command may itself take 100 ms.
      await store.connecting();
      redis.pause();
      await expect(store.get('k')).rejects.toThrow('Command timed out');
    } finally {
      redis.resume();
      await store.close();
    }
  });

  it('close() closes the connection: later calls fail', async () => {
    const store = new RedisStore(redis.url, { commandTimeoutMs: 1000 });
    await store.set('k', 'v', 60_000);
    await store.close();
    await expect(store.get('k')).rejects.toThrow('Connection is closed.');
  });
});
