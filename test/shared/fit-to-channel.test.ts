import { describe, expect, it } from 'vitest';
import { fitToChannel } from '../../shared/fit-to-channel.js';
import { countGraphemes } from '../../shared/graphemes.js';

const limits = (maxLength: number) => ({ maxLength, measure: countGraphemes });

describe('fitToChannel', () => {
  it('keeps a reply that fits as one post', () => {
    expect(fitToChannel('Hi  @ann,\nsorry!', limits(50))).toEqual(['Hi @ann, sorry!']);
  });

  it('splits between words, never inside a word or a link', () => {
    const text = 'Sorry for the delay. Track your parcel at https://acme.example/track/very/long/path and reply here.';
    const parts = fitToChannel(text, limits(45));
    expect(parts.every((p) => countGraphemes(p) <= 45)).toBe(true);
    expect(parts.join(' ')).toBe(text);
    expect(parts.some((p) => p.includes('https://acme.example/track/very/long/path'))).toBe(true);
  });

  it('counts emoji as one character, not as code units', () => {
    const text = '👍🏽'.repeat(10);
    expect(fitToChannel(text, limits(10))).toEqual([text]);
  });

  it('cuts an overlong word between graphemes, and refuses an overlong link', () => {
    const parts = fitToChannel('a'.repeat(25), limits(10));
    expect(parts).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)]);
    expect(() => fitToChannel(`see https://x.example/${'p'.repeat(30)}`, limits(20))).toThrowError(/link/);
  });
});

describe('issue 14 finding 11 — public replies carry no bidi or invisible formatting characters', () => {
  it('finding 11: every post of a reply is cleaned, emoji joiners kept', () => {
    const limits = { maxLength: 40, measure: countGraphemes };
    const posts = fitToChannel(
      'Hi @\u202Eevil\u202C_rtl, your file invoice\u202Egnp.exe\u200B is fine \u2066👩‍👩‍👧\u2069 and '.repeat(3),
      limits,
    );
    expect(posts.length).toBeGreaterThan(1);
    for (const post of posts) expect(post).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B\u200E\u200F]/);
    expect(posts.join(' ')).toContain('@evil_rtl');
    expect(posts.join(' ')).toContain('👩‍👩‍👧');
  });
});
