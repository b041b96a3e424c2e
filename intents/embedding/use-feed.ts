import { normalize } from './embedder.js';

/**
 * What both USE Lite engines (tfjs WASM and ONNX Runtime) share: the model's sparse input and batching
 * by token count.
 */

/** The graph's feed: one [row, position] pair and one token id per token, int32. */
export function sparseFeed(encodings: readonly number[][]): { indices: Int32Array; values: Int32Array; total: number } {
  let total = 0;
  for (const e of encodings) total += Math.max(1, e.length);
  const indices = new Int32Array(total * 2);
  const values = new Int32Array(total);
  let k = 0;
  encodings.forEach((enc, row) => {
    // An empty text is one unknown token (id 0): the graph needs a token in every row.
    const ids = enc.length > 0 ? enc : [0];
    ids.forEach((id, col) => {
      indices[2 * k] = row;
      indices[2 * k + 1] = col;
      values[k] = id;
      k++;
    });
  });
  return { indices, values, total };
}

/**
 * Embeds in batches of texts with equal token counts: attention runs on the batch padded to its
 * longest row, so sorting by tokens (not characters) leaves next to no padding. Results in input order.
 */
export async function embedByTokenCount(
  encodings: readonly number[][],
  batchSize: number,
  run: (batch: number[][]) => Promise<Float32Array[]>,
): Promise<Float32Array[]> {
  const result: Float32Array[] = new Array(encodings.length);
  const order = encodings.map((_, i) => i).sort((a, b) => encodings[a]!.length - encodings[b]!.length);
  for (let s = 0; s < order.length; s += batchSize) {
    const idx = order.slice(s, s + batchSize);
    const vecs = await run(idx.map((i) => encodings[i]!));
    idx.forEach((i, j) => (result[i] = vecs[j]!));
  }
  return result;
}

/** Splits the model's [batch, dim] output into one unit vector per row. */
export function unitRows(flat: Float32Array, rows: number): Float32Array[] {
  const dim = flat.length / rows;
  return Array.from({ length: rows }, (_, i) => normalize(flat.slice(i * dim, (i + 1) * dim)));
}
