import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../bench/spawn-service.js';
import { chaosInstance, type ChaosInstance } from './chaos-instance.js';
import { startRedisServer, type RedisServer } from './redis-server.js';
import { startStandInPlatform, type FaultStep, type StandInPlatform } from './stand-in-platform.js';
import { deliverX, xChannelEnv, xMentionDelivery } from './x-deliveries.js';
import { scrape } from '../bot/server/scrape-metrics.js';

/**
 * `npm run chaos [faults|redis-restart|kill-instance|platform-down]`: the service against the stand-in
 * X, mentions delivered as signed webhooks at a steady rate (refused ones delivered again, as X does),
 * while the platform fails (faults), is down for minutes (platform-down: CHAOS_DOWN_SECONDS, default
 * 600), Redis is killed and restarted, or instances are. Prints progress and a summary: received,
 * answered, duplicates, lost, and the most requests in one rate-limit window. Exits 1 when a mention
 * was answered twice or not at all.
 */

const DOWN_MS = Number(process.env.CHAOS_DOWN_SECONDS ?? 600) * 1000;
const LIMIT = Number(process.env.CHAOS_LIMIT ?? 300);
const WINDOW_MS = Number(process.env.CHAOS_WINDOW_SECONDS ?? 60) * 1000;

interface Scenario {
  what: string;
  instances: number;
  redis: boolean;
  postingMs: number;
  /** Mentions per second (default 4; CHAOS_RATE wins). */
  rate?: number;
  /** How long to wait for the last replies after the posting (default 150 s). */
  drainMs?: number;
  /** The platform's faults, from the start. */
  faults?: FaultStep[];
  /** Actions at times (ms from the start). */
  actions?: { atMs: number; what: string; run: (ctx: { instances: ChaosInstance[]; redis?: RedisServer }) => Promise<void> }[];
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const scenarios: Record<string, Scenario> = {
  'platform-down': {
    what: `one instance (SQLite), outbox settings at their defaults; X refuses connections for ${DOWN_MS / 2000} s, then answers 503 for ${DOWN_MS / 2000} s, while mentions keep arriving`,
    instances: 1,
    redis: false,
    rate: 1,
    postingMs: 30_000 + DOWN_MS + 60_000,
    // Once the platform is back the first success brings the backlog forward; the rate limit paces it.
    drainMs: 15 * 60_000,
    faults: [
      { mode: 'normal', durationMs: 30_000 },
      { mode: 'down', durationMs: DOWN_MS / 2 },
      { mode: 'server_error', durationMs: DOWN_MS / 2, status: 503 },
    ],
  },
  faults: {
    what: 'one instance (SQLite); X answers 429 for a minute (x-rate-limit-reset at its end), then 503 for 20 s, then slowly (2 s) for 15 s',
    instances: 1,
    redis: false,
    postingMs: 110_000,
    faults: [
      { mode: 'normal', durationMs: 10_000 },
      { mode: 'rate_limited', durationMs: 60_000 },
      { mode: 'server_error', durationMs: 20_000, status: 503 },
      { mode: 'slow', durationMs: 15_000, delayMs: 2000 },
    ],
  },
  'redis-restart': {
    what: 'two instances on a dedicated Redis (append-only, fsync always), SIGKILLed at 10 s and 30 s, each time started again 3 s later',
    instances: 2,
    redis: true,
    postingMs: 45_000,
    actions: [10_000, 30_000].flatMap((at) => [
      { atMs: at, what: 'SIGKILL redis-server', run: async ({ redis }) => redis!.kill() },
      { atMs: at + 3000, what: 'redis-server started again', run: async ({ redis }) => redis!.restart() },
    ]),
  },
  'kill-instance': {
    what: 'three instances on a dedicated Redis; instance 1 SIGKILLed at 10 s and started again at 16 s, instance 2 at 25 s and 31 s',
    instances: 3,
    redis: true,
    postingMs: 45_000,
    actions: [
      { atMs: 10_000, what: 'SIGKILL instance 1', run: async ({ instances }) => instances[0]!.kill() },
      { atMs: 16_000, what: 'instance 1 started again', run: async ({ instances }) => instances[0]!.start() },
      { atMs: 25_000, what: 'SIGKILL instance 2', run: async ({ instances }) => instances[1]!.kill() },
      { atMs: 31_000, what: 'instance 2 started again', run: async ({ instances }) => instances[1]!.start() },
    ],
  },
};

/** Mention deliveries as the platform makes them: each until a 200, refused ones tried again a second later on the next instance. */
function deliveries(instances: ChaosInstance[], runId: number) {
  /** Mention number -> when it was accepted. */
  const accepted = new Map<number, number>();
  let refusals = 0;
  let attempts = 0;
  const pending: Promise<void>[] = [];
  const deliver = async (i: number, giveUpAt: number) => {
    const delivery = xMentionDelivery(i, runId);
    for (let attempt = 0; Date.now() < giveUpAt; attempt++) {
      const live = instances.filter((x) => x.alive());
      const target = live[(i + attempt) % Math.max(1, live.length)] ?? instances[0]!;
      attempts++;
      if ((await deliverX(target.url, delivery)) === 200) {
        accepted.set(i, Date.now());
        return;
      }
      refusals++;
      await pause(1000);
    }
  };
  return {
    accepted,
    stats: () => ({ attempts, refusals, accepted: accepted.size }),
    start: (i: number, giveUpAt: number) => pending.push(deliver(i, giveUpAt)),
    settled: () => Promise.all(pending),
  };
}

/** Outbox rows by status in an instance's SQLite file: a reply given up shows as failed. */
function outboxStatuses(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'first-reply.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all() as { status: string; n: number }[];
    return rows.map((r) => `${r.status} ${r.n}`).join(', ') || '(empty)';
  } finally {
    db.close();
  }
}

