import { fromParserError, HttpError } from '../../src/http/errors';

function mapped(error: unknown): [number, string, string] {
  const e = fromParserError(error);
  return [e.status, e.code, e.message];
}

describe('fromParserError maps body-parser / raw-body failures', () => {
  it.each([
    ['entity.parse.failed', 400, 'bad_json', 'The request body is not valid JSON'],
    ['entity.too.large', 413, 'payload_too_large', 'The request body is too large'],
    ['encoding.unsupported', 415, 'unsupported_media_type', 'Unsupported body encoding or charset'],
    ['charset.unsupported', 415, 'unsupported_media_type', 'Unsupported body encoding or charset'],
    ['request.aborted', 400, 'invalid_request', 'The request body was incomplete'],
    ['request.size.invalid', 400, 'invalid_request', 'The request body was incomplete'],
  ])('type %s -> %i %s', (type, status, code, message) => {
    // a status the type must override
    expect(mapped({ type, status: 499 })).toEqual([status, code, message]);
  });

  it.each([
    [{ status: 400 }, 400, 'invalid_request', 'The request could not be read'],
    [{ status: 499 }, 499, 'invalid_request', 'The request could not be read'],
    [{ statusCode: 404 }, 404, 'invalid_request', 'The request could not be read'],
    [{ status: 403, statusCode: 500 }, 403, 'invalid_request', 'The request could not be read'],
    [{ status: 399 }, 500, 'internal', 'Internal error'],
    [{ status: 500 }, 500, 'internal', 'Internal error'],
    [{ status: '400' }, 500, 'internal', 'Internal error'],
    [{}, 500, 'internal', 'Internal error'],
  ])('other error %j -> %i %s', (error, status, code, message) => {
    expect(mapped(error)).toEqual([status, code, message]);
  });

  it('does not throw on null / undefined', () => {
    expect(mapped(null)).toEqual([500, 'internal', 'Internal error']);
    expect(mapped(undefined)).toEqual([500, 'internal', 'Internal error']);
  });

  it('HttpError has the name HttpError', () => {
    expect(new HttpError(400, 'bad_json', 'x').name).toBe('HttpError');
  });
});
