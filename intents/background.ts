import type { IntentExample } from './classify/intent-model.js';
import { crossProducts, packRows } from './learn/gram-matrix.js';

/** Labels of background classes start with this (entry ids are lower-case words: never clash). */
export const BACKGROUND_PREFIX = '~';

export const isBackground = (label: string): boolean => label.startsWith(BACKGROUND_PREFIX);

/** The background class made of an entry's negative examples. */
export const negativeLabel = (entryId: string): string => `${BACKGROUND_PREFIX}not-${entryId}`;

export const isNegative = (label: string): boolean => label.startsWith(negativeLabel(''));

/** The entry whose negative examples a background class holds (undefined: a class of its own). */
export const negativeOf = (label: string): string | undefined => (isNegative(label) ? label.slice(negativeLabel('').length) : undefined);

/**
 * A background phrasing this close (cosine) to one of an entry's own examples is left out: it would
 * take that entry's true matches away (built-in "is the app down" against an app-outage entry).
 */
export const BACKGROUND_OVERLAP = 0.65;

/** The background examples that do not overlap any entry example (one matrix product on WASM). */
export function backgroundExamples(
  entryExamples: readonly IntentExample[],
  background: readonly IntentExample[],
  overlap = BACKGROUND_OVERLAP,
): IntentExample[] {
  if (entryExamples.length === 0 || background.length === 0) return [...background];
  const dim = background[0]!.vector.length;
  const n = entryExamples.length;
  const dots = crossProducts(
    packRows(
      background.map((b) => b.vector),
      dim,
    ),
    background.length,
    packRows(
      entryExamples.map((e) => e.vector),
      dim,
    ),
    n,
    dim,
  );
  return background.filter((_, i) => {
    for (let j = 0; j < n; j++) if (dots[i * n + j]! >= overlap) return false;
    return true;
  });
}
