import { describe, expect, it } from 'vitest';
import { parseKnowledge } from '../../../config/knowledge/load-knowledge.js';
import { decideAcknowledgement, decideTurn, type DecideDeps } from '../../../bot/turn/decide-turn.js';
import type { Mention } from '../../../store/mention.js';
import type { Understander, Understanding } from '../../../intents/understanding.js';
import { decideDeps } from './decide-deps.js';

const knowledge = parseKnowledge(`version: 1
acknowledgement: Hi {{author}}, a person will answer you here.
entries:
  - id: parcel-delays
    kind: incident
    title: Parcels late
    keywords: [parcel late]
    examples: [my package still has not arrived]
    reply: Hi {{author}}, parcels are running late.
  - id: summer-sale
    kind: campaign
    title: Summer sale
    window: { start: "2026-06-01T00:00:00Z", end: "2026-07-01T00:00:00Z" }
    keywords: [summer sale]
    reply: The summer sale runs all June.
  - id: x-only
    kind: incident
    title: Only on X
    channels: [x]
    keywords: [blue bird]
    reply: Tweet tweet.
`);

const mention = (text: string, extra: Partial<Mention> = {}): Mention => ({
  channel: 'sandbox',
  platformId: 'p1',
  threadId: 'p1',
  author: '@ann',
  text,
  createdAt: '2026-11-23T10:00:00Z',
  ...extra,
});

const deps = (overrides: Partial<DecideDeps> = {}) =>
  decideDeps(knowledge, { brandHandles: ['@acme', 'acme_help'], knownBots: ['@spambot'], ...overrides });

describe('decideTurn', () => {
  it('answers a known issue with its reply script, author filled in', async () => {
    const d = await decideTurn(mention('@acme my parcel is two weeks late!'), await deps());
    expect(d).toMatchObject({ status: 'answered', reason: 'knowledge_match', entryId: 'parcel-delays', handoff: false });
    expect(d.reply).toEqual({ kind: 'answer', text: 'Hi @ann, parcels are running late.' });
  });

  it('matches example phrasings, not only keywords', async () => {
    const d = await decideTurn(mention('My package STILL has not arrived :('), await deps());
    expect(d.entryId).toBe('parcel-delays');
  });

  it('acknowledges and hands off what it does not know', async () => {
    const d = await decideTurn(mention('I was charged twice'), await deps());
    expect(d).toMatchObject({ status: 'handed_off', reason: 'not_understood', handoff: true });
    expect(d.reply).toEqual({ kind: 'acknowledgement', text: 'Hi @ann, a person will answer you here.' });
    expect(d.understanding?.intent).toBe('out_of_scope');
  });

  it('never answers from an entry outside its window or channel', async () => {
    const sale = await decideTurn(mention('is the summer sale on?'), await deps());
    expect(sale).toMatchObject({ status: 'handed_off', reason: 'not_understood' });
    const june = await decideTurn(mention('is the summer sale on?'), await deps({ now: new Date('2026-06-15T00:00:00Z') }));
    expect(june).toMatchObject({ status: 'answered', entryId: 'summer-sale' });
    expect((await decideTurn(mention('blue bird?'), await deps())).status).toBe('handed_off');
    expect((await decideTurn(mention('blue bird?', { channel: 'x' }), await deps())).status).toBe('answered');
  });

  it("ignores the brand's own posts, under any of its handles", async () => {
    for (const author of ['@acme', 'ACME', '@acme_help']) {
      expect(await decideTurn(mention('my parcel is late', { author }), await deps())).toMatchObject({
        status: 'ignored',
        reason: 'own_post',
      });
    }
  });

  it('ignores bots, flagged by the platform or listed', async () => {
    expect((await decideTurn(mention('parcel late', { authorIsBot: true }), await deps())).reason).toBe('bot_author');
    expect((await decideTurn(mention('parcel late', { author: '@SpamBot' }), await deps())).reason).toBe('bot_author');
  });

  it('stays quiet in a thread a person owns or is about to', async () => {
    for (const threadState of ['waiting', 'agent'] as const) {
      const d = await decideTurn(mention('my parcel is late'), await deps({ threadState }));
      expect(d).toMatchObject({ status: 'routed', reason: 'thread_owned_by_human', handoff: false });
      expect(d.reply).toBeUndefined();
    }
  });

  it('hands off silently once the author reached the reply cap', async () => {
    const d = await decideTurn(mention('my parcel is late'), await deps({ recentRepliesToAuthor: async () => 3 }));
    expect(d).toMatchObject({ status: 'handed_off', reason: 'author_reply_cap', handoff: true });
    expect(d.reply).toBeUndefined();
    expect((await decideTurn(mention('my parcel is late'), await deps({ recentRepliesToAuthor: async () => 2 }))).status).toBe('answered');
  });
});

