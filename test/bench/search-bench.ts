import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createUserDirectory } from '../../handoff/access/user-directory.js';
import { createStore } from '../../store/create-store.js';
import { deletePrefix, REDIS_URL } from '../store/redis-test-backend.js';
import { seedThreads } from './search-seed.js';
import { percentile, spawnService } from './spawn-service.js';

// Issue 17: search and queue pages with 100,000 threads (BENCH_THREADS), on SQLite and on Redis.
// The threads are seeded through the store's own calls (one mention and one reply each; 65% answered
// by the bot, 25% resolved by people, 7% waiting, 3% owned), indexed, then the built service is
// started on that data and timed over HTTP as a console calls it. Targets: p95 under 200 ms for a
// search, under 100 ms for a queue page.

const THREADS = Number(process.env.BENCH_THREADS ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 10);
const PASSWORD = 'bench password, long enough';
const SEARCHES = [
  'q=parcel',
  'q=refund%20broken',
  'q=lawyer&priority=urgent',
  'q=kettle&state=resolved',
  'q=colis&language=fr',
  'q=charged&channel=mastodon',
  'state=waiting',
  'assignee=agent1&state=agent',
  'topic=billing&priority=high',
  'q=order%2012345',
];

const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const figures = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms, p95 ${percentile(s, 95).toFixed(1)} ms, max ${s.at(-1)!.toFixed(1)} ms (n=${s.length})`;
};

async function timedGet(url: string, cookie: string): Promise<{ ms: number; body: Record<string, unknown> }> {
  const t = process.hrtime.bigint();
  const res = await fetch(url, { headers: { cookie: `first_reply_session=${cookie}` } });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return { ms: ms(t), body };
}

async function measure(backend: 'sqlite' | 'redis') {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-search-bench-'));
  const prefix = `first-reply-bench:${randomUUID()}:`;
  const where: Record<string, string> = backend === 'redis' ? { REDIS_URL, REDIS_PREFIX: prefix } : {};
  try {
    const t0 = process.hrtime.bigint();
    const stores = await createStore({ DATA_DIR: dataDir, REDIS_PREFIX: prefix, ...where });
    await seedThreads(stores, THREADS, backend);
    await createUserDirectory(stores.keyv('access')).saveUser('agent1', ['agent'], PASSWORD);
    await stores.store.close();
    console.log(`${backend}: ${THREADS} threads seeded and indexed in ${(ms(t0) / 1000).toFixed(1)} s`);

    const { child, url } = await spawnService({ DATA_DIR: dataDir, UNDERSTANDING: 'keyword', ...where });
    try {
      const signIn = await fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'agent1', password: PASSWORD }),
      });
      const cookie = /first_reply_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')![1]!;
      // Warm-up: the service's first requests compile its routes' code.
      for (const q of SEARCHES) await timedGet(`${url}/api/search?${q}`, cookie);
      // The seeded threads went into the store without a priority: the first queue page ranks them all.
      const ranked = await timedGet(`${url}/api/queue?limit=50`, cookie);
      console.log(`${backend}: first queue page (ranks every seeded open thread once): ${ranked.ms.toFixed(0)} ms; load ${load()}`);
      // A page cut by team (no seeded thread is in one: the whole view is looked through for the team's).
      const teamFirst = await timedGet(`${url}/api/queue?limit=50&team=bench-none`, cookie);
      console.log(`${backend}: first page cut by team: ${teamFirst.ms.toFixed(0)} ms; load ${load()}`);

      const all: number[] = [];
      let worst = { q: '', p95: 0 };
      for (const q of SEARCHES) {
        const samples: number[] = [];
        for (let i = 0; i < REPEAT; i++) samples.push((await timedGet(`${url}/api/search?${q}`, cookie)).ms);
        const p95 = percentile(
          [...samples].sort((a, b) => a - b),
          95,
        );
        if (p95 > worst.p95) worst = { q, p95 };
        all.push(...samples);
      }
      console.log(
        `${backend}: search (first page of 25), ${SEARCHES.length} queries: ${figures(all)}; slowest query ${worst.q} (p95 ${worst.p95.toFixed(1)} ms); load ${load()}`,
      );
      const paged: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        let next = (await timedGet(`${url}/api/search?q=parcel`, cookie)).body.next as string | null;
        for (let page = 0; page < 4 && next; page++) {
          const r = await timedGet(`${url}/api/search?q=parcel&after=${next}`, cookie);
          paged.push(r.ms);
          next = r.body.next as string | null;
        }
      }
      console.log(`${backend}: search, pages 2 to 5 of "parcel": ${figures(paged)}; load ${load()}`);

      const views = ((await timedGet(`${url}/api/views`, cookie)).body as { counts: Record<string, number> }).counts;
      console.log(`${backend}: view counts ${JSON.stringify(views)}`);
      const counted: number[] = [];
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 2100)); // past the counts' shared age
        counted.push((await timedGet(`${url}/api/views`, cookie)).ms);
      }
      console.log(`${backend}: GET /api/views, not shared: ${figures(counted)}; load ${load()}`);

      for (const view of ['open', 'waiting', 'mine']) {
        const warm: number[] = [];
        for (let i = 0; i < REPEAT * 2; i++) warm.push((await timedGet(`${url}/api/queue?filter=${view}&limit=50`, cookie)).ms);
        const cold: number[] = [];
        for (let i = 0; i < 10; i++) {
          await new Promise((r) => setTimeout(r, 1100)); // past what is shared for a second (the views' counts)
          cold.push((await timedGet(`${url}/api/queue?filter=${view}&limit=50`, cookie)).ms);
        }
        const total = (await timedGet(`${url}/api/queue?filter=${view}&limit=1`, cookie)).body.total;
        console.log(
          `${backend}: queue page "${view}" (${total} threads): back to back ${figures(warm)}; after 1.1 s ${figures(cold)}; load ${load()}`,
        );
      }
      const later: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        let next = (await timedGet(`${url}/api/queue?limit=50`, cookie)).body.next as string | null;
        for (let page = 0; page < 4 && next; page++) {
          const r = await timedGet(`${url}/api/queue?limit=50&after=${next}`, cookie);
          later.push(r.ms);
          next = r.body.next as string | null;
        }
      }
      console.log(`${backend}: queue pages 2 to 5 of "open": ${figures(later)}; load ${load()}`);
      // A team queue: the view's index read through, each thread's team looked up (store queueEntriesInTeams).
      const team: number[] = [];
      for (let i = 0; i < 10; i++) {
        await new Promise((r) => setTimeout(r, 1100));
        team.push((await timedGet(`${url}/api/queue?limit=50&team=bench-none`, cookie)).ms);
      }
      console.log(`${backend}: queue page cut by team, after 1.1 s: ${figures(team)}; load ${load()}`);
    } finally {
      // Stopped, not killed, so that a service started with --cpu-prof (BENCH_NODE_ARGS) writes its profile.
      const exited = new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    if (backend === 'redis') await deletePrefix(REDIS_URL, prefix);
  }
}

export async function run(): Promise<void> {
  console.log(`search and queue with ${THREADS} threads; load averages (1, 5, 15 min) ${load()}`);
  const backends = (process.env.BENCH_BACKENDS ?? 'sqlite,redis').split(',') as ('sqlite' | 'redis')[];
  for (const backend of backends) await measure(backend);
}
