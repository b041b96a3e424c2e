import nock from 'nock';
import { pino } from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseBusinessHours } from '../../../handoff/hours/business-hours.js';
import { createSlaDue } from '../../../handoff/notify/sla-due.js';
import { createSlaWatch, watchedThreads } from '../../../handoff/notify/sla-watch.js';
import { createTeamNotifier } from '../../../handoff/notify/team-webhook.js';
import { parseThreadKey } from '../../../handoff/thread-key.js';
import type { HandoffStore } from '../../../store/handoff-store.js';
import type { Store, TurnOutcome } from '../../../store/store.js';
import type { HandoffBackend } from '../../store/handoff-store-contract.js';
import { redisHandoffBackend, sqliteHandoffBackend } from '../../store/handoff-backends.js';
import { mention } from '../../store/store-contract.js';

const HOST = 'https://hooks.slack.example';
const PATH = '/services/T1/B1/duesecret';
const M = 60_000;
const office = parseBusinessHours('Mon-Fri 09:00-18:00', 'Europe/Paris');
const monday9 = Date.parse('2026-03-30T07:00:00Z'); // Monday 09:00 CEST
const handedOff: TurnOutcome = {
  status: 'handed_off',
  decision: { reason: 'not_understood', understanding: { intent: 'refund', confidence: 0.4 } },
  replies: [],
  threadState: 'waiting',
};

let posted: string[];
beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  posted = [];
  nock(HOST)
    .post(PATH)
    .times(100)
    .reply(200, (_uri, body) => {
      posted.push((body as { text: string }).text);
      return 'ok';
    });
});
afterEach(() => nock.cleanAll());

/** Issue 17, the handoff loop: SLA notices found from the store's SLA clocks, the threads due and no other, on both stores. */
function describeSlaDue(name: string, backend: () => HandoffBackend) {
  describe(name, () => {
    let b: HandoffBackend;
    let store: Store;
    let handoff: HandoffStore;
    const handOff = async (threadId: string, author: string, now: number) => {
      await store.acceptMention(mention(`m-${threadId}`, { threadId, author, text: `help ${author}` }), now, now + 60);
      const [stored] = await store.claimMentions(1, now, 1000);
      await store.commitTurn(stored!, handedOff, now);
    };
    const pass = (batch: number) => {
      const notifier = createTeamNotifier({
        url: `${HOST}${PATH}`,
        format: 'slack',
        log: pino({ level: 'silent' }),
        sleep: async () => {},
      });
      const watch = createSlaWatch({
        hours: office,
        targetMinutes: 60,
        nextTargetMinutes: 30,
        notifier,
        markNotified: (key, notice, _h, since) =>
          handoff.recordEventOnce({ ...parseThreadKey(key)!, type: `sla_${notice}`, actor: 'system', at: monday9 }, since),
      });
      const due = createSlaDue({ store: handoff, hours: office, targetMinutes: 60, nextTargetMinutes: 30, batch });
      const seen: string[] = [];
      return async (now: number) => {
        await due.run(now, async (threads) => {
          seen.push(...threads.map((t) => t.thread.threadId));
          await watch.check(now, watchedThreads(threads));
        });
        return seen.splice(0).sort();
      };
    };

    beforeEach(async () => {
      b = backend();
      ({ store, handoff } = await b.open());
    });
    afterEach(async () => {
      await store.close();
      await b.dispose();
    });

    it('reads the clocks in business time: the breached and the warned are sent once, the thread not yet due is never read', async () => {
      await handOff('t1', '@fri', monday9 - 62.5 * 3600_000); // Friday 17:30 CET (clocks change on Sunday): 30 business minutes before the weekend
      await handOff('t2', '@early', monday9 - 60 * M); // before opening: its clock starts at 09:00
      await handOff('t3', '@late', monday9 + 20 * M);
      for (const batch of [200, 1]) {
        const check = pass(batch);
        expect(await check(monday9 + 50 * M)).toEqual(['t1', 't2']);
        expect(posted.map((p) => p.split(' — ')[0])).toEqual(['Response target missed', 'Response target close: 10 min left']);
        expect(posted.join('\n')).not.toContain('@late');
        // Nothing more is due until t2 passes its target: nothing is read.
        expect(await check(monday9 + 55 * M)).toEqual([]);
        expect(await check(monday9 + 61 * M)).toEqual(['t2']);
        expect(posted).toHaveLength(3);
        if (batch === 200) {
          // Sent before: a second reading of the same moment finds them recorded.
          expect(await check(monday9 + 61 * M)).toEqual([]);
          posted = [];
          await store.close();
          await b.dispose();
          b = backend();
          ({ store, handoff } = await b.open());
          await handOff('t1', '@fri', monday9 - 62.5 * 3600_000);
          await handOff('t2', '@early', monday9 - 60 * M);
          await handOff('t3', '@late', monday9 + 20 * M);
        }
      }
    }, 120_000);
  });
}

describeSlaDue('SLA notices from the SLA clocks (SQLite)', sqliteHandoffBackend);
describeSlaDue('SLA notices from the SLA clocks (Redis)', redisHandoffBackend);
