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
