import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createRedisStore, indexThreadsOnce } from '../../store/redis-store.js';
import type { TurnOutcome } from '../../store/store.js';
import { createRedisHandoffStore } from '../../store/redis-handoff-store.js';
import { createRedisSearchStore } from '../../store/redis-search-store.js';
import { connectTestRedis, deletePrefix, REDIS_URL } from './redis-test-backend.js';
import { answer, mention } from './store-contract.js';

const handedOff: TurnOutcome = {
  status: 'handed_off',
  decision: {},
  replies: [{ text: 'A person will answer here.', kind: 'acknowledgement' }],
  threadState: 'waiting',
};

it('indexes data written before the handoff layer once: the queue, transcripts and own-reply checks read it as if written today', async () => {
  const prefix = `first-reply-test:${randomUUID()}:`;
  const client = await connectTestRedis();
  const store = createRedisStore(client, prefix);
  const handoff = createRedisHandoffStore(client, prefix);
  try {
    for (const [i, outcome] of [handedOff, answer('hello there'), handedOff].entries()) {
      await store.acceptMention(mention(`m${i}`, { threadId: `t${i % 2}` }), 1 + i, 61);
      const [m] = await store.claimMentions(1, 10 + i, 1000);
      await store.commitTurn(m!, outcome, 20 + i);
    }
    // One reply is left pending: the claim must still find it to cancel once a person owns its thread.
    const due = await store.claimDueReplies(2, 30, 1000, []);
    await store.markRepliesSent(
      due.map((r) => ({ id: r.id, platformId: `p${r.id}` })),
      31,
    );
    const seen = async () => ({
      queue: await handoff.listThreads(['waiting', 'agent']),
      transcripts: await Promise.all(['t0', 't1'].map((t) => handoff.transcript('sandbox', t))),
      own: await store.isOwnReply('sandbox', 't0', `p${due[0]!.id}`, 'something else'),
      botPending: await client.sMembers(`${prefix}threads:bot-pending`),
    });
    const today = await seen();
    expect(today.queue.map((t) => t.thread.threadId)).toEqual(['t0']);
    expect(today.transcripts.map((t) => [t.mentions.length, t.replies.length])).toEqual([
      [2, 2],
      [1, 1],
    ]);
    expect(today.botPending).toEqual(['sandbox:t0']);

    // The same data as an older first-reply left it: no handoff indexes, no layout version.
    const indexes = [`${prefix}threads:open`, `${prefix}reply-platform-ids`, `${prefix}threads:bot-pending`, `${prefix}schema`];
    for (const t of ['t0', 't1'])
      indexes.push(...['thread-mentions', 'thread-replies', 'bot-pending'].map((index) => `${prefix}${index}:sandbox:${t}`));
    await client.del(indexes);
    expect((await seen()).queue).toEqual([]);

    // Two instances starting at once both index: the result is the same as once.
    await Promise.all([indexThreadsOnce(client, prefix), indexThreadsOnce(client, prefix)]);
    expect(await seen()).toEqual(today);
    expect(await client.get(`${prefix}schema`)).toBe('6');
    // Done once: a later start does not scan again (a list it would rebuild stays as it is).
    await client.rPush(`${prefix}thread-mentions:sandbox:t1`, '999');
    await indexThreadsOnce(client, prefix);
    expect(await client.lRange(`${prefix}thread-mentions:sandbox:t1`, 0, -1)).toEqual(['2', '999']);
  } finally {
    await client.close();
    await deletePrefix(REDIS_URL, prefix);
  }
});

it('fills the person-owned threads set for data written at layout 2: a bot reply queued before a person took the thread is still cancelled', async () => {
  const prefix = `first-reply-test:${randomUUID()}:`;
  const client = await connectTestRedis();
  const store = createRedisStore(client, prefix);
  const handoff = createRedisHandoffStore(client, prefix);
  try {
    for (const [i, outcome] of [answer('hello there'), answer('and you')].entries()) {
      await store.acceptMention(mention(`m${i}`, { threadId: `t${i}` }), 1 + i, 61);
      const [m] = await store.claimMentions(1, 10 + i, 1000);
      await store.commitTurn(m!, outcome, 20 + i);
    }
    const taken = await handoff.transition({
      channel: 'sandbox',
      threadId: 't0',
      to: 'agent',
      from: ['bot'],
      assignee: 'ana',
      now: 25,
      event: { type: 'state:agent', actor: 'ana' },
    });
    expect(taken.ok).toBe(true);
    expect(await client.sMembers(`${prefix}threads:agent`)).toEqual(['sandbox:t0']);

    // As layout 2 left it: no person-owned threads set.
    await client.del(`${prefix}threads:agent`);
    await client.set(`${prefix}schema`, '2');
    await indexThreadsOnce(client, prefix);
    expect(await client.get(`${prefix}schema`)).toBe('6');
    expect(await client.sMembers(`${prefix}threads:agent`)).toEqual(['sandbox:t0']);

    // Only t1's reply goes out; t0's is cancelled, a person owns that thread.
    const due = await store.claimDueReplies(10, 30, 1000, []);
    expect(due.map((r) => r.threadId)).toEqual(['t1']);
    expect((await store.stats()).outbox).toMatchObject({ cancelled: 1 });

    // Handed back to the bot: out of the set again.
    await handoff.transition({
      channel: 'sandbox',
      threadId: 't0',
      to: 'bot',
      from: ['agent'],
      now: 40,
      event: { type: 'state:bot', actor: 'ana' },
    });
    expect(await client.sMembers(`${prefix}threads:agent`)).toEqual([]);
  } finally {
    await client.close();
    await deletePrefix(REDIS_URL, prefix);
  }
});

