import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQueueListing } from '../../../handoff/api/queue-listing.js';
import type { SlaStatus, SummaryContext } from '../../../handoff/thread-summary.js';
import { createLocalHandoffEvents } from '../../../store/handoff-events.js';
import type { HandoffStore } from '../../../store/handoff-store.js';
import type { Mention } from '../../../store/mention.js';
import type { Store, TurnOutcome } from '../../../store/store.js';
import { TRANSITIONS } from '../../../store/thread-state.js';
import type { HandoffBackend } from '../../store/handoff-store-contract.js';
import { sqliteHandoffBackend } from '../../store/handoff-backends.js';
import { mention } from '../../store/store-contract.js';

const handedOff: TurnOutcome = {
  status: 'handed_off',
  decision: { reason: 'not_understood', understanding: { intent: 'delivery', confidence: 0.4, topic: 'delivery' } },
  replies: [{ text: 'A person will answer here.', kind: 'acknowledgement' }],
  threadState: 'waiting',
};
const routed: TurnOutcome = {
  status: 'routed',
  decision: { reason: 'thread_owned_by_human', understanding: { intent: 'delivery', confidence: 0.4, topic: 'delivery' } },
  replies: [],
};
const sla = (since: number, now: number, kind: SlaStatus['kind']): SlaStatus => ({
  targetMs: 1000,
  elapsedMs: now - since,
  remainingMs: 1000 - (now - since),
  state: 'ok',
  kind,
});

// Issue 17: a listing afresh summarizes only the threads that changed, and still shows every change.
describe('queue listing: only changed threads are summarized again', () => {
  let b: HandoffBackend;
  let store: Store;
  let handoff: HandoffStore;
  let reread: string[][];
  let versionReads: number;
  let clock: number;
  let listing: ReturnType<typeof createQueueListing>;
  const commit = async (m: Mention, outcome: TurnOutcome) => {
    await store.acceptMention(m, clock, clock + 60);
    const [stored] = await store.claimMentions(1, clock, 1000);
    expect(await store.commitTurn(stored!, outcome, clock)).toBe(true);
  };
  const listed = async () => {
    listing.invalidate();
    return (await listing.list()).map((l) => l.summary);
  };

  beforeEach(async () => {
    b = sqliteHandoffBackend();
    let real: HandoffStore;
    ({ store, handoff: real } = await b.open());
    reread = [];
    versionReads = 0;
    clock = 1_000;
    // The real store, recording which threads the listing reads whole.
    handoff = {
      ...real,
      listOpenThreadVersions: async () => {
        versionReads++;
        return real.listOpenThreadVersions();
      },
      listThreadsOf: async (refs) => {
        reread.push(refs.map((r) => r.threadId).sort());
        return real.listThreadsOf(refs);
      },
    };
    const summaryContext = (): SummaryContext => ({ now: clock, limits: () => undefined, sla });
    listing = createQueueListing({ handoff, summaryContext, events: createLocalHandoffEvents(), now: () => clock });
    for (const t of ['t1', 't2', 't3']) await commit(mention(`${t}-m1`, { threadId: t, text: `parcel late (${t})` }), handedOff);
  });
  afterEach(async () => {
    await store.close();
    await b.dispose();
  });

  it('reads and summarizes every open thread once, then none while nothing changed', async () => {
    expect((await listed()).map((s) => s.threadId)).toEqual(['t1', 't2', 't3']);
    expect(reread).toEqual([['t1', 't2', 't3']]);
    expect((await listed()).map((s) => s.threadId)).toEqual(['t1', 't2', 't3']);
    expect(reread).toHaveLength(1);
  });

  it('a new mention in the same millisecond: only its thread is read again, with its text, priority and place', async () => {
    await listed();
    await commit(mention('t3-m2', { threadId: 't3', text: 'the kettle burned my hand' }), routed);
    const now = await listed();
    expect(reread.at(-1)).toEqual(['t3']);
    expect(now[0]).toMatchObject({ threadId: 't3', lastText: 'the kettle burned my hand', priorityLevel: 'urgent' });
    expect(now.map((s) => s.threadId)).toEqual(['t3', 't1', 't2']);
  });

  it('a claim, the read marker and a resolve show at the next listing; a closed thread leaves it', async () => {
    await listed();
    const claim = TRANSITIONS.claim;
    const ref = { channel: 'sandbox', threadId: 't2' };
    await handoff.transition({
      ...ref,
      from: claim.from,
      to: claim.to,
      assignee: 'sam',
      event: { type: 'claim', actor: 'sam' },
      now: clock,
    });
    expect((await listed()).find((s) => s.threadId === 't2')).toMatchObject({ state: 'agent', assignee: 'sam' });
    expect(reread.at(-1)).toEqual(['t2']);
    await handoff.queueAgentReply({
      ...ref,
      actor: 'sam',
      parts: ['On it.'],
      inReplyTo: 't2-m1',
      recipient: '@ann',
      requestId: 'r1',
      now: clock,
    });
    await commit(mention('t2-m2', { threadId: 't2', text: 'any news?' }), routed);
    expect((await listed()).find((s) => s.threadId === 't2')).toMatchObject({ unread: true, customerRepliedAt: clock });
    // Reading changes no time on the thread, yet the marker goes.
    await handoff.markRead({ ...ref, reader: 'sam', now: clock + 1 });
    expect((await listed()).find((s) => s.threadId === 't2')).toMatchObject({ unread: false });
    expect(reread).toHaveLength(4);
    const resolve = TRANSITIONS.resolve;
    await handoff.transition({ ...ref, from: resolve.from, to: resolve.to, event: { type: 'resolve', actor: 'sam' }, now: clock });
    expect((await listed()).map((s) => s.threadId)).toEqual(['t1', 't3']);
    expect(reread).toHaveLength(4);
    // On SQLite every listing after the first read the store's change journal, not every open thread's version.
    expect(versionReads).toBe(1);
  });

  it('a page is summarized at the time of the request: waiting time and SLA run on within a shared listing', async () => {
    clock = 5_000;
    const page = (await listed()).slice(0, 1);
    expect(page[0]).toMatchObject({ waitingMs: 4_000 });
    clock = 5_500;
    const all = await listing.list();
    const [now] = listing.summarizeNow(all.slice(0, 1));
    expect(now).toMatchObject({ threadId: 't1', waitingMs: 4_500, sla: { elapsedMs: 4_500, kind: 'first' } });
  });
});
