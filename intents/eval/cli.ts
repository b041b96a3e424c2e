import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createUseLiteEmbedder } from '../embedding/use-engine.js';
import { withCache } from '../embedding/cached-embedder.js';
import { DEFAULT_DATASETS } from './datasets/labelled.js';
import { loadClinc } from './datasets/clinc.js';
import { loadTweetEval } from './datasets/tweeteval.js';
import { loadComplaints } from './datasets/complaints.js';
import { loadBitext } from './datasets/bitext.js';
import { evalClinc } from './clinc-eval.js';
import { crossValidateTone, macroRecall, binaryScores, TONE_STEMS } from './tone-eval.js';
import { evalBitext } from './bitext-eval.js';
import { stderrLog } from '../../shared/log.js';

const USAGE = `usage: npm run eval -- <clinc150|tweeteval|complaints|bitext> [--file PATH] [--shots N] [--folds K] [--json OUT] [--cache-dir DIR]
                       [--max-wrong 0.02] [--oos-share 0.2] [--min-oos-recall 0.6] [--oos-class|--no-oos-class]
  clinc150    CLINC-style JSON (train/val/test + oos_*): train, calibrate the threshold on val, report test
  tweeteval   TweetEval-style *_text.txt (+ *_labels.txt): sentiment macro-recall by k-fold cross-validation
  complaints  complaints CSV (id,text,label,domain): complaint F1 by k-fold cross-validation
  bitext      bitext CSV (instruction,intent): few-shot intent accuracy (--shots, default 10) on the rest
Language identification: npm run eval:language -- --help`;

const DEFAULT_FILES: Record<string, string> = {
  clinc150: 'clinc150/data_full.json',
  tweeteval: 'tweeteval/sentiment/val_text.txt',
  complaints: 'complaints/complaints-data.csv',
  bitext: 'bitext/bitext-customer-support.csv',
};

