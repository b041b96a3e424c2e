import { cleanExample } from './clean-example.js';

/** A knowledge entry drafted from a raised group: the editor checks it and writes the reply. */
export interface DraftEntry {
  id: string;
  kind: 'incident';
  title: string;
  keywords: string[];
  examples: string[];
  /** Left empty on purpose: what the brand says about an incident is a person's call. */
  reply: string;
}

const MAX_EXAMPLES = 10;

/** Cleaned, distinct texts of a few words to a couple of sentences, in the order given (best first). */
export function cleanedSamples(texts: readonly string[], max: number): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const t of texts) {
    const clean = cleanExample(t).slice(0, 280).trim();
    const words = clean.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
    const key = clean
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    if (words < 3 || !key || seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
    if (out.length >= max) break;
  }
  return out;
}

export function draftEntry(
  words: readonly string[],
  textsBestFirst: readonly string[],
  existingIds: ReadonlySet<string> = new Set(),
): DraftEntry {
  const base =
    words
      .slice(0, 3)
      .join('-')
      .normalize('NFKD')
      .replace(/[^a-z0-9-]/g, '') || 'emerging-issue';
  let id = base;
  for (let i = 2; existingIds.has(id); i++) id = `${base}-${i}`;
  return {
    id,
    kind: 'incident',
    title: `Customers report: ${words.slice(0, 3).join(', ') || 'a new issue'}`,
    keywords: words.slice(0, 5),
    // Up to ten; fewer when the group's texts are few words or repeat each other.
    examples: cleanedSamples(textsBestFirst, MAX_EXAMPLES),
    reply: '',
  };
}

const quoted = (s: string) => JSON.stringify(s);

/** The draft as knowledge-file YAML (strings JSON-quoted: always valid YAML, whatever a customer wrote). */
export function draftYaml(d: DraftEntry): string {
  return [
    `  - id: ${d.id}`,
    `    kind: ${d.kind}`,
    `    title: ${quoted(d.title)}`,
    `    keywords: [${d.keywords.map(quoted).join(', ')}]`,
    '    examples:',
    ...d.examples.map((e) => `      - ${quoted(e)}`),
    '    # Write what the bot should say about this issue before publishing.',
    `    reply: ${quoted(d.reply)}`,
  ].join('\n');
}
