import { EventEmitter } from 'node:events';
import { asResponse, FakeResponse } from '../support/fake-response';
import { InFlight, installGracefulShutdown } from '../../src/http/shutdown';
import { jsonLogger } from '../../src/log';

describe('shutdown mutants', () => {
  it('answerLeftovers sends 503 with Retry-After 1 and Connection close, skipping sent responses', () => {
    const inFlight = new InFlight();
    const open = new FakeResponse();
    const sent = new FakeResponse();
    sent.headersSent = true;
    inFlight.track(asResponse(open));
    inFlight.track(asResponse(sent));
    expect(inFlight.answerLeftovers()).toBe(1);
    expect(open.statusCode).toBe(503);
    expect(open.headers['connection']).toBe('close');
    expect(open.headers['retry-after']).toBe('1');
    expect(sent.headers).toEqual({});
  });

  it('drained resolves true when idle and after close, false on timeout', async () => {
    const inFlight = new InFlight();
    await expect(inFlight.drained(10)).resolves.toBe(true);
    const res = new FakeResponse();
    inFlight.track(asResponse(res));
    await expect(inFlight.drained(5)).resolves.toBe(false);
    const waiting = inFlight.drained(60_000);
    res.end('{}');
    await expect(waiting).resolves.toBe(true);
  });

  it('a waiter that timed out leaves the others waiting, and nothing of itself behind', async () => {
    const inFlight = new InFlight();
    const res = new FakeResponse();
    inFlight.track(asResponse(res));
    const patient = inFlight.drained(60_000);
    await expect(inFlight.drained(5)).resolves.toBe(false);
    // Only the patient waiter is left (a timed-out one kept would pile up with every check).
    expect((inFlight as unknown as { idle: unknown[] }).idle).toHaveLength(1);
    res.end('{}');
    await expect(patient).resolves.toBe(true);
  });

  it('logs the exact shutdown lines', async () => {
    const lines: string[] = [];
    const log = jsonLogger('info', (line: string) => lines.push(line));
    const target = new EventEmitter();
    const inFlight = new InFlight();
    installGracefulShutdown({ target, inFlight, graceMs: 5, log });
    const exits: string[] = [];
    target.on('SIGTERM', () => exits.push('exit'));
    await Promise.resolve();
    inFlight.track(asResponse(new FakeResponse()));
    target.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((p) => p.message)).toEqual([
      'shutting down: finishing requests in flight',
      'shutting down: grace period over, answered the rest with 503',
    ]);
    expect(parsed[1]).toMatchObject({ signal: 'SIGTERM', answered: 1 });

    const lines2: string[] = [];
    const idle = new EventEmitter();
    installGracefulShutdown({ target: idle, inFlight: new InFlight(), log: jsonLogger('info', (l: string) => lines2.push(l)) });
    idle.on('SIGINT', () => undefined);
    await Promise.resolve();
    idle.emit('SIGINT', 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const p2 = lines2.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(p2[1]).toMatchObject({ signal: 'SIGINT', message: 'shutting down: all requests finished' });
    expect(p2).toHaveLength(2);
  });
});
