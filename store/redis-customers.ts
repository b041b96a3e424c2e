import type { Customer, CustomerIdentity, CustomerStore } from './customer-store.js';
import type { ListedThread } from './handoff-store.js';
import { fromPairs, toDecision, toHandoffThread, toMention } from './redis-rows.js';
import { keyPattern } from './redis-store.js';
import type { RedisClient, scriptRunner } from './redis-script-runner.js';
import { LIST_THREADS } from './redis-handoff-scripts.js';
import { LISTED_TEXT_CHARS, listedHead } from './step-budget.js';
import * as lua from './redis-customer-scripts.js';

const ALL_STATES = ['bot', 'waiting', 'agent', 'resolved', 'closed'];

/** "<channel>:<author>" (channel names hold no ':'). */
const identityOf = (member: string): CustomerIdentity => {
  const at = member.indexOf(':');
  return { channel: member.slice(0, at), author: member.slice(at + 1) };
};

/** Customers on Redis: each change one script (redis-customer-scripts.ts has the keys), as the SQLite store's transactions. */
export function createRedisCustomers(run: ReturnType<typeof scriptRunner>, prefix: string): CustomerStore<ListedThread> {
  const read = async (identity: CustomerIdentity): Promise<Customer> => {
    const [id, members, row] = (await run(lua.CUSTOMER, [prefix, identity.channel, identity.author])) as [string, string[], unknown];
    if (!id) return { id: null, identities: [identity], notes: null };
    const c = fromPairs(row);
    const version = Number(c.notes_version ?? 0);
    const others = members.map(identityOf).filter((m) => m.channel !== identity.channel || m.author !== identity.author);
    return {
      id: String(id),
      identities: [identity, ...others],
      notes: version > 0 ? { text: c.notes ?? '', by: c.notes_by ?? '', at: Number(c.notes_at ?? 0), version } : null,
    };
  };

  return {
    customer: read,
    async linkIdentities({ a, b, actor, now }) {
      await run(lua.LINK, [prefix, a.channel, a.author, b.channel, b.author, actor, now]);
      return read(a);
    },
    async unlinkIdentity(identity) {
      await run(lua.UNLINK, [prefix, identity.channel, identity.author]);
      return read(identity);
    },
    async saveCustomerNotes({ identity, text, ifVersion, actor, now }) {
      const saved = Number(await run(lua.SAVE_NOTES, [prefix, identity.channel, identity.author, text, ifVersion, actor, now])) === 1;
      return { ok: saved, customer: await read(identity) } as const;
    },
    async customerThreads(identities, limit) {
      const [total, members] = (await run(lua.CUSTOMER_THREADS, [prefix, limit, ...identities.flatMap((i) => [i.channel, i.author])])) as [
        number,
        string[],
      ];
      if (members.length === 0) return { threads: [], total: Number(total) };
      // The threads in that order, with their latest mention as the queue lists them (LIST_THREADS keeps the order given).
      const rows = (await run(LIST_THREADS, [prefix, '1', LISTED_TEXT_CHARS * 4 + 4, ALL_STATES.length, ...ALL_STATES, ...members])) as [
        unknown,
        unknown,
      ][];
      const threads = rows.map(([thread, latest]) => {
        const mention = fromPairs(latest);
        if (mention.text !== undefined) mention.text = listedHead(mention.text) ?? mention.text;
        return {
          thread: toHandoffThread(fromPairs(thread)),
          latest: mention.id ? { ...toMention(mention), decision: toDecision(mention) } : undefined,
        };
      });
      return { threads, total: Number(total) };
    },
  };
}

/** Older mentions (accepted before author-threads existed) indexed once; idempotent and safe beside live writes. */
export async function indexCustomersOnce(client: RedisClient, prefix: string, run: ReturnType<typeof scriptRunner>): Promise<void> {
  if (Number(await client.get(`${prefix}schema:customers`)) >= 1) return;
  // A new data set (no mention yet) has nothing older to index: no scan of a server others share.
  if ((await client.exists(`${prefix}seq:mention`)) === 0) {
    await client.set(`${prefix}schema:customers`, '1');
    return;
  }
  for await (const keys of client.scanIterator({ MATCH: keyPattern(prefix, 'mention:*'), COUNT: 1000 })) {
    const rows = await Promise.all(keys.map((key) => client.hmGet(key, ['id', 'channel', 'thread_id', 'author'])));
    const args = rows.flatMap(([id, channel, threadId, author]) =>
      id && channel && threadId && author ? [id, channel, threadId, author] : [],
    );
    if (args.length > 0) await run(lua.INDEX_AUTHORS, [prefix, ...args]);
  }
  await client.set(`${prefix}schema:customers`, '1');
}
