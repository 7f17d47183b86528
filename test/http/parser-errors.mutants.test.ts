import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createServer, request, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { frameworkRequire } from '../../src/http/framework';
import { installJsonErrorHandling } from '../../src/http/parser-errors';
import { sendRaw } from '../support/raw-http';

/**
 * The express patch, in this process: for a function without our front door (a plain one here)
 * and for any other express app of functions-framework's copy, errors are answered in JSON.
 */

const servers: Server[] = [];

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterAll(async () => {
  // A kept-alive connection left open by a failing test must not hold the suite.
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

let plain: string;
beforeAll(async () => {
  installJsonErrorHandling();
  http('plain-function', (req, res) => {
    res.json({ got: req.body });
  });
  plain = await listen(getTestServer('plain-function'));
});

const JSON_TYPE = { 'content-type': 'application/json' };

describe('a function served without the front door', () => {
  it('gets malformed JSON answered as 400 bad_json in JSON', async () => {
    const answer = await sendRaw(plain, { body: '{"queryResult": ', headers: JSON_TYPE });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: { code: 'bad_json', message: 'The request body is not valid JSON' } });
  });

  it('refuses a body declared over 65,536 bytes without parsing it, and closes a kept-alive connection', async () => {
    const answer = await sendRaw(plain, { body: 'x'.repeat(65_537), headers: { ...JSON_TYPE, connection: 'keep-alive' } });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(answer.json).toEqual({ error: { code: 'payload_too_large', message: 'The request body is larger than 65536 bytes' } });
  });

  it('reads and drops a 12 MB body declared too large, so node:http\'s client gets the 413 in JSON, not EPIPE', async () => {
    const size = 12 * 1024 * 1024;
    const answer = await new Promise<{ status: number; text: string; error?: string }>((resolve) => {
      const got = { status: 0, text: '', error: undefined as string | undefined };
      const req = request(plain, { method: 'POST', headers: { ...JSON_TYPE, 'content-length': String(size) } }, (res) => {
        got.status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (got.text += chunk));
      });
      req.on('error', (error: NodeJS.ErrnoException) => (got.error ??= error.code));
      req.on('close', () => resolve(got));
      req.end(Buffer.alloc(size, 0x20));
    });
    expect(answer.error).toBeUndefined();
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toEqual({ error: { code: 'payload_too_large', message: 'The request body is larger than 65536 bytes' } });
  }, 20_000);

  it('reads a body of exactly 65,536 bytes', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(65_536 - 11) });
    expect(Buffer.byteLength(body)).toBe(65_536);
    const answer = await sendRaw(plain, { body, headers: JSON_TYPE });
    expect(answer.status).toBe(200);
    expect(answer.json.got.text).toHaveLength(65_525);
  });
});

describe('an express app of the same copy with no route for the request', () => {
  it('answers 404 in JSON instead of an HTML page', async () => {
    const express = frameworkRequire('express') as () => RequestListener;
    const url = await listen(createServer(express()));
    const answer = await sendRaw(url, { method: 'GET', path: '/nothing-here' });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ error: { code: 'invalid_request', message: 'Not found' } });
  });
});
