import { performance } from 'node:perf_hooks';
import { CATALOG } from '../../src/catalog';
import { ACTIONS, INTENTS } from '../../src/dialogflow/names';
import { startRedis, type RedisServer } from '../../test/support/redis-server';
import { firstAnswer, postJson } from './http';
import { load } from './load';
import { freePort, startFunction, type FunctionProcess } from './processes';
import { startRedditStub, stubIdPrefix, type RedditStub } from './reddit-stub';
import { fmtMs, fmtRatio, type Row } from './report';
import { BODIES, servedIds, webhookRequest } from './requests';
import { quantile, summarize } from './stats';
import { bundled } from './targets';

/**
 * Scale-out: N webhook processes behind a round-robin client, with and
 * without one shared Redis, against a Reddit stub that counts requests and
 * answers 429 past its per-minute quota (Reddit's behaviour). The run is
 * shorter than CACHE_TTL_SECONDS (300 s), so it is one TTL window: with Redis
 * every distinct listing should be fetched once, without it once per process.
 */

export interface ScalePlan {
  processes: number;
  requests: number;
  /** Requests in flight at once, over all processes. */
  inFlight: number;
  sessions: number;
  /** The stub's quota and the webhooks' REDDIT_QPM: below N × the listings, so that N instances on their own run into 429s. */
  qpm: number;
  latency: { rounds: number; seconds: number; rate: number };
}

export const SCALE_FULL: ScalePlan = { processes: 4, requests: 20_000, inFlight: 32, sessions: 500, qpm: 30, latency: { rounds: 3, seconds: 3, rate: 200 } };
export const SCALE_QUICK: ScalePlan = { processes: 4, requests: 2_000, inFlight: 32, sessions: 50, qpm: 30, latency: { rounds: 1, seconds: 1, rate: 200 } };

/** The webhooks run with the default WEBHOOK_DEADLINE_MS. */
const DEADLINE_MS = 4000;

const TOPICS: ReadonlyArray<[kind: string, topic: string]> = [
  ['joke', 'cats'],
  ['joke', 'dogs'],
  ['joke', 'pirates'],
  ['fact', 'space'],
  ['fact', 'ocean'],
  ['news', 'science'],
];

/** Every kind plus some topics, each for many sessions: the traffic of a popular bot. */
export function scaleBodies(sessions: number): string[] {
  const turns: Array<{ content: string; topic: string }> = [
    ...CATALOG.map((kind) => ({ content: kind.id, topic: '' })),
    ...TOPICS.map(([content, topic]) => ({ content, topic })),
  ];
  const bodies: string[] = [];
  for (let s = 0; s < sessions; s++) {
    const session = `projects/bench-agent/agent/sessions/scale-${s}`;
    for (const parameters of turns) {
      const text = parameters.topic ? `tell me a ${parameters.content} about ${parameters.topic}` : `tell me a ${parameters.content}`;
      bodies.push(JSON.stringify(webhookRequest(text, ACTIONS.sayContent, INTENTS.sayContent, parameters, [], session)));
    }
  }
  return bodies;
}

/** Redis killed under load: every answer must still be a 200 in time. */
async function withoutRedis(procs: readonly FunctionProcess[], redis: RedisServer, plan: ScalePlan): Promise<{ requests: number; maxMs: number }> {
  const requests = Math.min(2_000, plan.requests);
  // New topics: misses that must go to Redis first, then (once it is gone) straight to the stub.
  const bodies = Array.from({ length: 50 }, (_, i) =>
    JSON.stringify(webhookRequest(`a joke about outage${i}`, ACTIONS.sayContent, INTENTS.sayContent, { content: 'joke', topic: `outage${i}` })),
  );
  let next = 0;
  let maxMs = 0;
  const worker = async () => {
    for (let i = next++; i < requests; i = next++) {
      if (i === 100) await redis.kill(); // mid-run, with requests in flight
      const sent = performance.now();
      const answer = await postJson((procs[i % procs.length] as FunctionProcess).port, bodies[i % bodies.length] as string, { timeoutMs: 15_000 });
      if (answer.status !== 200 || !(JSON.parse(answer.body) as { fulfillmentText?: string }).fulfillmentText) {
        throw new Error(`with Redis killed, answer ${i} was ${answer.status}: ${answer.body.slice(0, 200)}`);
      }
      maxMs = Math.max(maxMs, answer.at - sent);
    }
  };
  await Promise.all(Array.from({ length: plan.inFlight }, worker));
  return { requests, maxMs };
}

export interface ScaleRun {
  fetches: number;
  distinct: number;
  rateLimited: number;
  fromReddit: number;
  answered: number;
  seconds: number;
  warmP50Ms: number[];
  outage?: { requests: number; maxMs: number };
  /** Times a process found Redis unavailable during the main run (each then fetched on its own until it was back). */
  degraded: number;
}

