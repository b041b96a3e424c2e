import type { FastifyBaseLogger } from 'fastify';
import type { StoredMention } from '../../store/mention.js';
import { STEP_TEXT_BYTES } from '../../store/step-budget.js';
import type { Store, TurnOutcome } from '../../store/store.js';
import type { TurnRunner } from '../turn/run-turn.js';
import { createDrainLoop } from '../drain-loop.js';
import type { Metrics } from '../server/metrics.js';
import type { DrainPacer } from './drain-budget.js';

export interface TurnWorkerOptions {
  store: Store;
  turns: TurnRunner;
  log: FastifyBaseLogger;
  /** Called after a decision with replies was committed: wakes the outbox. */
  onCommitted: () => void;
  /** Every committed decision (the handoff layer tells the consoles about handoffs and new mentions in owned threads). */
  onDecided?: (decided: { mention: StoredMention; outcome: TurnOutcome }[]) => void;
  batchSize?: number;
  /** A claimed mention whose turn has not committed by then is taken up again. */
  leaseMs?: number;
  /** Turns tried on one mention before it is acknowledged and handed off without understanding. */
  maxAttempts?: number;
  /** How often undecided mentions past their deadline are acknowledged, and leases re-checked. */
  sweepMs?: number;
  now?: () => number;
  metrics?: Pick<Metrics, 'mentionDecided'>;
  /** The drain's CPU budget while webhooks arrive (intake first); none: drain flat out. */
  pacer?: DrainPacer;
}

export interface TurnWorker {
  /** New mentions are in the inbox: drain it soon. */
  wake(): void;
  start(): void;
  /** Stops taking mentions and waits for the turns under way to commit. */
  stop(): Promise<void>;
}

/** Whether a claim holds so much text that the store's step budget, rather than the count, likely ended it. */
const cutByBytes = (batch: readonly StoredMention[]) => batch.reduce((n, m) => n + m.text.length, 0) * 2 > STEP_TEXT_BYTES;

/** Takes mentions from the inbox, runs their turn and commits each decision with its replies. */
export function createTurnWorker(opts: TurnWorkerOptions): TurnWorker {
  const { store, turns, log } = opts;
  const now = opts.now ?? Date.now;
  const batchSize = opts.batchSize ?? 64;
  const leaseMs = opts.leaseMs ?? 30_000;
  const maxAttempts = opts.maxAttempts ?? 3;

  /** The outcome for one claimed mention; undefined when its turn failed (it is tried again later). */
  async function decide(mention: StoredMention) {
    try {
      if (mention.attempts > maxAttempts) return await turns.acknowledge(mention, 'turn_failed');
      if (now() >= mention.deadlineAt) return await turns.acknowledge(mention, 'deadline');
      return await turns.run(mention);
    } catch (err) {
      // The lease runs out and the mention is tried again; after maxAttempts it is acknowledged.
      log.error({ err, mentionId: mention.id, attempt: mention.attempts }, 'turn failed');
      return undefined;
    }
  }

  /** Runs the batch's turns side by side, then commits all their decisions in one write. */
  async function decideAndCommit(batch: StoredMention[]): Promise<void> {
    const outcomes = await Promise.all(batch.map(decide));
    const decided = batch.flatMap((mention, i) => (outcomes[i] ? [{ mention, outcome: outcomes[i] }] : []));
    const committed = await store.commitTurns(decided, now());
    decided.forEach((d, i) => committed[i] && opts.metrics?.mentionDecided(d.mention.channel, d.outcome.status, 'turn'));
    if (decided.some((d, i) => committed[i] && d.outcome.replies.length > 0)) opts.onCommitted();
    opts.onDecided?.(decided.filter((_, i) => committed[i]));
  }

  const { pacer } = opts;
  const loop = createDrainLoop(
    async () => {
      const limit = pacer ? pacer.batch(batchSize) : batchSize;
      const batch = await store.claimMentions(limit, now(), leaseMs);
      // A claim the text budget cut short is a full step for the pacer: more is likely waiting.
      pacer?.noteClaimed(batch, cutByBytes(batch) ? batch.length : limit);
      if (batch.length > 0) await decideAndCommit(batch);
      return batch.length;
    },
    {
      log,
      what: 'inbox',
      periodMs: opts.sweepMs ?? 1000,
      periodic: () => sweep(),
      restAfter: pacer?.restAfter,
    },
  );

  /**
   * Acknowledges every undecided mention past its deadline, up to a hundred per write (fewer when
   * their texts are long), until none is left; yields to I/O between writes.
   */
  async function sweep(): Promise<void> {
    while (loop.running()) {
      const overdue = await store.overdueMentions(100, now());
      if (overdue.length === 0) return;
      const outcomes = await Promise.all(overdue.map((mention) => turns.acknowledge(mention, 'deadline')));
      const committed = await store.commitTurns(
        overdue.map((mention, i) => ({ mention, outcome: outcomes[i]! })),
        now(),
      );
      const acknowledged = overdue.filter((_, i) => committed[i]);
      opts.onDecided?.(overdue.flatMap((mention, i) => (committed[i] ? [{ mention, outcome: outcomes[i]! }] : [])));
      overdue.forEach((m, i) => committed[i] && opts.metrics?.mentionDecided(m.channel, outcomes[i]!.status, 'deadline'));
      if (acknowledged.length > 0) {
        log.warn(
          { count: acknowledged.length, mentionIds: acknowledged.slice(0, 20).map((m) => m.id) },
          'acknowledgement deadline reached: acknowledged and handed off',
        );
        opts.onCommitted();
      }
      // None committed: another instance is on them; the next sweep looks again.
      if (acknowledged.length === 0) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  return { wake: loop.wake, start: loop.start, stop: loop.stop };
}
