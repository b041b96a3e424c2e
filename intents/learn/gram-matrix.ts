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

// The bundled WASM backend multiplies fast only without transposes: with transposeA or transposeB it
// runs 15-30x slower (1 against 13 GFLOP/s measured). So the transposes are done here, once, in JS.

/** The cols x rows transpose of a row-major rows x cols matrix. */
export function transposeRows(m: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const off = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = m[off + c]!;
  }
  return out;
}

function product(a: Float32Array, aShape: [number, number], b: Float32Array, bShape: [number, number]): Float32Array {
  const ta = tf.tensor2d(a, aShape, 'float32');
  const tb = tf.tensor2d(b, bShape, 'float32');
  const p = tf.matMul(ta, tb, false, false);
  const out = p.dataSync();
  ta.dispose();
  tb.dispose();
  p.dispose();
  return out;
}

/** X'X for rows of length `cols` (row-major Float32Array), as a full symmetric cols x cols matrix. */
export function gramMatrix(rows: Float32Array, n: number, cols: number): Float64Array {
  return Float64Array.from(product(transposeRows(rows, n, cols), [cols, n], rows, [n, cols]));
}

/** A B' for row-major A (rowsA x cols) and B (rowsB x cols): every row of A dotted with every row of B. */
export function crossProducts(a: Float32Array, rowsA: number, b: Float32Array, rowsB: number, cols: number): Float32Array {
  return crossProductsTransposed(a, rowsA, transposeRows(b, rowsB, cols), rowsB, cols);
}

/** `crossProducts` with B given transposed (cols x rowsB): for a matrix scored against many batches. */
export function crossProductsTransposed(a: Float32Array, rowsA: number, bt: Float32Array, rowsB: number, cols: number): Float32Array {
  return Float32Array.from(product(a, [rowsA, cols], bt, [cols, rowsB]));
}

/** Rows of equal length packed into one row-major matrix (for crossProducts). */
export function packRows(rows: readonly Float32Array[], cols: number): Float32Array {
  const out = new Float32Array(rows.length * cols);
  rows.forEach((r, i) => out.set(r, i * cols));
  return out;
}
