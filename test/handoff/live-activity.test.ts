import { describe, expect, it } from 'vitest';
import { createLocalHandoffEvents, type HandoffEvent } from '../../store/handoff-events.js';
import { createLiveActivity } from '../../handoff/live-activity.js';
import { threadKey } from '../../handoff/thread-key.js';

describe('live thread activity', () => {
  it('publishes after the step that noted it, once per thread and kind, on the real bus', async () => {
    const bus = createLocalHandoffEvents();
    const seen: HandoffEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    const activity = createLiveActivity({ events: bus, now: () => 42, onError: (err) => seen.push(err as HandoffEvent) });
    const a = { channel: 'x', threadId: 'a' };
    // A step: three reply parts of one thread sent, one of another, a mention of the first.
    activity.add(a, 'reply_sent', 'bot');
    activity.add(a, 'reply_sent', 'bot');
    activity.add(a, 'reply_sent', 'bot');
    activity.add({ channel: 'x', threadId: 'b' }, 'reply_sent', 'bot');
    activity.add(a, 'mention', '@ann');
    // Nothing within the step itself: the commit or the send goes on undisturbed.
    expect(seen).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.map((e) => [e.threadId, e.type])).toEqual([
      ['a', 'reply_sent'],
      ['b', 'reply_sent'],
      ['a', 'mention'],
    ]);
    expect(seen[2]).toEqual({
      key: threadKey('x', 'a'),
      channel: 'x',
      threadId: 'a',
      type: 'mention',
      state: null,
      assignee: null,
      actor: '@ann',
      at: 42,
    });
    // A flush with nothing pending publishes nothing; a later step publishes anew.
    await activity.flush();
    activity.add(a, 'reply_sent', 'bot');
    await activity.flush();
    expect(seen.filter((e) => e.type === 'reply_sent')).toHaveLength(3);
  });
});
