import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';

/** Enough of a ServerResponse for InFlight: 'close' when done, and the JSON sink surface. */
export class FakeResponse extends EventEmitter {
  headersSent = false;
  statusCode = 200;
  body = '';
  readonly headers: Record<string, string> = {};
  setHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }
  end(body = ''): void {
    this.body = body;
    this.headersSent = true;
    setImmediate(() => this.emit('close'));
  }
}

export const asResponse = (res: FakeResponse) => res as unknown as ServerResponse;
