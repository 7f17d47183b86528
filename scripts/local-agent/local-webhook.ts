/**
 * Serves the real function in this process, through functions-framework's
 * express app, on a free loopback port: what `npm run chat` and `npm run demo`
 * talk to when no `--url` is given.
 */
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { preloadResponseLibrary } from '../../src/dialogflow/response';
import { installJsonErrorHandling } from '../../src/http/parser-errors';
import type { Logger } from '../../src/log';

export interface LocalWebhook {
  readonly url: string;
  close(): Promise<void>;
}

let counter = 0;

/** `env` is read like the deployed function reads its environment (src/config.ts). */
export async function startLocalWebhook(env: NodeJS.ProcessEnv, options: { log?: Logger } = {}): Promise<LocalWebhook> {
  installJsonErrorHandling();
  preloadResponseLibrary();
  const config = loadConfig(env);
  // functions-framework keeps registered functions by name; one name per server.
  const name = `local-webhook-${process.pid}-${++counter}`;
  http(name, createApp({ config, log: options.log }));
  const server = getTestServer(name);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
