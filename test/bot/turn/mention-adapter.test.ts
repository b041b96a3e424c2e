import { describe, expect, it } from 'vitest';
import type { StoredMention } from '../../../store/mention.js';
import { FirstReplyBot } from '../../../bot/turn/first-reply-bot.js';
import { MentionAdapter } from '../../../bot/turn/mention-adapter.js';
import type { TurnDecision } from '../../../bot/turn/decide-turn.js';

const mention: StoredMention = {
  id: 7,
  channel: 'mastodon',
  platformId: '1099',
  threadId: '1000',
  author: '@ann@example.social',
  text: 'where is my parcel',
  createdAt: '2026-11-23T10:00:00Z',
  receivedAt: 0,
  deadlineAt: 60_000,
  status: 'received',
  attempts: 1,
};

describe('MentionAdapter running the FirstReplyBot', () => {
  it('presents the mention as a message activity in its thread', async () => {
    let seen: any;
    const bot = new FirstReplyBot(async () => ({ status: 'ignored', reason: 'own_post', handoff: false }));
    bot.onMessage(async (ctx, next) => {
      seen = ctx.activity;
      await next();
    });
    await new MentionAdapter('@acme').runMention(mention, bot);
    expect(seen).toMatchObject({
      type: 'message',
      id: '1099',
      channelId: 'mastodon',
      conversation: { id: '1000' },
      from: { id: '@ann@example.social' },
      recipient: { id: '@acme' },
      text: 'where is my parcel',
    });
  });

  it('collects the reply instead of posting it', async () => {
    const decision: TurnDecision = {
      status: 'answered',
      reason: 'knowledge_match',
      handoff: false,
      reply: { text: 'On its way.', kind: 'answer' },
      entryId: 'e',
    };
    const result = await new MentionAdapter('@acme').runMention(mention, new FirstReplyBot(async () => decision));
    expect(result.decision).toBe(decision);
    expect(result.messages).toEqual([{ text: 'On its way.', kind: 'answer' }]);
  });

  it('hands a mention over with its acknowledgement and nothing else to post', async () => {
    const decision: TurnDecision = {
      status: 'handed_off',
      reason: 'not_understood',
      handoff: true,
      reply: { text: 'A person will answer.', kind: 'acknowledgement' },
    };
    const result = await new MentionAdapter('@acme').runMention(mention, new FirstReplyBot(async () => decision));
    expect(result.messages).toEqual([{ text: 'A person will answer.', kind: 'acknowledgement' }]);
    expect(result.decision).toBe(decision);
  });
});
