import fc from 'fast-check';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import twitterText from 'twitter-text';
import { describe, expect, it } from 'vitest';
import { fitToChannel } from '../../../shared/fit-to-channel.js';
import { countGraphemes } from '../../../shared/graphemes.js';
import { repoRoot } from '../../helpers/start-service.js';

// The reply box's counter is browser JavaScript (no build step); it must agree with what the
// server and the platforms count: twitter-text for X, graphemes for the sandbox and most others.
interface Limits {
  maxLength: number;
  weighted: boolean;
  urlLength: number | null;
}
const counter = (await import(pathToFileURL(path.join(repoRoot, 'handoff/console/public/count-characters.js')).href)) as {
  measure(text: string, limits: Limits): number;
  remaining(text: string, limits: Limits): number;
  postsNeeded(text: string, limits: Limits): number;
};
const x: Limits = { maxLength: 280, weighted: true, urlLength: 23 };
const sandbox: Limits = { maxLength: 500, weighted: false, urlLength: null };

const words = fc.constantFrom(
  'parcel',
  'late',
  'refund',
  'Ünïcödé',
  'naïve',
  'e\u0301',
  'مرحبا',
  'שלום',
  '日本語',
  '한국어',
  'ไทย',
  '𝒳',
  '😀',
  '👍🏽',
  '👩‍👩‍👧',
  '🇫🇷',
  '❤️',
  '1️⃣',
  'https://example.com/a?b=1',
  'www.acme.com',
  'acme.io/help',
  '@ann',
  '#help',
  '—',
  '…',
  '“quoted”',
  '<script>',
  'a'.repeat(40),
);
const texts = fc.array(words, { minLength: 0, maxLength: 30 }).map((w) => w.join(' '));

describe('reply box character counter', () => {
  it('counts like twitter-text on X (links, emoji, CJK, RTL, combining marks)', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(counter.measure(text, x)).toBe(twitterText.parseTweet(text).weightedLength);
      }),
      { numRuns: 500 },
    );
  });

  it('counts graphemes like the server elsewhere', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(counter.measure(text, sandbox)).toBe(countGraphemes(text));
      }),
      { numRuns: 500 },
    );
  });

  it('counts links as urlLength where the platform shortens them', () => {
    const mastodon: Limits = { maxLength: 500, weighted: false, urlLength: 23 };
    expect(counter.measure('see https://example.com/a/very/long/path/indeed', mastodon)).toBe(4 + 23);
    expect(counter.measure('see https://example.com/x.', mastodon)).toBe(4 + 23 + 1);
  });

  it('goes negative past the limit', () => {
    expect(counter.remaining('a'.repeat(279), x)).toBe(1);
    expect(counter.remaining('日'.repeat(141), x)).toBe(-2);
    expect(counter.remaining('😀'.repeat(501), sandbox)).toBe(-1);
  });

  it('predicts how many posts the server splits a long reply into', () => {
    fc.assert(
      fc.property(
        fc.array(words, { minLength: 1, maxLength: 200 }).map((w) => w.join(' ')),
        (text) => {
          const limits = { maxLength: 120, measure: countGraphemes };
          expect(counter.postsNeeded(text, { maxLength: 120, weighted: false, urlLength: null })).toBe(fitToChannel(text, limits).length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
