/** Error answers of the HTTP contract: JSON `{"error": {"code", "message"}}`, never HTML or a stack. */
export type ErrorCode =
  | 'bad_json'
  | 'invalid_request'
  | 'unsupported_version'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'method_not_allowed'
  | 'unauthorized'
  | 'unavailable'
  | 'internal';

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode, message: string): { error: { code: ErrorCode; message: string } } {
  return { error: { code, message } };
}

/** Minimal response surface, shared by express and node's ServerResponse. */
export interface JsonSink {
  headersSent: boolean;
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

export function sendJson(res: JsonSink, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(JSON.stringify(body));
}

export function sendError(res: JsonSink, error: HttpError): void {
  sendJson(res, error.status, errorBody(error.code, error.message), error.headers);
}

/**
 * Body-parser failures happen inside functions-framework before our function
 * runs; this maps them to the contract's status and code.
 */
export function fromParserError(error: unknown): HttpError {
  const e = error as { type?: string; status?: number; statusCode?: number } | null | undefined;
  switch (e?.type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'bad_json', 'The request body is not valid JSON');
    case 'entity.too.large':
      return new HttpError(413, 'payload_too_large', 'The request body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported_media_type', 'Unsupported body encoding or charset');
    case 'request.aborted':
    case 'request.size.invalid':
      return new HttpError(400, 'invalid_request', 'The request body was incomplete');
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(status, 'invalid_request', 'The request could not be read');
  }
  return new HttpError(500, 'internal', 'Internal error');
}
