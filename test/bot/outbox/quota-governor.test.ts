import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, DailyQuota } from '../../../bot/channels/channel.js';
import { createOutboxSender, type OutboxSender } from '../../../bot/outbox/outbox-sender.js';
import { createQuotaGovernor } from '../../../bot/outbox/quota-governor.js';
import { createStore, type Stores } from '../../../store/create-store.js';
import type { ReplyKind } from '../../../store/mention.js';
import { deletePrefix, REDIS_URL } from '../../store/redis-test-backend.js';
import { waitFor } from '../../helpers/start-service.js';

/** 10:00 UTC on a Monday: the next midnight in UTC is 14 hours away. */
const MORNING = Date.UTC(2026, 0, 5, 10);
const HOUR = 3_600_000;

/** A platform that takes every reply, with a tiny daily allowance. */
function tinyChannel(dailyQuota: DailyQuota) {
  const sent: { text: string; at: number }[] = [];
  const channel: Channel = {
    name: 'tiny',
    limits: { maxLength: 100, measure: (t) => t.length },
    dailyQuota,
    async send(reply) {
      sent.push({ text: reply.text, at: clock });
      return { platformId: `p${sent.length}` };
    },
  };
  return { channel, sent };
}

let clock = MORNING;

for (const backend of ['SQLite', 'Redis'] as const) {
  describe(`quota governor (${backend})`, () => {
    let dir: string;
    let prefix: string;
    const opened: Stores[] = [];
    let sender: OutboxSender | undefined;
    /** A store on the backend: a second call is a second instance (SQLite: another connection to the file). */
    async function open(): Promise<Stores> {
      const s = await createStore({ DATA_DIR: dir, REDIS_PREFIX: prefix, ...(backend === 'Redis' ? { REDIS_URL } : {}) });
      opened.push(s);
      return s;
    }
    beforeEach(() => {
      clock = MORNING;
      dir = mkdtempSync(path.join(tmpdir(), 'fr-quota-'));
      prefix = `first-reply-test:${randomUUID()}:`;
    });
    afterEach(async () => {
      await sender?.stop();
      sender = undefined;
      for (const s of opened.splice(0)) await s.store.close();
      if (backend === 'Redis') await deletePrefix(REDIS_URL, prefix);
      rmSync(dir, { recursive: true, force: true });
    });

    /** Mentions m<from>.. answered with one reply each, of `kind`, queued at the clock. */
    async function queue(s: Stores, from: number, kinds: ReplyKind[]) {
      for (const [i, kind] of kinds.entries()) {
        const n = from + i;
        await s.store.acceptMention(
          { channel: 'tiny', platformId: `m${n}`, threadId: `t${n}`, author: '@ann', text: 'parcel?', createdAt: '' },
          clock,
          clock + 60_000,
        );
        const [m] = await s.store.claimMentions(1, clock, 10_000);
        const status = kind === 'acknowledgement' ? 'handed_off' : 'answered';
        await s.store.commitTurn(
          m!,
          {
            status,
            decision: {},
            replies: [{ text: `${kind} ${n}`, kind }],
            ...(status === 'handed_off' ? { threadState: 'waiting' } : {}),
          },
          clock,
        );
      }
    }

    function startSender(s: Stores, channel: Channel, horizonMs: number) {
      const quota = createQuotaGovernor({ store: s.quota, channels: [channel], now: () => clock });
      sender = createOutboxSender({
        store: s.store,
        channels: new Map([[channel.name, channel]]),
        log: pino({ level: 'silent' }),
        retryBaseMs: 20,
        retryHorizonMs: horizonMs,
        pollMs: 5,
        now: () => clock,
        quota,
      });
      sender.start();
      return quota;
    }

    it('sends within the allowance, acknowledgements first from their reserve; the rest waits for midnight, then goes', async () => {
      const s = await open();
      const { channel, sent } = tinyChannel({ units: 3, perReply: 1, resets: { midnightIn: 'UTC' } });
      // Answers queued before the acknowledgement, all claimed in one step.
      await queue(s, 1, ['answer', 'answer', 'acknowledgement', 'acknowledgement']);
      const quota = startSender(s, channel, 2 * 24 * HOUR);
      await waitFor(() => (sent.length === 2 ? true : undefined), 5000, 'two replies sent');
      await new Promise((r) => setTimeout(r, 100));
      // Acknowledgements are admitted first (in queue order the answers would have taken two units
      // and left one); answers stop where the reserve starts, two units spent.
      expect(sent.map((x) => x.text).sort()).toEqual(['acknowledgement 3', 'acknowledgement 4']);
      expect((await s.store.stats()).outbox).toMatchObject({ sent: 2, pending: 2 });
      const left = (await quota.left(clock)).tiny!;
      expect(left).toMatchObject({ units: 3, spent: 2, left: 1, reserve: 1, resetsAt: '2026-01-06T00:00:00.000Z' });

      // A minute before midnight nothing moves; just after, the waiting answer goes out, never dropped.
      clock = Date.UTC(2026, 0, 5, 23, 59);
      await new Promise((r) => setTimeout(r, 100));
      expect(sent).toHaveLength(2);
      clock = Date.UTC(2026, 0, 6, 0, 0, 1);
      await waitFor(() => (sent.length === 4 ? true : undefined), 5000, 'the waiting answers sent after the reset');
      expect(
        sent
          .slice(2)
          .map((x) => x.text)
          .sort(),
      ).toEqual(['answer 1', 'answer 2']);
      expect((await s.store.stats()).outbox).toEqual({ sent: 4 });
      expect((await quota.left(clock)).tiny).toMatchObject({ spent: 2, left: 1 });
    });

    it('a reply whose units come back after its deadline is given up and its thread handed to a person', async () => {
      const s = await open();
      const { channel, sent } = tinyChannel({ units: 1, perReply: 1, resets: { midnightIn: 'UTC' } });
      // Without a reserve of its own the single unit is the acknowledgements': the answer cannot have it.
      await queue(s, 1, ['answer']);
      startSender(s, channel, HOUR);
      await waitFor(async () => ((await s.store.stats()).outbox.failed === 1 ? true : undefined), 5000, 'the answer given up');
      expect(sent).toHaveLength(0);
      expect((await s.store.getThread('tiny', 't1'))?.state).toBe('waiting');
    });

    it('two instances on one store never spend more than the allowance together', async () => {
      const a = createQuotaGovernor({
        store: (await open()).quota,
        channels: [tinyChannel({ units: 5, perReply: 1, resets: 'rolling' }).channel],
      });
      const b = createQuotaGovernor({
        store: (await open()).quota,
        channels: [tinyChannel({ units: 5, perReply: 1, resets: 'rolling' }).channel],
      });
      const tries = Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).forChannel('tiny')!.spend(1, 'acknowledgement'));
      const answers = await Promise.all(tries);
      expect(answers.filter((x) => x.granted)).toHaveLength(5);
      // A restart (a third governor on the same store) finds the allowance spent.
      const c = createQuotaGovernor({
        store: (await open()).quota,
        channels: [tinyChannel({ units: 5, perReply: 1, resets: 'rolling' }).channel],
      });
      expect((await c.left(Date.now())).tiny).toMatchObject({ spent: 5, left: 0 });
      expect((await c.forChannel('tiny')!.spend(1, 'acknowledgement')).granted).toBe(false);
    });

    it('a rolling window gives units back as the oldest spends turn a day old; polls stop at the reserve', async () => {
      const s = await open();
      const { channel } = tinyChannel({ units: 4, perReply: 2, resets: 'rolling' });
      let now = MORNING;
      const quota = createQuotaGovernor({ store: s.quota, channels: [channel], now: () => now });
      const spend = quota.forChannel('tiny')!;
      expect(await spend.spend(2, 'answer')).toEqual({ granted: true });
      // The reserve (one reply: 2 units) is the acknowledgements': a poll may not take it.
      now += HOUR;
      expect(await spend.spend(1, 'poll')).toEqual({ granted: false, retryAt: MORNING + 24 * HOUR });
      expect(await spend.spend(2, 'acknowledgement')).toEqual({ granted: true });
      now += HOUR;
      expect(await spend.spend(2, 'acknowledgement')).toEqual({ granted: false, retryAt: MORNING + 24 * HOUR });
      now = MORNING + 24 * HOUR;
      expect(await spend.spend(2, 'acknowledgement')).toEqual({ granted: true });
      expect((await quota.left(now)).tiny).toMatchObject({ spent: 4, left: 0, resetsAt: new Date(MORNING + 25 * HOUR).toISOString() });
    });
  });
}

it('YouTube-style midnight in Los Angeles resets at 08:00 UTC in winter', async () => {
  const spends: { from: number }[] = [];
  const quota = createQuotaGovernor({
    store: {
      spend: async (r) => (spends.push(r), { granted: false, spent: r.limit }),
      spent: async () => 0,
      entries: async () => [],
    },
    channels: [tinyChannel({ units: 100, perReply: 50, resets: { midnightIn: 'America/Los_Angeles' } }).channel],
    now: () => MORNING,
  });
  expect(await quota.forChannel('tiny')!.spend(50, 'answer')).toEqual({ granted: false, retryAt: Date.UTC(2026, 0, 6, 8) });
  expect(spends[0]!.from).toBe(Date.UTC(2026, 0, 5, 8));
});
