import { describe, expect, it } from 'vitest';
import { contentWords, mentionTerms } from '../../../intents/emerging/mention-terms.js';

const GLYPH = 'i\uFE0F';

describe('emerging incidents: a broken glyph is a word', () => {
  it('keeps a letter sent with an emoji presentation selector as a word of its own (iOS 11.1 "I")', () => {
    expect(contentWords('What is up with this \u201C I\uFE0F \u201D')).toEqual([GLYPH]);
    expect(contentWords('So why is this happening I\uFE0F I\uFE0F I\uFE0F @acme')).toEqual(['happening', GLYPH, GLYPH, GLYPH]);
    // The glyph typed inside a word ("It", "I's") is that glyph: the rest of the word is the bug's doing.
    expect(contentWords('I\uFE0Ft still fails, my I\uFE0F\u2019s are boxes')).toEqual([GLYPH, 'fails', GLYPH, 'boxes']);
  });

  it('two posts about the glyph share it, and an emoji selector or a plain one-letter word is still no word', () => {
    const a = mentionTerms('What is up with this \u201C I\uFE0F \u201D');
    const b = mentionTerms('wtf is going on with my I\uFE0F');
    expect(a.wordKeys.filter((k) => b.wordKeys.includes(k))).toHaveLength(1);
    expect(contentWords('love it \u2764\uFE0F\u2640\uFE0F so much \u2764\uFE0Flove')).toEqual(['love', 'much', 'love']);
    expect(contentWords('Why are my I\u2019s question marks ?')).toEqual(['question', 'marks']);
  });
});
