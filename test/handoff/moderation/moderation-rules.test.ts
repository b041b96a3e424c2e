import { describe, expect, it } from 'vitest';
import { createModeration } from '../../../handoff/moderation/hide-comment.js';
import type { ChannelPosts } from '../../../handoff/service-parts.js';

const limits = { maxLength: 280, measure: (t: string) => t.length };
const ref = { channel: 'meta', threadId: 't1' };
const mention = (platformId: string, author: string) => ({ platformId, author, replyContext: { surface: 'facebook' } });

function moderationWith(channels: Record<string, ChannelPosts>) {
  const recorded: { type: string; actor: string }[] = [];
  const moderation = createModeration({
    handoff: {
      transcript: async () => ({ mentions: [mention('c1', 'Ann'), mention('c2', '@acme')] as never, replies: [], events: [] }),
      recordEvent: async (e) => void recorded.push(e),
    },
    channels: new Map(Object.entries(channels)),
    announce: async () => {},
    brandHandles: ['@acme'],
    now: () => 1,
  });
  return { moderation, recorded };
}

describe('moderation: what may be hidden, and what is recorded', () => {
  it('hides only customers’ comments, on channels that can, and says why not otherwise', async () => {
    const hiddenIds: string[] = [];
    const { moderation, recorded } = moderationWith({
      meta: { limits, moderate: async (t) => void hiddenIds.push(t.platformId) },
      mastodon: { limits },
    });
    expect(moderation.can('meta')).toBe(true);
    expect(moderation.can('mastodon')).toBe(false);
    expect(await moderation.setHidden({ channel: 'mastodon', threadId: 't1' }, 'c1', true, 'ann')).toMatchObject({
      ok: false,
      status: 409,
    });
    // The brand's own post is never hidden from here.
    expect(await moderation.setHidden(ref, 'c2', true, 'ann')).toMatchObject({ ok: false, status: 404 });
    expect(await moderation.setHidden(ref, 'c1', true, 'rule:spam')).toEqual({ ok: true, hidden: true });
    expect(hiddenIds).toEqual(['c1']);
    expect(recorded).toEqual([expect.objectContaining({ type: 'comment_hidden', actor: 'rule:spam', data: { platformId: 'c1' } })]);
  });

  it('a platform that cannot be reached is a 503 to try again, and nothing is recorded', async () => {
    const down = Object.assign(new Error('socket hang up'), { kind: 'transient' });
    const { moderation, recorded } = moderationWith({ meta: { limits, moderate: async () => Promise.reject(down) } });
    expect(await moderation.setHidden(ref, 'c1', true, 'ann')).toMatchObject({ ok: false, status: 503 });
    expect(recorded).toEqual([]);
  });
});
