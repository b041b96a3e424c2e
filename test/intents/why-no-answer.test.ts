import { describe, expect, it } from 'vitest';
import { whyNoAnswer } from '../../intents/why-no-answer.js';

describe('first-reply try: why a mention was not answered', () => {
  it('names the closest entry and each look-alike check that refused it, in words', () => {
    const why = whyNoAnswer({
      intent: 'billing',
      confidence: 0.86,
      handoffReason: 'look_alike',
      closestEntryId: 'amex-first-bag',
      scores: { 'answer.confidence': 0.98, 'answer.lookalike.asks_nothing': 1, 'answer.lookalike.praise': 1 },
    });
    expect(why).toBe(
      '"amex-first-bag" (confidence 0.98) refused as a look-alike: it neither asks anything nor reports a problem, and the entry’s examples do; it is praise, and the entry’s reply answers a problem',
    );
  });

  it('tells a background class winning apart from a confidence under the threshold', () => {
    const base = { intent: 'outage', confidence: 0.9, handoffReason: 'below_threshold', closestEntryId: 'wifi' };
    expect(whyNoAnswer({ ...base, scores: { 'answer.background': 1, 'answer.threshold': 0.92 } })).toMatch(
      /^it reads more like something no entry covers .* than like "wifi"$/,
    );
    expect(whyNoAnswer({ ...base, scores: { 'answer.confidence': 0.71, 'answer.threshold': 0.92 } })).toBe(
      '"wifi" at confidence 0.71, under the threshold 0.92',
    );
    expect(
      whyNoAnswer({
        ...base,
        scores: { 'answer.confidence': 0.95, 'answer.threshold': 0.92, 'answer.weak_match': 1, 'answer.top_nearest': 0.51 },
      }),
    ).toBe('"wifi" (confidence 0.95), but none of its examples is close to the mention (nearest 0.51)');
    expect(whyNoAnswer({ intent: 'thanks', confidence: 1 })).toBeUndefined();
  });

  it('names what read closer than the entry: its own negative examples, a built-in topic, or off-topic talk', () => {
    const base = {
      intent: 'outage',
      confidence: 0.9,
      handoffReason: 'below_threshold',
      closestEntryId: 'wifi',
      scores: { 'answer.background': 1 },
    };
    expect(whyNoAnswer({ ...base, closerThanEntry: 'not-wifi' })).toBe(
      'it reads more like the negative examples of "wifi" (the look-alikes written for it) than like "wifi"',
    );
    expect(whyNoAnswer({ ...base, closerThanEntry: 'refund', closerExample: 'I want my money back' })).toBe(
      'it reads more like the built-in topic "refund" (as "I want my money back"), a question no entry covers, than like "wifi"',
    );
    expect(whyNoAnswer({ ...base, closerThanEntry: 'connectivity', closerExample: 'my router keeps\ndropping' })).toBe(
      'it reads more like common off-topic talk about wifi, internet or signal (as "my router keeps dropping") than like "wifi"',
    );
    // The negative example nearest the mention is quoted: the one to reword if it is too broad.
    expect(whyNoAnswer({ ...base, closerThanEntry: 'not-wifi', closerExample: `the wifi on board worked ${'well '.repeat(30)}` })).toMatch(
      /^it reads more like the negative example "the wifi on board worked well[ well]*…" of "wifi" \(a look-alike written for it\) than like "wifi"$/,
    );
  });
});
