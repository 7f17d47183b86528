import { execFileSync } from 'node:child_process';
import { checkEnvFile, checkSecretsWithoutEnvFile } from '../scripts/deploy/env-file';
import {
  buildGcloudArgs,
  deployWarnings,
  formatCommand,
  parseDeployArgs,
  shellQuote,
} from '../scripts/deploy/plan';
import { problemsOf } from './support/deploy-input';

const base = ['--project', 'my-project-42', '--region', 'europe-west1'];

describe('parseDeployArgs + buildGcloudArgs', () => {
  it('builds a gen2, nodejs24, public HTTP deploy of the webhook entry point, 80 requests per 1-vCPU instance', () => {
    const args = buildGcloudArgs(parseDeployArgs(base, {}), undefined);
    expect(args.slice(0, 3)).toEqual(['functions', 'deploy', 'reddit-webhook']);
    expect(args).toEqual(
      expect.arrayContaining([
        '--gen2',
        '--runtime=nodejs24',
        '--trigger-http',
        '--allow-unauthenticated',
        '--entry-point=webhook',
        '--source=.',
        '--project=my-project-42',
        '--region=europe-west1',
        '--memory=512Mi',
        '--cpu=1',
        '--concurrency=80',
        '--timeout=10s',
      ]),
    );
    expect(args.some((a) => a.startsWith('--env-vars-file'))).toBe(false);
    expect(args.some((a) => a.startsWith('--set-secrets'))).toBe(false);
    expect(args.some((a) => a.startsWith('--max-instances'))).toBe(false);
  });

  it('takes project and region from the environment, flags first, then GOOGLE_CLOUD_PROJECT, then CLOUDSDK_*', () => {
    const env = {
      GOOGLE_CLOUD_PROJECT: 'from-google-env',
      CLOUDSDK_CORE_PROJECT: 'from-cloudsdk-env',
      CLOUDSDK_FUNCTIONS_REGION: 'us-east4',
    };
    expect(parseDeployArgs([], env)).toMatchObject({ project: 'from-google-env', region: 'us-east4' });
    expect(parseDeployArgs([], { ...env, GOOGLE_CLOUD_PROJECT: '' })).toMatchObject({ project: 'from-cloudsdk-env' });
    expect(parseDeployArgs([], { ...env, FUNCTION_REGION: 'asia-east1' })).toMatchObject({ region: 'asia-east1' });
    expect(parseDeployArgs(['--project', 'flag-project', '--region', 'us-west1'], env)).toMatchObject({
      project: 'flag-project',
      region: 'us-west1',
    });
  });

  it('names the flag and the variables when project or region is missing', () => {
    const problems = problemsOf(() => parseDeployArgs([], {}));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/project.*--project.*GOOGLE_CLOUD_PROJECT.*CLOUDSDK_CORE_PROJECT/);
    expect(problems[1]).toMatch(/region.*--region.*FUNCTION_REGION.*CLOUDSDK_FUNCTIONS_REGION/);
  });

  it('renders secrets as VAR=NAME:VERSION with "latest" by default, cross-project names kept', () => {
    const request = parseDeployArgs(
      [...base, '--reddit-secret', 'reddit-client-secret', '--password-secret', 'projects/shared-sec/secrets/webhook_pw:7'],
      {},
    );
    expect(buildGcloudArgs(request, '.env.yaml')).toEqual(
      expect.arrayContaining([
        '--env-vars-file=.env.yaml',
        '--set-secrets=REDDIT_CLIENT_SECRET=reddit-client-secret:latest,WEBHOOK_PASSWORD=projects/shared-sec/secrets/webhook_pw:7',
      ]),
    );
  });

  it('passes the name, instance limits, memory and timeout through', () => {
    const request = parseDeployArgs(
      [...base, '--name', 'jokes-bot', '--max-instances', '5', '--min-instances', '1', '--memory', '512Mi', '--timeout', '8s'],
      {},
    );
    const args = buildGcloudArgs(request, undefined);
    expect(args[2]).toBe('jokes-bot');
    expect(args).toEqual(
      expect.arrayContaining(['--max-instances=5', '--min-instances=1', '--memory=512Mi', '--timeout=8s']),
    );
  });

  it.each([
    [['--name', 'Jokes_Bot'], '--name'],
    [['--name', 'ends-with-'], '--name'],
    [['--reddit-secret', 'bad secret'], '--reddit-secret'],
    [['--password-secret', 'pw:v2'], '--password-secret'],
    [['--max-instances', '0'], '--max-instances'],
    [['--max-instances', 'many'], '--max-instances'],
    [['--memory', '256'], '--memory'],
    [['--timeout', '10'], '--timeout'],
    [['--min-instances', '3', '--max-instances', '2'], '--min-instances'],
    [['--concurrency', '0'], '--concurrency'],
    [['--concurrency', '1001'], '--concurrency'],
    [['--cpu', 'two'], '--cpu'],
    [['--cpu', '3'], '--cpu'],
    [['--cpu', '0.5'], '--cpu'],
    [['--redis-secret', 'r:v1'], '--redis-secret'],
    [['--network', 'Default'], '--network'],
    [['--vpc-connector', 'c', '--network', 'default'], '--vpc-connector'],
    [['--runtime', 'nodejs20'], '--runtime'],
    [['--region', 'europe-wst1'], '--region'],
  ])('rejects %j with a message naming %s', (extra, flag) => {
    const problems = problemsOf(() => parseDeployArgs([...base, ...extra], {}));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.startsWith(`${flag}: `)).toBe(true);
  });

  it('names the variable a bad project came from', () => {
    const problems = problemsOf(() => parseDeployArgs(['--region', 'us-central1'], { GOOGLE_CLOUD_PROJECT: 'My Project' }));
    expect(problems).toEqual([expect.stringMatching(/^GOOGLE_CLOUD_PROJECT: "My Project" is not a project ID/)]);
  });

  it('rejects unknown flags and positional arguments', () => {
    expect(problemsOf(() => parseDeployArgs([...base, '--regoin', 'x'], {}))[0]).toMatch(/Unknown option '--regoin'/);
    expect(problemsOf(() => parseDeployArgs([...base, 'extra'], {}))[0]).toMatch(/Unexpected argument 'extra'/);
  });

  it('warns about a public function without Basic auth and odd-looking names (Reddit access is checked with the env file)', () => {
    expect(deployWarnings(parseDeployArgs(base, {}))).toEqual([expect.stringMatching(/--password-secret.*public/)]);
    const quiet = parseDeployArgs([...base, '--reddit-secret', 'r', '--password-secret', 'p'], {});
    expect(deployWarnings(quiet)).toEqual([]);
    const odd = parseDeployArgs(['--project', 'p', '--region', 'us-central1', '--reddit-secret', 'r', '--password-secret', 'p'], {});
    expect(deployWarnings(odd)).toEqual([expect.stringMatching(/project "p"/)]);
  });
});

