import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/open-database.js';
import { createRedisStore } from '../../store/redis-store.js';
import { createSqliteStore } from '../../store/sqlite-store.js';
import type { Store, TurnOutcome } from '../../store/store.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import { createRedisHandoffStore } from '../../store/redis-handoff-store.js';
import { createSqliteHandoffStore } from '../../store/sqlite-handoff-store.js';
import { TRANSITIONS, type ThreadAction } from '../../store/thread-state.js';
import { connectTestRedis, deletePrefix, REDIS_URL } from './redis-test-backend.js';
import { mention } from './store-contract.js';

/**
 * Differential test: random sequences of what customers, the bot, the outbox and people do to
 * threads, applied to SQLite (the reference) and to Redis; every answer and the resulting threads,
 * transcripts, queue, idle claims and SLA days must be the same.
 */

type Step =
  | { op: 'mention'; thread: string; brand: boolean; text: string }
  | { op: 'decide'; outcome: 'answer' | 'handoff' | 'native' | 'routed' | 'ignored' }
  | { op: 'act'; action: ThreadAction; thread: string; actor: string; other: string; staleActivity: boolean }
  | { op: 'reply'; thread: string; actor: string; requestId: string; parts: number }
  | { op: 'send'; fail: boolean }
  | { op: 'retry'; countAttempt: boolean }
  | { op: 'own'; thread: string; text: string; platformId: string };

