import { languageSample, pickLanguage, scriptLanguage, type LanguageRule, type RankedLanguage } from '../../intents/language-text.js';
import type { LanguagePost } from '../../intents/eval/datasets/language-posts.js';
import type { LanguageCandidate } from './language-candidates.js';

/** One language's (or all languages') share of right, wrong and "too short to tell" answers. */
export interface LanguageScore {
  n: number;
  right: number;
  wrong: number;
  tooShort: number;
}

export interface CandidateResult {
  name: string;
  rule: LanguageRule;
  tune: LanguageScore;
  heldout: Record<string, LanguageScore>;
  heldoutAll: LanguageScore;
  /** Mean CPU time of the whole detection (sample, script, ranking, rule) per post, over the set (CPU, not wall: the machine may be shared). */
  msPerMention: number;
  /** The held-out posts it named wrongly, with what it said. */
  mistakes: { id: string; text: string; said: string }[];
}

/** A wrong language costs this many right ones when tuning: replying in the wrong language is worse than not knowing. */
export const WRONG_COST = 3;

interface Seen {
  post: LanguagePost;
  letters: number;
  byScript: string | null;
  ranked: RankedLanguage[];
}

const GRID = {
  minLetters: [1, 2, 3, 4, 5, 6, 8, 10],
  minScore: [0, 0.05, 0.1, 0.2, 0.3, 0.5],
  minRatio: [1, 1.25, 1.5, 2, 3, 5],
  sureScore: [0.3, 0.5, 0.7, 0.9, Number.POSITIVE_INFINITY],
};

function answer(s: Seen, rule: LanguageRule): string | null {
  return s.byScript ?? pickLanguage(s.ranked, s.letters, rule);
}

function score(seen: readonly Seen[], rule: LanguageRule): LanguageScore {
  const out = { n: seen.length, right: 0, wrong: 0, tooShort: 0 };
  for (const s of seen) {
    const said = answer(s, rule);
    // A post in no language ("und": "ok", emoji, a handle) is right when too short to tell.
    if (s.post.lang === 'und') said === null ? out.right++ : out.wrong++;
    else if (said === null) out.tooShort++;
    else if (said === s.post.lang) out.right++;
    else out.wrong++;
  }
  return out;
}

/** The rule with the most right answers less WRONG_COST per wrong one on the given posts (ties: the simpler, earlier one). */
export function tuneRule(seen: readonly Seen[]): LanguageRule {
  let best: { rule: LanguageRule; value: number } | undefined;
  for (const minLetters of GRID.minLetters)
    for (const minScore of GRID.minScore)
      for (const minRatio of GRID.minRatio)
        for (const sureScore of GRID.sureScore) {
          const rule = { minLetters, minScore, minRatio, sureScore };
          const s = score(seen, rule);
          const value = s.right - WRONG_COST * s.wrong;
          if (!best || value > best.value) best = { rule, value };
        }
  return best!.rule;
}

/** Tunes the candidate's rule on the tune split, scores the held-out split per language, and times it. */
export function evaluateCandidate(
  candidate: LanguageCandidate,
  posts: readonly LanguagePost[],
  opts: { fixedRule?: LanguageRule; timeBudgetMs?: number; tick?: (n: number) => void } = {},
): CandidateResult {
  const seen = posts.map((post): Seen => {
    const { sample, letters } = languageSample(post.text);
    const byScript = scriptLanguage(sample);
    opts.tick?.(1);
    return { post, letters, byScript, ranked: byScript || letters === 0 ? [] : candidate.rank(sample) };
  });
  const tune = seen.filter((s) => s.post.split === 'tune');
  const held = seen.filter((s) => s.post.split === 'heldout');
  const rule = opts.fixedRule ?? tuneRule(tune);
  const heldout: Record<string, LanguageScore> = {};
  for (const lang of [...new Set(held.map((s) => s.post.lang))])
    heldout[lang] = score(
      held.filter((s) => s.post.lang === lang),
      rule,
    );
  const mistakes = held
    .map((s) => ({ id: s.post.id, text: s.post.text, said: answer(s, rule) }))
    .filter((m, i) => m.said !== null && m.said !== held[i]!.post.lang) as CandidateResult['mistakes'];
  return {
    name: candidate.name,
    rule,
    tune: score(tune, rule),
    heldout,
    heldoutAll: score(held, rule),
    msPerMention: timePerMention(candidate, posts, rule, opts.timeBudgetMs ?? 1000),
    mistakes,
  };
}

/** The whole detection as the service runs it, repeated over the set for about the budget. */
function timePerMention(candidate: LanguageCandidate, posts: readonly LanguagePost[], rule: LanguageRule, budgetMs: number): number {
  const detect = (text: string): string | null => {
    const { sample, letters } = languageSample(text);
    const byScript = scriptLanguage(sample);
    if (byScript) return byScript;
    if (letters < rule.minLetters) return null;
    return pickLanguage(candidate.rank(sample), letters, rule);
  };
  for (const p of posts) detect(p.text); // warm-up: JIT and lazy tables
  let runs = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - started < budgetMs) {
    for (const p of posts) detect(p.text);
    runs++;
  }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / (runs * posts.length);
}
