import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUseLiteEmbedder } from '../../../intents/embedding/use-engine.js';
import { useLiteModelDir } from '../../../intents/embedding/use-onnx/tfjs-graph.js';
import { ensureUseOnnxModel } from '../../../intents/embedding/use-onnx/use-onnx-model-file.js';
import { tempDirs } from '../../helpers/temp-dirs.js';
import { recordingLog } from '../../helpers/recording-log.js';

const temp = tempDirs('use-onnx-file-');

describe('the converted USE Lite model file', () => {
  it('is written once into the cache folder and reused on the next start', () => {
    const cache = temp();
    const first = ensureUseOnnxModel(cache);
    expect(first.written).toBe(true);
    expect(path.dirname(first.file)).toBe(cache);
    const mtime = fs.statSync(first.file).mtimeMs;
    const second = ensureUseOnnxModel(cache);
    expect(second).toEqual({ file: first.file, written: false });
    expect(fs.statSync(first.file).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(cache).filter((f) => f.endsWith('.partial'))).toEqual([]);
  }, 60_000);

  it('is converted again when the weights change (a package update)', () => {
    const cache = temp();
    const modelDir = temp();
    fs.cpSync(useLiteModelDir(), modelDir, { recursive: true });
    const before = ensureUseOnnxModel(cache, modelDir);
    const shard = path.join(modelDir, 'group1-shard7of7');
    const bytes = fs.readFileSync(shard);
    bytes[0] = bytes[0]! ^ 1;
    fs.writeFileSync(shard, bytes);
    const after = ensureUseOnnxModel(cache, modelDir);
    expect(after.written).toBe(true);
    expect(after.file).not.toBe(before.file);
    expect(fs.existsSync(before.file)).toBe(false);
    expect(ensureUseOnnxModel(cache, modelDir).written).toBe(false);
  }, 60_000);

  it('falls back to the WASM engine, saying why, when the ONNX engine cannot start', async () => {
    const notAFolder = path.join(temp(), 'file');
    fs.writeFileSync(notAFolder, 'x');
    const log = recordingLog();
    const e = await createUseLiteEmbedder({ cacheDir: notAFolder, log });
    // Told once, as a warning with the reason, on the caller's logger (nothing of its own on the console).
    expect(log.lines).toEqual([
      { level: 'warn', fields: { reason: expect.any(String) }, message: expect.stringContaining('TensorFlow.js WASM') },
    ]);
    const [v] = await e.embed(['where is my order']);
    expect(v!.length).toBe(512);
  }, 60_000);
});
