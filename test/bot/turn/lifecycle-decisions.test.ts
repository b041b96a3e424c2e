import { describe, expect, it } from 'vitest';
import { parseKnowledge } from '../../../config/knowledge/load-knowledge.js';
import { decideTurn, type DecideDeps } from '../../../bot/turn/decide-turn.js';
import type { Mention } from '../../../store/mention.js';
import type { EarlierMention } from '../../../store/store.js';
import { decideDeps } from './decide-deps.js';

const knowledge = parseKnowledge(`version: 1
acknowledgement: Hi {{author}}, a person will answer you here.
entries:
  - id: parcel-delays
    kind: incident
    title: Parcels late
    keywords: [parcel late]
    reply: Hi {{author}}, parcels are running late.
`);

const mention = (text: string, extra: Partial<Mention> = {}): Mention => ({
  channel: 'sandbox',
  platformId: 'p2',
  threadId: 'p1',
  author: '@ann',
  text,
  createdAt: '2026-11-23T10:00:00Z',
  ...extra,
});

const deps = (overrides: Partial<DecideDeps> = {}) => decideDeps(knowledge, overrides);

const earlier = (author: string, status: EarlierMention['status'] = 'handed_off'): EarlierMention => ({ id: 1, author, text: 'x', status });

describe('issue 17 lifecycle: what the bot decides in threads people hold', () => {
  it('a follow-up in a thread people hold (agent, waiting, resolved) is understood but never answered', async () => {
    for (const threadState of ['agent', 'waiting', 'resolved'] as const) {
      const d = await decideTurn(mention('my parcel is late'), await deps({ threadState }));
      expect(d).toMatchObject({ status: 'routed', reason: 'thread_owned_by_human', handoff: false });
      expect(d.reply).toBeUndefined();
      // The queue reorders the thread by what the customer just said.
      expect(d.understanding).toMatchObject({ intent: 'parcel-delays' });
    }
  });

  it("a closed thread is the bot's again: it answers", async () => {
    const d = await decideTurn(mention('my parcel is late'), await deps({ threadState: 'closed' }));
    expect(d).toMatchObject({ status: 'answered', entryId: 'parcel-delays' });
  });

  it("the brand's native reply to a customer takes the thread over; its own top-level post drops the thread", async () => {
    const brandPost = mention('Our summer sale starts today', { author: '@acme', platformId: 'p1' });
    const notOurs = { isOwnReply: async () => false };
    const reply = await decideTurn(brandPost, await deps({ ...notOurs, earlierMentions: async () => [earlier('@ann')] }));
    expect(reply).toMatchObject({ status: 'ignored', reason: 'human_reply_on_platform', takenOverBy: 'platform:@acme' });
    expect(reply.dropThread).toBeUndefined();
    for (const before of [[], [earlier('@acme', 'ignored')]]) {
      const own = await decideTurn(brandPost, await deps({ ...notOurs, earlierMentions: async () => before }));
      expect(own).toMatchObject({ status: 'ignored', reason: 'brand_post', dropThread: true });
      expect(own.takenOverBy).toBeUndefined();
    }
    // A reply first-reply sent, echoed back: its own post, nothing changes.
    const echoed = await decideTurn(brandPost, await deps({ isOwnReply: async () => true, earlierMentions: async () => [] }));
    expect(echoed).toMatchObject({ status: 'ignored', reason: 'own_post' });
  });
});