async function runOne(plan: ScalePlan, redis: RedisServer | undefined): Promise<ScaleRun> {
  const stub: RedditStub = await startRedditStub({ subreddits: CATALOG.map((kind) => kind.subreddit), qpm: plan.qpm });
  const procs: FunctionProcess[] = [];
  try {
    const base = bundled(stub.url);
    const env = { ...base.env, LOG_LEVEL: 'warn', REDDIT_QPM: String(plan.qpm), ...(redis ? { REDIS_URL: redis.url } : {}) };
    for (let i = 0; i < plan.processes; i++) procs.push(startFunction({ ...base, name: `webhook ${i + 1}`, env }, await freePort()));
    await Promise.all(procs.map((proc) => proc.listening));
    // Every process starts like a fresh Cloud Run instance: its first answer, then its own warm-up.
    await Promise.all(procs.map((proc) => firstAnswer(proc.port, BODIES.welcome, 15_000)));

    const bodies = scaleBodies(plan.sessions);
    let next = 0;
    let fromReddit = 0;
    const started = performance.now();
    const worker = async () => {
      for (let i = next++; i < plan.requests; i = next++) {
        const target = i % procs.length; // round-robin over the processes
        // A connection per request, like separate Dialogflow calls (and no keep-alive race with the server's idle timeout).
        const answer = await postJson((procs[target] as FunctionProcess).port, bodies[i % bodies.length] as string, { timeoutMs: 15_000 });
        if (answer.status !== 200) throw new Error(`scale run: answer ${i} was ${answer.status}: ${answer.body.slice(0, 200)}`);
        if (servedIds(answer.body)[0]?.startsWith(stubIdPrefix())) fromReddit += 1;
      }
    };
    await Promise.all(Array.from({ length: plan.inFlight }, worker));
    const seconds = (performance.now() - started) / 1000;
    const fetches = stub.requests();
    const distinct = stub.byPath().size;
    const rateLimited = stub.rateLimited();
    // LOG_LEVEL=warn: the processes' output holds little besides "redis unavailable" lines.
    const degraded = procs.reduce((sum, proc) => sum + (proc.output().match(/redis unavailable/g)?.length ?? 0), 0);

    // Warm latency at a light fixed rate on a cached joke, one process per round.
    const warmP50Ms: number[] = [];
    for (let round = 0; round < plan.latency.rounds; round++) {
      const proc = procs[round % procs.length] as FunctionProcess;
      const light = await load(proc.port, { bodies: ['joke'], connections: 2, durationS: plan.latency.seconds, overallRate: plan.latency.rate });
      warmP50Ms.push(quantile(light.latenciesMs, 0.5));
    }
    const outage = redis ? await withoutRedis(procs, redis, plan) : undefined;
    return { fetches, distinct, rateLimited, fromReddit, answered: plan.requests, seconds, warmP50Ms, outage, degraded };
  } finally {
    await Promise.all(procs.map((proc) => proc.stop()));
    await stub.close();
  }
}

export async function scaleOut(plan: ScalePlan, log: (message: string) => void): Promise<Row[]> {
  log(`  ${plan.processes} processes, no Redis, ${plan.requests} requests`);
  const alone = await runOne(plan, undefined);
  const redis = await startRedis();
  let shared: ScaleRun;
  try {
    log(`  ${plan.processes} processes, one Redis, ${plan.requests} requests`);
    shared = await runOne(plan, redis);
  } finally {
    await redis.stop();
  }
  const perListing = (run: ScaleRun) => `${(run.fetches / run.distinct).toFixed(2)} per listing (${run.fetches} for ${run.distinct})`;
  const n = plan.processes;
  const p50 = (run: ScaleRun) => summarize(run.warmP50Ms);
  return [
    {
      id: '6a',
      benchmark: `${n} processes, ${plan.requests.toLocaleString('en')} requests round-robin (every kind, ${TOPICS.length} topics, ${plan.sessions} sessions): Reddit listing fetches in one TTL window`,
      ours: `with Redis: ${perListing(shared)}; Redis found unavailable ${shared.degraded} times`,
      baseline: `without: ${perListing(alone)}`,
      ratio: fmtRatio([shared.fetches / Math.max(1, alone.fetches)]),
      goal: `1 per listing with Redis, ${n} without`,
    },
    {
      id: '6b',
      benchmark: `429s from the stub (quota ${plan.qpm} a minute; REDDIT_QPM=${plan.qpm})`,
      ours: `with Redis: ${shared.rateLimited}`,
      baseline: `without: ${alone.rateLimited}`,
      ratio: '—',
      goal: '0 with Redis',
    },
    {
      id: '6c',
      benchmark: 'answers carrying a Reddit post (the rest: built-in collection), all 200',
      ours: `with Redis: ${shared.fromReddit} of ${shared.answered} (${shared.seconds.toFixed(0)} s)`,
      baseline: `without: ${alone.fromReddit} of ${alone.answered} (${alone.seconds.toFixed(0)} s)`,
      ratio: '—',
      goal: '—',
    },
    {
      id: '6d',
      benchmark: `warm latency p50, cached joke, ${plan.latency.rate} req/s, with Redis vs without`,
      ours: fmtMs(p50(shared)),
      baseline: fmtMs(p50(alone)),
      ratio: fmtRatio([p50(shared).median / p50(alone).median]),
      goal: '≤ 1.2×',
    },
    {
      id: '6e',
      benchmark: `Redis killed after the 100th of ${shared.outage?.requests ?? 0} more requests (new topics, ${plan.inFlight} in flight): all 200 with content; slowest answer`,
      ours: shared.outage ? `${shared.outage.maxMs.toFixed(0)} ms` : '—',
      baseline: '—',
      ratio: '—',
      goal: `< ${DEADLINE_MS} ms (WEBHOOK_DEADLINE_MS)`,
    },
  ];
}
