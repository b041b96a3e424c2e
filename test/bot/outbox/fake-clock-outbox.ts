import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach } from 'vitest';
import type { Channel } from '../../../bot/channels/channel.js';
import { createOutboxSender, type OutboxSender, type OutboxSenderOptions } from '../../../bot/outbox/outbox-sender.js';
import type { OutgoingReply } from '../../../store/mention.js';
import { openDatabase } from '../../../store/open-database.js';
import { createSqliteStore } from '../../../store/sqlite-store.js';
import type { Store } from '../../../store/store.js';
import { redisBackend } from '../../store/redis-test-backend.js';

export type Backend = 'SQLite' | 'Redis';

/** A platform whose next answers the test scripts: ok, or a given failure. */
export function scriptedChannel(script: (reply: OutgoingReply, call: number) => void) {
  const sent: { text: string; at: number; key: string }[] = [];
  let calls = 0;
  const channel: Channel = {
    name: 'fake',
    limits: { maxLength: 100, measure: (t) => t.length },
    async send(reply) {
      script(reply, ++calls);
      sent.push({ text: reply.text, at: Date.now(), key: reply.idempotencyKey });
      return { platformId: `p${sent.length}` };
    },
  };
  return { channel, sent, calls: () => calls };
}

/** A fresh store on either backend, and how to throw it away. */
export async function openBackend(backend: Backend): Promise<{ store: Store; dispose: () => Promise<void> }> {
  if (backend === 'SQLite')
    return { store: createSqliteStore(openDatabase(mkdtempSync(path.join(tmpdir(), 'fr-outbox-')))), dispose: async () => {} };
  const b = redisBackend();
  return { store: await b.open(), dispose: () => b.dispose() };
}

export interface FakeClockOutbox {
  readonly store: Store;
  /** The sender's clock, moved on by the test: backoffs of minutes pass in milliseconds. */
  clock: number;
  /** From now on the clock moves `stepMs` every `everyMs` of real time; with no step it stands still. */
  pace(stepMs?: number, everyMs?: number): void;
  /** `count` answered mentions from number `from` on (m<n> in thread t<n>), their replies (`answer m<n>`, or `text`) queued at the clock. */
  queueAnswers(from: number, count: number, text?: string): Promise<void>;
  /** Starts the sender on `channel`, on the fake clock, polling every 5 ms unless `options` say otherwise. */
  start(channel: Channel, options: Omit<OutboxSenderOptions, 'store' | 'channels' | 'log' | 'now'>): OutboxSender;
}

/**
 * Per test (it registers its own beforeEach and afterEach): a fresh store on `backend`, a clock the
 * test moves, and the outbox sender it starts on them; the clock, the sender and the store stopped after.
 */
export function fakeClockOutbox(backend: Backend): FakeClockOutbox {
  let opened: { store: Store; dispose: () => Promise<void> } | undefined;
  let sender: OutboxSender | undefined;
  let ticker: NodeJS.Timeout | undefined;
  const t: FakeClockOutbox = {
    get store() {
      return opened!.store;
    },
    clock: 0,
    pace(stepMs, everyMs = 2) {
      clearInterval(ticker);
      ticker = stepMs ? setInterval(() => (t.clock += stepMs), everyMs) : undefined;
    },
    async queueAnswers(from, count, text) {
      for (let i = from; i < from + count; i++) {
        await t.store.acceptMention(
          { channel: 'fake', platformId: `m${i}`, threadId: `t${i}`, author: '@ann', text: 'where is my parcel?', createdAt: '' },
          t.clock,
          t.clock + 60_000,
        );
      }
      for (const m of await t.store.claimMentions(100, t.clock, 10_000)) {
        await t.store.commitTurn(
          m,
          { status: 'answered', decision: {}, replies: [{ text: text ?? `answer ${m.platformId}`, kind: 'answer' }] },
          t.clock,
        );
      }
    },
    start(channel, options) {
      sender = createOutboxSender({
        store: t.store,
        channels: new Map([[channel.name, channel]]),
        log: pino({ level: 'silent' }),
        pollMs: 5,
        ...options,
        now: () => t.clock,
      });
      sender.start();
      return sender;
    },
  };
  beforeEach(async () => {
    opened = await openBackend(backend);
    t.clock = Date.now();
  });
  afterEach(async () => {
    t.pace();
    await sender?.stop();
    sender = undefined;
    await opened?.store.close();
    await opened?.dispose();
  });
  return t;
}
