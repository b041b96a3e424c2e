import { describe, expect, it } from 'vitest';
import { cleanMention, stem, suggestPhrasings } from '../../../handoff/knowledge-editor/suggest-phrasings.js';

const at = 1_000;
const source = (id: number, text: string) => ({ id, channel: 'x', text, receivedAt: at + id });

describe('suggestions for a new incident', () => {
  it('picks the handoffs that resemble the description, most similar first, cleaned of handles, links and invisible characters', () => {
    const s = suggestPhrasings('Checkout payments failing', [
      source(1, '@acme why was I charged twice?'),
      source(2, '@acme checkout keeps failing when I pay https://t.co/x'),
      source(3, '@acme payment failed at checkout'),
      source(4, '@acme my parcel is late'),
      source(5, '@acme checkout\u200B failing, checkout failing!!'),
    ]);
    expect(s.compared).toBe(5);
    // All three of the description's words (payment, fail, checkout) first.
    expect(s.examples.map((e) => e.text)).toEqual([
      'payment failed at checkout',
      'checkout failing, checkout failing!!',
      'checkout keeps failing when I pay',
    ]);
    expect(s.examples[0]).toMatchObject({ mentionId: 3, channel: 'x', receivedAt: at + 3 });
    expect(s.examples[0]!.score).toBeGreaterThan(s.examples[2]!.score);
    expect(s.examples.every((e) => e.score >= 0.2 && e.score <= 1)).toBe(true);
    // Customers' phrases first, the description's own after; none across punctuation.
    expect(s.keywords.slice(0, 2)).toEqual(['checkout', 'failing']);
    // A phrase of one mention only is no keyword (it may be that customer's own words).
    expect(s.keywords).not.toContain('checkout failing');
    expect(s.keywords).toContain('checkout payments');
    expect(s.keywords).not.toContain('failing checkout');
  });

  it('suggests the description’s words when nothing resembles it, and bounds what it returns', () => {
    const s = suggestPhrasings('Gift cards rejected', [source(1, 'my parcel is late')]);
    expect(s.examples).toEqual([]);
    expect(s.keywords).toEqual(expect.arrayContaining(['gift cards', 'cards rejected']));
    const many = Array.from({ length: 50 }, (_, i) => source(i, `gift card rejected again ${i} ${'words '.repeat(100)}`));
    const bounded = suggestPhrasings('gift card rejected', many);
    expect(bounded.examples).toHaveLength(6);
    expect(bounded.examples.every((e) => e.text.length <= 160)).toBe(true);
    expect(bounded.keywords.length).toBeLessThanOrEqual(8);
  });

  it('stems lightly and cleans', () => {
    expect(['payments', 'failing', 'failed', 'pass'].map(stem)).toEqual(['payment', 'fail', 'fail', 'pass']);
    expect(cleanMention('@a @b.c  hi\u202E there http://x.y/z')).toBe('hi there');
  });

  it('stays linear on long hostile text', () => {
    const long = `${'a'.repeat(100_000)} ${'@'.repeat(50_000)} ${'x, '.repeat(30_000)}`;
    const t = performance.now();
    suggestPhrasings(long, [source(1, long)]);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
