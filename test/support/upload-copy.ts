/**
 * A copy of the repository (tracked files plus untracked ones git does not
 * ignore, so a new file counts before it is committed) with files planted that
 * must never be uploaded: secrets, tests, build output, editor leftovers.
 * What `.gcloudignore` leaves of it is what `gcloud functions deploy` uploads.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');

export const PLANTED: readonly string[] = [
  '.env',
  '.env.yaml',
  '.env.production',
  'src/.env.local',
  'key.pem',
  'src/secret.key',
  'service-account.json',
  'test/x.test.ts',
  'src/reddit/client.test.ts',
  'src/__tests__/helper.ts',
  'agent/intents/bye.json',
  'bench/run.ts',
  'build/agent.zip',
  'dist/index.js',
  'coverage/lcov.info',
  'node_modules/axios/index.js',
  'docs/deploy.md',
  'README.md',
  'jest.config.js',
  'npm-debug.log',
  'src/debug.log',
  '.vscode/settings.json',
  '.idea/workspace.xml',
  '.DS_Store',
  'src/index.ts~',
  '.git/HEAD',
];

export function makeUploadCopy(copy: string): { copy: string; repoFiles: string[] } {
  const repoFiles = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  for (const file of repoFiles) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(copy, file));
  }
  for (const file of PLANTED) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    writeFileSync(join(copy, file), 'planted\n');
  }
  return { copy, repoFiles };
}
