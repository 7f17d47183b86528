import { ConfigError, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      reddit: { baseUrl: 'https://www.reddit.com', oauthUrl: 'https://oauth.reddit.com' },
      deadlineMs: 4000,
      cacheTtlSeconds: 300,
      allowNsfw: false,
      logLevel: 'info',
    });
    expect(config.auth).toBeUndefined();
    expect(config.headerSecret).toBeUndefined();
    expect(config.projectId).toBeUndefined();
    expect(config.reddit.userAgent).toMatch(/^nodejs:reddit-dialogflow-webhook:\d+\.\d+\.\d+$/);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      REDDIT_BASE_URL: 'http://localhost:9999/',
      REDDIT_USER_AGENT: 'custom-agent',
      WEBHOOK_USERNAME: 'df',
      WEBHOOK_PASSWORD: 'secret',
      WEBHOOK_DEADLINE_MS: '2500',
      CACHE_TTL_SECONDS: '60',
      ALLOW_NSFW: 'true',
      LOG_LEVEL: 'debug',
      WEBHOOK_HEADER_NAME: 'X-Webhook-Secret',
      WEBHOOK_HEADER_VALUE: 'a long shared secret',
      GOOGLE_CLOUD_PROJECT: 'demo-project',
    });
    expect(config).toMatchObject({
      headerSecret: { name: 'x-webhook-secret', value: 'a long shared secret' },
      projectId: 'demo-project',
      port: 9000,
      reddit: { baseUrl: 'http://localhost:9999', userAgent: 'custom-agent' },
      auth: { username: 'df', password: 'secret' },
      deadlineMs: 2500,
      cacheTtlSeconds: 60,
      allowNsfw: true,
      logLevel: 'debug',
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ REDDIT_CLIENT_ID: '', REDDIT_CLIENT_SECRET: '', PORT: '' }).port).toBe(8080);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ WEBHOOK_DEADLINE_MS: '10' }, /WEBHOOK_DEADLINE_MS/],
    [{ REDDIT_BASE_URL: 'not a url' }, /REDDIT_BASE_URL/],
    [{ ALLOW_NSFW: 'maybe' }, /ALLOW_NSFW/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ REDDIT_CLIENT_SECRET: 'secret' }, /REDDIT_CLIENT_ID/],
    [{ WEBHOOK_PASSWORD: 'pw' }, /WEBHOOK_USERNAME/],
    [{ WEBHOOK_USERNAME: 'df' }, /WEBHOOK_PASSWORD/],
    [{ WEBHOOK_HEADER_NAME: 'x-secret' }, /WEBHOOK_HEADER_VALUE/],
    [{ WEBHOOK_HEADER_VALUE: 'value' }, /WEBHOOK_HEADER_NAME/],
    [{ WEBHOOK_HEADER_NAME: 'x secret', WEBHOOK_HEADER_VALUE: 'v' }, /WEBHOOK_HEADER_NAME/],
    [{ WEBHOOK_HEADER_NAME: 'Authorization', WEBHOOK_HEADER_VALUE: 'v' }, /WEBHOOK_HEADER_NAME/],
    [{ WEBHOOK_HEADER_NAME: 'x-secret', WEBHOOK_HEADER_VALUE: ' padded ' }, /WEBHOOK_HEADER_VALUE/],
    [{ WEBHOOK_HEADER_NAME: 'x-secret', WEBHOOK_HEADER_VALUE: 'caf\u00e9' }, /WEBHOOK_HEADER_VALUE/],
    [{ GOOGLE_CLOUD_PROJECT: 'Not A Project' }, /GOOGLE_CLOUD_PROJECT/],
  ])('refuses %p with a message naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});

describe('every problem in one error (issue #23)', () => {
  const problemsOf = (env: Record<string, string>): readonly string[] => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('a bad enum value and a half-set pair come together, not in rounds', () => {
    expect(problemsOf({ LOG_LEVEL: 'loud', WEBHOOK_USERNAME: 'df', WEBHOOK_HEADER_VALUE: 'v' })).toEqual([
      'LOG_LEVEL="loud": must be one of trace, debug, info, warn, error, fatal, silent',
      'WEBHOOK_PASSWORD: WEBHOOK_USERNAME and WEBHOOK_PASSWORD must be set together',
      'WEBHOOK_HEADER_NAME: WEBHOOK_HEADER_NAME and WEBHOOK_HEADER_VALUE must be set together',
    ]);
  });

  it('the message carries both lines', () => {
    expect(() => loadConfig({ ALLOW_NSFW: 'maybe', WEBHOOK_PASSWORD: 'pw' })).toThrow(
      'Invalid configuration:\n  ALLOW_NSFW="maybe": must be true or false\n  WEBHOOK_USERNAME: WEBHOOK_USERNAME and WEBHOOK_PASSWORD must be set together',
    );
  });

  it('a bad header name still counts as set for its pair', () => {
    expect(problemsOf({ WEBHOOK_HEADER_NAME: 'x y', CONTENT_FILTER: 'none-at-all' })).toEqual([
      expect.stringMatching(/^WEBHOOK_HEADER_NAME="x y": must be an HTTP header name/),
      expect.stringMatching(/^CONTENT_FILTER="none-at-all": must be one of /),
      'WEBHOOK_HEADER_VALUE: WEBHOOK_HEADER_NAME and WEBHOOK_HEADER_VALUE must be set together',
    ]);
  });
});