describe('shellQuote / formatCommand', () => {
  it('leaves plain flags bare so the printed command stays readable', () => {
    expect(formatCommand(['gcloud', '--set-secrets=A=b:latest,C=d:1', '--source=.'])).toBe(
      'gcloud --set-secrets=A=b:latest,C=d:1 --source=.',
    );
  });

  it('quotes so that a POSIX shell gives back exactly the original arguments', () => {
    const tricky = ['it\'s', 'two words', '$HOME', '*', '"quoted"', 'back\\slash', '', 'new\nline', "''", 'a;rm -rf x'];
    // printf prints each argument followed by NUL, so the split below recovers the argv sh saw.
    const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${tricky.map(shellQuote).join(' ')}`], {
      encoding: 'utf8',
    });
    expect(out.split('\0').slice(0, -1)).toEqual(tricky);
  });
});

describe('checkEnvFile', () => {
  const none = { reddit: false, password: false };
  const both = { reddit: true, password: true };

  it('accepts a flat map of quoted strings and returns it', () => {
    const text = 'REDDIT_CLIENT_ID: "abc"\nWEBHOOK_USERNAME: dialogflow\nWEBHOOK_DEADLINE_MS: "3500"\nALLOW_NSFW: "false"\n';
    expect(checkEnvFile(text, '.env.yaml', both)).toEqual({
      REDDIT_CLIENT_ID: 'abc',
      WEBHOOK_USERNAME: 'dialogflow',
      WEBHOOK_DEADLINE_MS: '3500',
      ALLOW_NSFW: 'false',
    });
  });

  it.each([
    ['REDDIT_CLIENT_SECRET', '--reddit-secret'],
    ['WEBHOOK_PASSWORD', '--password-secret'],
  ])('refuses %s in plain text and points to %s', (variable, flag) => {
    const problems = problemsOf(() => checkEnvFile(`${variable}: "hunter2"\n`, '.env.yaml', none));
    expect(problems[0]).toContain(`.env.yaml: refusing to deploy ${variable} in plain text`);
    expect(problems[0]).toContain(flag);
  });

  it('refuses other variables that look like secrets', () => {
    expect(problemsOf(() => checkEnvFile('SLACK_TOKEN: "x"\n', 'prod.yaml', none))[0]).toMatch(/^prod.yaml: SLACK_TOKEN looks like a secret/);
  });

  it('refuses names Cloud Run functions reserves', () => {
    const problems = problemsOf(() => checkEnvFile('PORT: "8080"\nX_GOOGLE_FOO: "1"\n', '.env.yaml', none));
    expect(problems).toEqual([expect.stringContaining('"PORT" is reserved'), expect.stringContaining('"X_GOOGLE_FOO" is reserved')]);
  });

  it('wants quoted values, because gcloud reads the file itself', () => {
    expect(problemsOf(() => checkEnvFile('WEBHOOK_DEADLINE_MS: 4000\n', '.env.yaml', none))).toEqual([
      '.env.yaml: WEBHOOK_DEADLINE_MS must be a quoted string, e.g. WEBHOOK_DEADLINE_MS: "4000"',
    ]);
  });

  it('refuses half a credential pair in either direction, but takes REDDIT_CLIENT_ID alone (an installed app)', () => {
    expect(checkEnvFile('REDDIT_CLIENT_ID: "abc"\n', '.env.yaml', none)).toEqual({ REDDIT_CLIENT_ID: 'abc' });
    expect(problemsOf(() => checkEnvFile('WEBHOOK_USERNAME: "df"\n', '.env.yaml', none))[0]).toMatch(/WEBHOOK_USERNAME is set but --password-secret is not/);
    expect(problemsOf(() => checkEnvFile('LOG_LEVEL: "info"\n', '.env.yaml', { reddit: false, password: true }))[0]).toMatch(
      /--password-secret needs WEBHOOK_USERNAME in .env.yaml/,
    );
    expect(problemsOf(() => checkSecretsWithoutEnvFile('.env.yaml', { reddit: true, password: false }))[0]).toMatch(
      /--reddit-secret needs REDDIT_CLIENT_ID in an env file, but .env.yaml does not exist/,
    );
    expect(() => checkSecretsWithoutEnvFile('.env.yaml', none)).not.toThrow();
  });

  it('runs the webhook config parser, so a value that would stop start-up fails now', () => {
    expect(problemsOf(() => checkEnvFile('WEBHOOK_DEADLINE_MS: "99999"\n', '.env.yaml', none))[0]).toMatch(
      /^\.env\.yaml: Invalid configuration:[\s\S]*WEBHOOK_DEADLINE_MS/,
    );
  });

  it('explains a file that is not a YAML map', () => {
    expect(problemsOf(() => checkEnvFile('- a\n- b\n', 'x.yaml', none))).toEqual(['x.yaml: must be a YAML map of VARIABLE: "value" lines']);
    expect(problemsOf(() => checkEnvFile('', 'x.yaml', none))).toEqual(['x.yaml: must be a YAML map of VARIABLE: "value" lines']);
    expect(problemsOf(() => checkEnvFile('A: "1"\nA: "2"\n', 'x.yaml', none))[0]).toMatch(/^x.yaml: not valid YAML/);
  });
});

describe('header secret', () => {
  it('passes WEBHOOK_HEADER_VALUE from Secret Manager', () => {
    const args = buildGcloudArgs(parseDeployArgs([...base, '--header-secret', 'df-header:2'], {}), undefined);
    expect(args).toContain('--set-secrets=WEBHOOK_HEADER_VALUE=df-header:2');
  });

  it('refuses the header value in plain text and wants the header name with the secret', () => {
    const none = { reddit: false, password: false };
    expect(problemsOf(() => checkEnvFile('WEBHOOK_HEADER_VALUE: "s3cret"\n', '.env.yaml', none))[0]).toMatch(
      /refusing to deploy WEBHOOK_HEADER_VALUE in plain text; .* --header-secret/,
    );
    expect(problemsOf(() => checkEnvFile('WEBHOOK_HEADER_NAME: "x-df-secret"\n', '.env.yaml', none))).toEqual([
      '.env.yaml: WEBHOOK_HEADER_NAME is set but --header-secret is not; the function would refuse to start without WEBHOOK_HEADER_VALUE',
    ]);
    expect(problemsOf(() => checkEnvFile('LOG_LEVEL: "info"\n', '.env.yaml', { ...none, header: true }))).toEqual([
      '--header-secret needs WEBHOOK_HEADER_NAME in .env.yaml',
    ]);
    expect(checkEnvFile('WEBHOOK_HEADER_NAME: "x-df-secret"\n', '.env.yaml', { ...none, header: true })).toEqual({
      WEBHOOK_HEADER_NAME: 'x-df-secret',
    });
    expect(problemsOf(() => checkSecretsWithoutEnvFile('.env.yaml', { ...none, header: true }))).toEqual([
      '--header-secret needs WEBHOOK_HEADER_NAME in an env file, but .env.yaml does not exist',
    ]);
  });
});
