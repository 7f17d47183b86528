import { traceContext, traceFields } from '../../src/http/trace';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('traceContext reads the header text exactly', () => {
  it('trims X-Cloud-Trace-Context before matching it', () => {
    expect(traceContext({ 'x-cloud-trace-context': ` \t${TRACE}/1;o=1 ` })).toEqual({ traceId: TRACE, spanId: '0000000000000001', sampled: true });
  });

  it('trims traceparent and reads it in any case', () => {
    expect(traceContext({ traceparent: `  00-${TRACE.toUpperCase()}-${SPAN.toUpperCase()}-01\t` })).toEqual({ traceId: TRACE, spanId: SPAN, sampled: true });
  });

  it.each([
    ['text before it', `x00-${TRACE}-${SPAN}-01`],
    ['text after it', `00-${TRACE}-${SPAN}-01x`],
    ['another field after the flags', `00-${TRACE}-${SPAN}-01-00`],
  ])('ignores a traceparent with %s', (_name, traceparent) => {
    expect(traceContext({ traceparent })).toBeUndefined();
  });

  it('keeps a traceparent span id that only ends in zeros, and drops an all-zero one', () => {
    expect(traceContext({ traceparent: `00-${TRACE}-00f067aa0ba90000-00` })).toEqual({ traceId: TRACE, spanId: '00f067aa0ba90000', sampled: false });
    expect(traceContext({ traceparent: `00-${TRACE}-0000000000000000-01` })).toEqual({ traceId: TRACE, spanId: undefined, sampled: true });
  });
});

describe('traceFields writes only the fields it knows', () => {
  it('has no span or sampled field when the header had none', () => {
    const fields = traceFields({ traceId: TRACE }, 'demo-project');
    expect(Object.keys(fields)).toEqual(['logging.googleapis.com/trace']);
    expect(fields['logging.googleapis.com/trace']).toBe(`projects/demo-project/traces/${TRACE}`);
  });

  it('writes sampled=false, which Cloud Logging reads as "not sampled"', () => {
    expect(Object.entries(traceFields({ traceId: TRACE, sampled: false }, undefined))).toEqual([
      ['logging.googleapis.com/trace', TRACE],
      ['logging.googleapis.com/trace_sampled', false],
    ]);
  });
});