function summary(platform: StandInPlatform, accepted: Map<number, number>, runId: number, refusals: number, delivered: number) {
  const answered = new Map<string, number>();
  for (const p of platform.posts) if (!answered.has(p.inReplyTo)) answered.set(p.inReplyTo, p.at);
  const wanted = [...accepted.keys()].map((i) => xMentionDelivery(i, runId).tweetId);
  const lost = wanted.filter((id) => !answered.has(id));
  const waits = [...accepted].flatMap(([i, at]) => {
    const sentAt = answered.get(xMentionDelivery(i, runId).tweetId);
    return sentAt === undefined ? [] : [sentAt - at];
  });
  // The backlog: mentions received before the platform was well again, answered how long after it was.
  const faultsEnd = platform.faultsEnd();
  const backlog = [...accepted].filter(([, at]) => at < faultsEnd).map(([i]) => answered.get(xMentionDelivery(i, runId).tweetId));
  // How soon the platform's return was noticed: the rate-limit window left by the retries decides it.
  const firstAfter = platform.posts.find((p) => p.at >= faultsEnd);
  const backlogDone = backlog.every((at) => at !== undefined) && backlog.length > 0 ? Math.max(...(backlog as number[])) : undefined;
  return {
    mentions: delivered,
    received: accepted.size,
    'refused deliveries (delivered again)': refusals,
    answered: wanted.length - lost.length,
    duplicates: platform.duplicates().length,
    lost: lost.length,
    'max requests per rate-limit window': `${platform.maxPerWindow('x')} (limit ${LIMIT} per ${WINDOW_MS / 1000} s)`,
    'requests over the limit': platform.overLimit(),
    'requests during an announced wait': platform.ignoredWaits(),
    'longest wait for an answer': `${(Math.max(0, ...waits) / 1000).toFixed(1)} s`,
    'first answer after the outage': firstAfter === undefined ? '-' : `${((firstAfter.at - faultsEnd) / 1000).toFixed(1)} s`,
    'backlog answered after the outage':
      backlogDone === undefined
        ? '-'
        : `${(Math.max(0, backlogDone - faultsEnd) / 1000).toFixed(1)} s (${backlog.length} mentions received before)`,
  };
}

/**
 * How hard the platform was called while it failed: the 5xx it answered (it counts them), and the
 * failed calls the instances counted (connections refused never reach the stand-in).
 */
async function callsDuringFaults(platform: StandInPlatform, instances: ChaosInstance[]) {
  const failed = { network: 0, '5xx': 0 };
  for (const instance of instances.filter((i) => i.alive())) {
    const metrics = await scrape(instance.url).catch(() => undefined);
    for (const statusClass of ['network', '5xx'] as const)
      failed[statusClass] += metrics?.value('first_reply_platform_errors_total', { channel: 'x', status_class: statusClass }) ?? 0;
  }
  return {
    'failed calls to the platform (metrics)': `${failed.network + failed['5xx']} (network ${failed.network}, 5xx ${failed['5xx']})`,
    '5xx answered by the platform': `${platform.requests.filter((r) => r.status >= 500).length}`,
  };
}

