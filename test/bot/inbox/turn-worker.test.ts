import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createLiveKnowledge } from '../../../config/knowledge/live-knowledge.js';
import { createTurnWorker } from '../../../bot/inbox/turn-worker.js';
import { openDatabase } from '../../../store/open-database.js';
import { createSqliteStore } from '../../../store/sqlite-store.js';
import { createTurnRunner } from '../../../bot/turn/run-turn.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';
import type { Understander } from '../../../intents/understanding.js';
import { exampleKnowledge, postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';

const settings = { BRAND_HANDLES: ['@acme'], KNOWN_BOTS: [], AUTHOR_REPLY_CAP: 3, AUTHOR_REPLY_WINDOW_SECONDS: 3600 };

describe('turn worker', () => {
  let service: RunningService | undefined;
  afterEach(async () => service?.dispose());

  it('acknowledges at the deadline when understanding is too slow, and never replies twice', async () => {
    // The real matcher, made slow for the one mention of this test (the knowledge file's own test
    // cases run through it at start-up and must not wait).
    const keyword = createKeywordUnderstander();
    const slow: Understander = {
      train: (entries) => keyword.train(entries),
      async understand(m) {
        if (m.text.startsWith('SLOW')) await new Promise((r) => setTimeout(r, 2500));
        return keyword.understand(m);
      },
    };
    service = await startService({ ACK_DEADLINE_SECONDS: '1' }, { understander: slow });
    const t0 = Date.now();
    const res = await postJson(`${service.url}/sandbox/mentions`, { author: '@ann', text: 'SLOW: the app is down' });
    const thread = async () =>
      (
        (await (await fetch(`${service!.url}/sandbox/threads/${res.body.threadId}`)).json()) as {
          posts: { fromBrand: boolean; text: string }[];
        }
      ).posts;
    const ack = await waitFor(async () => (await thread()).find((p) => p.fromBrand), 3000, 'the acknowledgement');
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(ack.text).toContain('A member of our team has your message');
    expect((await service.store.getMention(res.body.mentionId))?.decision).toMatchObject({ reason: 'deadline' });
    // The slow turn finishes later: its answer must not go out as a second reply.
    await new Promise((r) => setTimeout(r, 2000));
    expect((await thread()).filter((p) => p.fromBrand)).toHaveLength(1);
  });

  it('retries a failing turn, then acknowledges and hands off', async () => {
    const store = createSqliteStore(openDatabase(mkdtempSync(path.join(tmpdir(), 'fr-worker-'))));
    let calls = 0;
    const broken: Understander = {
      async train() {},
      async understand() {
        calls++;
        throw new Error('model crashed');
      },
    };
    const knowledge = await createLiveKnowledge(exampleKnowledge, createKeywordUnderstander());
    const turns = createTurnRunner({ store, understander: broken, knowledge, channels: new Map(), settings });
    const worker = createTurnWorker({
      store,
      turns,
      log: pino({ level: 'silent' }),
      onCommitted: () => {},
      leaseMs: 30,
      maxAttempts: 3,
      sweepMs: 10,
    });
    const { mentionId } = await store.acceptMention(
      { channel: 'sandbox', platformId: 'p', threadId: 'p', author: '@ann', text: 'hi', createdAt: '' },
      Date.now(),
      Date.now() + 60_000,
    );
    worker.start();
    const decided = await waitFor(async () => {
      const m = await store.getMention(mentionId);
      return m?.status !== 'received' ? m : undefined;
    });
    await worker.stop();
    expect(calls).toBe(3);
    expect(decided).toMatchObject({ status: 'handed_off', decision: { reason: 'turn_failed' } });
    expect((await store.stats()).outbox).toEqual({ pending: 1 });
    await store.close();
  });

  it('acknowledges a whole backlog past its deadline in one sweep, not a hundred a second', async () => {
    const store = createSqliteStore(openDatabase(mkdtempSync(path.join(tmpdir(), 'fr-worker-'))));
    const knowledge = await createLiveKnowledge(exampleKnowledge, createKeywordUnderstander());
    const stuck: Understander = { async train() {}, understand: () => new Promise(() => {}) };
    const turns = createTurnRunner({ store, understander: stuck, knowledge, channels: new Map(), settings });
    const t = Date.now();
    for (let i = 0; i < 250; i++) {
      await store.acceptMention(
        { channel: 'sandbox', platformId: `b${i}`, threadId: `b${i}`, author: `@u${i}`, text: 'hi', createdAt: '' },
        t - 120_000,
        t - 60_000,
      );
    }
    // The turns hang on the model; the sweep alone must answer everyone.
    const worker = createTurnWorker({ store, turns, log: pino({ level: 'silent' }), onCommitted: () => {}, batchSize: 5, sweepMs: 60_000 });
    worker.start();
    const stats = await waitFor(
      async () => {
        const s = await store.stats();
        return s.mentions.handed_off === 250 ? s : undefined;
      },
      3000,
      'all 250 acknowledged',
    );
    expect(stats.outbox).toEqual({ pending: 250 });
    void worker.stop();
    await store.close();
  });
});
