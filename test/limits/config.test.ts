import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, configWarnings, loadConfig } from '../../src/config';
import { loadConfigOrExit } from '../../src/startup';

/** The problems loadConfig reports for `env`, or [] when it accepts it. */
function problems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('numeric settings: each range tested just inside and just outside both ends', () => {
  it.each([
    ['PORT', '0', '1', '65535', '65536', 'PORT="0": must be a whole number from 1 to 65535 (a TCP port)'],
    ['WEBHOOK_DEADLINE_MS', '199', '200', '30000', '30001', 'WEBHOOK_DEADLINE_MS="199": must be a whole number from 200 to 30000 (milliseconds)'],
    ['CACHE_TTL_SECONDS', '-1', '0', '86400', '86401', 'CACHE_TTL_SECONDS="-1": must be a whole number from 0 to 86400 (seconds)'],
    ['REDDIT_QPM', '0', '1', '1000', '1001', 'REDDIT_QPM="0": must be a whole number from 1 to 1000 (requests a minute)'],
  ])('%s: %s refused, %s and %s accepted, %s refused', (name, below, min, max, above, belowMessage) => {
    expect(problems({ [name]: below })).toEqual([belowMessage]);
    expect(problems({ [name]: min })).toEqual([]);
    expect(problems({ [name]: max })).toEqual([]);
    expect(problems({ [name]: above })).toHaveLength(1);
    expect(problems({ [name]: above })[0]).toMatch(new RegExp(`^${name}="${above}": must be a whole number from ${min} to ${max} `));
  });

  it('reads the accepted ends as numbers', () => {
    expect(loadConfig({ PORT: '1', WEBHOOK_DEADLINE_MS: '200', CACHE_TTL_SECONDS: '0' })).toMatchObject({ port: 1, deadlineMs: 200, cacheTtlSeconds: 0 });
    expect(loadConfig({ PORT: '65535', WEBHOOK_DEADLINE_MS: '30000', CACHE_TTL_SECONDS: '86400' })).toMatchObject({
      port: 65535,
      deadlineMs: 30000,
      cacheTtlSeconds: 86400,
    });
  });

  it.each(['abc', '4000ms', '4e3', '4000.5', ' 4000', '0x10', '1234567890123456'])('refuses %p as a whole number', (value) => {
    expect(problems({ WEBHOOK_DEADLINE_MS: value })).toEqual([
      `WEBHOOK_DEADLINE_MS=${JSON.stringify(value)}: must be a whole number from 200 to 30000 (milliseconds)`,
    ]);
  });
});

describe('booleans accept exactly what the README documents', () => {
  it.each([
    ['true', true],
    ['false', false],
  ])('ALLOW_NSFW=%s', (value, allowed) => {
    expect(loadConfig({ ALLOW_NSFW: value }).allowNsfw).toBe(allowed);
  });

  it.each(['1', '0', 'yes', 'no', 'TRUE', 'False', 'on'])('refuses ALLOW_NSFW=%s', (value) => {
    expect(problems({ ALLOW_NSFW: value })).toEqual([`ALLOW_NSFW="${value}": must be true or false`]);
  });

  it('treats an empty value as unset (false)', () => {
    expect(loadConfig({ ALLOW_NSFW: '' }).allowNsfw).toBe(false);
  });
});

