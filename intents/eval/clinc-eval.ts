import type { CachedEmbedder } from '../embedding/cached-embedder.js';
import { hashedStems } from '../features/hashed-features.js';
import { readyTf } from '../learn/gram-matrix.js';
import { trainIntentModel, type IntentModelOptions } from '../classify/intent-model.js';
import { confidenceFeatures, fitCalibrator, calibratedConfidence, type Calibrator } from '../classify/confidence.js';
import { rng } from '../learn/softmax-regression.js';
import { OOS, type ClincSplits } from './datasets/clinc.js';
import { lowestSafeThreshold, lowestWithOosRecall, outcome, weighOos, type Outcome, type Scored } from './operating-point.js';
import type { Labelled } from './datasets/labelled.js';
import { embedAll } from './embed-all.js';
import { progressBar } from '../../shared/progress.js';

export interface ClincOptions {
  /** Examples per intent to train on (marketing-style few-shot); all when omitted. */
  shots?: number;
  /** Highest wrong-answer rate accepted when picking the few-shot operating threshold. */
  maxWrongRate?: number;
  /**
   * Share of out-of-scope mentions assumed when picking the few-shot threshold (default 0.2): val has
   * only 3% out-of-scope, far fewer than a brand's mentions, which would understate wrong answers.
   */
  oosShare?: number;
  /** Lowest val OOS recall accepted when picking the full-data threshold (default 0.6). */
  minOosRecall?: number;
  seed?: number;
  model?: IntentModelOptions;
  /**
   * Train oos_train as a background class (default true), as the service does with its built-in and
   * off-topic phrasings: a mention ranked closest to it is never answered. Thresholds still from val
   * (which then over-states OOS recall: val's out-of-scope items resemble oos_train more than test's).
   */
  oosClass?: boolean;
}

function sampleShots(train: readonly Labelled[], shots: number, seed: number): Labelled[] {
  const random = rng(seed);
  const by = new Map<string, Labelled[]>();
  for (const x of train) by.set(x.label, [...(by.get(x.label) ?? []), x]);
  const out: Labelled[] = [];
  for (const list of by.values()) {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    out.push(...copy.slice(0, shots));
  }
  return out;
}

