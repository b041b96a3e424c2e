import { EmbeddingsModel } from '@energetic-ai/embeddings';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readUseLiteVocabulary, useLiteModelDir } from '../../../intents/embedding/use-onnx/tfjs-graph.js';
import { linearEncoder } from '../../../intents/embedding/use-tokenizer.js';
import { MENTION_TEXTS } from './use-onnx-texts.js';

const { tokenizer } = new EmbeddingsModel({ vocabulary: readUseLiteVocabulary(useLiteModelDir()), model: undefined as never });
const encode = linearEncoder(tokenizer);

describe('issue 14 finding 2 — USE Lite tokenizer in linear time', () => {
  it("finding 2: gives the package tokenizer's ids on every kind of text", () => {
    for (const text of MENTION_TEXTS) expect(encode(text)).toEqual(tokenizer.encode(text));
    const symbol = fc.constantFrom(..."abcxyz ABZ019.,!?@#'’-éüßñ日本語한국어😀🔥❤️\u200d👍🏽ﬁ①𝔘\t\n".split(/(?:)/u));
    fc.assert(
      fc.property(fc.array(symbol, { maxLength: 60 }), (symbols) => {
        const text = symbols.join('');
        expect(encode(text)).toEqual(tokenizer.encode(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('finding 2: tokenizes a 300,000-character word in bounded time', () => {
    const started = performance.now();
    // The package's encode copies the rest of the text at every position: quadratic in its length.
    const ids = encode('bcdfg'.repeat(60_000));
    expect(ids.length).toBeGreaterThan(1000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