describe('problem lines', () => {
  it('gives one line per problem, each naming the variable and what is accepted', () => {
    expect(problems({ PORT: 'x', LOG_LEVEL: 'loud', REDDIT_BASE_URL: 'ftp://example.com' })).toEqual([
      'PORT="x": must be a whole number from 1 to 65535 (a TCP port)',
      'REDDIT_BASE_URL: must be an http:// or https:// URL',
      'LOG_LEVEL="loud": must be one of trace, debug, info, warn, error, fatal, silent',
    ]);
  });

  it('never echoes a value that may be a credential', () => {
    const lines = problems({ WEBHOOK_HEADER_NAME: 'x-secret', WEBHOOK_HEADER_VALUE: ' hunter2 ', REDDIT_OAUTH_URL: 'redis://u:hunter2@h' });
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toContain('hunter2');
    expect(lines).toContain('WEBHOOK_HEADER_VALUE: must be visible ASCII without leading or trailing spaces');
  });

  it('keeps the multi-line message for callers that print the error whole', () => {
    expect(() => loadConfig({ PORT: 'x' })).toThrow('Invalid configuration:\n  PORT="x": must be a whole number from 1 to 65535 (a TCP port)');
    let error: unknown;
    try {
      loadConfig({ PORT: 'x', ALLOW_NSFW: 'y' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).name).toBe('ConfigError');
    expect((error as ConfigError).message).toBe(
      'Invalid configuration:\n  PORT="x": must be a whole number from 1 to 65535 (a TCP port)\n  ALLOW_NSFW="y": must be true or false',
    );
  });
});

describe('warnings', () => {
  it('warns above 4800 ms, where Dialogflow ES (5 s) may give up first, and not at 4800', () => {
    // A test Reddit, which may be read without credentials: no warning about them.
    const reddit = { REDDIT_BASE_URL: 'http://reddit.test' };
    expect(configWarnings(loadConfig({ ...reddit, WEBHOOK_DEADLINE_MS: '4800' }))).toEqual([]);
    expect(configWarnings(loadConfig({ ...reddit, WEBHOOK_DEADLINE_MS: '4801' }))).toEqual([
      'WEBHOOK_DEADLINE_MS=4801: Dialogflow ES gives up on a webhook after 5 s, so answers this late may never be shown; 4800 or less leaves room for the network',
    ]);
  });
});

describe('loadConfigOrExit', () => {
  it('prints one line per problem and exits 1', () => {
    const lines: string[] = [];
    const exit = jest.fn((code: number): never => {
      throw new Error(`exit ${code}`);
    });
    expect(() => loadConfigOrExit({ WEBHOOK_DEADLINE_MS: 'abc', ALLOW_NSFW: 'yes' }, { error: (line) => lines.push(line), exit })).toThrow('exit 1');
    expect(exit).toHaveBeenCalledWith(1);
    expect(lines).toEqual([
      'config: WEBHOOK_DEADLINE_MS="abc": must be a whole number from 200 to 30000 (milliseconds)\n',
      'config: ALLOW_NSFW="yes": must be true or false\n',
    ]);
  });

  it('returns the config when it is valid', () => {
    const io = { error: jest.fn(), exit: jest.fn() as unknown as (code: number) => never };
    expect(loadConfigOrExit({ PORT: '9000' }, io).port).toBe(9000);
    expect(io.error).not.toHaveBeenCalled();
    expect(io.exit).not.toHaveBeenCalled();
  });
});

describe('the bundle started by functions-framework with a bad setting', () => {
  it('prints one line naming the variable and exits 1, no stack trace, no "syntax error" hint', () => {
    const cli = join(__dirname, '..', '..', 'node_modules', '@google-cloud', 'functions-framework', 'build', 'src', 'main.js');
    const run = spawnSync(process.execPath, [cli, '--target=webhook', `--source=${join(__dirname, '..', '..', 'dist', 'index.cjs')}`], {
      env: { PATH: process.env.PATH, WEBHOOK_DEADLINE_MS: 'abc' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('config: WEBHOOK_DEADLINE_MS="abc": must be a whole number from 200 to 30000 (milliseconds)\n');
    expect(run.stdout).toBe('');
  });
});

describe('the shared-secret header', () => {
  const header = (name: string, value = 'a-secret') => problems({ WEBHOOK_HEADER_NAME: name, WEBHOOK_HEADER_VALUE: value });

  it.each([
    'authorization',
    'proxy-authorization',
    'content-type',
    'content-length',
    'content-encoding',
    'transfer-encoding',
    'host',
    'connection',
    'cookie',
    'user-agent',
    'x-cloud-trace-context',
    'traceparent',
    'x-forwarded-for',
  ])('refuses %p, a header clients or proxies set themselves (any case)', (name) => {
    expect(header(name)).toEqual([`WEBHOOK_HEADER_NAME="${name}": must not be a header that HTTP clients or proxies set themselves`]);
    expect(header(name.toUpperCase())).toHaveLength(1);
  });

  it('takes a name of 1 to 100 token characters', () => {
    expect(header('x')).toEqual([]);
    expect(header('x'.repeat(100))).toEqual([]);
    expect(header('x'.repeat(101))).toEqual([`WEBHOOK_HEADER_NAME="${'x'.repeat(101)}": must be an HTTP header name (letters, digits, - and a few symbols)`]);
    expect(header("x!#$%&'*+.^_`|~-9")).toEqual([]);
    expect(header('x:y')).toHaveLength(1);
  });

  it('takes a value of 1 to 1024 visible ASCII characters, spaces only inside', () => {
    expect(header('x-secret', 'v')).toEqual([]);
    expect(header('x-secret', 'v'.repeat(1024))).toEqual([]);
    expect(header('x-secret', `v${' '.repeat(1022)}v`)).toEqual([]);
    expect(header('x-secret', 'v'.repeat(1025))).toEqual(['WEBHOOK_HEADER_VALUE: must be visible ASCII without leading or trailing spaces']);
    expect(header('x-secret', 'v ')).toHaveLength(1);
    expect(header('x-secret', 'a\tb')).toHaveLength(1);
  });

  it('reads the name in lower case', () => {
    expect(loadConfig({ WEBHOOK_HEADER_NAME: 'X-Secret', WEBHOOK_HEADER_VALUE: 'v' }).headerSecret).toEqual({ name: 'x-secret', value: 'v' });
  });
});

describe('pairs and other settings', () => {
  it.each([
    [{ REDDIT_CLIENT_SECRET: 's' }, 'REDDIT_CLIENT_ID: REDDIT_CLIENT_SECRET needs REDDIT_CLIENT_ID (the id alone is an installed app, a secret alone is nothing)'],
    [{ WEBHOOK_USERNAME: 'u' }, 'WEBHOOK_PASSWORD: WEBHOOK_USERNAME and WEBHOOK_PASSWORD must be set together'],
    [{ WEBHOOK_PASSWORD: 'p' }, 'WEBHOOK_USERNAME: WEBHOOK_USERNAME and WEBHOOK_PASSWORD must be set together'],
    [{ WEBHOOK_HEADER_NAME: 'x-s' }, 'WEBHOOK_HEADER_VALUE: WEBHOOK_HEADER_NAME and WEBHOOK_HEADER_VALUE must be set together'],
    [{ WEBHOOK_HEADER_VALUE: 'v' }, 'WEBHOOK_HEADER_NAME: WEBHOOK_HEADER_NAME and WEBHOOK_HEADER_VALUE must be set together'],
  ])('%p alone: %s', (env, line) => {
    expect(problems(env)).toEqual([line]);
  });

  it('reads credentials and URLs, without trailing slashes', () => {
    const config = loadConfig({
      REDDIT_CLIENT_ID: 'id',
      REDDIT_CLIENT_SECRET: 'secret',
      REDDIT_BASE_URL: 'http://127.0.0.1:9000//',
      REDDIT_OAUTH_URL: 'https://oauth.example/',
      WEBHOOK_USERNAME: 'u',
      WEBHOOK_PASSWORD: 'p',
    });
    expect(config.reddit).toMatchObject({ clientId: 'id', clientSecret: 'secret', baseUrl: 'http://127.0.0.1:9000', oauthUrl: 'https://oauth.example' });
    expect(config.auth).toEqual({ username: 'u', password: 'p' });
  });

  it('takes CONTENT_FILTER strict, standard or off, and says so otherwise', () => {
    expect(['strict', 'standard', 'off'].map((level) => loadConfig({ CONTENT_FILTER: level }).contentFilter)).toEqual(['strict', 'standard', 'off']);
    expect(problems({ CONTENT_FILTER: 'loose' })).toEqual(['CONTENT_FILTER="loose": must be one of strict, standard, off']);
  });

  it('never echoes REDIS_URL, which holds the password', () => {
    expect(problems({ REDIS_URL: 'http://:hunter2@host' })).toEqual([
      'REDIS_URL: must be a redis:// or rediss:// URL with a host, e.g. redis://:PASSWORD@10.0.0.3:6379',
    ]);
  });

  it.each(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])('takes LOG_LEVEL=%s', (level) => {
    expect(loadConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
  });

  it('takes a project id of 1 to 100 lower-case letters, digits, ":", "." and "-"', () => {
    expect(loadConfig({ GOOGLE_CLOUD_PROJECT: 'example.com:my-project-1' }).projectId).toBe('example.com:my-project-1');
    expect(loadConfig({ GOOGLE_CLOUD_PROJECT: 'p'.repeat(100) }).projectId).toBe('p'.repeat(100));
    expect(problems({ GOOGLE_CLOUD_PROJECT: 'p'.repeat(101) })).toEqual([`GOOGLE_CLOUD_PROJECT="${'p'.repeat(101)}": must be a project id`]);
  });
});
