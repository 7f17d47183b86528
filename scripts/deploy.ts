/**
 * `npm run deploy`: checks the inputs, prints the gcloud command, and (unless
 * --dry-run) runs it with the terminal attached. The decisions live in
 * scripts/deploy/plan.ts and scripts/deploy/env-file.ts; this file only reads
 * files and starts gcloud.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants } from 'node:os';
import { checkEnvFile, checkSecretsWithoutEnvFile } from './deploy/env-file';
import { buildGcloudArgs, DeployInputError, deployWarnings, formatCommand, parseDeployArgs, USAGE } from './deploy/plan';
import { IGNORE_FILE } from './deploy/upload-set';

const EXIT_USAGE = 2;
const EXIT_NOT_FOUND = 127;

/** Returns the env file to pass to gcloud, or undefined when there is none to pass. */
function resolveEnvFile(root: string, request: ReturnType<typeof parseDeployArgs>): string | undefined {
  const { path, explicit } = request.envFile;
  const secrets = {
    reddit: Boolean(request.redditSecret),
    password: Boolean(request.passwordSecret),
    header: Boolean(request.headerSecret),
  };
  if (!existsSync(join(root, path))) {
    if (explicit) throw new DeployInputError([`--env-vars-file: ${path} does not exist`]);
    checkSecretsWithoutEnvFile(path, secrets);
    return undefined;
  }
  checkEnvFile(readFileSync(join(root, path), 'utf8'), path, secrets);
  return path;
}

/** `--source=.` uploads the working directory: make sure it is this project, with its ignore file. */
function checkSourceDir(root: string): void {
  const problems: string[] = [];
  if (!existsSync(join(root, 'package.json'))) {
    problems.push(`no package.json in ${root}: run this from the project root (npm run deploy does)`);
  }
  if (!existsSync(join(root, IGNORE_FILE))) {
    problems.push(`no ${IGNORE_FILE} in ${root}: gcloud would upload everything here, env files included`);
  }
  if (problems.length > 0) throw new DeployInputError(problems);
}

function runGcloud(args: string[], cwd: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('gcloud', args, { cwd, stdio: 'inherit' });
    // Ctrl-C reaches gcloud through the terminal; wait for it to finish instead of dying first.
    const ignoreSignal = () => {};
    process.on('SIGINT', ignoreSignal);
    process.on('SIGTERM', ignoreSignal);
    const done = (code: number) => {
      process.off('SIGINT', ignoreSignal);
      process.off('SIGTERM', ignoreSignal);
      resolve(code);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        console.error(
          'deploy: gcloud is not on PATH. Install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install), ' +
            'run "gcloud auth login", or use --dry-run to print the command.',
        );
        done(EXIT_NOT_FOUND);
      } else {
        console.error(`deploy: could not start gcloud: ${error.message}`);
        done(1);
      }
    });
    child.on('exit', (code, signal) => {
      done(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}

async function main(argv: string[]): Promise<number> {
  const root = process.cwd();
  try {
    const request = parseDeployArgs(argv, process.env);
    if (request.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    checkSourceDir(root);
    const envFile = resolveEnvFile(root, request);
    const args = buildGcloudArgs(request, envFile);
    for (const warning of deployWarnings(request)) console.error(`deploy: warning: ${warning}`);
    console.log(formatCommand(['gcloud', ...args]));
    if (request.dryRun) return 0;
    return await runGcloud(args, root);
  } catch (error) {
    if (error instanceof DeployInputError) {
      for (const problem of error.problems) console.error(`deploy: ${problem}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
