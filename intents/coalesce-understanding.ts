import type { MentionText, Understander, Understanding } from './understanding.js';

interface BatchUnderstander extends Understander {
  understandBatch(mentions: readonly MentionText[]): Promise<Understanding[]>;
}

/**
 * Mentions understood at the same moment (the turns of one inbox batch) go to the model as one
 * batch: embedding many texts in one call costs far less than one call each.
 */
export function coalesceUnderstanding(understander: Understander): Understander {
  const batchable = understander as Partial<BatchUnderstander>;
  if (typeof batchable.understandBatch !== 'function') return understander;
  const understandBatch = batchable.understandBatch.bind(understander);
  let waiting: { mention: MentionText; resolve: (u: Understanding) => void; reject: (e: unknown) => void }[] = [];
  const flush = () => {
    const batch = waiting;
    waiting = [];
    understandBatch(batch.map((w) => w.mention)).then(
      (results) => batch.forEach((w, i) => w.resolve(results[i]!)),
      (err: unknown) => batch.forEach((w) => w.reject(err)),
    );
  };
  return {
    train: (entries) => understander.train(entries),
    ...(understander.fork ? { fork: () => understander.fork!() } : {}),
    ...(understander.rankEntries ? { rankEntries: (mention, limit) => understander.rankEntries!(mention, limit) } : {}),
    ...(understander.embedTexts ? { embedTexts: (texts) => understander.embedTexts!(texts) } : {}),
    understand(mention) {
      return new Promise((resolve, reject) => {
        if (waiting.push({ mention, resolve, reject }) === 1) setImmediate(flush);
      });
    },
  };
}
