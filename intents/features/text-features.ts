import { hashedStems } from './hashed-features.js';
import { sentimentLexiconFeatures, LEXICON_FEATURES } from './sentiment-lexicon.js';
import type { FeatureVector } from '../learn/softmax-regression.js';

export const SPARSE_BUCKETS = 4096;

/** Features for the tone models (sentiment, complaint): embedding + lexicon cues, and hashed stems. */
export function toneFeatures(text: string, embedding: Float32Array, stems = true): FeatureVector {
  const lex = sentimentLexiconFeatures(text);
  const dense = new Float32Array(embedding.length + LEXICON_FEATURES);
  dense.set(embedding, 0);
  dense.set(lex, embedding.length);
  return stems ? { dense, sparse: hashedStems(text, SPARSE_BUCKETS) } : { dense };
}
