import { describe, expect, it } from 'vitest';
import { parseKnowledge } from '../../../config/knowledge/load-knowledge.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';
import { decideTurn, type DecideDeps } from '../../../bot/turn/decide-turn.js';
import { noReplyReason } from '../../../bot/turn/no-reply.js';
import { previewMention } from '../../../bot/turn/preview-turn.js';
import { threadContext } from '../../../bot/turn/thread-context.js';
import type { Mention } from '../../../store/mention.js';
import type { EarlierMention } from '../../../store/store.js';
import { decideDeps } from './decide-deps.js';

const knowledge = parseKnowledge(`version: 1
acknowledgement: Hi {{author}}, a person will answer you here.
courtesy: Glad we could help, {{author}}!
entries:
  - id: parcel-delays
    kind: incident
    title: Parcels late
    keywords: [parcel late, parcel is late]
    examples: [my package still has not arrived]
    reply: Hi {{author}}, parcels are running late.
`);

const mention = (text: string, extra: Partial<Mention> = {}): Mention => ({
  channel: 'x',
  platformId: 'p9',
  threadId: 'p1',
  author: '@ann',
  text,
  createdAt: '2026-11-23T10:00:00Z',
  ...extra,
});

const earlier = (m: Partial<EarlierMention>): EarlierMention => ({ id: 1, author: '@ann', text: 'earlier', status: 'handed_off', ...m });

const deps = (overrides: Partial<DecideDeps> = {}) => decideDeps(knowledge, { noReply: true, ...overrides });

describe('issue 15 no_reply — what settles a mention, and talk about the brand', () => {
  it.each([
    '@acme it works now after a restart, thanks',
    '@acme Restarting resolves the issue. Thanks.',
    '@acme terrible decision. But thanks anyway',
    '@acme Done! Thanks',
  ])('a settled matter is a courtesy, the problem told with it included: "%s"', async (text) => {
    expect(await decideTurn(mention(text), await deps())).toMatchObject({ status: 'no_reply', reason: 'courtesy', handoff: false });
  });

  it.each([
    '@acme thanks, it works now but my playlists are still gone',
    '@acme you have not solved it, thanks',
    '@acme I am hoping it has been fixed',
    '@acme it works now, how do I stop it happening again?',
    '@acme Done',
  ])('nothing settled, or a question left: a person reads it: "%s"', async (text) => {
    expect(await decideTurn(mention(text), await deps())).toMatchObject({ status: 'handed_off', handoff: true });
  });

  it('a post that names the brand further on, asking and reporting nothing, is chatter: no reply, no queue', async () => {
    const d = await decideTurn(mention('Got my free burrito at @acme today 🎉 best Halloween'), await deps());
    expect(d).toMatchObject({ status: 'no_reply', reason: 'chatter', handoff: false });
    expect(d.reply).toBeUndefined();
    // Addressed to the brand, or a complaint, it is no chatter.
    expect(await decideTurn(mention('@acme got my free burrito today 🎉 best Halloween'), await deps())).toMatchObject({
      status: 'handed_off',
    });
    expect(await decideTurn(mention('my order at @acme was wrong again'), await deps())).toMatchObject({ status: 'handed_off' });
    // A chat or page comment carries no handle: always to the brand.
    expect(
      await decideTurn(mention('got my free burrito today 🎉 best Halloween', { channel: 'botframework' }), await deps()),
    ).toMatchObject({ status: 'handed_off' });
  });

  it('small talk in a thread that never needed a person stays small talk; after a handoff the same words go to a person', async () => {
    const smallTalk = async () => [earlier({ status: 'no_reply', reason: 'chatter' })];
    expect(await decideTurn(mention('@acme chicken, rice and guac!!'), await deps({ earlierMentions: smallTalk }))).toMatchObject({
      status: 'no_reply',
      reason: 'chatter',
    });
    const problem = async () => [earlier({ status: 'handed_off', reason: 'not_understood' })];
    expect(await decideTurn(mention('@acme chicken, rice and guac!!'), await deps({ earlierMentions: problem }))).toMatchObject({
      status: 'handed_off',
    });
    // A link alone, a screenshot most often, shows the agent something: small talk before it or not.
    expect(await decideTurn(mention('@acme https://t.co/abc123'), await deps({ earlierMentions: smallTalk }))).toMatchObject({
      status: 'handed_off',
    });
  });
});

describe('issue 15 no_reply — spam', () => {
  const spam = { topic: 'spam', intent: 'spam', confidence: 0.95 };

  it('a post read as spam is spam, unless its author already holds a conversation in the thread', () => {
    expect(noReplyReason('@acme Daily post will be tweeted', spam)).toBe('spam');
    // The same author's complaint earlier in the thread went to a person: a customer, not a spammer.
    const conversation = threadContext([earlier({ status: 'handed_off', reason: 'not_understood' })], '@ann');
    expect(noReplyReason('@acme Daily post will be tweeted', spam, { thread: conversation })).toBeUndefined();
    // Another author's post in the thread says nothing about this one.
    const other = threadContext([earlier({ author: '@bob', status: 'handed_off' })], '@ann');
    expect(noReplyReason('@acme Daily post will be tweeted', spam, { thread: other })).toBe('spam');
  });
});

describe('issue 15 thread context — a follow-up read with the thread', () => {
  const answered = async () => [
    earlier({ id: 7, status: 'answered', entryId: 'parcel-delays', reason: 'knowledge_match', topic: 'delivery' }),
  ];

  it('after the bot answered: "still nothing" and "any update?" go to a person flagged with the entry and topic; a thanks is a courtesy', async () => {
    for (const text of ['@acme still nothing', '@acme any update?']) {
      expect(await decideTurn(mention(text), await deps({ earlierMentions: answered }))).toMatchObject({
        status: 'handed_off',
        reason: 'follow_up',
        handoff: true,
        followUp: { mentionId: 7, entryId: 'parcel-delays', topic: 'delivery' },
      });
    }
    expect(await decideTurn(mention('@acme thanks!'), await deps({ earlierMentions: answered }))).toMatchObject({
      status: 'no_reply',
      reason: 'courtesy',
    });
  });

  it('never the same canned reply twice in a thread; alone the same words are answered', async () => {
    const text = '@acme my parcel is late, where is it';
    expect(await decideTurn(mention(text), await deps())).toMatchObject({ status: 'answered', entryId: 'parcel-delays' });
    const d = await decideTurn(mention(text), await deps({ earlierMentions: answered }));
    expect(d).toMatchObject({ status: 'handed_off', reason: 'follow_up', followUp: { mentionId: 7, entryId: 'parcel-delays' } });
    expect(d.entryId).toBeUndefined();
  });

  it('previews (replay) decide the earlier posts first and the mention with them', async () => {
    const understander = createKeywordUnderstander();
    await understander.train(knowledge.entries);
    const options = { channel: 'x', brandHandles: ['@acme'], noReply: true };
    const at = new Date('2026-11-23T10:00:00Z');
    expect(await previewMention(understander, knowledge, { text: '@acme my parcel is late again', at }, options)).toMatchObject({
      status: 'answered',
    });
    const followUp = await previewMention(
      understander,
      knowledge,
      { text: '@acme my parcel is late again', at, earlier: ['@acme my parcel is late'] },
      options,
    );
    expect(followUp).toMatchObject({ status: 'handed_off', reason: 'follow_up', followUp: { entryId: 'parcel-delays' } });
    expect(followUp.followUp).not.toHaveProperty('mentionId');
  });
});
