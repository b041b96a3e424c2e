import type { Sparse } from '../features/hashed-features.js';

/** One example phrasing of an intent, already embedded. */
export interface IntentExample {
  label: string;
  vector: Float32Array;
  sparse: Sparse;
  /** The phrasing itself: a softmax head reads its word and character n-grams (else `sparse`). */
  text?: string;
}
