import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODERATION_SCOPES } from '../../src/moderation/google';
import { assertBundleBuilt, WEBHOOK_BUNDLE } from '../support/server';

/**
 * google-auth-library is bundled on its own into dist/google-auth.cjs (scripts/bundle.ts), not
 * installed as a dependency. On Cloud Run it gets the service account's token from the metadata
 * server: here a local one (GCE_METADATA_HOST, which gcp-metadata reads) that refuses, as the real
 * one does, a request without `Metadata-Flavor: Google`. The bundle runs in its own Node process,
 * with no other credentials in its environment.
 */

const GOOGLE_AUTH_BUNDLE = join(WEBHOOK_BUNDLE, '..', 'google-auth.cjs');

function startMetadataServer(): Promise<{ server: Server; host: string; asked: string[] }> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(req.url ?? '');
    if (req.headers['metadata-flavor'] !== 'Google') {
      res.writeHead(403, { 'content-type': 'text/html' }).end('Missing Metadata-Flavor:Google header.');
      return;
    }
    res.setHeader('Metadata-Flavor', 'Google');
    const path = (req.url ?? '').split('?')[0];
    if (path === '/computeMetadata/v1/instance/service-accounts/default/token') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ access_token: 'ya29.service-account-token', expires_in: 3599, token_type: 'Bearer' }));
    } else if (path === '/computeMetadata/v1/project/project-id') {
      res.end('my-project');
    } else if (path === '/computeMetadata/v1/instance' || path === '/computeMetadata/v1/instance/') {
      res.end('');
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, host: `127.0.0.1:${String((server.address() as AddressInfo).port)}`, asked })));
}

/** The Authorization header the bundled GoogleAuth (Application Default Credentials) puts on a moderateText call. */
function authorizationFromBundle(metadataHost: string): Promise<string> {
  const script = `
    const { GoogleAuth } = require(${JSON.stringify(GOOGLE_AUTH_BUNDLE)});
    new GoogleAuth({ scopes: ${JSON.stringify(MODERATION_SCOPES)} })
      .getRequestHeaders('https://language.googleapis.com/v2/documents:moderateText')
      .then((headers) => process.stdout.write(String(headers.get('authorization'))), (error) => { process.stderr.write(String(error)); process.exit(1); });`;
  const home = mkdtempSync(join(tmpdir(), 'adc-home-'));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', script],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, GCE_METADATA_HOST: metadataHost }, timeout: 30_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

describe('google-auth-library, bundled apart', () => {
  beforeAll(() => assertBundleBuilt());

  it("signs with the service account's token from the metadata server, as on Cloud Run", async () => {
    const { server, host, asked } = await startMetadataServer();
    try {
      expect(await authorizationFromBundle(host)).toBe('Bearer ya29.service-account-token');
      expect(asked.some((url) => url.startsWith('/computeMetadata/v1/instance/service-accounts/default/token'))).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
