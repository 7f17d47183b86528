import { ConfigError, loadConfig } from '../../src/config';

/** REDIS_URL and REDDIT_QPM: parsed with the rest of the configuration, bad values stop start-up naming the variable. */
describe('REDIS_URL and REDDIT_QPM', () => {
  it('unset by default: no Redis, a budget of 60 requests a minute', () => {
    const config = loadConfig({});
    expect(config.redisUrl).toBeUndefined();
    expect(config.redditQpm).toBe(60);
  });

  it.each(['redis://:secret@10.0.0.3:6379', 'rediss://default:secret@redis.example.internal:6378/0', 'redis://127.0.0.1'])(
    'accepts %s',
    (url) => {
      expect(loadConfig({ REDIS_URL: url }).redisUrl).toBe(url);
    },
  );

  it.each(['http://10.0.0.3:6379', 'redis:', '10.0.0.3:6379', 'redis://:hunter2@'])('refuses %s, naming the variable but not the value', (url) => {
    expect(() => loadConfig({ REDIS_URL: url })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_URL: url })).toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    let message = '';
    try {
      loadConfig({ REDIS_URL: url });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('hunter2');
  });

  it.each([
    ['1', 1],
    ['1000', 1000],
  ])('REDDIT_QPM=%s is fine', (value, expected) => {
    expect(loadConfig({ REDDIT_QPM: value }).redditQpm).toBe(expected);
  });

  it.each(['0', '1001', '1.5', 'lots'])('REDDIT_QPM=%s stops start-up', (value) => {
    expect(() => loadConfig({ REDDIT_QPM: value })).toThrow(/REDDIT_QPM/);
  });
});
