import type { Server, ServerResponse } from 'node:http';
import type { Logger } from '../log';
import { errorBody, sendJson } from './errors';

/**
 * Cloud Run (and so Cloud Functions gen2) sends SIGTERM before stopping an
 * instance and kills it 10 s later. functions-framework's own SIGTERM/SIGINT
 * listener answers the latest request with a 500 "crash" and exits at once,
 * cutting off every request still waiting for Reddit. So: count responses in
 * flight, and hold back other listeners of these signals until they are done
 * (or a grace period passes, well inside the 10 s).
 */
export const SHUTDOWN_GRACE_MS = 8000;
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** Responses not yet finished. A response counts until its 'close' (sent, or the client went away). */
export class InFlight {
  private readonly open = new Set<ServerResponse>();
  private idle: Array<() => void> = [];

  track(res: ServerResponse): void {
    if (this.open.has(res)) return;
    this.open.add(res);
    res.once('close', () => {
      this.open.delete(res);
      if (this.open.size === 0) for (const wake of this.idle.splice(0)) wake();
    });
  }

  get size(): number {
    return this.open.size;
  }

  /** Resolves true once nothing is in flight, or false when `timeoutMs` passes first. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.open.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.idle = this.idle.filter((wake) => wake !== done);
        resolve(false);
      }, timeoutMs);
      timer.unref(); // the open responses keep the process alive, not this timer
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.idle.push(done);
    });
  }

  /** Answers whatever is still open (JSON, never the framework's crash page) before the process goes. */
  answerLeftovers(): number {
    let answered = 0;
    for (const res of this.open) {
      if (res.headersSent) continue;
      res.setHeader('Connection', 'close');
      sendJson(res, 503, errorBody('unavailable', 'The server is restarting; please retry'), { 'Retry-After': '1' });
      answered += 1;
    }
    return answered;
  }
}

/** Every response of this process (signals are per process, so is this). */
export const requestsInFlight = new InFlight();

const servers = new Set<Server>();

/** Servers stop accepting connections when a shutdown starts (idle keep-alive ones close too). */
export function closeOnShutdown(server: Server): void {
  servers.add(server);
  server.once('close', () => servers.delete(server));
}

export interface ShutdownOptions {
  inFlight?: InFlight;
  graceMs?: number;
  log: Logger;
  /** For tests; the real one is `process`. */
  target?: NodeJS.EventEmitter;
}

type SignalListener = (signal: NodeJS.Signals) => void;

let installed = false;

/**
 * From now on, any other SIGTERM/SIGINT listener (functions-framework adds
 * its own once the server listens) runs only after the requests in flight
 * finish or the grace period ends. A second signal during the wait runs it at
 * once (Ctrl-C twice).
 */
export function installGracefulShutdown(options: ShutdownOptions): void {
  const target = options.target ?? process;
  if (target === process && installed) return;
  if (target === process) installed = true;
  const inFlight = options.inFlight ?? requestsInFlight;
  const graceMs = options.graceMs ?? SHUTDOWN_GRACE_MS;
  const deferred = new WeakSet<(...args: unknown[]) => void>();
  let draining: Promise<void> | undefined;

  const drain = (signal: string): Promise<void> => {
    draining ??= (async () => {
      options.log.info({ signal, inFlight: inFlight.size, graceMs }, 'shutting down: finishing requests in flight');
      for (const server of servers) server.close();
      const done = await inFlight.drained(graceMs);
      if (!done) {
        const answered = inFlight.answerLeftovers();
        options.log.warn({ signal, answered }, 'shutting down: grace period over, answered the rest with 503');
        // Give the 503s a moment to leave before the framework exits.
        await inFlight.drained(200);
      } else {
        options.log.info({ signal }, 'shutting down: all requests finished');
      }
    })();
    return draining;
  };

  const defer = (listener: SignalListener): SignalListener => {
    let seen = 0;
    const wrapper: SignalListener = (signal) => {
      seen += 1;
      if (seen > 1) return listener(signal); // asked twice: stop waiting
      void drain(signal).then(() => listener(signal));
    };
    deferred.add(wrapper as (...args: unknown[]) => void);
    return wrapper;
  };

  target.on('newListener', (event: string | symbol, listener: (...args: unknown[]) => void) => {
    if (!(SIGNALS as readonly (string | symbol)[]).includes(event) || deferred.has(listener)) return;
    // 'newListener' fires before the listener is added: swap it right after.
    queueMicrotask(() => {
      target.removeListener(event, listener);
      target.on(event, defer(listener as SignalListener));
    });
  });
}
