import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { holdSqliteLock, type HeldLock } from '../helpers/hold-sqlite-lock.js';
import { postJson, startService, waitFor, type RunningService } from '../helpers/start-service.js';

async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await call();
  return { ms: performance.now() - started, value };
}

describe('issue 14 finding 6 — the SQLite file locked by another process', () => {
  let service: RunningService | undefined;
  let lock: HeldLock | undefined;
  afterEach(async () => {
    await lock?.release();
    await service?.dispose();
    lock = service = undefined;
  });

  it('finding 6: /healthz answers at once, intake answers 503 with Retry-After, and after the release the same posts are stored and answered once', {
    timeout: 60_000,
  }, async () => {
    service = await startService();
    const warm = await postJson(`${service.url}/sandbox/mentions`, { author: '@ann', text: 'my parcel is late' });
    expect(warm.status).toBe(202);

    lock = await holdSqliteLock(path.join(service.dataDir, 'first-reply.db'));
    const posts = Array.from({ length: 5 }, (_, i) =>
      timed(() =>
        fetch(`${service!.url}/sandbox/mentions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: `locked-${i}`, author: `@u${i}`, text: 'my parcel is late' }),
        }),
      ),
    );
    const health = Array.from({ length: 10 }, (_, i) =>
      new Promise((r) => setTimeout(r, i * 50)).then(() => timed(() => fetch(`${service!.url}/healthz`))),
    );
    const [refused, healthChecks] = [await Promise.all(posts), await Promise.all(health)];

    // Liveness is never held up by the lock (the old 5 s synchronous busy wait froze it).
    for (const h of healthChecks) {
      expect(h.value.status).toBe(200);
      expect(h.ms).toBeLessThan(1000);
    }
    // Nothing is acknowledged that was not stored: 503, deliver again later; not a hang, not a 500.
    for (const p of refused) {
      expect(p.value.status).toBe(503);
      expect(p.value.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(p.ms).toBeLessThan(2000);
    }
    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { reason: string }).reason).toMatch(/locked|busy/i);

    await lock.release();
    lock = undefined;
    await waitFor(async () => ((await fetch(`${service!.url}/readyz`)).ok ? true : undefined), 5000, 'ready again');
    // The platform delivers again: each post is stored now, and answered exactly once.
    for (let i = 0; i < 5; i++) {
      const again = await postJson(`${service.url}/sandbox/mentions`, { id: `locked-${i}`, author: `@u${i}`, text: 'my parcel is late' });
      expect(again.status).toBe(202);
      expect(again.body.duplicate).toBe(false);
    }
    const counts = await waitFor(
      async () => {
        const threads = await Promise.all(
          Array.from(
            { length: 5 },
            async (_, i) =>
              (await fetch(`${service!.url}/sandbox/threads/locked-${i}`)).json() as Promise<{ posts: { fromBrand: boolean }[] }>,
          ),
        );
        const n = threads.map((t) => t.posts.filter((p) => p.fromBrand).length);
        return n.every((c) => c >= 1) ? n : undefined;
      },
      40_000,
      'every post answered',
    );
    expect(counts).toEqual([1, 1, 1, 1, 1]);
  });

  it("finding 6: the sandbox platform's own file locked: a post answers 503 fast, and is taken once released", {
    timeout: 60_000,
  }, async () => {
    service = await startService();
    expect((await postJson(`${service.url}/sandbox/mentions`, { author: '@ann', text: 'my parcel is late' })).status).toBe(202);
    lock = await holdSqliteLock(path.join(service.dataDir, 'sandbox.db'));
    const refused = await timed(() =>
      postJson(`${service!.url}/sandbox/mentions`, { id: 'sb-locked', author: '@bo', text: 'my parcel is late' }),
    );
    expect(refused.value.status).toBe(503);
    expect(refused.ms).toBeLessThan(2000);
    expect((await timed(() => fetch(`${service!.url}/healthz`))).ms).toBeLessThan(1000);
    await lock.release();
    lock = undefined;
    const again = await postJson(`${service.url}/sandbox/mentions`, { id: 'sb-locked', author: '@bo', text: 'my parcel is late' });
    expect(again.status).toBe(202);
    expect(again.body.duplicate).toBe(false);
  });
});
