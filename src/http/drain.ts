import type { IncomingMessage } from 'node:http';

/**
 * A refused request's body is read and thrown away up to this many bytes before
 * the answer goes out: a client still sending (Node's http client, curl) then
 * reads the error instead of a broken pipe. Past it, the answer goes out at once
 * and the connection is closed under the sender.
 */
export const DRAIN_MAX_BYTES = 16 * 1024 * 1024;

/** ...and for at most this long, so a client that trickles its body cannot hold the connection. */
export const DRAIN_MAX_MS = 10_000;

/**
 * Calls `answer` once the rest of the request body has been read and discarded,
 * or at once when nothing is left to read (the request is complete or gone, or
 * `req` is not a stream: a test's stand-in), when the declared Content-Length is over DRAIN_MAX_BYTES, when more
 * than DRAIN_MAX_BYTES arrive, after DRAIN_MAX_MS, or when the client goes away.
 * Nothing is kept: the bytes are counted and dropped.
 */
export function afterDrain(req: IncomingMessage, answer: () => void): void {
  const stream: Partial<IncomingMessage> = req; // a test's stand-in may lack any of these
  const declared = Number(stream.headers?.['content-length'] ?? 0);
  if (stream.complete !== false || stream.destroyed || typeof stream.resume !== 'function' || !(declared <= DRAIN_MAX_BYTES)) {
    answer();
    return;
  }
  let received = 0;
  let answered = false;
  const finish = () => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', finish);
    req.off('close', finish);
    answer();
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > DRAIN_MAX_BYTES) finish();
  };
  const timer = setTimeout(finish, DRAIN_MAX_MS);
  req.on('data', onData);
  req.once('end', finish);
  req.once('close', finish);
  // An aborted upload emits 'error' (when listened to) and 'close'; the answer then goes nowhere, harmlessly.
  req.on('error', () => undefined);
  req.resume();
}

/**
 * Closes the connection once more than `maxBytes` of the body have arrived. For a
 * body without a declared size (chunked): body-parser, past its limit, reads the
 * rest to the end before it reports, however long that is.
 */
export function closeBeyond(req: IncomingMessage, maxBytes: number): void {
  const stream: Partial<IncomingMessage> = req; // a test's stand-in may lack any of these
  if (stream.complete !== false || stream.destroyed || typeof stream.on !== 'function') return;
  let received = 0;
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > maxBytes) {
      req.off('data', onData);
      req.destroy();
    }
  };
  req.on('data', onData);
  req.once('end', () => req.off('data', onData));
}
