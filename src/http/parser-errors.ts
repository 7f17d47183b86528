import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkDeclaredSize } from './checks';
import { afterDrain } from './drain';
import { fromParserError, HttpError, sendError } from './errors';
import { frameworkRequire } from './framework';

type Handle = (this: unknown, req: IncomingMessage, res: ServerResponse, callback?: (err?: unknown) => void) => void;

let installed = false;

/**
 * functions-framework parses the body (body-parser, 1 GB limit) before our
 * function runs, and express answers parse errors with an HTML page. This wraps
 * express's app.handle so that, for every app in this process:
 * - a body declared larger than our limit is refused without being parsed (413);
 * - a parse error (malformed JSON, bad charset) gets our JSON error body.
 * It resolves express from functions-framework's own location, so it patches
 * the very copy that serves the function.
 */
export function installJsonErrorHandling(): void {
  if (installed) return;
  installed = true;
  const express = frameworkRequire('express') as { application: { handle: Handle } };
  const original = express.application.handle;
  express.application.handle = function handle(req, res, callback) {
    try {
      checkDeclaredSize(req.headers);
    } catch (error) {
      // The client may still be sending: read and drop the rest up to a bound, so it sees the
      // answer rather than EPIPE; then close instead of reading on (the framework would take 1 GB).
      afterDrain(req, () => {
        res.setHeader('Connection', 'close');
        sendError(res, error as HttpError);
      });
      return;
    }
    // Express's last step: an error, or no route answered (sendError does nothing once an answer went out).
    const done = callback ?? ((err?: unknown) => sendError(res, err ? fromParserError(err) : new HttpError(404, 'invalid_request', 'Not found')));
    original.call(this, req, res, done);
  };
}
