import type { IntentExamples } from './intent-examples.js';
import type { MentionText, Understander, Understanding } from './understanding.js';

/**
 * Understanding per language. Intents may carry example phrasings in other languages than the
 * default's (`examples_in`); a mention in such a language is understood against that language's
 * examples only, plus what holds in any language (keywords, negative examples, the built-in topics,
 * tone and urgency, which every understander reads from the text itself). Each language is its own
 * understander, forked from the default's on the same models: one language's phrasings never pull a
 * mention in another towards an intent. A mention in a language without examples of its own (or
 * without a language) is understood against the default's.
 *
 * `split`: a new understander for one more language (default: a fork of `base`). Without one, every
 * language's examples are learnt together by `base`.
 */
export function understandByLanguage(base: Understander, split: (() => Understander) | undefined = base.fork?.bind(base)): Understander {
  let languages = new Map<string, Understander>();
  const spare = new Map<string, Understander>();
  const ownOr = (mention: MentionText): Understander =>
    (mention.language === undefined ? undefined : languages.get(mention.language)) ?? base;
  return {
    ...(base.fork ? { fork: () => understandByLanguage(base.fork!()) } : {}),
    async train(entries: readonly IntentExamples[]) {
      const inOthers = [...new Set(entries.flatMap((e) => Object.keys(e.examples_in ?? {})))];
      if (!split) {
        await base.train(entries.map((e) => ({ ...e, examples: [...e.examples, ...Object.values(e.examples_in ?? {}).flat()] })));
        return;
      }
      await base.train(entries);
      const trained = new Map<string, Understander>();
      for (const language of inOthers) {
        // Kept across trainings: a fork's models and caches are built once per language.
        const own = languages.get(language) ?? spare.get(language) ?? split();
        spare.set(language, own);
        await own.train(
          entries
            .map((e) => ({ ...e, examples: e.examples_in?.[language] ?? [], examples_in: undefined }))
            .filter((e) => e.examples.length + e.keywords.length > 0),
        );
        trained.set(language, own);
      }
      languages = trained;
    },
    understand(mention: MentionText): Promise<Understanding> {
      return ownOr(mention).understand(mention);
    },
    ...(base.embedTexts ? { embedTexts: (texts: readonly string[]) => base.embedTexts!(texts) } : {}),
    // Suggestions rank against the same language's examples as the answer would.
    ...(base.rankEntries
      ? {
          rankEntries: (mention: MentionText, limit: number) => {
            const u = ownOr(mention);
            return u.rankEntries ? u.rankEntries(mention, limit) : base.rankEntries!(mention, limit);
          },
        }
      : {}),
  };
}
