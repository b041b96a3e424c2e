import { detectAll } from 'tinyld';
import { LANGUAGES, rankLanguages } from '../../intents/detect-language.js';
import type { RankedLanguage } from '../../intents/language-text.js';

/** A language detector under comparison: the ranking it gives a post's sample. */
export interface LanguageCandidate {
  name: string;
  rank(sample: string): RankedLanguage[];
}

// franc names languages in ISO 639-3; the service and the data set use ISO 639-1.
const ISO3: Record<string, string> = {
  eng: 'en',
  fra: 'fr',
  deu: 'de',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  nld: 'nl',
  swe: 'sv',
  dan: 'da',
  nob: 'no',
  fin: 'fi',
  pol: 'pl',
  tur: 'tr',
  rus: 'ru',
  arb: 'ar',
  jpn: 'ja',
  cmn: 'zh',
  kor: 'ko',
  hin: 'hi',
};

/**
 * The candidates on npm: tinyld, eld (the service's, small database; eld-large, eld-medium, eld-extrasmall its other sizes), franc-min and cld3-asm, each asked for
 * LANGUAGES only where it can be (cld3 cannot: it may name a language outside them). The others
 * are devDependencies, loaded only here; a missing one is left out with a note.
 */
export async function loadCandidates(names: readonly string[], note: (line: string) => void): Promise<LanguageCandidate[]> {
  const out: LanguageCandidate[] = [];
  for (const name of names) {
    try {
      const c = await loadCandidate(name);
      if (c) out.push(c);
      else note(`unknown candidate ${name}`);
    } catch (err) {
      note(`${name} left out: ${(err as Error).message}`);
    }
  }
  return out;
}

async function loadCandidate(name: string): Promise<LanguageCandidate | null> {
  if (name === 'eld') return { name, rank: rankLanguages };
  if (name === 'tinyld')
    return { name, rank: (sample) => detectAll(sample, { only: LANGUAGES }).map((r) => ({ lang: r.lang, score: r.accuracy })) };
  if (name === 'eld-large' || name === 'eld-medium' || name === 'eld-extrasmall') {
    // eld's other database sizes (the service's is small).
    const size = name.slice(4);
    const { eld } = (await import(`eld/${size}`)) as typeof import('eld/medium');
    eld.setLanguageSubset([...LANGUAGES]);
    return {
      name,
      rank: (sample) =>
        Object.entries(eld.detect(sample).getScores())
          .map(([lang, score]) => ({ lang, score }))
          .sort((a, b) => b.score - a.score),
    };
  }
  if (name === 'franc') {
    const { francAll } = await import('franc-min');
    const only = Object.keys(ISO3);
    // franc's scores are relative to the first (always 1): the ratio to the second is what tells.
    return {
      name,
      rank: (sample) =>
        francAll(sample, { only, minLength: 1 })
          .filter(([code]) => code !== 'und')
          .map(([code, score]) => ({ lang: ISO3[code] ?? code, score })),
    };
  }
  if (name === 'cld3') {
    const { loadModule } = await import('cld3-asm');
    const identifier = (await loadModule()).create(0, 700);
    return {
      name,
      rank: (sample) => {
        const r = identifier.findLanguage(sample);
        return r.language === 'und' ? [] : [{ lang: String(r.language).split('-')[0]!, score: r.probability }];
      },
    };
  }
  return null;
}
