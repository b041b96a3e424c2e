import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mention } from '../../../bot/mention.js';
import { openDatabase } from '../../../bot/store/open-database.js';
import { createSqliteStore } from '../../../bot/store/sqlite-store.js';
import type { Store, TurnOutcome } from '../../../bot/store/store.js';

const mention = (platformId: string, extra: Partial<Mention> = {}): Mention => ({
  channel: 'sandbox', platformId, threadId: 't1', author: '@ann', text: 'hello', createdAt: '2026-11-23T10:00:00Z', ...extra,
});
const answer = (text = 'hi'): TurnOutcome => ({ status: 'answered', decision: { reason: 'knowledge_match' }, replies: [{ text, kind: 'answer' }] });

describe('SQLite store', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'fr-store-'));
    store = createSqliteStore(openDatabase(dir));
  });
  afterEach(async () => store.close());

  it('stores a mention once per channel and platform id, even from two connections at once', async () => {
    const other = createSqliteStore(openDatabase(dir));
    const results = await Promise.all([store.acceptMention(mention('m1'), 1, 61), other.acceptMention(mention('m1'), 1, 61), store.acceptMention(mention('m1', { channel: 'x' }), 1, 61)]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(2);
    expect(results[0]!.mentionId).toBe(results[1]!.mentionId);
    expect((await store.stats()).mentions).toEqual({ received: 2 });
    await other.close();
  });

  it('leases a mention to one worker until the lease runs out', async () => {
    await store.acceptMention(mention('m1'), 1, 61);
    expect(await store.claimMentions(10, 100, 1000)).toHaveLength(1);
    expect(await store.claimMentions(10, 500, 1000)).toHaveLength(0);
    const again = await store.claimMentions(10, 1100, 1000);
    expect(again).toHaveLength(1);
    expect(again[0]!.attempts).toBe(2);
  });

  it('commits a decision once: a second commit for the same mention queues nothing', async () => {
    await store.acceptMention(mention('m1'), 1, 61);
    const [m] = await store.claimMentions(1, 2, 1000);
    expect(await store.commitTurn(m!, answer('first'), 3)).toBe(true);
    expect(await store.commitTurn(m!, answer('second'), 4)).toBe(false);
    const replies = await store.claimDueReplies(10, 5, 1000, []);
    expect(replies.map((r) => r.text)).toEqual(['first']);
    expect(replies[0]).toMatchObject({ inReplyTo: 'm1', threadId: 't1', recipient: '@ann', idempotencyKey: 'sandbox:m1:0' });
    expect(await store.claimMentions(10, 5000, 1000)).toHaveLength(0);
  });

  it('sends the parts of one reply in order', async () => {
    await store.acceptMention(mention('m1'), 1, 61);
    const [m] = await store.claimMentions(1, 2, 1000);
    await store.commitTurn(m!, { status: 'answered', decision: {}, replies: [{ text: 'part one', kind: 'answer' }, { text: 'part two', kind: 'answer' }] }, 3);
    const first = await store.claimDueReplies(10, 5, 1000, []);
    expect(first.map((r) => r.text)).toEqual(['part one']);
    await store.markReplySent(first[0]!.id, 'r1', 6);
    expect((await store.claimDueReplies(10, 7, 1000, [])).map((r) => r.text)).toEqual(['part two']);
  });

  it('cancels a queued bot reply once a person owns the thread', async () => {
    await store.acceptMention(mention('m1'), 1, 61);
    const [m] = await store.claimMentions(1, 2, 1000);
    await store.commitTurn(m!, answer(), 3);
    // A person takes the thread (another connection, as the agent API would) before the reply goes out.
    const db = openDatabase(dir);
    db.prepare(`UPDATE threads SET state = 'agent' WHERE thread_id = 't1'`).run();
    db.close();
    expect(await store.claimDueReplies(10, 5, 1000, [])).toHaveLength(0);
    expect((await store.stats()).outbox).toEqual({ cancelled: 1 });
  });

  it('skips paused channels and honours retry times', async () => {
    await store.acceptMention(mention('m1'), 1, 61);
    const [m] = await store.claimMentions(1, 2, 1000);
    await store.commitTurn(m!, answer(), 3);
    expect(await store.claimDueReplies(10, 5, 1000, ['sandbox'])).toHaveLength(0);
    const [r] = await store.claimDueReplies(10, 5, 1000, []);
    await store.markReplyRetry(r!.id, 500, 'busy', true);
    expect(await store.claimDueReplies(10, 499, 1000, [])).toHaveLength(0);
    const [again] = await store.claimDueReplies(10, 500, 1000, []);
    expect(again!.attempts).toBe(2);
    await store.markReplyRetry(again!.id, 600, 'rate limited', false);
    expect((await store.claimDueReplies(10, 600, 1000, []))[0]!.attempts).toBe(2);
  });

  it('records a permanent failure on the thread', async () => {
    await store.acceptMention(mention('m1'), 1, 61);
    const [m] = await store.claimMentions(1, 2, 1000);
    await store.commitTurn(m!, answer(), 3);
    const [r] = await store.claimDueReplies(10, 5, 1000, []);
    await store.markReplyFailed(r!.id, 'post deleted', 6);
    expect((await store.stats()).outbox).toEqual({ failed: 1 });
    const db = openDatabase(dir);
    const events = db.prepare(`SELECT type, data FROM thread_events WHERE thread_id = 't1'`).all() as { type: string; data: string }[];
    db.close();
    expect(events.map((e) => e.type)).toContain('reply_failed');
    expect(events.find((e) => e.type === 'reply_failed')!.data).toContain('post deleted');
  });

  it('counts bot replies per author within the window, a multi-part reply once', async () => {
    for (const [id, at] of [['m1', 10], ['m2', 20]] as const) {
      await store.acceptMention(mention(id), at, at + 60);
      const [m] = await store.claimMentions(1, at, 1000);
      await store.commitTurn(m!, { status: 'answered', decision: {}, replies: [{ text: 'a', kind: 'answer' }, { text: 'b', kind: 'answer' }] }, at);
    }
    expect(await store.countBotReplies('sandbox', '@ann', 0)).toBe(2);
    expect(await store.countBotReplies('sandbox', '@ann', 15)).toBe(1);
    expect(await store.countBotReplies('sandbox', '@bob', 0)).toBe(0);
  });
});
