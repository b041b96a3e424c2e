import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, TurnOutcome } from '../../store/store.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import type { FacetsOf, SearchStore } from '../../store/search-store.js';
import { TRANSITIONS } from '../../store/thread-state.js';
import { mention } from './store-contract.js';

export interface SearchBackend {
  open(): Promise<{ store: Store; handoff: HandoffStore; search: SearchStore }>;
  dispose(): Promise<void>;
}

const day = Date.UTC(2026, 11, 1);
const handedOff = (topic: string): TurnOutcome => ({
  status: 'handed_off',
  decision: { reason: 'not_understood', understanding: { intent: topic, confidence: 0.3, topic } },
  replies: [{ text: 'A person will answer here.', kind: 'acknowledgement' }],
  threadState: 'waiting',
});
const answered: TurnOutcome = {
  status: 'answered',
  decision: { reason: 'knowledge_match', understanding: { intent: 'delivery', confidence: 0.9, topic: 'delivery' } },
  replies: [{ text: 'Parcels run late this week, sorry: tracking is at acme.example/track', kind: 'answer' }],
};
/** Facets as the handoff layer works them out, simplified: the topic, a priority from a word, French when it says "colis". */
const facetsOf: FacetsOf = (text, decision) => ({
  priority: /lawyer/.test(text) ? 'urgent' : 'normal',
  topic: ((decision?.understanding as { topic?: string } | undefined)?.topic ?? null) as string | null,
  language: /colis/.test(text) ? 'fr' : 'en',
});

