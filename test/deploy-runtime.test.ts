/** The sourced tables behind `npm run deploy`: runtimes, regions, CPU/memory/concurrency, and the scale-out flags. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkEnvFile } from '../scripts/deploy/env-file';
import { buildGcloudArgs, buildVpcArgs, deployWarnings, parseDeployArgs } from '../scripts/deploy/plan';
import { regionProblem, suggestRegion } from '../scripts/deploy/regions';
import { resourceProblems } from '../scripts/deploy/resources';
import { checkRuntime, DEFAULT_RUNTIME, recommendedRuntime } from '../scripts/deploy/runtimes';
import { problemsOf } from './support/deploy-input';
import { assertBundleBuilt, WEBHOOK_BUNDLE } from './support/server';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
const base = ['--project', 'my-project-42', '--region', 'europe-west1'];

describe('runtime schedule', () => {
  it('the default runtime is nodejs24 and is not deprecated today (fails when the table goes stale)', () => {
    expect(DEFAULT_RUNTIME).toBe('nodejs24');
    // The real date, on purpose: once nodejs24 is deprecated this fails until the default moves on.
    expect(checkRuntime(DEFAULT_RUNTIME, new Date())).toEqual({ ok: true });
  });

  it('warns from the deprecation date and refuses from the decommission date, naming it and what to use', () => {
    expect(checkRuntime('nodejs22', day('2027-04-29'))).toEqual({ ok: true });
    expect(checkRuntime('nodejs22', day('2027-04-30'))).toEqual({
      ok: true,
      warning: 'nodejs22 is deprecated since 2027-04-30 and will be decommissioned on 2027-10-31; move to nodejs24',
    });
    expect(checkRuntime('nodejs22', day('2027-10-30'))).toMatchObject({ ok: true });
    expect(checkRuntime('nodejs22', day('2027-10-31'))).toEqual({
      ok: false,
      problem: 'nodejs22 was decommissioned on 2027-10-31: Cloud Run functions refuses new deploys on it; use nodejs24',
    });
    expect(checkRuntime('nodejs20', day('2026-10-29'))).toMatchObject({ ok: true, warning: expect.stringContaining('deprecated since 2026-04-30') });
    expect(checkRuntime('nodejs20', day('2026-10-30'))).toEqual({
      ok: false,
      problem: 'nodejs20 was decommissioned on 2026-10-30: Cloud Run functions refuses new deploys on it; use nodejs24',
    });
  });

  it('suggests the newest runtime that is not deprecated on that day', () => {
    expect(recommendedRuntime(day('2026-11-30'))).toBe('nodejs24');
    expect(recommendedRuntime(day('2025-01-01'))).toBe('nodejs24');
  });

  it('refuses Preview and unknown runtimes', () => {
    expect(checkRuntime('nodejs26', day('2026-11-30'))).toEqual({ ok: false, problem: 'nodejs26 is in Preview (gcloud beta only); use nodejs24' });
    expect(checkRuntime('node24', day('2026-11-30'))).toMatchObject({ ok: false, problem: expect.stringMatching(/^"node24" is not a Node.js runtime/) });
  });

  it('--runtime chooses, and a deprecated one is deployed with a warning', () => {
    const request = parseDeployArgs([...base, '--runtime', 'nodejs22'], {}, day('2027-05-01'));
    expect(buildGcloudArgs(request, undefined)).toContain('--runtime=nodejs22');
    expect(deployWarnings(request, day('2027-05-01'))[0]).toBe(
      'nodejs22 is deprecated since 2027-04-30 and will be decommissioned on 2027-10-31; move to nodejs24',
    );
    expect(problemsOf(() => parseDeployArgs([...base, '--runtime', 'nodejs22'], {}, day('2027-11-01')))).toEqual([
      '--runtime: nodejs22 was decommissioned on 2027-10-31: Cloud Run functions refuses new deploys on it; use nodejs24',
    ]);
  });
});

describe('regions', () => {
  it('accepts the regions of Cloud Run functions', () => {
    for (const region of ['europe-west1', 'us-central1', 'asia-northeast1', 'me-central2', 'africa-south1']) {
      expect(regionProblem(region)).toBeUndefined();
    }
  });

  it('suggests the nearest region for a typo, and nothing for a name far from any', () => {
    expect(suggestRegion('europe-wst1')).toBe('europe-west1');
    expect(suggestRegion('us-centrall1')).toBe('us-central1');
    expect(suggestRegion('uscentral1')).toBe('us-central1');
    expect(regionProblem('europe-wst1')).toBe('"europe-wst1" is not a Cloud Run functions region; did you mean europe-west1?');
    expect(regionProblem('mars-north1')).toBe(
      '"mars-north1" is not a Cloud Run functions region; see `gcloud functions regions list` for the list',
    );
  });
});

describe('CPU, memory and concurrency', () => {
  it('accepts the defaults: 80 requests on 1 vCPU with 512Mi', () => {
    expect(resourceProblems({ concurrency: 80, cpu: '1', memory: '512Mi' })).toEqual([]);
  });

  it('needs a whole vCPU for concurrency above 1', () => {
    expect(resourceProblems({ concurrency: 2, cpu: '0.99', memory: '512Mi' })).toEqual([
      {
        flag: 'cpu',
        message: '0.99 vCPU allows only --concurrency 1 (gen2 needs at least 1 vCPU for concurrency above 1); use --cpu 1 or --concurrency 1',
      },
    ]);
    expect(resourceProblems({ concurrency: 1, cpu: '0.5', memory: '512Mi' })).toEqual([]);
  });

  it('matches memory to CPU at each limit', () => {
    expect(resourceProblems({ concurrency: 1, cpu: '0.49', memory: '512Mi' })).toEqual([]);
    expect(resourceProblems({ concurrency: 1, cpu: '0.49', memory: '513Mi' })).toEqual([
      { flag: 'cpu', message: '--memory 513Mi needs at least 0.5 vCPU, not 0.49' },
    ]);
    expect(resourceProblems({ concurrency: 1, cpu: '0.5', memory: '1Gi' })).toEqual([]);
    expect(resourceProblems({ concurrency: 1, cpu: '0.5', memory: '1025Mi' })[0]?.message).toBe('--memory 1025Mi needs at least 1 vCPU, not 0.5');
    expect(resourceProblems({ concurrency: 80, cpu: '1', memory: '4Gi' })).toEqual([]);
    expect(resourceProblems({ concurrency: 80, cpu: '1', memory: '4097Mi' })[0]?.message).toBe('--memory 4097Mi needs at least 2 vCPU, not 1');
    expect(resourceProblems({ concurrency: 80, cpu: '4', memory: '2Gi' })).toEqual([]);
    expect(resourceProblems({ concurrency: 80, cpu: '4', memory: '2047Mi' })).toEqual([
      { flag: 'memory', message: '4 vCPUs need at least 2Gi of memory, not 2047Mi' },
    ]);
    expect(resourceProblems({ concurrency: 80, cpu: '8', memory: '32Gi' })).toEqual([]);
    expect(resourceProblems({ concurrency: 80, cpu: '8', memory: '33Gi' })).toEqual([{ flag: 'memory', message: '33Gi is more than the 32Gi maximum' }]);
  });

  it('offers 0.08 to 1 vCPU and then only 2, 4, 6, 8', () => {
    const offered = (cpu: string) => resourceProblems({ concurrency: 1, cpu, memory: '128Mi' }).length === 0;
    expect(['0.08', '0.5', '1', '2'].map(offered)).toEqual([true, true, true, true]);
    expect(['0.07', '3', '10'].map(offered)).toEqual([false, false, false]);
  });

  it('--concurrency 1 without --cpu keeps the old small instance and lets Google derive the CPU', () => {
    const args = buildGcloudArgs(parseDeployArgs([...base, '--concurrency', '1'], {}), undefined);
    expect(args).toEqual(expect.arrayContaining(['--memory=256Mi', '--concurrency=1']));
    expect(args.some((a) => a.startsWith('--cpu'))).toBe(false);
  });

  it('names the flag when --cpu is too small for the concurrency', () => {
    expect(problemsOf(() => parseDeployArgs([...base, '--cpu', '0.5'], {}))).toEqual([
      '--cpu: 0.5 vCPU allows only --concurrency 1 (gen2 needs at least 1 vCPU for concurrency above 1); use --cpu 1 or --concurrency 1',
    ]);
  });
});

describe('Redis and the VPC', () => {
  const scaled = [...base, '--redis-secret', 'r', '--network', 'default', '--subnet', 'default'];

  it('passes REDIS_URL from Secret Manager and puts the service on the VPC', () => {
    const request = parseDeployArgs(scaled, {});
    expect(buildGcloudArgs(request, undefined)).toEqual(
      expect.arrayContaining(['--set-secrets=REDIS_URL=r:latest', '--concurrency=80', '--cpu=1']),
    );
    expect(buildVpcArgs(request)).toEqual([
      'run',
      'services',
      'update',
      'reddit-webhook',
      '--project=my-project-42',
      '--region=europe-west1',
      '--network=default',
      '--subnet=default',
      '--vpc-egress=private-ranges-only',
    ]);
    expect(deployWarnings(request).some((w) => w.includes('Memorystore'))).toBe(false);
  });

  it('uses a connector instead when asked, and warns when Redis has no way into the VPC', () => {
    const connector = parseDeployArgs([...base, '--redis-secret', 'r', '--vpc-connector', 'redis-conn'], {});
    expect(buildGcloudArgs(connector, undefined)).toContain('--vpc-connector=redis-conn');
    expect(buildVpcArgs(connector)).toBeUndefined();
    expect(deployWarnings(parseDeployArgs([...base, '--redis-secret', 'r'], {}))).toContain(
      '--redis-secret without --network/--subnet or --vpc-connector: Memorystore is only reachable through a VPC',
    );
  });

  it('refuses REDIS_URL in the env file (it holds the AUTH string) and accepts the secret', () => {
    const none = { reddit: false, password: false };
    expect(problemsOf(() => checkEnvFile('REDIS_URL: "redis://:pw@10.0.0.3:6379"\n', '.env.yaml', none))[0]).toMatch(
      /refusing to deploy REDIS_URL in plain text; .* --redis-secret/,
    );
    expect(checkEnvFile('LOG_LEVEL: "info"\n', '.env.yaml', { ...none, redis: true })).toEqual({ LOG_LEVEL: 'info' });
  });
});

describe('.env.yaml.example', () => {
  const example = () => readFileSync(join(__dirname, '..', '.env.yaml.example'), 'utf8');
  const secrets = { reddit: true, password: true };

  it('copied as it is, is refused with each placeholder named', () => {
    expect(problemsOf(() => checkEnvFile(example(), '.env.yaml', secrets))).toEqual([
      '.env.yaml: REDDIT_CLIENT_ID still holds the placeholder "your-reddit-client-id" from .env.yaml.example; put in your own value or delete the line',
      '.env.yaml: REDDIT_USERNAME still holds the placeholder "your_reddit_name" from .env.yaml.example; put in your own value or delete the line',
      '.env.yaml: GOOGLE_CLOUD_PROJECT still holds the placeholder "your-project-id" from .env.yaml.example; put in your own value or delete the line',
    ]);
  });

  it('with its placeholders filled in, is a valid env file for a deploy with the Reddit and password secrets', () => {
    const filled = example()
      .replace('your-reddit-client-id', 'abc123')
      .replace('your_reddit_name', 'jokebot_owner')
      .replace('your-project-id', 'my-project-123');
    expect(checkEnvFile(filled, '.env.yaml', secrets)).toMatchObject({
      REDDIT_CLIENT_ID: 'abc123',
      REDDIT_USERNAME: 'jokebot_owner',
      WEBHOOK_USERNAME: 'dialogflow',
      GOOGLE_CLOUD_PROJECT: 'my-project-123',
    });
  });
});

describe('the function bundle', () => {
  it('does not carry the Dialogflow client the deploy uses (a devDependency)', () => {
    assertBundleBuilt();
    const bundle = readFileSync(WEBHOOK_BUNDLE, 'utf8');
    expect(bundle).not.toContain('google-gax');
    expect(bundle).not.toContain('AgentsClient');
  });
});
