import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
  json: any;
}

export interface RawRequest {
  method?: string;
  /** Sent as is, even `//` or `/%00`. */
  path?: string;
  headers?: Record<string, string>;
  /** Sent with Content-Length; `chunks` instead sends it in pieces with chunked transfer encoding. */
  body?: string | Buffer;
  chunks?: Array<string | Buffer>;
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function parseResponse(raw: Buffer): RawResponse {
  const headEnd = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, headEnd < 0 ? raw.length : headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = headEnd < 0 ? Buffer.alloc(0) : raw.subarray(headEnd + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  const text = body.toString('utf8');
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, headers, text, json };
}

/**
 * One HTTP/1.1 exchange written by hand on a TCP socket: full control over
 * method, path, headers and framing (what fetch and http.request normalise
 * away), and invisible to nock, which only intercepts HTTP clients.
 */
export function sendRaw(baseUrl: string, options: RawRequest): Promise<RawResponse> {
  const base = new URL(baseUrl);
  const headers: Record<string, string> = { host: base.host, connection: 'close', ...options.headers };
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  if (options.chunks) headers['transfer-encoding'] = 'chunked';
  else if (body) headers['content-length'] = String(body.length);
  const head = [`${options.method ?? 'POST'} ${options.path ?? '/'} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return new Promise((resolve, reject) => {
    const received: Buffer[] = [];
    const socket = connect(Number(base.port), base.hostname);
    socket.on('data', (part) => received.push(part));
    // The server may answer and close before the whole body is sent; the answer is what counts.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('close', () => {
      const raw = Buffer.concat(received);
      if (raw.length === 0) reject(new Error('connection closed without an answer'));
      else resolve(parseResponse(raw));
    });
    socket.write(`${head}\r\n\r\n`);
    if (options.chunks) {
      for (const chunk of options.chunks) {
        const bytes = Buffer.from(chunk);
        if (bytes.length > 0) socket.write(Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]));
      }
      socket.write('0\r\n\r\n');
    } else if (body) {
      socket.write(body);
    }
    // No half-close: node's server drops a request whose client sent FIN before the answer.
    // `connection: close` makes the server close once it has answered.
  });
}
