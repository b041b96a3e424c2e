import type { Member } from './emerging-group.js';

/**
 * The words that set a group apart from everything else in the window: frequent in the group, used by
 * more than one author, and rare outside it (smoothed lift). Shown as the group's name and used as the
 * drafted entry's keywords.
 */
export function distinguishingWords(
  members: readonly Member[],
  background: ReadonlyMap<string, number>,
  backgroundSize: number,
  top = 6,
): string[] {
  const inGroup = new Map<string, { count: number; authors: Set<string>; forms: Map<string, number> }>();
  for (const m of members) {
    const seen = new Set<string>();
    m.terms.stems.forEach((s, i) => {
      if (seen.has(s)) return;
      seen.add(s);
      let e = inGroup.get(s);
      if (!e) inGroup.set(s, (e = { count: 0, authors: new Set(), forms: new Map() }));
      e.count++;
      e.authors.add(m.author);
      const form = m.terms.words[i]!;
      e.forms.set(form, (e.forms.get(form) ?? 0) + 1);
    });
  }
  const n = members.length;
  const scored: { word: string; score: number }[] = [];
  for (const [stem, e] of inGroup) {
    if (e.count < 2 || e.authors.size < 2) continue;
    const share = e.count / n;
    const elsewhere = ((background.get(stem) ?? 0) - e.count + 1) / (Math.max(0, backgroundSize - n) + 2);
    const score = share * Math.log((share + 0.01) / (elsewhere + 0.01));
    if (score <= 0) continue;
    const word = [...e.forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    scored.push({ word, score });
  }
  return (
    scored
      .sort((a, b) => b.score - a.score || a.word.localeCompare(b.word))
      .slice(0, top)
      // Versions were joined with "_" to stay one word ("11_1"): shown as written.
      .map((s) => s.word.replace(/_/g, '.'))
  );
}
