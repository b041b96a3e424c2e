import type { IntentExample, IntentModel } from './classify/intent-model.js';

/** The built-in intent each of an entry's examples and keywords reads as closest to, per entry. */
export function entryTopics(builtin: IntentModel | undefined, examples: readonly IntentExample[]): Map<string, Set<string>> {
  const topics = new Map<string, Set<string>>();
  if (!builtin || examples.length === 0) return topics;
  const ranked = builtin.rankMany(
    examples.map((e) => e.vector),
    examples.map((e) => e.sparse!),
    examples.map((e) => e.text!),
  );
  examples.forEach((e, i) => {
    const set = topics.get(e.label) ?? new Set<string>();
    if (ranked[i]![0]) set.add(ranked[i]![0].label);
    topics.set(e.label, set);
  });
  return topics;
}
