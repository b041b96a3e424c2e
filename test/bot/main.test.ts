import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../bench/spawn-service.js';
import { repoRoot, waitFor } from '../helpers/start-service.js';

const MAIN = path.join(repoRoot, 'dist/bot/main.js');

function run(env: Record<string, string>): {
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  kill: (s: NodeJS.Signals) => void;
} {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return {
    done: new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr }))),
    kill: (s) => child.kill(s),
  };
}

describe('starting and stopping the service (dist/bot/main.js)', () => {
  it('refuses to start with a bad setting, naming it', async () => {
    const { code, stderr } = await run({ PORT: 'eighty', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fr-main-')) }).done;
    expect(code).toBe(2);
    expect(stderr).toMatch(/PORT: .*\(got "eighty"\)/);
  });

  it('refuses to start with a broken knowledge file, naming its line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-main-'));
    const file = path.join(dir, 'knowledge.yaml');
    writeFileSync(
      file,
      'version: 1\nacknowledgement: hi\nentries:\n  - id: a\n    kind: incident\n    title: A\n    keywords: [x y]\n    reply: 42\n',
    );
    const { code, stderr } = await run({ DATA_DIR: dir, KNOWLEDGE_FILE: file }).done;
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:8:12 entries.0.reply`);
  });

  it('finishes in-flight work on SIGTERM, keeps secrets out of the log, and loses nothing', { timeout: 90_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-main-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const service = run({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'debug', SANDBOX_REPLY_DELAY_MS: '20' });
    await waitFor(async () => ((await fetch(`${url}/readyz`).catch(() => undefined))?.ok ? true : undefined), 30_000, 'readiness'); // a cold start loads the sentence encoder: slower on a busy machine
    // A secret in a query string must not reach the log.
    await fetch(`${url}/healthz?hub.verify_token=s3cret-token&x=1`);
    const posts = Array.from({ length: 40 }, (_, i) =>
      fetch(`${url}/sandbox/mentions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer s3cret-bearer' },
        body: JSON.stringify({ id: `g${i}`, author: `@u${i}`, text: 'my parcel is late' }),
      }),
    );
    const statuses = (await Promise.all(posts)).map((r) => r.status);
    service.kill('SIGTERM');
    const { code, stdout } = await service.done;
    expect(code).toBe(0);
    expect(statuses.every((s) => s === 202)).toBe(true);
    expect(stdout).toContain('shutting down');
    expect(stdout).not.toContain('s3cret');
    expect(stdout).toContain('hub.verify_token=[Redacted]');

    // Whatever was not sent before the stop goes out after the next start: each exactly once.
    const again = run({ PORT: String(port), DATA_DIR: dataDir });
    try {
      // The restart loads the sentence encoder again; the wait for answers starts once it is ready.
      await waitFor(
        async () => ((await fetch(`${url}/readyz`).catch(() => undefined))?.ok ? true : undefined),
        30_000,
        'readiness after restart',
      );
      await waitFor(
        async () => {
          const threads = await Promise.all(
            Array.from({ length: 40 }, async (_, i) =>
              (await fetch(`${url}/sandbox/threads/g${i}`).catch(() => undefined))?.json().catch(() => undefined),
            ),
          );
          const counts = threads.map((t: any) => t?.posts?.filter((p: any) => p.fromBrand).length ?? 0);
          return counts.every((n) => n >= 1) ? counts : undefined;
        },
        20_000,
        'every thread answered',
      ).then((counts) => expect(counts.every((n) => n === 1)).toBe(true));
    } finally {
      again.kill('SIGTERM');
      await again.done;
    }
  });
});
