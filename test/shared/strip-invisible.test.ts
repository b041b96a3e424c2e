import fc from 'fast-check';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stripInvisible } from '../../shared/strip-invisible.js';
import { repoRoot } from '../helpers/start-service.js';

// The console's copy (browser code, no build step) must agree with the server's.
const consoleCopy = (await import(pathToFileURL(path.join(repoRoot, 'handoff/console/public/visible-text.js')).href)) as {
  stripInvisible(text: string): string;
};

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const INVISIBLE = [
  '\u200B',
  '\u2060',
  '\u2061',
  '\u2062',
  '\u2063',
  '\u2064',
  '\uFEFF',
  '\u00AD',
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u009B',
  '\u{E0041}',
  '\u{E0001}',
  '\u3164',
];

describe('issue 14 finding 11 — invisible and bidi characters', () => {
  it('finding 11: bidi controls are taken out, so "@\\u202Eevil\\u202C_rtl" reads as the characters it holds', () => {
    expect(stripInvisible('@\u202Eevil\u202C_rtl')).toBe('@evil_rtl');
    expect(stripInvisible('invoice\u202Egnp.exe')).toBe('invoicegnp.exe');
    for (const c of [...BIDI, ...INVISIBLE]) expect(stripInvisible(`a${c}b`), `U+${c.codePointAt(0)!.toString(16)}`).toBe('ab');
  });

  it('keeps what people see: emoji built with joiners, skin tones, flags, keycaps, scripts that need joiners, tabs and newlines', () => {
    const kept = [
      '👩‍👩‍👧 family',
      '👨🏽‍💻 at work',
      '🏳️‍🌈 🏴‍☠️',
      '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} Scotland',
      '1️⃣ 🇫🇷',
      'می‌خواهم', // Persian with a zero-width non-joiner between letters
      'क्‍ष', // Devanagari with a joiner
      'line one\n\tline two',
      'لماذا تم خصم المبلغ مرتين؟ שלום',
    ];
    for (const text of kept) expect(stripInvisible(text)).toBe(text);
  });

  it('drops joiners that only hide something: between Latin letters, at the ends, after a space', () => {
    expect(stripInvisible('p\u200Day\u200Cpal')).toBe('paypal');
    expect(stripInvisible('\u200D😀\u200D')).toBe('😀');
    expect(stripInvisible('a \u200D😀')).toBe('a 😀');
  });

  it('line ends become newlines and lone surrogates U+FFFD', () => {
    expect(stripInvisible('a\r\nb\rc\u2028d')).toBe('a\nb\nc\nd');
    expect(stripInvisible('cut \uD83D')).toBe('cut \uFFFD');
  });

  it('the console copy agrees with the server on any text', () => {
    const pieces = fc.constantFrom(
      ...BIDI,
      ...INVISIBLE,
      '\u200C',
      '\u200D',
      '😀',
      '👩',
      '🏽',
      '\uFE0F',
      '🏴',
      '\u{E0067}',
      '\u{E007F}',
      'a',
      'ب',
      '\r',
      '\n',
      ' ',
      '\uD83D',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        expect(consoleCopy.stripInvisible(text)).toBe(stripInvisible(text));
        // Idempotent: what is shown once cleaned does not change when cleaned again.
        expect(stripInvisible(stripInvisible(text))).toBe(stripInvisible(text));
      }),
      { numRuns: 500 },
    );
  });
});