describe('decideAcknowledgement', () => {
  it('acknowledges past the deadline, but still never answers the brand or a bot', async () => {
    const d = await deps();
    expect(await decideAcknowledgement(mention('help'), 'deadline', d)).toMatchObject({
      status: 'handed_off',
      reason: 'deadline',
      reply: { kind: 'acknowledgement' },
    });
    expect((await decideAcknowledgement(mention('help', { author: '@acme' }), 'deadline', d)).status).toBe('ignored');
    expect((await decideAcknowledgement(mention('help'), 'deadline', { ...d, threadState: 'agent' })).status).toBe('routed');
    expect(
      (await decideAcknowledgement(mention('help'), 'turn_failed', { ...d, recentRepliesToAuthor: async () => 5 })).reply,
    ).toBeUndefined();
  });
});

describe('issue 14 finding 1 — a forged or odd author never goes into a public reply', () => {
  const PHISH = '@x FREE GIFT CARDS at https://phish.example/claim -';

  it('finding 1: the forged X screen_name is replaced by "there" in the acknowledgement and in an answer', async () => {
    const ack = await decideTurn(mention('something nobody knows', { channel: 'x', author: PHISH }), await deps());
    expect(ack.reply?.text).toBe('Hi there, a person will answer you here.');
    const answer = await decideTurn(mention('my parcel late', { channel: 'x', author: PHISH }), await deps());
    expect(answer.reply?.text).toBe('Hi there, parcels are running late.');
    const late = await decideAcknowledgement(mention('x', { channel: 'x', author: '@\u202Eevil\u202C_rtl' }), 'deadline', await deps());
    expect(late.reply?.text).toBe('Hi there, a person will answer you here.');
  });

  it('real handles and plain names are still used', async () => {
    const cases: [string, string][] = [
      ['x', '@ann_smith'],
      ['mastodon', '@ann@mastodon.social'],
      ['bluesky', '@ann.bsky.social'],
      ['meta', '@ann.smith_'],
      ['meta', 'Ann Smith'],
      ['botframework', 'Smith, Ann'],
      ['sandbox', '@ann'],
    ];
    for (const [channel, author] of cases) {
      const d = await decideTurn(mention('something nobody knows', { channel, author }), await deps());
      expect(d.reply?.text, `${channel} ${author}`).toBe(`Hi ${author}, a person will answer you here.`);
    }
  });

  it('a display name that could be a link, a second handle or is too long is not repeated', async () => {
    for (const author of ['Visit phish.example', 'https://phish.example', 'Ann @acme', 'A'.repeat(41), 'there\u202E', 'x x  x']) {
      const d = await decideTurn(mention('something nobody knows', { channel: 'meta', author }), await deps());
      expect(d.reply?.text, author).toBe('Hi there, a person will answer you here.');
    }
    // On X, Mastodon and Bluesky an author is always a handle: a plain name is not the platform's.
    const d = await decideTurn(mention('something nobody knows', { channel: 'x', author: 'Ann' }), await deps());
    expect(d.reply?.text).toBe('Hi there, a person will answer you here.');
  });
});