/** The SearchStore contract (full-text search, filters, paging, notes, counts), on every backend. */
export function describeSearchStoreContract(name: string, backend: () => SearchBackend) {
  describe(name, () => {
    let b: SearchBackend;
    let store: Store;
    let handoff: HandoffStore;
    let search: SearchStore;

    const decide = async (id: string, text: string, outcome: TurnOutcome, channel = 'sandbox') => {
      await store.acceptMention(mention(id, { threadId: id, text, channel, author: `@${id}` }), day, day + 60_000);
      const [m] = await store.claimMentions(1, day, 1000);
      expect(await store.commitTurn(m!, outcome, day + 1)).toBe(true);
    };
    const index = () => search.indexPending(1000, day + 2, facetsOf);
    const keys = async (q: Parameters<SearchStore['search']>[0]) => (await search.search(q)).hits.map((h) => h.threadId);

    beforeEach(async () => {
      b = backend();
      ({ store, handoff, search } = await b.open());
    });
    afterEach(async () => {
      await store.close();
      await b.dispose();
    });

    it('finds threads by words of mentions and replies, every word required, accents and case ignored, newest first', async () => {
      await decide('a', 'My parcel is two weeks LATE', answered);
      await decide('b', 'Charged twice for one order, my lawyer will hear of it', handedOff('billing'));
      await decide('c', 'Où est mon colis? Déjà deux semaines', handedOff('delivery'));
      expect(await index()).toBe(6);
      expect(await index()).toBe(0);
      expect(await keys({ terms: ['parcel'], limit: 10 })).toEqual(['a']);
      expect(await keys({ terms: ['tracking'], limit: 10 })).toEqual(['a']);
      expect(await keys({ terms: ['person'], limit: 10 })).toEqual(['c', 'b']);
      expect(await keys({ terms: ['ou DEJA'], limit: 10 })).toEqual(['c']);
      expect(await keys({ terms: ['parcel', 'charged'], limit: 10 })).toEqual([]);
      expect(await keys({ terms: [], limit: 10 })).toEqual(['c', 'b', 'a']);
      const [hit] = (await search.search({ terms: ['lawyer'], limit: 1 })).hits;
      expect(hit).toMatchObject({ channel: 'sandbox', threadId: 'b', state: 'waiting', assignee: null, author: '@b' });
      expect(hit!.facets).toEqual({ priority: 'urgent', topic: 'billing', language: 'en' });
      expect(hit!.body).toContain('Charged twice');
    });

    it('filters by channel, priority, topic, language, state and assignee', async () => {
      await decide('a', 'parcel late', answered, 'x');
      await decide('b', 'parcel lost, calling my lawyer', handedOff('delivery'));
      await decide('c', 'colis perdu, parcel', handedOff('delivery'));
      await index();
      const claim = TRANSITIONS.claim;
      expect(
        (
          await handoff.transition({
            channel: 'sandbox',
            threadId: 'c',
            from: claim.from,
            to: claim.to,
            assignee: 'ann',
            event: { type: 'claim', actor: 'ann' },
            now: day + 5,
          })
        ).ok,
      ).toBe(true);
      expect(await keys({ terms: ['parcel'], channel: 'x', limit: 10 })).toEqual(['a']);
      expect(await keys({ terms: ['parcel'], priority: 'urgent', limit: 10 })).toEqual(['b']);
      expect(await keys({ terms: [], topic: 'delivery', limit: 10 })).toEqual(['c', 'b', 'a']);
      expect(await keys({ terms: ['parcel'], language: 'fr', limit: 10 })).toEqual(['c']);
      expect(await keys({ terms: [], state: 'waiting', limit: 10 })).toEqual(['b']);
      expect(await keys({ terms: ['parcel'], state: 'agent', assignee: 'ann', limit: 10 })).toEqual(['c']);
      expect(await keys({ terms: [], assignee: 'bob', limit: 10 })).toEqual([]);
    });

    it('pages with a cursor: each thread once, in order, until next is null', async () => {
      for (let i = 0; i < 7; i++) await decide(`t${i}`, `refund please, order ${i}`, handedOff('refund'));
      await index();
      const seen: string[] = [];
      let after: number | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await search.search({ terms: ['refund'], limit: 3, ...(after === undefined ? {} : { after }) });
        seen.push(...page.hits.map((h) => h.threadId));
        if (page.next === null) break;
        after = page.next;
      }
      expect(seen).toEqual(['t6', 't5', 't4', 't3', 't2', 't1', 't0']);
    });

    it('notes: kept in order on their thread only, searchable at once, refused on a thread that does not exist', async () => {
      await decide('a', 'parcel late', handedOff('delivery'));
      await decide('b', 'parcel late too', handedOff('delivery'));
      await index();
      const note = await search.addNote({
        channel: 'sandbox',
        threadId: 'a',
        author: 'ann',
        text: 'Customer is a VIP: escalate',
        now: day + 9,
      });
      expect(note).toMatchObject({ channel: 'sandbox', threadId: 'a', author: 'ann', text: 'Customer is a VIP: escalate', at: day + 9 });
      await search.addNote({ channel: 'sandbox', threadId: 'a', author: 'bob', text: 'Called the courier', now: day + 10 });
      expect((await search.notes('sandbox', 'a')).map((n) => [n.author, n.text])).toEqual([
        ['ann', 'Customer is a VIP: escalate'],
        ['bob', 'Called the courier'],
      ]);
      expect(await search.notes('sandbox', 'b')).toEqual([]);
      expect(await keys({ terms: ['vip'], limit: 10 })).toEqual(['a']);
      expect(await keys({ terms: ['parcel'], limit: 10 })).toEqual(['a', 'b']);
      expect(await search.addNote({ channel: 'sandbox', threadId: 'nope', author: 'ann', text: 'x', now: day })).toBeUndefined();
      // Notes are never replies: nothing went to the outbox.
      expect((await handoff.transcript('sandbox', 'a')).replies.map((r) => r.kind)).toEqual(['acknowledgement']);
    });

    it('waits for an undecided mention, then indexes it without facets once the turn is stuck', async () => {
      await store.acceptMention(mention('u', { threadId: 'u', text: 'stuck parcel' }), day, day + 60_000);
      expect(await search.indexPending(100, day + 1000, facetsOf)).toBe(0);
      expect(await search.indexPending(100, day + 120_000, facetsOf)).toBe(1);
      expect(await keys({ terms: ['stuck'], limit: 10 })).toEqual(['u']);
    });

    it('odd query words never fail: quotes, operators, stars, brackets, very long words', async () => {
      await decide('a', 'parcel "NEAR" AND OR NOT late*', answered);
      await index();
      for (const q of ['"', '""', 'NEAR(', 'a AND', 'OR', '*', 'late*', '^col', '(', ')', ':', '-', 'x'.repeat(300), '💥', 'col:parcel']) {
        await expect(search.search({ terms: [q], limit: 5 })).resolves.toBeDefined();
      }
      expect(await keys({ terms: ['"near" late*'], limit: 10 })).toEqual(['a']);
    });

    it('counts threads by state and the no-reply mentions', async () => {
      await decide('a', 'parcel late', answered);
      await decide('b', 'parcel lost', handedOff('delivery'));
      await decide('c', 'thanks!', { status: 'no_reply', decision: { reason: 'courtesy' }, replies: [] });
      await index();
      expect(await search.counts()).toMatchObject({ bot: 2, waiting: 1, agent: 0, resolved: 0, closed: 0, noReply: 1 });
    });
  });
}
