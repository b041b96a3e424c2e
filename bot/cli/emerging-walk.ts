import { progressBar } from '../../shared/progress.js';

/** Mentions per step: one encoder call each, split across its threads, sorted by length inside. */
export const WALK_BATCH = 256;
const AHEAD = 3;

export interface WalkSteps<T> {
  /** Which of a batch go on to the grouping (all, without a knowledge file); called a batch at a time. */
  keep?: (batch: readonly T[]) => Promise<boolean[]>;
  /** The batch's sentence embeddings, when an encoder runs. */
  embed?: (batch: readonly T[]) => Promise<Float32Array[]>;
  /** Takes one kept mention in, in order, with its embedding. */
  group(item: T, embedding: Float32Array | undefined): void;
}

/**
 * Walks mentions in order a batch at a time, so the encoder gets many texts per call: while one batch
 * is grouped on this thread, the next is already being filtered and encoded on the encoder's threads.
 * Returns how many were kept.
 */
export async function walkInBatches<T>(items: readonly T[], steps: WalkSteps<T>, label: string): Promise<number> {
  const prepare = async (batch: readonly T[]) => {
    const keep = steps.keep ? await steps.keep(batch) : batch.map(() => true);
    const kept = batch.filter((_, i) => keep[i]);
    const vectors = steps.embed && kept.length > 0 ? await steps.embed(kept) : [];
    return { kept, vectors };
  };
  const start = (from: number) => {
    const p = prepare(items.slice(from, from + WALK_BATCH));
    p.catch(() => undefined); // seen when awaited; not an unhandled rejection meanwhile
    return p;
  };
  const bar = progressBar(label, items.length);
  let kept = 0;
  const ahead: ReturnType<typeof start>[] = [];
  let next = 0;
  for (let from = 0; from < items.length; from += WALK_BATCH) {
    // Batches in flight ahead: each encoder thread has a call queued while this thread groups.
    for (; ahead.length < AHEAD && next < items.length; next += WALK_BATCH) ahead.push(start(next));
    const ready = await ahead.shift()!;
    ready.kept.forEach((item, i) => steps.group(item, ready.vectors[i]));
    kept += ready.kept.length;
    bar.tick(Math.min(WALK_BATCH, items.length - from));
  }
  bar.done();
  return kept;
}
