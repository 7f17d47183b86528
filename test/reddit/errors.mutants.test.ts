import { cooldownAfter429 } from '../../src/reddit/cooldown';
import { classifyFailure, isRetryable, RedditError } from '../../src/reddit/errors';

const failure = (error: unknown) => {
  const classified = classifyFailure(error);
  return { reason: classified.reason, message: classified.message };
};
const named = (name: string) => Object.assign(new Error('aborted'), { name });

describe('classifyFailure', () => {
  it('names the code of an axios error without an answer, or says "network error" when it has none', () => {
    expect(failure({ isAxiosError: true, code: 'ECONNRESET' })).toEqual({ reason: 'network', message: 'Could not reach Reddit (ECONNRESET)' });
    expect(failure({ isAxiosError: true })).toEqual({ reason: 'network', message: 'Could not reach Reddit (network error)' });
  });

  it.each(['AbortError', 'TimeoutError'])('reads an %s as a timeout', (name) => {
    expect(failure(named(name))).toEqual({ reason: 'timeout', message: 'Reddit did not answer in time' });
  });

  it('reads any other error as a network failure, without its message', () => {
    expect(failure(named('TypeError'))).toEqual({ reason: 'network', message: 'Could not reach Reddit' });
    expect(failure('boom')).toEqual({ reason: 'network', message: 'Could not reach Reddit' });
  });
});

describe('isRetryable', () => {
  it('retries a 5xx only when it is an upstream answer', () => {
    expect(isRetryable(new RedditError('upstream', 'Reddit answered 502', 502))).toBe(true);
    expect(isRetryable(new RedditError('format', 'garbage', 502))).toBe(false);
    expect(isRetryable(new RedditError('blocked', 'odd', 503))).toBe(false);
  });
});

describe('cooldownAfter429 with repeated headers (arrays)', () => {
  it('reads the first value, and none of an empty array', () => {
    expect(cooldownAfter429({ 'retry-after': ['30'] }, 0)).toBe(30_000);
    expect(cooldownAfter429({ 'retry-after': ['30', '40'] }, 0)).toBe(30_000);
    expect(cooldownAfter429({ 'retry-after': [], 'x-ratelimit-reset': '12' }, 0)).toBe(12_000);
    expect(cooldownAfter429({ 'retry-after': [] }, 0)).toBe(60_000);
    expect(cooldownAfter429({ 'retry-after': '45' }, 0)).toBe(45_000);
  });
});
