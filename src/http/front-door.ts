import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { MAX_BODY_BYTES } from './checks';
import { afterDrain, closeBeyond, DRAIN_MAX_BYTES } from './drain';
import { fromParserError, HttpError, sendError } from './errors';
import { FRAMEWORK_DIR, frameworkRequire } from './framework';
import { closeOnShutdown, requestsInFlight } from './shutdown';

/** What the front door runs for a function. */
export interface Preflight {
  /** Checks of the request line and headers; throws an HttpError to refuse. */
  check(req: IncomingMessage): void;
  /** Called once for every request the front door refuses (for the request log). */
  refused(req: IncomingMessage, error: HttpError, startedAt: number): void;
}

const PREFLIGHT = Symbol.for('reddit-dialogflow-webhook.preflight');

export interface PreflightFunction {
  readonly [PREFLIGHT]: Preflight;
}

/** Marks an HTTP function with the checks its front door runs before the body is read. */
export function withPreflight<F extends object>(fn: F, preflight: Preflight): F & PreflightFunction {
  return Object.assign(fn, { [PREFLIGHT]: preflight });
}

type BodyParser = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
type BodyParserModule = { json(options: Record<string, unknown>): BodyParser };

let jsonBody: BodyParser | undefined;
function readJsonBody(): BodyParser {
  // functions-framework's own copy of body-parser, so charset and encoding handling match its parser.
  jsonBody ??= (frameworkRequire('body-parser') as BodyParserModule).json({
    limit: MAX_BODY_BYTES,
    type: () => true, // the preflight already refused other content types
    strict: true,
    verify: (req: IncomingMessage & { rawBody?: Buffer }, _res: ServerResponse, buf: Buffer) => {
      req.rawBody = buf;
    },
  });
  return jsonBody;
}

function refuse(res: ServerResponse, error: HttpError): void {
  // The body was read and dropped up to a bound (afterDrain) or not at all: do not keep the connection.
  // Nothing has been sent yet: only the checks and the body read ran, and neither writes.
  res.setHeader('Connection', 'close');
  sendError(res, error);
}

/**
 * Runs in front of functions-framework's express app: the preflight first (so
 * credentials are checked before anything else, on every path, even for a
 * body that would not parse), then reads the JSON body with our size limit
 * instead of the framework's 1 GB one. Once the body is read, the framework's
 * parsers see a finished request and leave `req.body` alone.
 */
export function frontDoor(preflight: Preflight, app: RequestListener): RequestListener {
  return (req, res) => {
    const startedAt = performance.now();
    requestsInFlight.track(res);
    const turnAway = (error: unknown) => {
      const mapped = error instanceof HttpError ? error : fromParserError(error);
      // Nothing has run yet but the checks and the body read: whatever failed, it was the request.
      const httpError = mapped.status >= 500 ? new HttpError(400, 'invalid_request', 'The request could not be read') : mapped;
      // A client still sending its body would get EPIPE, not the answer, if the connection closed under it.
      afterDrain(req, () => {
        refuse(res, httpError);
        preflight.refused(req, httpError, startedAt);
      });
    };
    try {
      preflight.check(req);
    } catch (error) {
      turnAway(error);
      return;
    }
    readJsonBody()(req, res, (error) => {
      if (error) turnAway(error);
      else app(req, res);
    });
    // Past its limit, body-parser drops the rest of a chunked body to its end before it reports: bound that too.
    // After the call, so body-parser is listening before any byte flows.
    closeBeyond(req, MAX_BODY_BYTES + DRAIN_MAX_BYTES);
  };
}

type GetServer = (this: unknown, userFunction: unknown, options: unknown) => Server;

type HttpFunction = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Calls the function itself once the front door has checked the request and read its body,
 * instead of functions-framework's express app. For our function the app only repeats work:
 * routing every path to it, four body parsers that find the body already read, an execution
 * id and a domain per request. That was about half of a warm request's CPU (measured with
 * `scripts/bench`'s warm run). The function answers every request itself and never throws;
 * should it ever, the caller gets the contract's JSON 500, as the framework's domain would
 * have given a 500.
 */
export function callDirectly(fn: HttpFunction): RequestListener {
  const failed = (res: ServerResponse) => {
    if (!res.headersSent) sendError(res, new HttpError(500, 'internal', 'Internal error'));
  };
  return (req, res) => {
    try {
      const done = fn(req, res);
      // One `then` on the function's own promise; no wrapper promise on the hot path.
      if (done instanceof Promise) done.then(undefined, () => failed(res));
    } catch {
      failed(res);
    }
  };
}

let installed = false;

/**
 * Wraps functions-framework's getServer (used by its CLI and by
 * getTestServer alike) so that the server of a function marked with
 * withPreflight gets the front door. The framework module is resolved from
 * the framework's own location, so this patches the copy that serves.
 */
export function installFrontDoor(): void {
  if (installed) return;
  installed = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the framework's own copy, found at run time
  const serverModule = require(join(FRAMEWORK_DIR, 'server.js')) as {
    getServer: GetServer;
  };
  const original = serverModule.getServer;
  serverModule.getServer = function getServer(userFunction, options) {
    const preflight = (userFunction as Partial<PreflightFunction> | undefined)?.[PREFLIGHT];
    if (typeof preflight?.check !== 'function') return original.call(this, userFunction, options);
    // The framework answers /favicon.ico and /robots.txt itself with an empty 404 unless
    // told otherwise ('' = no ignored routes); our function answers every path in JSON.
    const opts = options as { ignoredRoutes?: string | null } | undefined;
    const server = original.call(this, userFunction, opts && opts.ignoredRoutes == null ? { ...opts, ignoredRoutes: '' } : options);
    const listeners = server.listeners('request') as RequestListener[];
    const app = listeners[0];
    if (listeners.length !== 1 || !app) return server; // not the shape we know: leave it alone
    // LOG_EXECUTION_ID (--log-execution-id) needs the framework's per-request execution context,
    // which only its app sets up: then requests go through the app, as before the direct call.
    const viaApp = (opts as { enableExecutionId?: unknown } | undefined)?.enableExecutionId === true;
    server.removeAllListeners('request');
    server.on('request', frontDoor(preflight, viaApp ? app : callDirectly(userFunction as HttpFunction)));
    closeOnShutdown(server);
    return server;
  };
}
