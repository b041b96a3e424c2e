/** Turns texts into fixed-size vectors. Backends: USE Lite (default) and a local ONNX model. */
export interface Embedder {
  /** Stable id of the model (backend + model name); keys the on-disk cache. */
  readonly id: string;
  readonly dimensions: number;
  /** One L2-normalised vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  dispose?(): Promise<void>;
}

/** Scales a vector to unit length in place (cosine similarity becomes a dot product). */
export function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum) || 1;
  for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