describe('issue 15 no_reply — a mention that needs no person, decided on purpose', () => {
  const withCourtesy = parseKnowledge(`version: 1
acknowledgement: Hi {{author}}, a person will answer you here.
courtesy:
  default: Glad we could help, {{author}}!
  x: Glad we could help {{author}}!
entries:
  - id: parcel-delays
    kind: incident
    title: Parcels late
    keywords: [parcel late]
    examples: [my package still has not arrived]
    reply: Hi {{author}}, parcels are running late.
`);
  const understanderSaying = (u: Partial<Understanding>): Understander => ({
    train: async () => {},
    understand: async () => ({ intent: 'out_of_scope', confidence: 0.2, ...u }),
  });

  it('off by default (NO_REPLY_DECISIONS): a thanks is handed off as before', async () => {
    const d = await decideTurn(mention('@acme thanks so much!'), await deps({ knowledge: withCourtesy }));
    expect(d).toMatchObject({ status: 'handed_off', handoff: true });
  });

  it.each(['@acme thanks so much!', '@acme you guys rock 🙌', 'Thank you, all sorted now', '👍'])(
    'courtesy: "%s" gets the courtesy reply and no handoff',
    async (text) => {
      const d = await decideTurn(mention(text), await deps({ noReply: true, knowledge: withCourtesy }));
      expect(d.status).toBe('no_reply');
      expect(d.handoff).toBe(false);
      if (text === '👍') {
        // Nothing but an emoji: content-free, no reply at all.
        expect(d.reason).toBe('noise');
        expect(d.reply).toBeUndefined();
      } else {
        expect(d.reason).toBe('courtesy');
        expect(d.reply).toEqual({ kind: 'courtesy', text: 'Glad we could help, @ann!' });
      }
    },
  );

  it('courtesy: the channel variant is used, and the author cap silences it without a handoff', async () => {
    const onX = await decideTurn(
      mention('thanks!', { channel: 'x', author: '@ann' }),
      await deps({ noReply: true, knowledge: withCourtesy }),
    );
    expect(onX.reply).toEqual({ kind: 'courtesy', text: 'Glad we could help @ann!' });
    const capped = await decideTurn(
      mention('thanks!'),
      await deps({ noReply: true, knowledge: withCourtesy, recentRepliesToAuthor: async () => 3 }),
    );
    expect(capped).toMatchObject({ status: 'no_reply', reason: 'courtesy', handoff: false });
    expect(capped.reply).toBeUndefined();
  });

  it('courtesy: without a courtesy section a thanks gets no reply and is still not handed off', async () => {
    const d = await decideTurn(mention('@acme thank you!'), await deps({ noReply: true }));
    expect(d).toMatchObject({ status: 'no_reply', reason: 'courtesy', handoff: false });
    expect(d.reply).toBeUndefined();
  });

  it.each(['@acme 🎉🎉', '@acme @bob', '...', '@acme !!'])('noise: "%s" gets no reply and no handoff', async (text) => {
    const d = await decideTurn(mention(text), await deps({ noReply: true, knowledge: withCourtesy }));
    expect(d).toMatchObject({ status: 'no_reply', reason: 'noise', handoff: false });
    expect(d.reply).toBeUndefined();
  });

  it('spam: a confident spam topic gets no reply and no handoff; a doubtful one goes to a person', async () => {
    const spam = await decideTurn(
      mention('follow me for free followers'),
      await deps({
        noReply: true,
        knowledge: withCourtesy,
        understander: understanderSaying({ intent: 'spam', topic: 'spam', confidence: 0.95 }),
      }),
    );
    expect(spam).toMatchObject({ status: 'no_reply', reason: 'spam', handoff: false });
    expect(spam.reply).toBeUndefined();
    const unsure = await decideTurn(
      mention('follow me back pls'),
      await deps({
        noReply: true,
        knowledge: withCourtesy,
        understander: understanderSaying({ intent: 'spam', topic: 'spam', confidence: 0.6 }),
      }),
    );
    expect(unsure).toMatchObject({ status: 'handed_off', handoff: true });
  });

  it.each([
    'thanks but my order is still broken',
    'thanks, why was I charged twice',
    'Thank you! Not working on my iPhone though',
    'thanks, can you DM me?',
    'thanks, it is version 8.4.22 on a Pixel',
    'Done',
    'Thanks! I messaged you.',
    'love that my playlist disappeared',
    'great, now it keeps freezing',
    'thanks, hope it gets fixed soon',
  ])('a thanks that asks or reports something is not no_reply: "%s"', async (text) => {
    const d = await decideTurn(mention(text), await deps({ noReply: true, knowledge: withCourtesy }));
    expect(d.status).not.toBe('no_reply');
    expect(d.handoff).toBe(true);
  });

  it('"thanks but my parcel is still late" is still handed off (a praise topic does not drop it)', async () => {
    const d = await decideTurn(
      mention('thanks but my parcel is still late'),
      await deps({
        noReply: true,
        knowledge: withCourtesy,
        understander: understanderSaying({ intent: 'thanks', topic: 'thanks', confidence: 0.99 }),
      }),
    );
    expect(d).toMatchObject({ status: 'handed_off', handoff: true, reason: 'not_understood' });
  });

  it('a thanks in a thread a person owns goes to that person, never answered by the bot', async () => {
    for (const threadState of ['agent', 'waiting'] as const) {
      const d = await decideTurn(mention('thanks so much!'), await deps({ noReply: true, knowledge: withCourtesy, threadState }));
      expect(d).toMatchObject({ status: 'routed', reason: 'thread_owned_by_human', handoff: false });
      expect(d.reply).toBeUndefined();
    }
  });

  it('a plain thanks in another script is a courtesy, with no reply in a language the file does not write; more said goes to a person', async () => {
    const d = await decideTurn(mention('ありがとうございます'), await deps({ noReply: true, knowledge: withCourtesy }));
    expect(d).toMatchObject({ status: 'no_reply', reason: 'courtesy', handoff: false });
    expect(d.reply).toBeUndefined();
    const more = await decideTurn(
      mention('ありがとう、でも荷物がまだ届いていません'),
      await deps({ noReply: true, knowledge: withCourtesy }),
    );
    expect(more.status).toBe('handed_off');
  });
});
