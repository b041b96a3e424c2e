import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/start-service.js';

// The webhook bench with GBP pushes alone printed its figures and then never exited: the shared
// stand-in platform, started for every run, was closed only when a channel used it.

const BENCH = path.join(repoRoot, 'dist/test/bench/webhook-bench.js');

describe('the webhook bench', () => {
  it('exits by itself after its figures, with GBP pushes alone', async () => {
    const child = spawn(process.execPath, [BENCH], {
      env: { ...process.env, BENCH_CHANNELS: 'gbp', BENCH_WEBHOOKS: '12', BENCH_CONCURRENCY: '4' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    const kill = setTimeout(() => child.kill('SIGKILL'), 100_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    clearTimeout(kill);
    expect(out).toMatch(/gbp\s+\/webhooks\/gbp/);
    // Killed (the process stayed up after its figures): no exit code.
    expect(code).toBe(0);
  }, 120_000);
});
