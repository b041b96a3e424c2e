import type { CachedEmbedder } from '../embedding/cached-embedder.js';
import { hashedStems } from '../features/hashed-features.js';
import { trainIntentModel } from '../classify/intent-model.js';
import { rng } from '../learn/softmax-regression.js';
import { macroRecall } from '../learn/metrics.js';
import type { Labelled } from './datasets/labelled.js';
import { embedAll } from './embed-all.js';

/** Few-shot intent accuracy on customer-service phrasings: `shots` per intent to train, the rest to test. */
export async function evalBitext(embedder: CachedEmbedder, data: readonly Labelled[], shots: number) {
  const random = rng(3);
  const order = data.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const taken = new Map<string, number>();
  const train: Labelled[] = [];
  const test: Labelled[] = [];
  for (const i of order) {
    const x = data[i]!;
    const n = taken.get(x.label) ?? 0;
    if (n < shots) {
      train.push(x);
      taken.set(x.label, n + 1);
    } else test.push(x);
  }
  const trainVec = await embedAll(
    embedder,
    train.map((x) => x.text),
    'embed train',
  );
  const testVec = await embedAll(
    embedder,
    test.map((x) => x.text),
    'embed test',
  );
  const model = trainIntentModel(train.map((x, i) => ({ label: x.label, vector: trainVec[i]!, sparse: hashedStems(x.text, 4096) })));
  const predicted = test.map((x, i) => model.rank(testVec[i]!, hashedStems(x.text, 4096))[0]!.label);
  const gold = test.map((x) => x.label);
  return {
    intents: taken.size,
    shots,
    tested: test.length,
    accuracy: predicted.filter((p, i) => p === gold[i]).length / gold.length,
    macroRecall: macroRecall(gold, predicted),
  };
}
