/**
 * Limits of what travels between turns (the follow-up context), what the logs
 * hide, which trace ids are read, and which words a topic search ignores.
 */
import { toTurn, WebhookRequestSchema, type Turn } from '../../src/dialogflow/request';
import { clearFollowup, followupContext } from '../../src/dialogflow/followup-context';
import { traceContext } from '../../src/http/trace';
import { readFollowup } from '../../src/intents/followup';
import { redactSecrets } from '../../src/log';
import { topicWords } from '../../src/reddit/offline';
import { followupRequest } from '../support/requests';

const turnWith = (parameters: Record<string, unknown>): Turn =>
  toTurn(WebhookRequestSchema.parse(followupRequest('say-content', parameters)));

describe('the follow-up context', () => {
  it('lives for 5 turns, and bye clears it with 0', () => {
    expect(followupContext({ content: 'joke', servedIds: [] })).toEqual({
      name: 'content-followup',
      lifespanCount: 5,
      parameters: { content: 'joke', topic: '', servedIds: [] },
    });
    expect(clearFollowup()).toEqual({ name: 'content-followup', lifespanCount: 0 });
  });

  it('reads a kind of up to 100 characters and a topic of up to 200', () => {
    expect(readFollowup(turnWith({ content: 'c'.repeat(100), topic: 't'.repeat(200) }))).toMatchObject({ content: 'c'.repeat(100), topic: 't'.repeat(200) });
    const over = readFollowup(turnWith({ content: 'c'.repeat(101), topic: 't'.repeat(201) }));
    expect(over.content).toBeUndefined();
    expect(over.topic).toBeUndefined();
  });

  it('reads a context of nothing but garbage as an empty state', () => {
    expect(readFollowup(turnWith({ content: 7, topic: ['cats'], asked: -1, noted: {}, servedIds: 'j1' }))).toEqual({ servedIds: [] });
  });

  it('keeps the newest 50 served ids', () => {
    const ids = Array.from({ length: 51 }, (_, i) => `id${i}`);
    expect(readFollowup(turnWith({ servedIds: ids.slice(1) })).servedIds).toEqual(ids.slice(1));
    expect(readFollowup(turnWith({ servedIds: ids })).servedIds).toEqual(ids.slice(1));
  });

  it.each([
    ['a'.repeat(20), true],
    ['a'.repeat(21), false],
    ['abc_123', true],
    ['abc-123', false],
    ['', false],
    [`offline:${'j'.repeat(20)}:1234`, true],
    [`offline:${'j'.repeat(21)}:1`, false],
    ['offline:joke:12345', false],
    ['offline:joke:', false],
    ['offline:Joke:1', false],
    ['offline:dad-joke:7', true],
  ])('keeps a served id %p: %p', (id, kept) => {
    expect(readFollowup(turnWith({ servedIds: [id] })).servedIds).toEqual(kept ? [id] : []);
  });
});

describe('log redaction', () => {
  it.each(['authorization', 'auth', 'password', 'secret', 'clientSecret', 'token', 'accessToken', 'access_token', 'headerSecret', 'headers'])(
    'hides %p',
    (key) => {
      expect(redactSecrets({ [key]: 'x', kept: 'y' })).toEqual({ [key]: '[redacted]', kept: 'y' });
    },
  );

  it('keeps look-alikes', () => {
    const fields = { Authorization: 'a', passwords: 'b', tokenCount: 3 };
    expect(redactSecrets(fields)).toBe(fields);
  });

  it('looks two levels below the fields by default, and no deeper', () => {
    expect(redactSecrets({ a: { b: { token: 'x' } } })).toEqual({ a: { b: { token: '[redacted]' } } });
    const deeper = { a: { b: { c: { token: 'x' } } } };
    expect(redactSecrets(deeper)).toBe(deeper);
    expect(redactSecrets({ a: { token: 'x' } }, 0)).toEqual({ a: { token: 'x' } });
  });
});

describe('trace headers', () => {
  const cloud = (value: string) => traceContext({ 'x-cloud-trace-context': value });
  const TRACE = '0123456789abcdef0123456789ABCDEF';

  it('reads a span id from 1 to 2^64 − 1, as 16 hex digits', () => {
    expect(cloud(`${TRACE}/1;o=1`)).toEqual({ traceId: TRACE.toLowerCase(), spanId: '0000000000000001', sampled: true });
    expect(cloud(`${TRACE}/18446744073709551615;o=0`)).toEqual({ traceId: TRACE.toLowerCase(), spanId: 'ffffffffffffffff', sampled: false });
    expect(cloud(`${TRACE}/18446744073709551616`)?.spanId).toBeUndefined();
    expect(cloud(`${TRACE}/0`)?.spanId).toBeUndefined();
    expect(cloud(`${TRACE}/123456789012345678901`)).toBeUndefined();
  });

  it('wants exactly 32 hex digits of trace id', () => {
    expect(cloud(TRACE)?.traceId).toBe(TRACE.toLowerCase());
    expect(cloud(TRACE.slice(1))).toBeUndefined();
    expect(cloud(`${TRACE}0`)).toBeUndefined();
    expect(traceContext({ traceparent: `00-${'0'.repeat(32)}-${'1'.repeat(16)}-01` })).toBeUndefined();
    expect(traceContext({ traceparent: `00-${TRACE}-${'0'.repeat(16)}-00` })).toEqual({ traceId: TRACE.toLowerCase(), spanId: undefined, sampled: false });
  });
});

describe('topic words', () => {
  it.each(['the', 'and', 'for', 'with', 'about', 'that', 'this', 'some', 'from', 'any', 'are', 'you', 'your'])('ignores %p', (word) => {
    expect(topicWords(`${word} penguins`)).toEqual(['penguin']);
  });

  it('keeps words of 3 letters or more, and drops a plural s only from words longer than 3', () => {
    expect(topicWords('an ox cat bus cats')).toEqual(['cat', 'bus', 'cat']);
  });
});
