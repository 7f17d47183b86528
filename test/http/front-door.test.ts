import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FRAMEWORK_DIR } from '../../src/http/framework';
import { installFrontDoor, withPreflight } from '../../src/http/front-door';

/**
 * Once the front door has checked a request and read its body, it calls the function itself, not
 * functions-framework's express app, unless LOG_EXECUTION_ID asks for the framework's execution
 * context, which only its app sets up. Served through the framework's own getServer, patched as in
 * production.
 */

type Seen = { body: unknown; executionId: unknown };
type Fn = (req: IncomingMessage & { body?: unknown; executionId?: unknown }, res: ServerResponse) => unknown;

/** The framework's getServer, as its CLI calls it (after installFrontDoor, the patched one). */
const serverModule = () => require(join(FRAMEWORK_DIR, 'server.js')) as { getServer: (fn: unknown, options: Record<string, unknown>) => Server };

const marked = (fn: Fn) => withPreflight(fn, { check: () => undefined, refused: () => undefined });

/** What the function saw of the request; it answers 200 with it. */
const echo: Fn = (req, res) => {
  const seen: Seen = { body: req.body, executionId: req.executionId ?? null };
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(seen));
};

async function post(fn: Fn, options: Record<string, unknown> = {}): Promise<{ status: number; json: unknown }> {
  installFrontDoor();
  const server = serverModule().getServer(marked(fn), { signatureType: 'http', ignoredRoutes: null, timeoutMilliseconds: 0, ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const answer = await fetch(`http://127.0.0.1:${String(port)}/any/path`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'function-execution-id': 'exec-1' },
      body: '{"hi":1}',
    });
    return { status: answer.status, json: await answer.json() };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('the front door', () => {
  it('calls the function itself with the parsed body, outside the framework app (no execution context)', async () => {
    expect(await post(echo)).toEqual({ status: 200, json: { body: { hi: 1 }, executionId: null } });
  });

  it('goes through the framework app when LOG_EXECUTION_ID is on, so log lines can carry the execution id', async () => {
    expect(await post(echo, { enableExecutionId: true })).toEqual({ status: 200, json: { body: { hi: 1 }, executionId: 'exec-1' } });
  });

  it('answers the JSON 500 of the contract should the function throw', async () => {
    const throws: Fn = () => {
      throw new Error('secret detail');
    };
    expect(await post(throws)).toEqual({ status: 500, json: { error: { code: 'internal', message: 'Internal error' } } });
  });

  it('answers the JSON 500 of the contract should the function reject', async () => {
    const rejects: Fn = () => Promise.reject(new Error('secret detail'));
    expect(await post(rejects)).toEqual({ status: 500, json: { error: { code: 'internal', message: 'Internal error' } } });
  });

  it('leaves an answer the function has started alone when it rejects afterwards', async () => {
    const answersThenRejects: Fn = (req, res) => {
      echo(req, res);
      return Promise.reject(new Error('late'));
    };
    expect(await post(answersThenRejects)).toEqual({ status: 200, json: { body: { hi: 1 }, executionId: null } });
  });
});
