import { checkContentType, checkCredentials, checkDeclaredSize, checkMethod } from '../../src/http/checks';
import { refusalOf } from '../support/http-refusal';

const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString('base64')}`;

describe('checkMethod', () => {
  it.each(['GET', 'post', 'PUT', undefined])('answers %s with 405, Allow: POST', (method) => {
    expect(refusalOf(() => checkMethod(method))).toEqual({
      status: 405,
      code: 'method_not_allowed',
      message: 'Only POST is supported',
      headers: { Allow: 'POST' },
    });
  });

  it('lets POST through', () => {
    expect(refusalOf(() => checkMethod('POST'))).toBe('ok');
  });
});

describe('checkContentType', () => {
  it.each([
    ['no Content-Type', {}],
    ['an empty one', { 'content-type': '' }],
    ['text/plain', { 'content-type': 'text/plain' }],
    ['a JSON look-alike', { 'content-type': 'application/jsonx' }],
  ])('answers %s with 415', (_name, headers) => {
    expect(refusalOf(() => checkContentType(headers))).toEqual({
      status: 415,
      code: 'unsupported_media_type',
      message: 'Content-Type must be application/json',
      headers: {},
    });
  });

  it('accepts application/json in any case, with parameters and spaces', () => {
    expect(refusalOf(() => checkContentType({ 'content-type': ' Application/JSON ; charset=utf-8' }))).toBe('ok');
  });
});

describe('checkDeclaredSize', () => {
  it('accepts a Content-Length of 65536 and refuses 65537 with 413', () => {
    expect(refusalOf(() => checkDeclaredSize({ 'content-length': '65536' }))).toBe('ok');
    expect(refusalOf(() => checkDeclaredSize({ 'content-length': '65537' }))).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: 'The request body is larger than 65536 bytes',
      headers: {},
    });
  });
});

describe('checkCredentials, edge cases of the credentials themselves', () => {
  const unauthorized = (headers: Record<string, string>) => ({ status: 401, code: 'unauthorized', message: 'Missing or wrong credentials', headers });
  const challenge = { 'WWW-Authenticate': 'Basic realm="dialogflow-webhook", charset="UTF-8"' };

  it('refuses Basic credentials without a colon, whatever their text', () => {
    // Sliced at a missing colon, "abc" would give the user "ab" and the password "abc".
    expect(refusalOf(() => checkCredentials({ authorization: basic('abc') }, { auth: { username: 'ab', password: 'abc' } }))).toEqual(unauthorized(challenge));
  });

  it('splits at the first colon, so an empty user id is one (RFC 7617)', () => {
    expect(refusalOf(() => checkCredentials({ authorization: basic(':pw') }, { auth: { username: '', password: 'pw' } }))).toBe('ok');
    expect(refusalOf(() => checkCredentials({ authorization: basic('u::pw') }, { auth: { username: 'u', password: ':pw' } }))).toBe('ok');
  });

  it('refuses a missing header secret even if the secret is the text "undefined"', () => {
    expect(refusalOf(() => checkCredentials({}, { headerSecret: { name: 'x-secret', value: 'undefined' } }))).toEqual(unauthorized({}));
  });

  it('refuses a repeated header secret even if its copies joined would match', () => {
    const headers = { 'x-secret': ['a', 'b'] };
    expect(refusalOf(() => checkCredentials(headers, { headerSecret: { name: 'x-secret', value: 'a,b' } }))).toEqual(unauthorized({}));
  });
});
