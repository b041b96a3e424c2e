import { previewText } from '../shared/text-preview.js';

/**
 * The mention text one synchronous step of a store handles at most: a group commit's transaction, a
 * claim of undecided mentions, a listing. Steps stop adding mentions once their texts pass it (always
 * at least one), so one event-loop turn stays short however long the mentions customers write, while
 * normal-size mentions still go many to a step.
 */
export const STEP_TEXT_BYTES = 1024 * 1024;

/** A mention's weight against the budget: its text in UTF-8, as the store keeps it. */
export const textBytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * How many of `items` (in order) go in one step: items until their weights pass `maxBytes`, and
 * always the first.
 */
export function takeWithin<T>(items: readonly T[], weigh: (item: T) => number, maxBytes: number): number {
  let total = 0;
  let n = 0;
  for (const item of items) {
    const w = weigh(item);
    if (n > 0 && total + w > maxBytes) break;
    total += w;
    n++;
  }
  return n;
}

/**
 * How much of a mention's text a listing of many threads carries (the queue, the handoff loop's SLA
 * check): enough for every preview and notification made from it. The whole text is in the thread's
 * transcript.
 */
export const LISTED_TEXT_CHARS = 2000;

/** The text a listing carries for a mention, or null when that is the whole text (stored once). */
export function listedHead(text: string): string | null {
  const head = previewText(text, LISTED_TEXT_CHARS);
  return head.truncated ? head.text : null;
}