export async function evalClinc(embedder: CachedEmbedder, data: ClincSplits, options: ClincOptions = {}) {
  const inScopeTrain = options.shots ? sampleShots(data.train, options.shots, options.seed ?? 1) : data.train;
  const train = options.oosClass === false ? inScopeTrain : [...inScopeTrain, ...data.oosTrain];
  const val = [...data.val, ...data.oosVal];
  const test = [...data.test, ...data.oosTest];
  const trainVec = await embedAll(
    embedder,
    train.map((x) => x.text),
    'embed train',
  );
  const valVec = await embedAll(
    embedder,
    val.map((x) => x.text),
    'embed val',
  );
  const testVec = await embedAll(
    embedder,
    test.map((x) => x.text),
    'embed test',
  );
  const t0 = Date.now();
  let trainBar: ReturnType<typeof progressBar> | undefined;
  const model = trainIntentModel(
    train.map((x, i) => ({ label: x.label, vector: trainVec[i]!, sparse: hashedStems(x.text, 4096), text: x.text })),
    {
      ...options.model,
      onHeadEpoch: (e, total) => {
        trainBar ??= progressBar('train head', total);
        trainBar.tick(1);
        if (e === total) trainBar.done();
      },
    },
  );
  const trainMs = Date.now() - t0;
  await readyTf();
  const rankAll = (items: Labelled[], vecs: Float32Array[], label: string) => {
    const bar = progressBar(label, items.length);
    const out: Array<{ label: string; predicted: string; features: Float32Array; background: boolean }> = [];
    // In chunks, as the service does: the dot products in one product on WASM.
    for (let s = 0; s < items.length; s += 128) {
      const part = items.slice(s, s + 128);
      const ranked = model.rankMany(
        vecs.slice(s, s + 128),
        part.map((x) => hashedStems(x.text, 4096)),
        part.map((x) => x.text),
      );
      ranked.forEach((r, i) =>
        out.push({ label: part[i]!.label, predicted: r[0]!.label, features: confidenceFeatures(r), background: r[0]!.label === OOS }),
      );
      bar.tick(part.length);
    }
    bar.done();
    return out;
  };
  const valRanked = rankAll(val, valVec, 'classify val');
  // Calibrate on val: P(answer would be right). OOS items are never right.
  // Items ranked closest to the background class are never answered: left out of the fit, confidence 0.
  const fitOn = valRanked.filter((r) => !r.background);
  const calibrator: Calibrator = fitCalibrator(
    fitOn.map((r) => r.features),
    fitOn.map((r) => r.label !== OOS && r.predicted === r.label),
  );
  const score = (rs: typeof valRanked): Scored[] =>
    rs.map((r) => ({
      label: r.label,
      predicted: r.predicted,
      confidence: r.background ? 0 : calibratedConfidence(calibrator, r.features),
    }));
  const valScored = score(valRanked);
  const share = options.oosShare ?? 0.2;
  const valWeighted = weighOos(valScored, share);
  const thresholds = Array.from({ length: 199 }, (_, i) => (i + 1) / 200);
  let threshold: number;
  // Larson et al.'s threshold method: the best in-scope accuracy + OOS recall on val (reported too).
  const larson = thresholds.reduce((best, t) => {
    const a = outcome(valScored, t);
    const b = outcome(valScored, best);
    return a.in_scope_accuracy + a.oos_recall > b.in_scope_accuracy + b.oos_recall ? t : best;
  }, 0.5);
  if (options.shots) {
    // Operating point for marketing: answer as much as possible while wrong answers stay under the cap.
    threshold = lowestSafeThreshold(valWeighted, thresholds, options.maxWrongRate ?? 0.02);
  } else {
    // The project's target: best in-scope accuracy while val OOS recall stays at the floor or above.
    const floor = options.minOosRecall ?? 0.6;
    threshold = lowestWithOosRecall(valScored, thresholds, floor) ?? larson;
  }
  const testScored = score(rankAll(test, testVec, 'classify test'));
  // The same rules at other settings, thresholds still picked on val only: the trade-off curve.
  const curve = options.shots
    ? [0.01, 0.02, 0.05, 0.1].map((cap) => {
        const t = lowestSafeThreshold(valWeighted, thresholds, cap);
        return { rule: `val wrong answers <= ${cap * 100}%`, threshold: t, test: outcome(testScored, t) };
      })
    : [0.5, 0.6, 0.7, 0.8, 0.9].map((floor) => {
        const t = lowestWithOosRecall(valScored, thresholds, floor) ?? 1;
        return { rule: `val OOS recall >= ${floor * 100}%`, threshold: t, test: outcome(testScored, t) };
      });
  // The best the scores allow with the threshold picked on test itself: not an operating point (test
  // is never used to choose), but it tells a model's limit apart from a threshold that did not carry over.
  const ceiling: { rule: string; threshold: number; test: Outcome; test_weighted?: Outcome } = options.shots
    ? (() => {
        const cap = options.maxWrongRate ?? 0.02;
        const testWeighted = weighOos(testScored, share);
        const t = thresholds.find((x) => outcome(testWeighted, x).wrong_answer_rate <= cap) ?? 1;
        return {
          rule: `test wrong answers <= ${cap * 100}% (OOS weighted to ${share * 100}%)`,
          threshold: t,
          test: outcome(testScored, t),
          test_weighted: outcome(testWeighted, t),
        };
      })()
    : (() => {
        const floor = options.minOosRecall ?? 0.6;
        const t = lowestWithOosRecall(testScored, thresholds, floor) ?? 1;
        return { rule: `test OOS recall >= ${floor * 100}%`, threshold: t, test: outcome(testScored, t) };
      })();
  // Top-1 among the in-scope intents alone would need a second ranking: a background pick counts as wrong.
  const top1 = testScored.filter((s) => s.label !== OOS);
  return {
    threshold,
    trainExamples: train.length,
    backgroundExamples: train.length - inScopeTrain.length,
    trainMs,
    val: outcome(valScored, threshold),
    val_weighted: outcome(valWeighted, threshold),
    oos_share: share,
    test: outcome(testScored, threshold),
    larson: { threshold: larson, test: outcome(testScored, larson) },
    ceiling,
    curve,
    test_top1_accuracy: top1.filter((s) => s.predicted === s.label).length / top1.length,
    calibrator,
  };
}
