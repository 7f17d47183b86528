import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { silentLogger } from '../../src/log';
import { jokes, redditEnv } from '../support/reddit';
import { sendRaw } from '../support/raw-http';
import { sayRequest } from '../support/requests';

/**
 * What touches the real process: the SIGTERM hook (once per process, however often it is
 * installed) and the deployed entry point src/index.ts, loaded here in this process with a
 * fresh module registry (the bundle tests run it in another one, out of a mutant's reach).
 */

type Listener = (...args: unknown[]) => void;

/** Runs `load` and returns the 'newListener' hooks it left on the process, removing them. */
function newProcessHooks(load: () => void): Listener[] {
  const emitter = process as unknown as EventEmitter;
  const before = new Set(emitter.listeners('newListener'));
  load();
  const added = emitter.listeners('newListener').filter((listener) => !before.has(listener)) as Listener[];
  for (const listener of added) emitter.removeListener('newListener', listener);
  return added;
}

describe('installGracefulShutdown on the real process', () => {
  it('hooks the process once, however often it is installed', () => {
    const hooks = newProcessHooks(() =>
      jest.isolateModules(() => {
        const { installGracefulShutdown } = require('../../src/http/shutdown') as typeof import('../../src/http/shutdown');
        installGracefulShutdown({ log: silentLogger });
        installGracefulShutdown({ log: silentLogger });
      }),
    );
    expect(hooks).toHaveLength(1);
  });

  it('still hooks the process after an install on another emitter, and hooks each emitter', () => {
    const other = new EventEmitter();
    const hooks = newProcessHooks(() =>
      jest.isolateModules(() => {
        const { installGracefulShutdown } = require('../../src/http/shutdown') as typeof import('../../src/http/shutdown');
        installGracefulShutdown({ log: silentLogger, target: other });
        installGracefulShutdown({ log: silentLogger, target: other });
        installGracefulShutdown({ log: silentLogger });
      }),
    );
    expect(hooks).toHaveLength(1);
    expect(other.listenerCount('newListener')).toBe(2);
  });
});

describe('the entry point (src/index.ts)', () => {
  const saved = { ...process.env };
  const printed: string[] = [];
  let server: Server | undefined;

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock('http://reddit.test').persist().get(/.*/).reply(200, jokes(3));
    Object.assign(process.env, redditEnv({ LOG_LEVEL: 'info', WEBHOOK_DEADLINE_MS: '4900' }));
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    process.env = saved;
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const records = () => printed.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('registers `webhook`, warns about the late deadline, answers, then warms the cache', async () => {
    let testing: typeof import('@google-cloud/functions-framework/testing') | undefined;
    const hooks = newProcessHooks(() =>
      jest.isolateModules(() => {
        require('../../src/index');
        testing = require('@google-cloud/functions-framework/testing') as typeof import('@google-cloud/functions-framework/testing');
      }),
    );
    expect(hooks).toHaveLength(1);
    expect(records().find((record) => record.event === 'config')).toEqual(
      expect.objectContaining({ severity: 'WARNING', message: expect.stringMatching(/^WEBHOOK_DEADLINE_MS=4900: Dialogflow ES gives up/) }),
    );
    server = testing!.getTestServer('webhook');
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const answer = await sendRaw(url, { body: JSON.stringify(sayRequest('joke')), headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(200);
    expect(answer.json.fulfillmentText).toMatch(/^Here's a joke:\n\nTitle j/);
    // The deployed function warms the cache after its first answer (tests and chat do not).
    for (let waited = 0; !records().some((record) => record.message === 'reddit cache warm-up done'); waited += 50) {
      if (waited > 20_000) throw new Error(`no warm-up after the first answer; printed: ${printed.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
