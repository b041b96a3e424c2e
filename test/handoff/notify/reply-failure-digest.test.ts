import { describe, expect, it } from 'vitest';
import { createReplyFailureDigest } from '../../../handoff/notify/reply-failure-digest.js';
import { teamMessage, type TeamEvent } from '../../../handoff/notify/team-events.js';
import { slackPayload } from '../../../handoff/notify/slack-payload.js';
import { teamsPayload } from '../../../handoff/notify/teams-payload.js';

const REASON = 'reply could not be sent: x unreachable for 6 h (OUTBOX_RETRY_HORIZON_MINUTES; last error: X reply: HTTP 503)';
const failed = (channel: string, n: number, reason = REASON): Extract<TeamEvent, { type: 'reply_failed' }> => ({
  type: 'reply_failed',
  channel,
  threadKey: `${channel}:${1000 + n}`,
  author: `@customer_${n}`,
  text: 'where is my parcel?',
  reason,
  handedOff: true,
});
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('issue 14 finding 3 (notification flood) — replies given up are told per channel per window', () => {
  it('finding 3: an outage giving up 12 replies on x and 2 on mastodon sends 4 notices, not 14; a later failure is told at once', async () => {
    const sent: TeamEvent[] = [];
    const digest = createReplyFailureDigest({ notify: async (e) => void sent.push(e), windowMs: 100 });
    for (let i = 0; i < 12; i++) digest.add(failed('x', i, i === 11 ? 'reply could not be sent: x refused it: HTTP 403' : REASON));
    digest.add(failed('mastodon', 0));
    digest.add(failed('mastodon', 1));
    // The first failure on each channel is told without waiting.
    expect(sent.map((e) => [e.type, 'channel' in e && e.channel])).toEqual([
      ['reply_failed', 'x'],
      ['reply_failed', 'mastodon'],
    ]);
    await pause(400);
    expect(sent).toHaveLength(4);
    expect(sent[2]).toEqual({
      type: 'replies_failed',
      channel: 'x',
      count: 11,
      handedOff: 11,
      reason: REASON,
      otherReasons: 1,
      threads: [1, 2, 3, 4, 5].map((n) => ({ threadKey: `x:${1000 + n}`, author: `@customer_${n}` })),
    });
    // One held on mastodon: told as itself.
    expect(sent[3]).toMatchObject({ type: 'reply_failed', channel: 'mastodon', threadKey: 'mastodon:1001' });
    // Quiet for a window: the episode is over, and the next failure is told at once.
    await pause(400);
    expect(sent).toHaveLength(4);
    digest.add(failed('x', 20));
    expect(sent).toHaveLength(5);
    expect(sent[4]).toMatchObject({ type: 'reply_failed', threadKey: 'x:1020' });
    // What is held at shutdown is told then.
    digest.add(failed('x', 21));
    digest.add(failed('x', 22));
    await digest.flush();
    expect(sent[5]).toMatchObject({ type: 'replies_failed', count: 2 });
  });

  it('finding 3: a grouped notice says how many, why, and links the first threads', () => {
    const event: TeamEvent = {
      type: 'replies_failed',
      channel: 'x',
      count: 12,
      handedOff: 12,
      reason: REASON,
      otherReasons: 0,
      threads: [1, 2, 3, 4, 5].map((n) => ({ threadKey: `x:${1000 + n}`, author: `@customer_${n}` })),
    };
    const message = teamMessage(event, 'https://reply.example/console/#/threads/{threadKey}');
    expect(message.title).toBe('12 replies on x could not be sent');
    expect(message.summary).toBe(`12 replies on x could not be sent: ${REASON}`);
    expect(message.quote).toBe(
      [1, 2, 3, 4, 5]
        .map((n) => `Thread ${n}: @customer_${n} (x:${1000 + n})`)
        .concat('and 7 more in the queue')
        .join('\n'),
    );
    const links = [message.link, ...(message.moreLinks ?? [])];
    expect(links.map((l) => l!.url)).toEqual([1, 2, 3, 4, 5].map((n) => `https://reply.example/console/#/threads/x%3A${1000 + n}`));
    expect(JSON.stringify(slackPayload(message))).toContain('x%3A1005');
    expect(JSON.stringify(teamsPayload(message))).toContain('x%3A1005');
    // Without a console address: no links, the thread keys are in the text.
    expect(teamMessage(event).link).toBeUndefined();
  });
});
