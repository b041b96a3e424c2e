import * as core from '@energetic-ai/core';

// The bundled TensorFlow.js (WASM, SIMD) does the one large product; see use-embedder.ts for why the
// types are declared here.
interface Tensor {
  dataSync(): Float32Array;
  dispose(): void;
}
interface Tf {
  ready(): Promise<void>;
  tensor2d(values: Float32Array, shape: [number, number], dtype: 'float32'): Tensor;
  matMul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor;
}
const tf = core as unknown as Tf;

/** The WASM backend initialises asynchronously: await this once before gramMatrix. */
export async function readyTf(): Promise<void> {
  await tf.ready();
}

/** X'X for rows of length `cols` (row-major Float32Array), as a full symmetric cols x cols matrix. */
export function gramMatrix(rows: Float32Array, n: number, cols: number): Float64Array {
  const x = tf.tensor2d(rows, [n, cols], 'float32');
  const g = tf.matMul(x, x, true, false);
  const out = Float64Array.from(g.dataSync());
  x.dispose();
  g.dispose();
  return out;
}

/** A B' for row-major A (rowsA x cols) and B (rowsB x cols): every row of A dotted with every row of B. */
export function crossProducts(a: Float32Array, rowsA: number, b: Float32Array, rowsB: number, cols: number): Float32Array {
  const ta = tf.tensor2d(a, [rowsA, cols], 'float32');
  const tb = tf.tensor2d(b, [rowsB, cols], 'float32');
  const p = tf.matMul(ta, tb, false, true);
  const out = Float32Array.from(p.dataSync());
  ta.dispose();
  tb.dispose();
  p.dispose();
  return out;
}

/** Rows of equal length packed into one row-major matrix (for crossProducts). */
export function packRows(rows: readonly Float32Array[], cols: number): Float32Array {
  const out = new Float32Array(rows.length * cols);
  rows.forEach((r, i) => out.set(r, i * cols));
  return out;
}
