import {
  cooldownAfter429,
  cooldownFromBudget,
  HostCooldown,
  retryAfterMs,
} from '../../src/reddit/cooldown';

describe('retryAfterMs', () => {
  it('reads delta seconds', () => {
    expect(retryAfterMs('7', 0)).toBe(7000);
  });
  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000);
  });
  it('ignores garbage', () => {
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs('-5', 0)).toBeUndefined();
  });
});

describe('cooldownAfter429', () => {
  it('prefers Retry-After, then X-Ratelimit-Reset, then a default', () => {
    expect(cooldownAfter429({ 'retry-after': '12', 'x-ratelimit-reset': '40' }, 0)).toBe(12_000);
    expect(cooldownAfter429({ 'x-ratelimit-reset': '40' }, 0)).toBe(40_000);
    expect(cooldownAfter429({}, 0)).toBe(60_000);
    expect(cooldownAfter429(undefined, 0)).toBe(60_000);
  });
  it('matches header names case-insensitively', () => {
    expect(cooldownAfter429({ 'Retry-After': '3' }, 0)).toBe(3000);
  });
  it('never waits longer than the cap', () => {
    expect(cooldownAfter429({ 'retry-after': '999999' }, 0)).toBe(900_000);
    expect(cooldownAfter429({ 'retry-after': '901' }, 0)).toBe(900_000);
    expect(cooldownAfter429({ 'retry-after': '900' }, 0)).toBe(900_000);
    expect(cooldownAfter429({ 'retry-after': '899' }, 0)).toBe(899_000);
  });
});

describe('cooldownFromBudget', () => {
  it('waits for the reset when the remaining budget is below one request', () => {
    expect(cooldownFromBudget({ 'x-ratelimit-remaining': '0.0', 'x-ratelimit-reset': '25' })).toBe(25_000);
  });
  it('does not wait while budget is left or the headers are missing', () => {
    expect(cooldownFromBudget({ 'x-ratelimit-remaining': '57.0', 'x-ratelimit-reset': '25' })).toBeUndefined();
    expect(cooldownFromBudget({ 'x-ratelimit-reset': '25' })).toBeUndefined();
    expect(cooldownFromBudget({ 'x-ratelimit-remaining': '', 'x-ratelimit-reset': '25' })).toBeUndefined();
    expect(cooldownFromBudget({ 'x-ratelimit-remaining': '0' })).toBeUndefined();
  });
});

describe('HostCooldown', () => {
  it('blocks a host until the time is up, and only that host', () => {
    let now = 1000;
    const cooldown = new HostCooldown(() => now);
    cooldown.start('oauth.reddit.com', 5000);
    expect(cooldown.remainingMs('oauth.reddit.com')).toBe(5000);
    expect(cooldown.remainingMs('www.reddit.com')).toBe(0);
    now += 4999;
    expect(cooldown.remainingMs('oauth.reddit.com')).toBe(1);
    now += 1;
    expect(cooldown.remainingMs('oauth.reddit.com')).toBe(0);
  });
  it('keeps the later end when started twice', () => {
    let now = 0;
    const cooldown = new HostCooldown(() => now);
    cooldown.start('h', 10_000);
    cooldown.start('h', 1000);
    now = 5000;
    expect(cooldown.remainingMs('h')).toBe(5000);
  });
});
