import { ConfigError, loadConfig } from '../src/config';

// The module object itself, so a spy sees the calls made by src/config.ts.
const fs = require('node:fs') as typeof import('node:fs');

/** loadConfig({}) with package.json read as `read` says; every other file is read as usual. */
function userAgentWith(read: () => string): string {
  const real = fs.readFileSync;
  const spy = jest.spyOn(fs, 'readFileSync').mockImplementation((path: unknown, options?: unknown) =>
    String(path).endsWith('package.json') ? read() : real(path as string, options as BufferEncoding));
  try {
    return loadConfig({}).reddit.userAgent;
  } finally {
    spy.mockRestore();
  }
}

describe('the default Reddit User-Agent names this package', () => {
  it('reads the name and version from package.json', () => {
    expect(userAgentWith(() => JSON.stringify({ name: 'some-fork', version: '2.3.4' }))).toBe('nodejs:some-fork:2.3.4');
  });

  it('falls back to the project name and 0.0.0 for what package.json lacks', () => {
    expect(userAgentWith(() => JSON.stringify({ version: '2.3.4' }))).toBe('nodejs:reddit-dialogflow-webhook:2.3.4');
    expect(userAgentWith(() => JSON.stringify({ name: 'some-fork' }))).toBe('nodejs:some-fork:0.0.0');
  });

  it.each([
    ['missing', () => {
      throw Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
    }],
    ['not JSON', () => 'version: 1'],
  ])('uses reddit-dialogflow-webhook 0.0.0 when package.json is %s', (_name, read) => {
    expect(userAgentWith(read)).toBe('nodejs:reddit-dialogflow-webhook:0.0.0');
  });
});

describe('config problems', () => {
  it('names each variable once, with its value unless it may be secret', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '0', WEBHOOK_PASSWORD: 'pw', REDDIT_CLIENT_SECRET: 'cs' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT="0": must be a whole number from 1 to 65535 (a TCP port)',
      'REDDIT_CLIENT_ID: REDDIT_CLIENT_SECRET needs REDDIT_CLIENT_ID (the id alone is an installed app, a secret alone is nothing)',
      'WEBHOOK_USERNAME: WEBHOOK_USERNAME and WEBHOOK_PASSWORD must be set together',
    ]);
  });
});