async function main(): Promise<void> {
  const name = process.argv[2] ?? 'faults';
  const scenario = scenarios[name];
  if (!scenario) {
    console.error(`no chaos scenario "${name}" (have: ${Object.keys(scenarios).join(', ')})`);
    process.exit(2);
  }
  const work = mkdtempSync(path.join(tmpdir(), `fr-chaos-${name}-`));
  const runId = Date.now() % 100_000;
  const platform = await startStandInPlatform({ limit: LIMIT, windowMs: WINDOW_MS });
  let redis: RedisServer | undefined;
  const instances: ChaosInstance[] = [];
  console.log(`chaos "${name}": ${scenario.what}`);
  const RATE = Number(process.env.CHAOS_RATE ?? scenario.rate ?? 4);
  console.log(
    `  ${RATE} mentions/s for ${scenario.postingMs / 1000} s; stand-in X at ${platform.url} (limit ${LIMIT} per ${WINDOW_MS / 1000} s); logs in ${work}`,
  );
  try {
    const env: Record<string, string> = {
      ...xChannelEnv(platform.url),
      SANDBOX_ENABLED: 'false',
      UNDERSTANDING: process.env.CHAOS_UNDERSTANDING ?? 'keyword',
      DATA_DIR: path.join(work, 'data'),
    };
    if (scenario.redis) {
      redis = await startRedisServer(await freePort(), mkdtempSync(path.join(work, 'redis-')));
      Object.assign(env, { REDIS_URL: redis.url, REDIS_PREFIX: `chaos-${runId}:` });
    }
    for (let n = 0; n < scenario.instances; n++) {
      const instance = chaosInstance(`instance ${n + 1}`, await freePort(), env, path.join(work, `instance-${n + 1}.log`));
      await instance.start();
      instances.push(instance);
    }

    const started = Date.now();
    const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s`;
    if (scenario.faults) {
      let at = 0;
      for (const f of platform.plan(scenario.faults)) {
        console.log(`  plan: ${f.mode} from ${at / 1000} s for ${(f.until - f.from) / 1000} s`);
        at += f.until - f.from;
      }
    }
    const actions = (scenario.actions ?? []).map(async (a) => {
      await pause(a.atMs);
      console.log(`${elapsed()}  ${a.what}`);
      await a.run({ instances, ...(redis ? { redis } : {}) });
    });
    const d = deliveries(instances, runId);
    const ticker = setInterval(() => {
      const s = d.stats();
      const live = instances.filter((i) => i.alive()).length;
      const fault = platform.currentFault();
      console.log(
        `${elapsed()}  received ${s.accepted}, refused deliveries ${s.refusals}, replies on the platform ${platform.posts.length}, instances up ${live}/${instances.length}${redis ? `, redis ${redis.running() ? 'up' : 'DOWN'}` : ''}${scenario.faults ? `, platform ${fault}` : ''}`,
      );
    }, 5000);
    let delivered = 0;
    const giveUpAt = started + scenario.postingMs + 120_000;
    while (Date.now() - started < scenario.postingMs) {
      d.start(delivered, giveUpAt);
      delivered++;
      await pause(Math.max(0, started + (delivered * 1000) / RATE - Date.now()));
    }
    await Promise.all(actions);
    await d.settled();
    // Replies leased by a killed instance wait out their lease (60 s) before another sends them.
    const answeredAll = () => {
      const answered = new Set(platform.posts.map((p) => p.inReplyTo));
      return [...d.accepted.keys()].every((i) => answered.has(xMentionDelivery(i, runId).tweetId));
    };
    const waitUntil = Date.now() + (scenario.drainMs ?? 150_000);
    while (!answeredAll() && Date.now() < waitUntil) await pause(1000);
    await pause(2000); // a second copy would arrive now
    clearInterval(ticker);
    console.log(`${elapsed()}  done`);

    const result = summary(platform, d.accepted, runId, d.stats().refusals, delivered);
    console.log(`\nsummary (${name})`);
    if (!scenario.redis) Object.assign(result, { 'outbox in the store': outboxStatuses(env.DATA_DIR!) });
    if (scenario.faults) Object.assign(result, await callsDuringFaults(platform, instances));
    for (const [k, v] of Object.entries(result)) console.log(`  ${k.padEnd(38)} ${v}`);
    if (result.duplicates > 0 || result.lost > 0) process.exitCode = 1;
  } finally {
    await Promise.all(instances.map((i) => i.kill()));
    await redis?.kill();
    await platform.close();
    if (process.exitCode !== 1) rmSync(work, { recursive: true, force: true });
  }
}

await main();
