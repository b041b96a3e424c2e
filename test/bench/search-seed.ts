import type { Stores } from '../../store/create-store.js';
import type { TurnOutcome } from '../../store/store.js';
import { TRANSITIONS } from '../../store/thread-state.js';
import { searchFacets } from '../../handoff/search/search-facets.js';
import { progress } from './spawn-service.js';

// Our own phrasings, with words drawn at random so the index holds a realistic spread of words.
const OPENERS = [
  'my parcel is {n} days late',
  'why was I charged twice on my card, order {n}',
  'the app crashes when I open my basket',
  'I want a refund for order {n}, it arrived broken',
  'bonjour, mon colis {n} est perdu depuis une semaine',
  '¿dónde está mi pedido {n}? llevo dos semanas',
  'the kettle burned my hand, I am calling my lawyer',
  'cannot log in to my account since the update',
  'thanks for the quick help yesterday',
  'where is my package? tracking says in transit for {n} days',
];
const WORDS = 'blue green kettle toaster lamp sofa voucher coupon invoice receipt courier depot warehouse driver address postcode'.split(
  ' ',
);
const CHANNELS = ['x', 'mastodon', 'bluesky', 'facebook', 'instagram'];
const AGENTS = ['agent1', 'agent2', 'agent3', 'agent4'];

const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;
const textOf = (i: number) =>
  `@acme ${pick(OPENERS, i).replace('{n}', String(10_000 + ((i * 7919) % 90_000)))} ${pick(WORDS, i * 31)} ${pick(WORDS, i * 17 + 3)}`;

/** What happens to thread i: most answered by the bot, a quarter resolved by people, the rest open (waiting or owned). */
export function fateOf(i: number): 'bot' | 'resolved' | 'waiting' | 'agent' {
  const r = i % 100;
  return r < 65 ? 'bot' : r < 90 ? 'resolved' : r < 97 ? 'waiting' : 'agent';
}

const outcome = (i: number): TurnOutcome => {
  const topic = pick(['delivery', 'billing', 'outage', 'refund', 'delivery', 'delivery', 'complaint', 'account', 'thanks', 'delivery'], i);
  const understanding = { intent: topic, confidence: 0.6, topic, sentiment: i % 3 === 0 ? 'negative' : 'neutral' };
  return fateOf(i) === 'bot'
    ? {
        status: 'answered',
        decision: { reason: 'knowledge_match', understanding },
        replies: [{ text: 'Sorry about that: tracking is at acme.example/track', kind: 'answer' }],
      }
    : {
        status: 'handed_off',
        decision: { reason: 'not_understood', understanding },
        replies: [{ text: 'A member of our team has your message and will reply here.', kind: 'acknowledgement' }],
        threadState: 'waiting',
      };
};

/** Seeds `n` threads (one mention and one reply each) through the store's own calls, then indexes them for search. */
export async function seedThreads(stores: Stores, n: number, label: string): Promise<void> {
  const now = Date.now();
  const BATCH = 500;
  for (let from = 0; from < n; from += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, n - from) }, (_, k) => from + k);
    await Promise.all(
      ids.map((i) =>
        stores.store.acceptMention(
          {
            channel: pick(CHANNELS, i),
            platformId: `p${i}`,
            threadId: `t${i}`,
            author: `@customer${i % 20_000}`,
            text: textOf(i),
            createdAt: new Date(now).toISOString(),
          },
          now,
          now + 60_000,
        ),
      ),
    );
    const claimed = await stores.store.claimMentions(BATCH, now, 600_000);
    await stores.store.commitTurns(
      claimed.map((mention) => ({ mention, outcome: outcome(Number(mention.platformId.slice(1))) })),
      now,
    );
    // The replies reached the platform (the service started on this data has nothing left to send).
    const due = await stores.store.claimDueReplies(BATCH * 2, now, 600_000, []);
    await stores.store.markRepliesSent(
      due.map((r) => ({ id: r.id, platformId: `r${r.id}` })),
      now,
    );
    await Promise.all(
      ids
        .filter((i) => fateOf(i) === 'resolved' || fateOf(i) === 'agent')
        .map(async (i) => {
          const ref = { channel: pick(CHANNELS, i), threadId: `t${i}` };
          const agent = pick(AGENTS, Math.floor(i / 100));
          const claim = TRANSITIONS.claim;
          await stores.handoff.transition({
            ...ref,
            from: claim.from,
            to: claim.to,
            assignee: agent,
            event: { type: 'claim', actor: agent },
            now,
          });
          if (fateOf(i) === 'resolved') {
            const resolve = TRANSITIONS.resolve;
            await stores.handoff.transition({ ...ref, from: resolve.from, to: resolve.to, event: { type: 'resolve', actor: agent }, now });
          }
        }),
    );
    progress(`${label}: seeding`, Math.min(from + BATCH, n), n);
  }
  let indexed = 0;
  for (;;) {
    const taken = await stores.search.indexPending(2000, now + 1000, searchFacets);
    indexed += taken;
    progress(`${label}: indexing`, Math.min(indexed, 2 * n), 2 * n);
    if (taken === 0) break;
  }
}
