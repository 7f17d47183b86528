/**
 * `npm run deploy` without the process around it: argv and environment in,
 * exit code out. scripts/deploy.ts supplies the real gcloud, Dialogflow client
 * and files; tests supply fakes for the parts that would leave the machine.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { takeCxArgs, CX_USAGE, type CxRequest } from './cx-args';
import { cxAuthProblems, formatCxPlan, runCxSteps, type CxStepDeps } from './cx-steps';
import { checkEnvFile, checkSecretsWithoutEnvFile, envFileText, withModeration } from './env-file';
import { DeployInputError, deployWarnings, MODERATION_ENV, parseDeployArgs, RUNTIME_ENV, USAGE, wantsHelp, type DeployRequest } from './plan';
import { checkRedditAccess } from './reddit-access';
import { EXIT_FAILED_STEP, formatPlan, runSteps, type DeployPlan, type StepDeps } from './steps';
import { IGNORE_FILE, uploadFilter } from './upload-set';

export const EXIT_USAGE = 2;

/** The CX parts are needed only with --cx (scripts/deploy.ts always gives them). */
export interface MainDeps extends StepDeps, Partial<Pick<CxStepDeps, 'dialogflowCx' | 'cxAgentFiles' | 'saveCxZip'>> {
  readonly root: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly today: Date;
  err(line: string): void;
}

/** The env file to pass to gcloud and its variables; none when there is no file. */
function resolveEnvFile(root: string, request: DeployRequest): Pick<DeployPlan, 'envFile' | 'envVars'> {
  const { path, explicit } = request.envFile;
  const secrets = {
    reddit: Boolean(request.redditSecret),
    password: Boolean(request.passwordSecret),
    header: Boolean(request.headerSecret),
    redis: Boolean(request.redisSecret),
  };
  if (!existsSync(join(root, path))) {
    if (explicit) throw new DeployInputError([`--env-vars-file: ${path} does not exist`]);
    checkSecretsWithoutEnvFile(path, secrets);
    return { envFile: undefined, envVars: {} };
  }
  return { envFile: path, envVars: checkEnvFile(readFileSync(join(root, path), 'utf8'), path, secrets, root) };
}

/**
 * The function's variables are the env file's, plus MODERATION=google unless --no-moderation, plus
 * RUNTIME_ENV, passed to gcloud as MODERATION_ENV.file (written once every check passed: writeDeployedEnv).
 */
function deployedEnv(request: DeployRequest, given: Pick<DeployPlan, 'envFile' | 'envVars'>): Pick<DeployPlan, 'envFile' | 'envVars'> {
  const envVars = withModeration(given.envVars, request.moderation, given.envFile ?? request.envFile.path);
  return { envFile: MODERATION_ENV.file, envVars: { ...RUNTIME_ENV, ...envVars } };
}

/** A --dry-run writes it too: its printed command is meant to be pasted, and gcloud reads the file while parsing. */
function writeDeployedEnv(root: string, plan: DeployPlan): void {
  const file = join(root, MODERATION_ENV.file);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, envFileText(plan.envVars));
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

export async function main(argv: readonly string[], deps: MainDeps): Promise<number> {
  if (wantsHelp(argv)) {
    deps.out(`${USAGE}${CX_USAGE}`);
    return 0;
  }
  let plan: DeployPlan;
  let cx: CxRequest | undefined;
  const warnings: string[] = [];
  try {
    const taken = takeCxArgs(argv);
    cx = taken.cx;
    const request = parseDeployArgs(taken.rest, deps.env, deps.today);
    checkSourceDir(deps.root);
    plan = { request, ...deployedEnv(request, resolveEnvFile(deps.root, request)) };
    const uploaded = uploadFilter(readFileSync(join(deps.root, IGNORE_FILE), 'utf8'), (name) => readFileSync(join(deps.root, name), 'utf8'));
    const reddit = checkRedditAccess(request, plan.envVars, uploaded);
    const problems = [...reddit.problems, ...(cx ? cxAuthProblems(plan, cx) : [])];
    if (problems.length > 0) throw new DeployInputError(problems);
    warnings.push(...reddit.warnings);
  } catch (error) {
    if (error instanceof DeployInputError) {
      for (const problem of error.problems) deps.err(`deploy: ${problem}`);
      return EXIT_USAGE;
    }
    throw error;
  }
  writeDeployedEnv(deps.root, plan);
  // With ID-token auth the function is private: the ES warning about a public function does not apply.
  const privateFunction = cx?.auth === 'id-token';
  for (const warning of [...deployWarnings(plan.request, deps.today), ...warnings]) {
    if (!(privateFunction && warning.startsWith('no --password-secret'))) deps.err(`deploy: warning: ${warning}`);
  }
  if (plan.request.dryRun) {
    for (const line of cx ? formatCxPlan(plan, cx) : formatPlan(plan)) deps.out(line);
    return 0;
  }
  if (!cx) return runSteps(plan, deps);
  const { dialogflowCx, cxAgentFiles, saveCxZip } = deps;
  if (!dialogflowCx || !cxAgentFiles || !saveCxZip) throw new Error('deploy --cx: the CX dependencies are missing');
  return runCxSteps(plan, cx, { ...deps, dialogflowCx, cxAgentFiles, saveCxZip });
}

export { EXIT_FAILED_STEP };
