import { describe, expect, it } from 'vitest';
import { countGraphemes, segmentGraphemes } from '../../shared/graphemes.js';

const whole = (text: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);

// Pieces that join across their neighbours: flags (pairs of regional indicators), emoji with skin
// tones and zero-width joiners, accents, Hangul jamo, an Indic conjunct, CR LF, lone surrogates.
const UNITS = [
  'a',
  ' ',
  'é',
  'e\u0301',
  '🇫',
  '🇷',
  '👍🏽',
  '👩\u200d👩\u200d👧',
  '\u200d',
  '\u0301',
  'ᄀ',
  'ᅡ',
  'ᆨ',
  'क्ष',
  '\r',
  '\n',
  '\ud800',
  '\udc00',
  'не',
  '漢',
];

describe('graphemes', () => {
  it('splits a long text exactly as one pass over it does', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < 40; run++) {
      const text = Array.from({ length: 300 + Math.floor(random() * 900) }, () => UNITS[Math.floor(random() * UNITS.length)]).join('');
      const pieces = [...segmentGraphemes(text)];
      expect(pieces.map((p) => p.segment)).toEqual(whole(text));
      expect(pieces.every((p) => text.startsWith(p.segment, p.index))).toBe(true);
    }
    const accents = `a${'\u0301'.repeat(3_000)}b`;
    expect([...segmentGraphemes(accents)].map((p) => p.segment)).toEqual(whole(accents));
    expect([...segmentGraphemes('🇫🇷'.repeat(500))].length).toBe(500);
  });

  it('counts a long text in time growing with its length', () => {
    const text = 'не '.repeat(33_000);
    const started = performance.now();
    expect(countGraphemes(text)).toBe(99_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
