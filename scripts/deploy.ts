/**
 * `npm run deploy`: the real gcloud, Dialogflow API and files around
 * scripts/deploy/main.ts, where the decisions are.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readTree } from './agent/files';
import { createDialogflowCxApi } from './deploy/cx-api';
import { createDialogflowApi } from './deploy/dialogflow';
import { EXIT_NOT_FOUND, GcloudMissingError, runGcloud } from './deploy/gcloud';
import { main } from './deploy/main';

const root = process.cwd();

main(process.argv.slice(2), {
  root,
  env: process.env,
  today: new Date(),
  gcloud: (args, capture) => runGcloud(args, root, capture),
  dialogflow: (project) => createDialogflowApi({ project }),
  agentFiles: () => readTree(join(root, 'agent')),
  async saveZip(zip) {
    const path = join('build', 'agent.zip');
    await mkdir(join(root, 'build'), { recursive: true });
    await writeFile(join(root, path), zip);
    return path;
  },
  dialogflowCx: (project, location) => createDialogflowCxApi({ project, location }),
  cxAgentFiles: () => readTree(join(root, 'agent-cx')),
  async saveCxZip(zip) {
    const path = join('build', 'agent-cx.zip');
    await mkdir(join(root, 'build'), { recursive: true });
    await writeFile(join(root, path), zip);
    return path;
  },
  newSessionId: () => `deploy-smoke-${randomUUID()}`,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof GcloudMissingError) {
      console.error(`deploy: ${error.message}`);
      process.exitCode = EXIT_NOT_FOUND;
      return;
    }
    console.error(error);
    process.exitCode = 1;
  },
);
