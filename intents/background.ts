import type { IntentExample } from './classify/intent-model.js';

/** Labels of background classes start with this (entry ids are lower-case words: never clash). */
export const BACKGROUND_PREFIX = '~';

export const isBackground = (label: string): boolean => label.startsWith(BACKGROUND_PREFIX);

/**
 * A background phrasing this close (cosine) to one of an entry's own examples is left out: it would
 * take that entry's true matches away (built-in "is the app down" against an app-outage entry).
 */
export const BACKGROUND_OVERLAP = 0.65;

/** The background examples that do not overlap any entry example. */
export function backgroundExamples(entryExamples: readonly IntentExample[], background: readonly IntentExample[], overlap = BACKGROUND_OVERLAP): IntentExample[] {
  return background.filter((b) =>
    entryExamples.every((e) => {
      let dot = 0;
      for (let i = 0; i < b.vector.length; i++) dot += b.vector[i]! * e.vector[i]!;
      return dot < overlap;
    }),
  );
}
