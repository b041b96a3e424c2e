/**
 * Understanding benchmark: cold start to first classification, mentions understood per second (batched),
 * knowledge (re)training time cold and with cached example embeddings, and peak memory (RSS).
 * Targets: >= 300 mentions/s, cold start < 3 s, RSS < 400 MB, 100x10 knowledge < 10 s cold / < 1 s cached.
 * Run alone: npm run build && node dist/test/bench/understanding-bench.js
 * USE_ENGINE=wasm measures the TensorFlow.js engine instead of ONNX Runtime; BENCH_ENCODER_THREADS=2 also
 * measures ONNX Runtime with two threads per call, BENCH_WORKER_THREADS=2 the worker-thread pool.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { entrySchema, type KnowledgeEntry } from '../../config/knowledge/schema.js';
import { createUnderstander } from '../../intents/create-understander.js';
import { createUseLiteEmbedder } from '../../intents/embedding/use-engine.js';
import type { LocalUnderstander, MentionInput } from '../../intents/local-understander.js';
import { stderrLog } from '../../shared/log.js';

const SUBJECTS = [
  'my order',
  'the app',
  'my parcel',
  'my account',
  'the website',
  'my refund',
  'my subscription',
  'the checkout',
  'my invoice',
  'the delivery',
];
const PROBLEMS = [
  'is late again',
  'is not working',
  'has disappeared',
  'keeps failing',
  'was charged twice',
  'never arrived',
  'is broken',
  'is stuck',
  'shows an error',
  'was cancelled',
];
const TAILS = ['', ' what is going on?', ' please help', ' this is the third time', ' any update?', ' 😡', ' thanks in advance', ' #fail'];

/** Distinct synthetic mentions (no dataset text), so the embedding cache cannot help. */
function mentions(n: number): MentionInput[] {
  const out: MentionInput[] = [];
  for (let i = 0; out.length < n; i++) {
    const s = SUBJECTS[i % SUBJECTS.length]!;
    const p = PROBLEMS[Math.floor(i / SUBJECTS.length) % PROBLEMS.length]!;
    const t = TAILS[Math.floor(i / 100) % TAILS.length]!;
    out.push({ text: `@brand ${s} ${p}${t} (ref ${1000 + i})`, channel: i % 2 ? 'x' : 'mastodon' });
  }
  return out;
}

/** A knowledge file of `n` entries with 10 example phrasings each. */
function knowledge(n: number): KnowledgeEntry[] {
  return Array.from({ length: n }, (_, e) =>
    entrySchema.parse({
      id: `entry-${e}`,
      kind: e % 2 ? 'campaign' : 'incident',
      title: `Entry ${e}`,
      keywords: [`code${e}`],
      examples: Array.from(
        { length: 10 },
        (_, k) => `question ${k} about topic ${e}: ${SUBJECTS[(e + k) % 10]} ${PROBLEMS[(e * 3 + k) % 10]}`,
      ),
      reply: 'r',
    }),
  );
}

const mb = (kb: number): string => (kb / 1024).toFixed(0);

/**
 * Mentions per second of wall-clock time, and per second of this process's CPU time: on a machine
 * shared with other work the second says what the code costs, the first what it got.
 */
async function throughput(u: LocalUnderstander): Promise<string> {
  const batch = 64;
  const all = mentions(1280);
  await u.understandBatch(all.slice(0, batch)); // warm-up, excluded
  const rest = all.slice(batch);
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (let s = 0; s < rest.length; s += batch) await u.understandBatch(rest.slice(s, s + batch));
  const used = process.cpuUsage(cpu);
  const perCpuSecond = rest.length / ((used.user + used.system) / 1e6);
  return `${(rest.length / ((performance.now() - t) / 1000)).toFixed(0)} mentions/s (${perCpuSecond.toFixed(0)} per CPU-second of this process)`;
}

/** The sentence encoder alone on the same mentions: its share of the CPU per mention. */
async function encoderCost(engine: 'onnx' | 'wasm', cacheDir: string): Promise<string> {
  const e = await createUseLiteEmbedder({ engine, cacheDir, log: stderrLog });
  const texts = mentions(1280).map((m) => m.text);
  await e.embed(texts.slice(0, 64));
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (let s = 64; s < texts.length; s += 64) await e.embed(texts.slice(s, s + 64));
  const used = process.cpuUsage(cpu);
  await e.dispose?.();
  const n = texts.length - 64;
  return `${(n / ((performance.now() - t) / 1000)).toFixed(0)} mentions/s, ${((used.user + used.system) / 1000 / n).toFixed(2)} ms CPU per mention`;
}

export async function run(): Promise<void> {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'understanding-bench-'));
  try {
    const t0 = performance.now();
    const useEngine = process.env.USE_ENGINE === 'wasm' ? 'wasm' : 'onnx';
    console.log(`USE Lite engine: ${useEngine}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
    const u = await createUnderstander({ cacheDir, useEngine, log: stderrLog });
    await u.train(knowledge(5));
    await u.understand({ text: '@brand is the app down?', channel: 'x' });
    const cold = performance.now() - t0;
    console.log(
      `cold start to first classification: ${(cold / 1000).toFixed(2)} s (target < 3 s; ${(performance.now() / 1000).toFixed(2)} s since process start)`,
    );

    const big = knowledge(100);
    let t = performance.now();
    await u.train(big);
    const trainCold = performance.now() - t;
    const u2 = await createUnderstander({ cacheDir, useEngine, log: stderrLog });
    t = performance.now();
    await u2.train(big);
    const trainCached = performance.now() - t;
    console.log(
      `train 100 entries x 10 examples: ${(trainCold / 1000).toFixed(2)} s cold (target < 10 s), ${(trainCached / 1000).toFixed(2)} s with cached example embeddings (target < 1 s)`,
    );

    console.log(`throughput: ${await throughput(u)} in-process (distinct mentions, batches of 64, 100 entries; target >= 300)`);
    console.log(`peak memory (RSS), default model loaded: ${mb(process.resourceUsage().maxRSS)} MB (target < 400 MB)`);
    console.log(`USE Lite alone (${useEngine}): ${await encoderCost(useEngine, cacheDir)}`);
    // Optional: ONNX Runtime with more threads per call, USE Lite on worker threads (more memory; both
    // pay off only with idle cores).
    const encoderThreads = Number(process.env.BENCH_ENCODER_THREADS ?? 0);
    const workerThreads = Number(process.env.BENCH_WORKER_THREADS ?? 0);
    const variants: [string, Omit<Parameters<typeof createUnderstander>[0], 'log'>][] = [];
    if (encoderThreads > 0 && useEngine === 'onnx') variants.push([`encoderThreads: ${encoderThreads}`, { encoderThreads }]);
    if (workerThreads > 0) variants.push([`workerThreads: ${workerThreads}`, { workerThreads }]);
    for (const [label, options] of variants) {
      const variant = await createUnderstander({ cacheDir, useEngine, ...options, log: stderrLog });
      await variant.train(big);
      console.log(`throughput: ${await throughput(variant)} with ${label} (peak RSS now ${mb(process.resourceUsage().maxRSS)} MB)`);
      await variant.dispose();
    }
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