const pct = (x: number): string => (100 * x).toFixed(1);

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      shots: { type: 'string' },
      folds: { type: 'string' },
      json: { type: 'string' },
      'cache-dir': { type: 'string' },
      'max-wrong': { type: 'string' },
      'min-oos-recall': { type: 'string' },
      'oos-share': { type: 'string' },
      'oos-class': { type: 'boolean' },
      'no-oos-class': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const set = positionals[0];
  if (values.help || !set || !DEFAULT_FILES[set]) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const file = values.file ?? path.join(DEFAULT_DATASETS, DEFAULT_FILES[set]!);
  const shots = values.shots ? Number(values.shots) : undefined;
  const folds = values.folds ? Number(values.folds) : 10;
  const started = Date.now();
  const cacheDir = values['cache-dir'] ?? './data/cache';
  const embedder = withCache(await createUseLiteEmbedder({ cacheDir, log: stderrLog }), { cacheDir });
  let metrics: Record<string, number>;
  let extra: Record<string, unknown> = {};
  if (set === 'clinc150') {
    const r = await evalClinc(embedder, loadClinc(file), {
      shots,
      maxWrongRate: values['max-wrong'] ? Number(values['max-wrong']) : 0.02,
      minOosRecall: values['min-oos-recall'] ? Number(values['min-oos-recall']) : 0.6,
      oosShare: values['oos-share'] ? Number(values['oos-share']) : 0.2,
      // Few-shot: oos_train as a background class, like the service's background phrasings. Full data:
      // Larson et al.'s threshold protocol (no oos class) unless asked; with it val over-states OOS recall.
      oosClass: values['oos-class'] ? true : values['no-oos-class'] ? false : shots !== undefined,
    });
    metrics = {
      in_scope_accuracy: r.test.in_scope_accuracy,
      oos_recall: r.test.oos_recall,
      wrong_answer_rate: r.test.wrong_answer_rate,
      answered_rate: r.test.answered_rate,
      in_scope_answered_rate: r.test.in_scope_answered_rate,
      top1_accuracy_no_threshold: r.test_top1_accuracy,
      threshold: r.threshold,
    };
    extra = {
      background_examples: r.backgroundExamples,
      train_examples: r.trainExamples,
      train_ms: r.trainMs,
      threshold: r.threshold,
      val: r.val,
      val_weighted: r.val_weighted,
      larson: r.larson,
      curve: r.curve,
      ceiling: r.ceiling,
    };
    const rule = shots
      ? `wrong answers <= ${pct(values['max-wrong'] ? Number(values['max-wrong']) : 0.02)}% on val, out-of-scope weighted to ${pct(values['oos-share'] ? Number(values['oos-share']) : 0.2)}%`
      : `best in-scope with OOS recall >= ${pct(values['min-oos-recall'] ? Number(values['min-oos-recall']) : 0.6)}% on val`;
    console.log(
      `CLINC150 ${path.basename(file)}: trained on ${r.trainExamples} examples${shots ? ` (${shots} per intent)` : ''}${r.backgroundExamples ? ` incl. ${r.backgroundExamples} oos_train as a background class` : ''} in ${r.trainMs} ms; confidence threshold ${r.threshold.toFixed(3)} (${rule})`,
    );
    console.log(`  test in-scope accuracy   ${pct(metrics.in_scope_accuracy!)}  (right intent and above threshold, over in-scope)`);
    console.log(`  test OOS recall          ${pct(metrics.oos_recall!)}  (out-of-scope below threshold, over out-of-scope)`);
    console.log(
      `  test wrong-answer rate   ${pct(metrics.wrong_answer_rate!)}  ((in-scope answered wrongly + OOS answered) / all answered)`,
    );
    console.log(`  test in-scope answered   ${pct(metrics.in_scope_answered_rate!)}  (in-scope above threshold, over in-scope)`);
    console.log(`  test answered            ${pct(metrics.answered_rate!)}  (all above threshold, over all test)`);
    console.log(`  test top-1 accuracy      ${pct(metrics.top1_accuracy_no_threshold!)}  (in-scope, no threshold)`);
    const l = r.larson.test;
    console.log('  other operating points (threshold from val -> test in-scope / OOS recall / wrong answers / in-scope answered):');
    for (const c of r.curve) {
      console.log(
        `    ${c.rule.padEnd(26)} ${c.threshold.toFixed(3)} -> ${pct(c.test.in_scope_accuracy)} / ${pct(c.test.oos_recall)} / ${pct(c.test.wrong_answer_rate)} / ${pct(c.test.in_scope_answered_rate)}`,
      );
    }
    console.log(
      `  at Larson's threshold (max val in-scope + OOS recall, ${r.larson.threshold.toFixed(3)}): in-scope ${pct(l.in_scope_accuracy)}, OOS recall ${pct(l.oos_recall)}, wrong answers ${pct(l.wrong_answer_rate)}`,
    );
    const c = r.ceiling;
    console.log(
      `  limit of these scores, threshold picked on test itself (not an operating point): ${c.rule} at ${c.threshold.toFixed(3)} -> ${pct(c.test.in_scope_accuracy)} / ${pct(c.test.oos_recall)} / ${pct(c.test.wrong_answer_rate)} / ${pct(c.test.in_scope_answered_rate)}`,
    );
  } else if (set === 'tweeteval') {
    const data = loadTweetEval(file);
    const predicted = await crossValidateTone(embedder, data, folds, TONE_STEMS.sentiment);
    const gold = data.map((d) => d.label);
    metrics = { macro_recall: macroRecall(gold, predicted), accuracy: predicted.filter((p, i) => p === gold[i]).length / gold.length };
    console.log(`TweetEval sentiment ${path.basename(file)}: ${data.length} tweets, ${folds}-fold cross-validation`);
    console.log(`  macro-recall ${pct(metrics.macro_recall!)}   accuracy ${pct(metrics.accuracy!)}`);
  } else if (set === 'complaints') {
    const data = loadComplaints(file);
    const predicted = await crossValidateTone(embedder, data, folds, TONE_STEMS.complaint);
    const s = binaryScores(
      data.map((d) => d.label),
      predicted,
      'complaint',
    );
    metrics = { f1: s.f1, precision: s.precision, recall: s.recall, accuracy: s.accuracy };
    console.log(`Complaints ${path.basename(file)}: ${data.length} tweets, ${folds}-fold cross-validation`);
    console.log(`  F1 ${pct(s.f1)}   precision ${pct(s.precision)}   recall ${pct(s.recall)}   accuracy ${pct(s.accuracy)}`);
  } else {
    const r = await evalBitext(embedder, loadBitext(file), shots ?? 10);
    metrics = { in_scope_accuracy: r.accuracy, macro_recall: r.macroRecall };
    console.log(`Bitext ${path.basename(file)}: ${r.intents} intents, ${r.shots} examples each for training, ${r.tested} tested`);
    console.log(`  accuracy ${pct(r.accuracy)}   macro-recall ${pct(r.macroRecall)}`);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s (${embedder.stats.computed} texts embedded, rest from cache)`);
  if (values.json) {
    fs.mkdirSync(path.dirname(path.resolve(values.json)), { recursive: true });
    fs.writeFileSync(values.json, `${JSON.stringify({ set, file, shots, metrics, ...extra }, null, 2)}\n`);
  }
}

await main();
