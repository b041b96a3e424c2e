import type { IntentExamples } from './intent-examples.js';
import type { MentionText, Understander, Understanding } from './understanding.js';
import { porterStem } from './features/tokenize.js';
import { understoodText } from './text-bounds.js';

const STOP = new Set(
  'a an and are as at be been but by for from had has have i im is it its me my of on or our so that the their them they this to was we were what when where which who why will with you your us again still just very'.split(
    ' ',
  ),
);

/** Lower-cased, stemmed content words; handles, links and punctuation dropped. */
export function contentStems(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[@#][\w.]+/g, ' ')
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map(porterStem);
}

interface Pattern {
  entryId: string;
  stems: Set<string>;
  keyword: boolean;
}

/**
 * The first, lexical understanding: an entry matches when all the content words of one of its
 * keywords appear in the mention, or when most of the words of one of its example phrasings do.
 * Confidence is the share of the best pattern's words found (keywords count as 0.9 at least).
 */
export function createKeywordUnderstander(options: { minOverlap?: number } = {}): Understander {
  const minOverlap = options.minOverlap ?? 0.75;
  let patterns: Pattern[] = [];
  let negativeWords = new Map<string, Set<string>>();
  return {
    fork: () => createKeywordUnderstander(options),
    async train(entries: readonly IntentExamples[]) {
      patterns = entries
        .flatMap((e) => [
          ...e.keywords.map((k) => ({ entryId: e.id, stems: new Set(contentStems(k)), keyword: true })),
          ...e.examples.map((x) => ({ entryId: e.id, stems: new Set(contentStems(x)), keyword: false })),
        ])
        .filter((p) => p.stems.size > 0);
      // As the local understanding does: a word only an entry's negative examples use (four letters or
      // more) is what its authors wrote to tell a look-alike apart, and keeps the mention from the entry.
      negativeWords = new Map(
        entries.map((e) => {
          const own = new Set([...e.examples, ...e.keywords].flatMap(contentStems));
          return [e.id, new Set(e.negative_examples.flatMap(contentStems).filter((w) => w.length >= 4 && !own.has(w)))];
        }),
      );
    },
    async understand(mention: MentionText): Promise<Understanding> {
      const words = new Set(contentStems(understoodText(mention.text)));
      const scores: Record<string, number> = {};
      for (const p of patterns) {
        if ([...words].some((w) => negativeWords.get(p.entryId)?.has(w))) continue;
        let found = 0;
        for (const s of p.stems) if (words.has(s)) found++;
        const share = found / p.stems.size;
        const score = p.keyword ? (share === 1 ? Math.max(0.9, share) : 0) : share >= minOverlap ? share : 0;
        if (score > (scores[p.entryId] ?? 0)) scores[p.entryId] = score;
      }
      const best = Object.entries(scores).sort((a, b) => b[1] - a[1])[0];
      if (!best || best[1] === 0) return { intent: 'out_of_scope', confidence: 1 - (best?.[1] ?? 0), scores };
      return { intent: best[0], entryId: best[0], confidence: best[1], scores };
    },
  };
}
