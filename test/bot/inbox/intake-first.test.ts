import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createLiveKnowledge } from '../../../config/knowledge/live-knowledge.js';
import { createDrainPacer, DEFAULT_DRAIN_BUDGET } from '../../../bot/inbox/drain-budget.js';
import { createTurnWorker } from '../../../bot/inbox/turn-worker.js';
import { openDatabase } from '../../../store/open-database.js';
import { createSqliteStore } from '../../../store/sqlite-store.js';
import { createTurnRunner } from '../../../bot/turn/run-turn.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';
import type { Understander } from '../../../intents/understanding.js';
import { exampleKnowledge, postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';

const TEXTS = ['@acme my parcel is two weeks late', '@acme why was I charged twice?', '@acme the app is down again'];
const settings = { BRAND_HANDLES: ['@acme'], KNOWN_BOTS: [], AUTHOR_REPLY_CAP: 3, AUTHOR_REPLY_WINDOW_SECONDS: 3600 };

/** The keyword matcher made as heavy as a real encoder: 2 ms of CPU per mention. */
function heavyUnderstander(): Understander {
  const keyword = createKeywordUnderstander();
  return {
    train: (entries) => keyword.train(entries),
    understand(m) {
      const until = performance.now() + 2;
      while (performance.now() < until);
      return keyword.understand(m);
    },
  };
}

describe('intake first under a burst', () => {
  let service: RunningService | undefined;
  afterEach(async () => service?.dispose());

  it('holds the drain back while a burst arrives, and still decides every mention by its turn before its deadline', async () => {
    const store = createSqliteStore(openDatabase(mkdtempSync(path.join(tmpdir(), 'fr-intake-first-'))));
    const knowledge = await createLiveKnowledge(exampleKnowledge, createKeywordUnderstander());
    const turns = createTurnRunner({ store, understander: heavyUnderstander(), knowledge, channels: new Map(), settings });
    // Held to 1 % of the time whenever deliveries arrive and it is behind, whatever the machine's
    // load: only the share growing with deadline pressure lets it catch up.
    const pacer = createDrainPacer({ policy: { ...DEFAULT_DRAIN_BUDGET, minShare: 0.01, busyAbove: 0, waitingAbove: 0 } });
    const worker = createTurnWorker({ store, turns, log: pino({ level: 'silent' }), onCommitted: () => {}, pacer, sweepMs: 100 });
    const deadlineMs = 2000;
    let n = 0;
    const accept = async () => {
      const t = Date.now();
      const i = n++;
      await pacer.intake(
        store.acceptMention(
          { channel: 'sandbox', platformId: `m${i}`, threadId: `m${i}`, author: `@u${i}`, text: TEXTS[i % TEXTS.length]!, createdAt: '' },
          t,
          t + deadlineMs,
        ),
      );
      worker.wake();
    };
    // The burst: 100 at once (a backlog), then two every 5 ms (faster than the held-back drain,
    // slower than a free one) for longer than the deadline.
    for (let i = 0; i < 100; i++) await accept();
    worker.start();
    const until = Date.now() + 1.5 * deadlineMs;
    while (Date.now() < until) {
      await accept();
      await accept();
      await new Promise((r) => setTimeout(r, 5));
    }
    const stats = await waitFor(
      async () => {
        const s = await store.stats();
        return (s.mentions.received ?? 0) === 0 ? s : undefined;
      },
      20_000,
      'every mention decided',
    );
    await worker.stop();
    const reasons = new Map<string, number>();
    for (let id = 1; id <= n; id++) {
      const reason = String((await store.getMention(id))?.decision?.reason);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    expect(Object.values(stats.mentions).reduce((a, b) => a + b, 0)).toBe(n);
    // None was acknowledged for want of a turn.
    expect(reasons.get('deadline')).toBeUndefined();
    await store.close();
  }, 30_000);

  it('accepts every delivery of a burst over HTTP and answers them all by their turn (default budget)', async () => {
    service = await startService({ ACK_DEADLINE_SECONDS: '5' }, { understander: heavyUnderstander() });
    const url = `${service.url}/sandbox/mentions`;
    const ids: number[] = [];
    const statuses: number[] = [];
    let n = 0;
    const deliver = async () => {
      const i = n++;
      const res = await postJson(url, { author: `@customer${i}`, text: `${TEXTS[i % TEXTS.length]} (#${i})`, id: `burst-${i}` });
      statuses.push(res.status);
      if (res.body?.mentionId) ids.push(res.body.mentionId as number);
    };
    await Promise.all(Array.from({ length: 200 }, deliver));
    const until = Date.now() + 2000;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (Date.now() < until) await deliver();
      }),
    );
    expect(statuses.every((s) => s >= 200 && s < 300)).toBe(true);
    expect(ids.length).toBe(n);
    const reasons = await waitFor(
      async () => {
        const all = await Promise.all(ids.map((id) => service!.store.getMention(id)));
        return all.every((m) => m?.status !== 'received') ? all.map((m) => String(m?.decision?.reason)) : undefined;
      },
      20_000,
      'every mention of the burst decided',
    );
    expect(reasons.filter((r) => r === 'deadline' || r === 'turn_failed')).toEqual([]);
    await waitFor(async () => ((await service!.store.stats()).outbox.pending ?? 0) === 0 || undefined, 20_000, 'every reply sent');
  }, 40_000);
});
