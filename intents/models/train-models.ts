/**
 * Regenerates the small model files shipped in intents/models/ from ../shared/datasets (the data itself
 * is never copied into the repository):
 *   sentiment.json     softmax regression on USE Lite + AFINN lexicon features, TweetEval sentiment val
 *   complaint.json     the same plus hashed stems, complaints corpus
 *   calibration.json   confidence calibrator + answer threshold, fitted on CLINC150 val with 10 examples
 *                      per intent (how marketing writes knowledge entries)
 * Run: npm run build && node dist/intents/models/train-models.js [--datasets DIR] [--cache-dir DIR]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createUseLiteEmbedder } from '../embedding/use-engine.js';
import { withCache } from '../embedding/cached-embedder.js';
import { toneFeatures, SPARSE_BUCKETS } from '../features/text-features.js';
import { trainSoftmax, toJson } from '../learn/softmax-regression.js';
import { embedAll } from '../eval/embed-all.js';
import { DEFAULT_DATASETS } from '../eval/datasets/labelled.js';
import { loadTweetEval } from '../eval/datasets/tweeteval.js';
import { loadComplaints } from '../eval/datasets/complaints.js';
import { loadClinc } from '../eval/datasets/clinc.js';
import { evalClinc } from '../eval/clinc-eval.js';
import { TONE_STEMS, TONE_TRAINING } from '../eval/tone-eval.js';
import type { Labelled } from '../eval/datasets/labelled.js';
import { stderrLog } from '../../shared/log.js';

const { values } = parseArgs({ options: { datasets: { type: 'string' }, 'cache-dir': { type: 'string' }, out: { type: 'string' } } });
const datasets = values.datasets ?? DEFAULT_DATASETS;
// Written next to the sources (dist/intents/models -> intents/models).
const out = values.out ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../intents/models');
const cacheDir = values['cache-dir'] ?? './data/cache';
const embedder = withCache(await createUseLiteEmbedder({ cacheDir, log: stderrLog }), { cacheDir });

async function tone(name: 'sentiment' | 'complaint', data: Labelled[]): Promise<void> {
  const vecs = await embedAll(embedder, data.map((d) => d.text), name);
  const stems = TONE_STEMS[name];
  const model = trainSoftmax(
    data.map((d, i) => toneFeatures(d.text, vecs[i]!, stems)),
    data.map((d) => d.label),
    stems ? SPARSE_BUCKETS : 0,
    TONE_TRAINING,
  );
  fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify({ embedder: embedder.id, trainedOn: data.length, ...toJson(model) }));
  process.stderr.write(`wrote ${name}.json\n`);
}

await tone('sentiment', loadTweetEval(path.join(datasets, 'tweeteval/sentiment/val_text.txt')));
await tone('complaint', loadComplaints(path.join(datasets, 'complaints/complaints-data.csv')));
const r = await evalClinc(embedder, loadClinc(path.join(datasets, 'clinc150/data_full.json')), { shots: 10, maxWrongRate: 0.02 });
fs.writeFileSync(
  path.join(out, 'calibration.json'),
  JSON.stringify({ embedder: embedder.id, threshold: r.threshold, val: r.val, ...toJson(r.calibrator.model) }, null, 1),
);
process.stderr.write(`wrote calibration.json (threshold ${r.threshold})\n`);
