import { describe, expect, it } from 'vitest';
import { botWhy } from '../../../handoff/learning/bot-why.js';

// The sentence an agent reads beside the suggested replies, from the decision stored with the post.

const understood = { intent: 'parcel-delays', confidence: 0.97, entryId: 'parcel-delays' };

/** A handoff the understanding gave no answer for, closest to the parcel entry. */
const notUnderstood = (understanding: Record<string, unknown>) => ({
  status: 'handed_off',
  reason: 'not_understood',
  understanding: { closestEntryId: 'parcel-delays', ...understanding },
});

describe('why the bot did not answer, for agents', () => {
  it('names what read closer than the entry for a post it did not understand well enough', () => {
    const why = botWhy(
      notUnderstood({
        intent: 'refund',
        confidence: 0.99,
        handoffReason: 'below_threshold',
        closerThanEntry: 'not-parcel-delays',
        closerExample: 'my parcel\u200b arrived but the box is damaged',
        scores: { 'answer.background': 1, 'answer.threshold': 0.92 },
      }),
    );
    expect(why).toBe(
      'it reads more like the negative example "my parcel arrived but the box is damaged" of "parcel-delays" (a look-alike written for it) than like "parcel-delays"',
    );
  });

  it('names the look-alike check that refused the closest entry', () => {
    const why = botWhy(
      notUnderstood({
        intent: 'parcel-delays',
        confidence: 0.99,
        handoffReason: 'look_alike',
        scores: { 'answer.confidence': 0.99, 'answer.lookalike.cue': 1 },
      }),
    );
    expect(why).toMatch(/^"parcel-delays" \(confidence 0\.99\) refused as a look-alike: it says something the entry’s examples never do/);
  });

  it('says when no entry came close', () => {
    expect(botWhy({ status: 'handed_off', reason: 'not_understood', understanding: { intent: 'other', confidence: 0.2 } })).toBe(
      'no entry of the knowledge file is close to it',
    );
  });

  it('tells a repeated question from a follow-up after an answer that did not settle it', () => {
    expect(
      botWhy({ status: 'handed_off', reason: 'follow_up', understanding: understood, followUp: { entryId: 'parcel-delays' } }),
    ).toMatch(/asks again about "parcel-delays", which the bot already answered in this thread/);
    expect(
      botWhy({
        status: 'handed_off',
        reason: 'follow_up',
        understanding: { intent: 'x', confidence: 0.3 },
        followUp: { entryId: 'parcel-delays' },
      }),
    ).toMatch(/follows the bot's answer "parcel-delays" in this thread .*did not settle it/);
    expect(botWhy({ status: 'handed_off', reason: 'follow_up', followUp: { mentionId: 4 } })).toBe(
      'it follows up on an earlier post of this thread that a person has',
    );
  });

  it('explains the other handoffs, and says nothing where the bot answered or was not asked', () => {
    expect(botWhy({ status: 'handed_off', reason: 'language', understanding: understood })).toBe(
      '"parcel-delays" answers it, but has no reply in the post\'s language',
    );
    expect(botWhy({ status: 'handed_off', reason: 'author_reply_cap' })).toMatch(/author reply cap/);
    expect(botWhy({ status: 'handed_off', reason: 'deadline' })).toMatch(/could not read the post in time/);
    expect(botWhy({ status: 'no_reply', reason: 'spam' })).toBe('the bot took it as needing no reply (spam)');
    expect(botWhy({ status: 'answered', reason: 'knowledge_match', entryId: 'parcel-delays' })).toBeNull();
    expect(botWhy({ status: 'routed', reason: 'thread_owned_by_human' })).toBeNull();
    expect(botWhy(null)).toBeNull();
  });
});
