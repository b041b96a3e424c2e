import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, TurnOutcome } from '../../store/store.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import { LISTED_TEXT_CHARS } from '../../store/step-budget.js';
import { mention } from './store-contract.js';
import type { HandoffBackend } from './handoff-store-contract.js';

const answered: TurnOutcome = {
  status: 'answered',
  decision: { reason: 'knowledge_match', entryId: 'parcel-delays' },
  replies: [{ text: 'answer', kind: 'answer' }],
};
const handedOff: TurnOutcome = {
  status: 'handed_off',
  decision: { reason: 'not_understood' },
  replies: [{ text: 'ack', kind: 'acknowledgement' }],
  threadState: 'waiting',
};

const ann = { channel: 'sandbox', author: '@ann' };
const annX = { channel: 'x', author: '@ann' };
const annMastodon = { channel: 'mastodon', author: '@ann@mastodon.social' };
const bob = { channel: 'sandbox', author: '@bob' };

/** Issue 17: customers (their threads, linked identities, notes) and tags on threads, the same on every backend. */
export function describeCustomerContract(name: string, backend: () => HandoffBackend) {
  describe(name, () => {
    let b: HandoffBackend;
    let store: Store;
    let handoff: HandoffStore;
    let at = 1000;

    /** Accepts and decides one post; returns its mention id. */
    const post = async (id: string, extra: Parameters<typeof mention>[1], outcome: TurnOutcome = answered) => {
      at += 10;
      await store.acceptMention(mention(id, extra), at, at + 60_000);
      const [m] = await store.claimMentions(1, at, 1000);
      expect(await store.commitTurn(m!, outcome, at + 1)).toBe(true);
      return m!.id;
    };

    beforeEach(async () => {
      b = backend();
      ({ store, handoff } = await b.open());
    });
    afterEach(async () => {
      await store.close();
      await b.dispose();
    });

    it("lists an author's threads on a channel newest first (by their latest post), with state and latest mention; counts them; a page at most", async () => {
      await post('a1', { threadId: 'ta', text: 'my parcel is late' });
      await post('b1', { threadId: 'tb', author: '@bob', text: 'bob here' });
      await post('c1', { threadId: 'tc', text: `charged twice ${'é'.repeat(LISTED_TEXT_CHARS * 2)}` }, handedOff);
      await post('x1', { threadId: 'tx', channel: 'x', text: 'on x' });
      // Ann writes again in her first thread: it becomes her newest.
      await post('a2', { threadId: 'ta', text: 'still late' });
      const { threads, total } = await handoff.customerThreads([ann], 10);
      expect(total).toBe(2);
      expect(threads.map((t) => [t.thread.threadId, t.thread.state])).toEqual([
        ['ta', 'bot'],
        ['tc', 'waiting'],
      ]);
      expect(threads[0]!.latest).toMatchObject({ text: 'still late', status: 'answered', decision: { entryId: 'parcel-delays' } });
      expect(Array.from(threads[1]!.latest!.text)).toHaveLength(LISTED_TEXT_CHARS);
      const first = await handoff.customerThreads([ann], 1);
      expect(first).toMatchObject({ total: 2, threads: [{ thread: { threadId: 'ta' } }] });
      expect(await handoff.customerThreads([{ channel: 'sandbox', author: '@nobody' }], 10)).toEqual({ threads: [], total: 0 });
      // Two identities: both histories, one list, newest first; a thread both posted in counted once.
      await post('b2', { threadId: 'tc', author: '@bob', text: 'me too' });
      const both = await handoff.customerThreads([ann, bob, annX], 10);
      expect(both.threads.map((t) => `${t.thread.channel}:${t.thread.threadId}`)).toEqual([
        'sandbox:tc',
        'sandbox:ta',
        'x:tx',
        'sandbox:tb',
      ]);
      expect(both.total).toBe(4);
    });

    it('links identities into one customer (transitively, merging groups and notes) and undoes a link', async () => {
      expect(await handoff.customer(ann)).toEqual({ id: null, identities: [ann], notes: null });
      const linked = await handoff.linkIdentities({ a: ann, b: annX, actor: 'sam', now: 1 });
      expect(linked.id).not.toBeNull();
      expect(linked.identities).toEqual([ann, annX]);
      // Seen from the other identity: the same customer, that identity first.
      expect(await handoff.customer(annX)).toEqual({ ...linked, identities: [annX, ann] });
      // Linking the same pair again, or an identity to itself, changes nothing.
      expect(await handoff.linkIdentities({ a: annX, b: ann, actor: 'sam', now: 2 })).toEqual({ ...linked, identities: [annX, ann] });
      expect(await handoff.linkIdentities({ a: bob, b: bob, actor: 'sam', now: 2 })).toEqual({ id: null, identities: [bob], notes: null });

      // Bob and the Mastodon identity are another customer, with notes; linking it to Ann's merges both.
      await handoff.saveCustomerNotes({ identity: annMastodon, text: 'Prefers French.', ifVersion: 0, actor: 'sam', now: 3 });
      await handoff.saveCustomerNotes({ identity: ann, text: 'VIP since 2019.', ifVersion: 0, actor: 'sam', now: 4 });
      await handoff.linkIdentities({ a: annMastodon, b: bob, actor: 'sam', now: 5 });
      const merged = await handoff.linkIdentities({ a: annX, b: bob, actor: 'lee', now: 6 });
      expect(merged.identities).toEqual([annX, ann, annMastodon, bob]);
      expect(merged.notes).toEqual({ text: 'VIP since 2019.\n\nPrefers French.', by: 'lee', at: 6, version: 2 });
      expect((await handoff.customer(bob)).id).toBe(merged.id);

      // Undoing Bob's link: Bob is alone again, without the notes; the others keep theirs.
      expect(await handoff.unlinkIdentity(bob)).toEqual({ id: null, identities: [bob], notes: null });
      expect(await handoff.customer(ann)).toEqual({ ...merged, identities: [ann, annX, annMastodon] });
      // A customer of one has no link to undo: its notes stay.
      await handoff.saveCustomerNotes({ identity: bob, text: 'Bob.', ifVersion: 0, actor: 'sam', now: 7 });
      expect((await handoff.unlinkIdentity(bob)).notes?.text).toBe('Bob.');
    });

    it('saves notes with compare-and-set on their version: a stale save is refused with the notes as they are', async () => {
      const first = await handoff.saveCustomerNotes({ identity: ann, text: 'Called twice.', ifVersion: 0, actor: 'sam', now: 10 });
      expect(first).toMatchObject({ ok: true, customer: { notes: { text: 'Called twice.', by: 'sam', at: 10, version: 1 } } });
      const stale = await handoff.saveCustomerNotes({ identity: ann, text: 'Mine!', ifVersion: 0, actor: 'lee', now: 11 });
      expect(stale).toMatchObject({ ok: false, customer: { notes: { text: 'Called twice.', version: 1 } } });
      const second = await handoff.saveCustomerNotes({
        identity: ann,
        text: 'Called twice. Refunded.',
        ifVersion: 1,
        actor: 'lee',
        now: 12,
      });
      expect(second.customer.notes).toEqual({ text: 'Called twice. Refunded.', by: 'lee', at: 12, version: 2 });
      // Notes are the customer's: seen from a linked identity too, and from another instance.
      await handoff.linkIdentities({ a: ann, b: annMastodon, actor: 'sam', now: 13 });
      const other = await b.openAnother();
      expect((await other.customer(annMastodon)).notes?.text).toBe('Called twice. Refunded.');
      expect(await handoff.saveCustomerNotes({ identity: bob, text: 'x', ifVersion: 3, actor: 'sam', now: 14 })).toMatchObject({
        ok: false,
        customer: { id: null, notes: null },
      });
    });

    it('tags threads once each, records tag and untag events only on a change, and lists the tags of many threads', async () => {
      await post('a1', { threadId: 'ta' });
      await post('b1', { threadId: 'tb', author: '@bob' });
      const tag = (threadId: string, tagName: string, add = true) =>
        handoff.tagThread({ channel: 'sandbox', threadId, tag: tagName, add, actor: 'sam', now: 50 });
      expect(await tag('ta', 'vip')).toEqual({ changed: true, tags: ['vip'] });
      expect(await tag('ta', 'billing')).toEqual({ changed: true, tags: ['billing', 'vip'] });
      expect(await tag('ta', 'vip')).toEqual({ changed: false, tags: ['billing', 'vip'] });
      expect(await tag('tb', 'élan')).toEqual({ changed: true, tags: ['élan'] });
      expect(await tag('tb', 'zz')).toEqual({ changed: true, tags: ['zz', 'élan'] });
      expect(await tag('ta', 'billing', false)).toEqual({ changed: true, tags: ['vip'] });
      expect(await tag('ta', 'billing', false)).toEqual({ changed: false, tags: ['vip'] });
      const events = (await handoff.transcript('sandbox', 'ta')).events.filter((e) => e.type.endsWith('tag'));
      expect(events.map((e) => `${e.type}:${String(e.data?.tag)}:${e.actor}`)).toEqual([
        'tag:vip:sam',
        'tag:billing:sam',
        'untag:billing:sam',
      ]);
      const listed = await handoff.threadTags([
        { channel: 'sandbox', threadId: 'ta' },
        { channel: 'sandbox', threadId: 'tb' },
        { channel: 'sandbox', threadId: 'none' },
      ]);
      expect([...listed.entries()].sort()).toEqual([
        ['sandbox\nta', ['vip']],
        ['sandbox\ntb', ['zz', 'élan']],
      ]);
      expect((await handoff.threadTags([])).size).toBe(0);
    });
  });
}
