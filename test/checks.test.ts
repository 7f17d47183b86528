import { BASIC_CHALLENGE, checkCredentials, checkHead } from '../src/http/checks';
import { HttpError } from '../src/http/errors';

// The module object itself (not an import namespace copy), so a spy sees the calls made by src/.
const crypto = require('node:crypto') as typeof import('node:crypto');

const AUTH = { username: 'dialogflow', password: 'correct horse battery staple' };
const HEADER = { name: 'x-webhook-secret', value: 'shared-secret-value' };

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function refusal(run: () => void): HttpError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error as HttpError;
  }
}

describe('checkCredentials', () => {
  afterEach(() => jest.restoreAllMocks());

  it('accepts the right Basic credentials', () => {
    expect(refusal(() => checkCredentials({ authorization: basic(AUTH.username, AUTH.password) }, { auth: AUTH }))).toBeUndefined();
    // Scheme names are case-insensitive, and a colon may be part of the password.
    const withColon = { username: 'u', password: 'p:with:colons' };
    expect(refusal(() => checkCredentials({ authorization: basic('u', 'p:with:colons').replace('Basic', 'basic') }, { auth: withColon }))).toBeUndefined();
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a wrong password', basic(AUTH.username, 'wrong')],
    ['a wrong user', basic('someone', AUTH.password)],
    ['the password only', `Basic ${Buffer.from(AUTH.password).toString('base64')}`],
    ['a password prefix', basic(AUTH.username, AUTH.password.slice(0, -1))],
    ['a longer password', basic(AUTH.username, `${AUTH.password}x`)],
    ['another scheme', `Bearer ${AUTH.password}`],
    ['credentials that are not base64', `Basic ${AUTH.username}:${AUTH.password}`],
  ])('refuses %s with 401 and a Basic challenge', (_name, authorization) => {
    const error = refusal(() => checkCredentials({ authorization }, { auth: AUTH }));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized', headers: { 'WWW-Authenticate': BASIC_CHALLENGE } });
    expect(error!.message).not.toMatch(/password|user/i); // says nothing about which part was wrong
  });

  it('compares with crypto.timingSafeEqual on equal-length digests, for user and password, even when the lengths differ', () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    refusal(() => checkCredentials({ authorization: basic('x', 'y') }, { auth: AUTH }));
    expect(spy).toHaveBeenCalledTimes(2);
    for (const [a, b] of spy.mock.calls) {
      expect((a as Buffer).length).toBe(32);
      expect((b as Buffer).length).toBe(32);
    }
    spy.mockClear();
    refusal(() => checkCredentials({}, { auth: AUTH, headerSecret: HEADER }));
    expect(spy).toHaveBeenCalledTimes(3); // no short cut: a missing header still costs every comparison
  });

  it('accepts the right header secret and refuses a wrong, missing or repeated one', () => {
    expect(refusal(() => checkCredentials({ [HEADER.name]: HEADER.value }, { headerSecret: HEADER }))).toBeUndefined();
    for (const headers of [{}, { [HEADER.name]: 'wrong' }, { [HEADER.name]: '' }, { [HEADER.name]: [HEADER.value, HEADER.value] }, { 'x-other': HEADER.value }]) {
      const error = refusal(() => checkCredentials(headers, { headerSecret: HEADER }));
      expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
      expect(error!.headers).toEqual({}); // no Basic challenge when Basic auth is not configured
    }
  });

  it('needs both when both are configured', () => {
    const both = { auth: AUTH, headerSecret: HEADER };
    const good = { authorization: basic(AUTH.username, AUTH.password), [HEADER.name]: HEADER.value };
    expect(refusal(() => checkCredentials(good, both))).toBeUndefined();
    expect(refusal(() => checkCredentials({ ...good, [HEADER.name]: 'nope' }, both))).toMatchObject({ status: 401 });
    expect(refusal(() => checkCredentials({ ...good, authorization: undefined }, both))).toMatchObject({ status: 401 });
  });

  it('lets everything through when nothing is configured', () => {
    expect(refusal(() => checkCredentials({}, {}))).toBeUndefined();
  });
});

describe('checkHead', () => {
  it('checks credentials before method, size and content type', () => {
    const headers = { 'content-type': 'text/plain', 'content-length': String(10 * 1024 * 1024) };
    expect(refusal(() => checkHead('GET', headers, { auth: AUTH }))).toMatchObject({ status: 401 });
    const authorized = { ...headers, authorization: basic(AUTH.username, AUTH.password) };
    expect(refusal(() => checkHead('GET', authorized, { auth: AUTH }))).toMatchObject({ status: 405 });
    expect(refusal(() => checkHead('POST', authorized, { auth: AUTH }))).toMatchObject({ status: 413 });
    expect(refusal(() => checkHead('POST', { ...authorized, 'content-length': '10' }, { auth: AUTH }))).toMatchObject({ status: 415 });
    expect(refusal(() => checkHead('POST', { ...authorized, 'content-length': '10', 'content-type': 'application/json; charset=utf-8' }, { auth: AUTH }))).toBeUndefined();
  });
});