const threads = fc.constantFrom('t1', 't2');
const people = fc.constantFrom('ann', 'bob');
const texts = fc.constantFrom('hello', 'A person will answer here.', 'answer', 'on it');
// Weighted toward what makes threads change hands: handoffs, claims, native replies.
const actions = fc.oneof(
  { arbitrary: fc.constant<ThreadAction>('claim'), weight: 3 },
  { arbitrary: fc.constantFrom(...(Object.keys(TRANSITIONS) as ThreadAction[])), weight: 4 },
);
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('mention' as const), thread: threads, brand: fc.boolean(), text: texts }), weight: 3 },
  {
    arbitrary: fc.record({
      op: fc.constant('decide' as const),
      outcome: fc.constantFrom('answer', 'handoff', 'handoff', 'native', 'routed', 'ignored'),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('act' as const),
      action: actions,
      thread: threads,
      actor: people,
      other: people,
      staleActivity: fc.boolean(),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('reply' as const),
      thread: threads,
      actor: people,
      requestId: fc.constantFrom('r1', 'r2', 'r3'),
      parts: fc.integer({ min: 1, max: 2 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ op: fc.constant('send' as const), fail: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('retry' as const), countAttempt: fc.boolean() }), weight: 1 },
  {
    arbitrary: fc.record({ op: fc.constant('own' as const), thread: threads, text: texts, platformId: fc.constantFrom('p1', 'p2', 'p9') }),
    weight: 1,
  },
);

const outcomes: Record<Extract<Step, { op: 'decide' }>['outcome'], TurnOutcome> = {
  answer: {
    status: 'answered',
    decision: { reason: 'knowledge_match' },
    replies: [
      { text: 'answer', kind: 'answer' },
      { text: 'part two', kind: 'answer' },
    ],
  },
  handoff: {
    status: 'handed_off',
    decision: { reason: 'not_understood' },
    replies: [{ text: 'A person will answer here.', kind: 'acknowledgement' }],
    threadState: 'waiting',
  },
  native: {
    status: 'ignored',
    decision: { reason: 'human_reply_on_platform' },
    replies: [],
    threadState: 'agent',
    assignee: 'platform:@acme',
  },
  routed: { status: 'routed', decision: { reason: 'sales' }, replies: [] },
  ignored: { status: 'ignored', decision: { reason: 'bot_author' }, replies: [] },
};

interface Side {
  store: Store;
  handoff: HandoffStore;
  sent: number;
}

/** Applies one step; returns what the caller was told (compared between the backends). */
async function apply(s: Side, st: Step, now: number, n: number): Promise<unknown> {
  switch (st.op) {
    case 'mention':
      return s.store.acceptMention(
        mention(`m${n}`, { threadId: st.thread, author: st.brand ? '@acme' : '@ann', text: st.text }),
        now,
        now + 60_000,
      );
    case 'decide': {
      const [m] = await s.store.claimMentions(1, now, 60_000);
      return m ? [m, await s.store.commitTurn(m, outcomes[st.outcome], now)] : null;
    }
    case 'act': {
      const rule = TRANSITIONS[st.action];
      const before = await s.handoff.getThread('sandbox', st.thread);
      const activity = before?.lastAgentActivityAt ?? null;
      const assignee = {
        claim: st.actor,
        reassign: st.other,
        release: null,
        idle_release: null,
        hand_back: null,
        resolve: undefined,
        close: undefined,
      }[st.action];
      return s.handoff.transition({
        channel: 'sandbox',
        threadId: st.thread,
        from: rule.from,
        to: rule.to,
        ...(assignee !== undefined ? { assignee } : {}),
        ...(rule.ownerOnly ? { ifAssignee: st.actor } : {}),
        ...(st.action === 'idle_release' ? { ifLastActivityAt: st.staleActivity && activity !== null ? activity - 1 : activity } : {}),
        event: { type: st.action, actor: st.actor, ...(st.action === 'reassign' ? { data: { to: st.other } } : {}) },
        now,
      });
    }
    case 'reply':
      return s.handoff.queueAgentReply({
        channel: 'sandbox',
        threadId: st.thread,
        actor: st.actor,
        parts: Array.from({ length: st.parts }, (_, i) => `on it ${i}`),
        inReplyTo: 'm0',
        recipient: '@ann',
        requestId: st.requestId,
        now,
        ...(st.parts > 1 ? { replyContext: { visibility: 'public' } } : {}),
      });
    case 'send': {
      const due = await s.store.claimDueReplies(2, now, 60_000, []);
      if (st.fail && due[0]) await s.store.markReplyFailed(due[0].id, 'post deleted', now);
      const sent = (st.fail ? due.slice(1) : due).map((r) => ({ id: r.id, platformId: `p${++s.sent}` }));
      await s.store.markRepliesSent(sent, now);
      return due;
    }
    case 'retry': {
      // The platform said "later": the reply waits a minute (a person may take the thread meanwhile).
      const due = await s.store.claimDueReplies(1, now, 60_000, []);
      for (const r of due) await s.store.markReplyRetry(r.id, now + 60_000, 'rate limited', st.countAttempt);
      return due;
    }
    case 'own':
      return s.store.isOwnReply('sandbox', st.thread, st.platformId, st.text);
  }
}

/** Everything the handoff layer can read, in a stable order. */
async function snapshot(s: Side, now: number) {
  // Neither backend promises an order for these lists.
  const byThread = <T extends { thread: { threadId: string } }>(rows: T[]) =>
    [...rows].sort((a, b) => a.thread.threadId.localeCompare(b.thread.threadId));
  const idle = (await s.handoff.idleClaims(now)).sort((a, b) => a.threadId.localeCompare(b.threadId));
  return {
    threads: await Promise.all(['t1', 't2'].map((t) => s.handoff.getThread('sandbox', t))),
    transcripts: await Promise.all(['t1', 't2'].map((t) => s.handoff.transcript('sandbox', t))),
    open: byThread(await s.handoff.listThreads(['waiting', 'agent'])),
    closedOrBot: byThread(await s.handoff.listThreads(['bot', 'resolved', 'closed'])),
    idle,
    sla: await s.handoff.slaDays(0),
    stats: await s.store.stats(),
    notified: (await s.handoff.transcript('sandbox', 't1')).events.some((e) => e.type === 'human_first_response'),
  };
}

const at = (...steps: Step[]): [Step, number][] => steps.map((st) => [st, 30_000]);
/** Sequences that must be among the runs: rare by chance, decisive for the SLA and ownership rules. */
const EXAMPLES: [[Step, number][]][] = [
  // Both parts of one answer sent: the mention's first sent reply counts once.
  [
    at(
      { op: 'mention', thread: 't1', brand: false, text: 'hello' },
      { op: 'decide', outcome: 'answer' },
      { op: 'send', fail: false },
      { op: 'send', fail: false },
    ),
  ],
  // A person's reply to a mention sent before the bot decided it: the mention's first reply all the same.
  [
    at(
      { op: 'mention', thread: 't1', brand: false, text: 'hello' },
      { op: 'act', action: 'claim', thread: 't1', actor: 'bob', other: 'ann', staleActivity: false },
      { op: 'reply', thread: 't1', actor: 'bob', requestId: 'r1', parts: 1 },
      { op: 'send', fail: false },
      { op: 'decide', outcome: 'answer' },
    ),
  ],
  // More replies due than one claim takes: every bot reply in a person's thread is cancelled all the same.
  [
    at(
      { op: 'mention', thread: 't1', brand: false, text: 'hello' },
      { op: 'mention', thread: 't1', brand: false, text: 'hello' },
      { op: 'mention', thread: 't2', brand: false, text: 'hello' },
      { op: 'decide', outcome: 'answer' },
      { op: 'decide', outcome: 'answer' },
      { op: 'decide', outcome: 'answer' },
      { op: 'act', action: 'claim', thread: 't2', actor: 'ann', other: 'ann', staleActivity: false },
      { op: 'send', fail: false },
      { op: 'act', action: 'hand_back', thread: 't2', actor: 'ann', other: 'ann', staleActivity: false },
      { op: 'send', fail: false },
    ),
  ],
  // A handoff decided while a person owns the thread leaves it theirs; a native reply keeps its owner.
  [
    at(
      { op: 'mention', thread: 't1', brand: false, text: 'hello' },
      { op: 'act', action: 'claim', thread: 't1', actor: 'ann', other: 'bob', staleActivity: false },
      { op: 'decide', outcome: 'handoff' },
      { op: 'mention', thread: 't1', brand: true, text: 'on it' },
      { op: 'decide', outcome: 'native' },
      { op: 'reply', thread: 't1', actor: 'ann', requestId: 'r1', parts: 2 },
      { op: 'send', fail: false },
      { op: 'own', thread: 't1', text: 'on it 0', platformId: 'p9' },
    ),
  ],
];

describe('Redis handoff store matches the SQLite one', () => {
  it('gives the same answers and the same threads for random sequences of mentions, turns, claims, replies and sends', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(step, fc.integer({ min: 0, max: 90_000 })), { minLength: 5, maxLength: 50 }), async (steps) => {
        const dir = mkdtempSync(path.join(tmpdir(), 'fr-parity-'));
        const db = openDatabase(dir);
        const sqlite: Side = { store: createSqliteStore(db), handoff: createSqliteHandoffStore(db), sent: 0 };
        const prefix = `first-reply-test:${randomUUID()}:`;
        const client = await connectTestRedis();
        const redis: Side = { store: createRedisStore(client, prefix), handoff: createRedisHandoffStore(client, prefix), sent: 0 };
        try {
          // Near the wall clock: isOwnReply compares leases with it, so some are live and some expired.
          let now = Date.now() - 50 * 90_000;
          for (const [n, [st, advance]] of steps.entries()) {
            now += advance;
            const [expected, actual] = [await apply(sqlite, st, now, n), await apply(redis, st, now, n)];
            expect(actual, `step ${n}: ${JSON.stringify(st)}`).toEqual(expected);
          }
          // Decide what is left: the SQLite report counts undecided mentions too, the Redis one on decision.
          for (let left = steps.length; left > 0; left--) {
            const [expected, actual] = [
              await apply(sqlite, { op: 'decide', outcome: 'answer' }, now, 0),
              await apply(redis, { op: 'decide', outcome: 'answer' }, now, 0),
            ];
            expect(actual).toEqual(expected);
            if (expected === null) break;
          }
          expect(await snapshot(redis, now)).toEqual(await snapshot(sqlite, now));
          // The views' counts: Redis keeps them as threads change; SQLite counts its rows.
          const counted = Object.entries(await client.hGetAll(`${prefix}threads:states`)).filter(([, n]) => n !== '0');
          const rows = db.prepare('SELECT state, COUNT(*) AS n FROM threads GROUP BY state').all() as { state: string; n: number }[];
          expect(Object.fromEntries(counted.map(([s, n]) => [s, Number(n)]))).toEqual(Object.fromEntries(rows.map((r) => [r.state, r.n])));
        } finally {
          await sqlite.store.close();
          await redis.store.close();
          await deletePrefix(REDIS_URL, prefix);
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 100, examples: EXAMPLES },
    );
  }, 120_000);
});
