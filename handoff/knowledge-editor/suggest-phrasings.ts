import { stripInvisible } from '../../shared/strip-invisible.js';

/**
 * Keywords and example phrasings for a new incident, from recent handed-off mentions that resemble
 * its description: tf-idf vectors over light stems, cosine similarity. Local and linear in the text
 * read (each mention is cut by the store; no regex here can backtrack).
 */

export interface PhrasingSource {
  id: number;
  channel: string;
  text: string;
  receivedAt: number;
}

export interface SuggestedExample {
  text: string;
  mentionId: number;
  channel: string;
  receivedAt: number;
  /** Cosine similarity with the description, 0..1. */
  score: number;
}

export interface Suggestions {
  keywords: string[];
  examples: SuggestedExample[];
  /** How many handed-off mentions were compared. */
  compared: number;
}

const STOP = new Set(
  (
    'a an and are as at be been but by can could did do does doing for from had has have having he her here him his how i im ' +
    "i'm is it it's its me my no not of on or our out so than that the their them then there these they this to too up us " +
    'was we were what when where which who why will with would you your yours just get got again still any all am if into ' +
    'about after before over very really please hi hello hey thanks thank'
  ).split(' '),
);
const MAX_EXAMPLE_CHARS = 160;
const MIN_SCORE = 0.2;

/** Drops handles, links and invisible characters; collapses whitespace. */
export function cleanMention(text: string): string {
  return stripInvisible(text)
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/(^|\s)@[\w.@-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words in order (lower case, letters, digits and apostrophes). */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

/** A light stem, so "payments", "paying" and "payment" meet: enough for a suggestion, not a linguist's. */
export function stem(word: string): string {
  const w = word.replace(/'s$/, '');
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

const content = (word: string) => word.length > 1 && !STOP.has(word);

function vector(text: string, idf: Map<string, number>): Map<string, number> {
  const v = new Map<string, number>();
  for (const w of words(text).filter(content)) {
    const s = stem(w);
    v.set(s, (v.get(s) ?? 0) + 1);
  }
  // Sublinear term frequency: a word said ten times is not ten times the topic.
  for (const [s, tf] of v) v.set(s, (1 + Math.log(tf)) * (idf.get(s) ?? 1));
  return v;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [k, x] of a) dot += x * (b.get(k) ?? 0);
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0));
  const n = norm(a) * norm(b);
  return n === 0 ? 0 : dot / n;
}

/** An example phrasing from a customer's text: cleaned, cut at a word near MAX_EXAMPLE_CHARS. */
function asExample(text: string): string {
  const clean = cleanMention(text);
  if (clean.length <= MAX_EXAMPLE_CHARS) return clean;
  const cut = clean.slice(0, MAX_EXAMPLE_CHARS);
  const space = cut.lastIndexOf(' ');
  return space > MAX_EXAMPLE_CHARS / 2 ? cut.slice(0, space) : cut;
}

/** Unigrams and bigrams of content words, as written (lower case); a bigram never spans punctuation. */
function phrases(text: string): string[] {
  const out: string[] = [];
  for (const clause of cleanMention(text).split(/[.,;:!?()"]+/)) {
    const ws = words(clause);
    ws.forEach((w, i) => {
      if (!content(w)) return;
      if (w.length > 2) out.push(w);
      const next = ws[i + 1];
      if (next && content(next)) out.push(`${w} ${next}`);
    });
  }
  return out;
}

export function suggestPhrasings(
  description: string,
  sources: readonly PhrasingSource[],
  limits = { examples: 6, keywords: 8 },
): Suggestions {
  const docs = sources.map((s) => ({ source: s, clean: cleanMention(s.text) })).filter((d) => d.clean.length >= 3);
  const df = new Map<string, number>();
  for (const d of [...docs.map((x) => x.clean), description]) {
    for (const s of new Set(words(d).filter(content).map(stem))) df.set(s, (df.get(s) ?? 0) + 1);
  }
  const total = docs.length + 1;
  const idf = new Map([...df].map(([s, n]) => [s, Math.log((total + 1) / (n + 1)) + 1]));
  const query = vector(description, idf);

  const scored = docs
    .map((d) => ({ ...d, score: cosine(query, vector(d.clean, idf)) }))
    .filter((d) => d.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || b.source.receivedAt - a.source.receivedAt);

  const seen = new Set<string>();
  const examples: SuggestedExample[] = [];
  for (const d of scored) {
    const text = asExample(d.source.text);
    if (text.length < 3 || seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    examples.push({
      text,
      mentionId: d.source.id,
      channel: d.source.channel,
      receivedAt: d.source.receivedAt,
      score: Number(d.score.toFixed(3)),
    });
    if (examples.length >= limits.examples) break;
  }

  // A phrase counts for the similarity of each resembling mention that uses it, plus a little when the
  // description uses it: candidates are the description's phrases and those of two or more mentions,
  // so an incident with no similar handoffs still gets its own words, after what customers wrote.
  const weight = new Map<string, number>();
  const uses = new Map<string, number>();
  for (const d of scored) {
    for (const p of new Set(phrases(d.source.text))) {
      weight.set(p, (weight.get(p) ?? 0) + d.score);
      uses.set(p, (uses.get(p) ?? 0) + 1);
    }
  }
  const own = new Set(phrases(description));
  for (const p of own) weight.set(p, (weight.get(p) ?? 0) + 0.3);
  const keywords = [...weight]
    .filter(([p]) => own.has(p) || (uses.get(p) ?? 0) >= 2)
    .map(([p, w]) => [p, w * (p.includes(' ') ? 1.5 : 1)] as const)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([p]) => p)
    .slice(0, limits.keywords);
  return { keywords, examples, compared: docs.length };
}