it('counts the threads by state for data written at layout 3 (the views read the counts, then every change keeps them)', async () => {
  const prefix = `first-reply-test:${randomUUID()}:`;
  const client = await connectTestRedis();
  const store = createRedisStore(client, prefix);
  const handoff = createRedisHandoffStore(client, prefix);
  const search = createRedisSearchStore(client, prefix);
  try {
    for (const [i, outcome] of [handedOff, answer('hello there'), handedOff].entries()) {
      await store.acceptMention(mention(`m${i}`, { threadId: `t${i}` }), 1 + i, 61);
      const [m] = await store.claimMentions(1, 10 + i, 1000);
      await store.commitTurn(m!, outcome, 20 + i);
    }
    const today = await search.counts();
    expect(today).toMatchObject({ bot: 1, waiting: 2, agent: 0, resolved: 0, closed: 0 });

    // As layout 3 left it: no counters. Counted once at start-up, then kept by the next change.
    await client.del(`${prefix}threads:states`);
    await client.set(`${prefix}schema`, '3');
    expect(await search.counts()).toMatchObject({ bot: 0, waiting: 2 });
    await indexThreadsOnce(client, prefix);
    expect(await client.get(`${prefix}schema`)).toBe('6');
    expect(await search.counts()).toEqual(today);
    const claim = { channel: 'sandbox', threadId: 't0', from: ['waiting' as const], to: 'agent' as const, assignee: 'ana', now: 40 };
    expect((await handoff.transition({ ...claim, event: { type: 'claim', actor: 'ana' } })).ok).toBe(true);
    const resolve = { channel: 'sandbox', threadId: 't0', from: ['agent' as const], to: 'resolved' as const, now: 41 };
    expect((await handoff.transition({ ...resolve, event: { type: 'resolve', actor: 'ana' } })).ok).toBe(true);
    expect(await search.counts()).toMatchObject({ bot: 1, waiting: 1, agent: 0, resolved: 1, closed: 0 });
  } finally {
    await client.close();
    await deletePrefix(REDIS_URL, prefix);
  }
});

it("puts the open threads of data written at layout 4 in the queue's sorted sets, unranked, then every change keeps them", async () => {
  const prefix = `first-reply-test:${randomUUID()}:`;
  const client = await connectTestRedis();
  const store = createRedisStore(client, prefix);
  const handoff = createRedisHandoffStore(client, prefix);
  try {
    for (const [i, outcome] of [handedOff, answer('hello there'), handedOff].entries()) {
      await store.acceptMention(mention(`m${i}`, { threadId: `t${i}` }), 1 + i, 61);
      const [m] = await store.claimMentions(1, 10 + i, 1000);
      await store.commitTurn(m!, outcome, 20 + i);
    }
    // As layout 4 left it: no queue sets (nor layout 6's SLA clocks).
    for (const k of ['queue:open', 'queue:waiting', 'queue:unranked', 'sla-due:warning', 'sla-due:breach'])
      await client.del(`${prefix}${k}`);
    await client.set(`${prefix}schema`, '4');
    const open = async () => (await handoff.queueEntries({ view: 'open', after: null, limit: 10 })).map((e) => e.threadId);
    expect(await open()).toEqual([]);
    await indexThreadsOnce(client, prefix);
    expect(await client.get(`${prefix}schema`)).toBe('6');
    expect(await open()).toEqual(['t0', 't2']);
    expect((await handoff.unrankedThreads()).map((u) => u.threadId).sort()).toEqual(['t0', 't2']);
    for (const notice of ['warning', 'breach'] as const)
      expect(await handoff.slaClocks({ notice, limit: 10 })).toEqual([
        { channel: 'sandbox', threadId: 't0', since: 20 },
        { channel: 'sandbox', threadId: 't2', since: 22 },
      ]);
    const claim = { channel: 'sandbox', threadId: 't2', from: ['waiting' as const], to: 'agent' as const, assignee: 'ana', now: 40 };
    expect((await handoff.transition({ ...claim, event: { type: 'claim', actor: 'ana' } })).ok).toBe(true);
    expect(await handoff.queueCounts('ana')).toEqual({ open: 2, waiting: 1, replied: 0, mine: 1 });
  } finally {
    await client.close();
    await deletePrefix(REDIS_URL, prefix);
  }
});
