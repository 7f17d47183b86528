import { jsonLogger, redactSecrets, silentLogger, withFields, type Logger } from '../src/log';
import { traceContext, traceFields } from '../src/http/trace';

function capture(level = 'debug'): { log: Logger; lines: () => Array<Record<string, unknown>>; raw: string[] } {
  const raw: string[] = [];
  const log = jsonLogger(level, (line) => raw.push(line));
  return { log, raw, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('jsonLogger (pino, Cloud Logging format)', () => {
  it('writes one JSON line per entry with severity, message and time, without pid or hostname', () => {
    const { log, lines, raw } = capture();
    log.info({ status: 200 }, 'webhook request');
    expect(raw).toHaveLength(1);
    expect(raw[0]!.endsWith('\n')).toBe(true);
    const [line] = lines();
    expect(line).toMatchObject({ severity: 'INFO', message: 'webhook request', status: 200 });
    expect(Date.parse(String(line!.time))).not.toBeNaN();
    expect(Object.keys(line!).sort()).toEqual(['message', 'severity', 'status', 'time']);
  });

  it('maps levels to Cloud Logging severities and honours the level', () => {
    const { log, lines } = capture('debug');
    log.debug({}, 'd');
    log.info({}, 'i');
    log.warn({}, 'w');
    log.error({}, 'e');
    expect(lines().map((l) => l.severity)).toEqual(['DEBUG', 'INFO', 'WARNING', 'ERROR']);

    const quiet = capture('warn');
    quiet.log.info({}, 'hidden');
    quiet.log.warn({}, 'shown');
    expect(quiet.lines().map((l) => l.message)).toEqual(['shown']);

    const silent = capture('silent');
    silent.log.error({}, 'nothing');
    expect(silent.raw).toEqual([]);
  });

  it('redacts credentials whatever a caller passes in', () => {
    const { log, raw } = capture();
    log.info(
      {
        authorization: 'Basic ZGY6c2VjcmV0',
        password: 'hunter2',
        config: { auth: { password: 'hunter3' }, clientSecret: 'cs-1' },
        req: { headers: { authorization: 'Basic abc', 'x-webhook-secret': 's3' } },
      },
      'careless',
    );
    const text = raw.join('');
    for (const secret of ['ZGY6c2VjcmV0', 'hunter2', 'hunter3', 'cs-1', 'Basic abc', 's3']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('redacts child bindings too, and leaves the caller\'s objects alone', () => {
    const { log, raw } = capture();
    const fields = { config: { auth: { password: 'hunter4' } }, list: [{ token: 't-1' }], kept: { a: 1 } };
    withFields(log, { token: 'bound-token' }).info(fields, 'careless');
    const text = raw.join('');
    for (const secret of ['hunter4', 't-1', 'bound-token']) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ kept: { a: 1 } });
    expect(fields.config.auth.password).toBe('hunter4');
    expect(fields.list[0]!.token).toBe('t-1');
  });

  it('redacts secret keys down to two levels below the fields, copying only what changes', () => {
    const deep = { a: { b: { secret: 's', c: { secret: 'too deep' } } }, plain: { x: 1 } };
    const out = redactSecrets(deep);
    expect(out).toEqual({ a: { b: { secret: '[redacted]', c: { secret: 'too deep' } } }, plain: { x: 1 } });
    expect(out.plain).toBe(deep.plain);
    const clean = { status: 200, nested: { ok: true } };
    expect(redactSecrets(clean)).toBe(clean);
  });

  it('child loggers carry their bindings', () => {
    const { log, lines } = capture();
    withFields(withFields(log, { a: 1 }), { b: 2 }).info({ c: 3 }, 'x');
    expect(lines()[0]).toMatchObject({ a: 1, b: 2, c: 3 });
  });

  it('withFields also works for a logger without child()', () => {
    const seen: Array<Record<string, unknown>> = [];
    const plain: Logger = { ...silentLogger, child: undefined, info: (fields) => seen.push(fields) };
    withFields(withFields(plain, { a: 1 }), { b: 2 }).info({ c: 3 }, 'x');
    expect(seen).toEqual([{ a: 1, b: 2, c: 3 }]);
  });
});

describe('trace context', () => {
  const TRACE = '105445aa7843bc8bf206b12000100000';

  it('reads X-Cloud-Trace-Context and converts the decimal span id to 16 hex digits', () => {
    expect(traceContext({ 'x-cloud-trace-context': `${TRACE}/1;o=1` })).toEqual({ traceId: TRACE, spanId: '0000000000000001', sampled: true });
    expect(traceContext({ 'x-cloud-trace-context': `${TRACE}/18446744073709551615;o=0` })).toEqual({
      traceId: TRACE,
      spanId: 'ffffffffffffffff',
      sampled: false,
    });
    expect(traceContext({ 'x-cloud-trace-context': TRACE })).toEqual({ traceId: TRACE, spanId: undefined, sampled: undefined });
  });

  it('falls back to W3C traceparent', () => {
    expect(traceContext({ traceparent: `00-${TRACE}-00f067aa0ba902b7-01` })).toEqual({
      traceId: TRACE,
      spanId: '00f067aa0ba902b7',
      sampled: true,
    });
  });

  it.each([
    ['garbage', { 'x-cloud-trace-context': 'not a trace' }],
    ['a short id', { 'x-cloud-trace-context': 'abc/1;o=1' }],
    ['injection', { 'x-cloud-trace-context': `${TRACE}/1;o=1\n{"severity":"CRITICAL"}` }],
    ['an all-zero traceparent', { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }],
    ['no header', {}],
  ])('ignores %s', (_name, headers) => {
    expect(traceContext(headers)).toBeUndefined();
  });

  it('names the trace by project when the project is known, else logs the raw id', () => {
    const context = { traceId: TRACE, spanId: '0000000000000001', sampled: true };
    expect(traceFields(context, 'demo-project')).toEqual({
      'logging.googleapis.com/trace': `projects/demo-project/traces/${TRACE}`,
      'logging.googleapis.com/spanId': '0000000000000001',
      'logging.googleapis.com/trace_sampled': true,
    });
    expect(traceFields(context, undefined)['logging.googleapis.com/trace']).toBe(TRACE);
    expect(traceFields(undefined, 'demo-project')).toEqual({});
  });
});
