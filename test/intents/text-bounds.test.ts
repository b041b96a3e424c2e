import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { entrySchema } from '../../config/knowledge/schema.js';
import { createUnderstander } from '../../intents/create-understander.js';
import type { Embedder } from '../../intents/embedding/embedder.js';
import { USE_LITE_ID } from '../../intents/embedding/use-embedder.js';
import { hashedStems } from '../../intents/features/hashed-features.js';
import { ngramCounts } from '../../intents/features/ngram-features.js';
import { sentimentLexiconFeatures } from '../../intents/features/sentiment-lexicon.js';
import { stem, stems } from '../../intents/features/tokenize.js';
import { contentStems, createKeywordUnderstander } from '../../intents/keyword-understander.js';
import { MAX_STEMMED_WORD, UNDERSTOOD_CHARS, understoodText } from '../../intents/text-bounds.js';
import { urgencySignals } from '../../intents/urgency.js';
import { slicesByLength } from '../../intents/rank-slices.js';
import { stderrLog } from '../../shared/log.js';

const MILLION = 1_000_000;
/** One word of a million consonants: the Porter stemmer's worst case (its time grows with the square). */
const longWordMention = `@brand ${'b'.repeat(MILLION)} my parcel is late, I want a refund`;
/** Far below what the unbounded stemmer takes on a word this long, far above what a loaded machine needs. */
const GENEROUS_MS = 5000;

/** A deterministic stand-in for USE Lite (same id, so the tone models read it too) that records its input. */
function recordingEmbedder(seen: string[]): Embedder {
  const vector = (text: string): Float32Array => {
    const v = new Float32Array(512);
    for (let i = 0; i < Math.min(text.length, 64); i++) v[(text.charCodeAt(i) * 31 + i) % 512]! += 1;
    v[0]! += 1;
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  return {
    id: USE_LITE_ID,
    dimensions: 512,
    async embed(texts) {
      seen.push(...texts);
      return texts.map(vector);
    },
  };
}

describe('issue 14 finding 2 — linear-time text features', () => {
  /** Lengths of the words handed to the Porter stemmer (stood in for, so old code fails fast instead of hanging). */
  let stemmed: number[];
  beforeEach(() => {
    stemmed = [];
    const real = PorterStemmer.stem.bind(PorterStemmer);
    vi.spyOn(PorterStemmer, 'stem').mockImplementation((word: string) => {
      stemmed.push(word.length);
      return word.length > MAX_STEMMED_WORD ? word : real(word);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('finding 2: features of a text with a 1,000,000-character word finish quickly and never stem that word', () => {
    const started = performance.now();
    const toks = stems(longWordMention);
    hashedStems(longWordMention, 4096);
    ngramCounts(longWordMention, 1 << 12);
    sentimentLexiconFeatures(longWordMention);
    urgencySignals(longWordMention);
    const content = contentStems(longWordMention);
    expect(performance.now() - started).toBeLessThan(GENEROUS_MS);
    expect(Math.max(...stemmed)).toBeLessThanOrEqual(MAX_STEMMED_WORD);
    // The long word is kept whole; ordinary words are still stemmed as before.
    expect(toks).toContain('b'.repeat(MILLION));
    expect(toks).toEqual(expect.arrayContaining(['parcel', 'late', 'refund']));
    expect(content).toEqual(expect.arrayContaining(['parcel', 'late', 'refund']));
    expect(stem('deliveries')).toBe('deliveri');
  });

  it('finding 2: mention text is capped before understanding, never inside a surrogate pair', () => {
    expect(understoodText('my parcel is late')).toBe('my parcel is late');
    const long = `${'a'.repeat(UNDERSTOOD_CHARS - 1)}😀 and more`;
    const cut = understoodText(long);
    expect(cut.length).toBeLessThanOrEqual(UNDERSTOOD_CHARS);
    expect(cut).toBe('a'.repeat(UNDERSTOOD_CHARS - 1));
    expect(understoodText('x'.repeat(MILLION))).toHaveLength(UNDERSTOOD_CHARS);
  });

  it('finding 2: the local understander reads at most UNDERSTOOD_CHARS of a 1 MB mention and decides it quickly', async () => {
    const seen: string[] = [];
    const u = await createUnderstander({ embedder: recordingEmbedder(seen), cacheDir: false, log: stderrLog });
    const parcels = entrySchema.parse({
      id: 'parcel-delays',
      kind: 'incident',
      title: 'Parcels late',
      reply: 'r',
      keywords: ['parcel late'],
      examples: ['my parcel is late', 'where is my parcel', 'parcel has not arrived'],
    });
    await u.train([parcels]);
    seen.length = 0;
    stemmed.length = 0;
    const started = performance.now();
    const r = await u.understand({ text: longWordMention, channel: 'x', at: new Date('2026-12-01T12:00:00Z') });
    expect(performance.now() - started).toBeLessThan(GENEROUS_MS);
    expect(r.decision).toMatch(/^(answer|handoff)$/);
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen.map((t) => t.length))).toBeLessThanOrEqual(UNDERSTOOD_CHARS);
    expect(Math.max(0, ...stemmed)).toBeLessThanOrEqual(MAX_STEMMED_WORD);
  });

  it('finding 2: the keyword understander decides a 1 MB mention quickly, reading its start', async () => {
    const u = createKeywordUnderstander();
    await u.train([
      entrySchema.parse({
        id: 'refunds',
        kind: 'incident',
        title: 'Refunds',
        reply: 'r',
        keywords: ['refund'],
        examples: ['how do I get a refund'],
      }),
    ]);
    const started = performance.now();
    // The keyword lies beyond the cap: not read.
    expect((await u.understand({ text: `${'b'.repeat(MILLION)} refund`, channel: 'x' })).intent).toBe('out_of_scope');
    expect((await u.understand({ text: `refund ${'b'.repeat(MILLION)}`, channel: 'x' })).intent).toBe('refunds');
    expect(performance.now() - started).toBeLessThan(GENEROUS_MS);
    expect(Math.max(...stemmed)).toBeLessThanOrEqual(MAX_STEMMED_WORD);
  });
});

describe('issue 14 finding 2 — ranking a batch in slices', () => {
  it('finding 2: slices cover the batch in order, each within the bound unless one text alone exceeds it', () => {
    const texts = ['a'.repeat(10), 'b'.repeat(30), 'c'.repeat(5), 'd'.repeat(100), 'e'.repeat(1)];
    const slices = slicesByLength(texts, 40);
    expect(slices).toEqual([
      [0, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
    expect(slicesByLength([], 40)).toEqual([]);
    expect(slicesByLength(['x', 'y', 'z'], 16_000)).toEqual([[0, 3]]);
  });
});
