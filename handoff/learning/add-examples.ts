import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { DraftEditError } from '../knowledge-editor/incident-draft.js';

/**
 * Adds phrasings to an entry's `examples` or `negative_examples` in a knowledge file's text. Only the
 * lines it adds are spliced in (as incident-draft.ts does), so comments and layout stay as written;
 * the result goes through the usual check and publish. Each text is written double-quoted (JSON
 * quoting is YAML's), so no customer text can add keys or break the list.
 */

export type ExampleField = 'examples' | 'negative_examples';

const column = (text: string, offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);

function afterLine(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  const nl = text.indexOf('\n', end);
  return nl === -1 ? text.length : nl + 1;
}

function findEntry(text: string, id: string): { entry: YAMLMap; language: string } {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new DraftEditError(`the text does not parse (${doc.errors[0]!.message})`);
  const entries = doc.get('entries', true);
  if (!isSeq(entries)) throw new DraftEditError('the file has no entries: list');
  const entry = entries.items.find((e) => isMap(e) && e.get('id') === id);
  if (!isMap(entry)) throw new DraftEditError(`no entry "${id}" in the file`);
  // The default language: the first of `languages` (config/knowledge/schema.ts), English without it.
  const languages = doc.get('languages', true);
  const first = isSeq(languages) ? languages.items[0] : undefined;
  return { entry, language: isScalar(first) && typeof first.value === 'string' ? first.value : 'en' };
}

/** The list to add to: the field's own, or, written per language (`en: [...]`), the default language's. */
function targetList(entry: YAMLMap, field: ExampleField, id: string, language: string) {
  const pair = entry.items.find((p) => isScalar(p.key) && p.key.value === field) as Pair<Node, Node> | undefined;
  if (!isMap(pair?.value)) return { pair, seq: pair?.value };
  const inLanguage = pair.value.items.find((p) => isScalar(p.key) && p.key.value === language) as Pair<Node, Node> | undefined;
  if (!isSeq(inLanguage?.value) || inLanguage.value.items.length === 0)
    throw new DraftEditError(`the ${field} of "${id}" are written per language with no ${language} list: add them by hand`);
  return { pair: inLanguage, seq: inLanguage.value };
}

/** Adds to the default language's list when the field is written per language (learned examples are read in it). */
export function addExamples(text: string, id: string, field: ExampleField, phrasings: readonly string[]): string {
  const { entry, language } = findEntry(text, id);
  const { pair, seq } = targetList(entry, field, id, language);
  const existing = isSeq(seq) ? seq.items.map((i) => (isScalar(i) ? String(i.value) : '')) : [];
  const added = [...new Set(phrasings)].filter((p) => !existing.includes(p));
  if (added.length === 0) return text;
  const quoted = added.map((p) => JSON.stringify(p));
  if (isSeq(seq) && seq.range) {
    if (seq.flow) {
      const inner = text.slice(seq.range[0], seq.range[1]).replace(/\s*\]\s*$/, '');
      const sep = inner.trim() === '[' ? '' : ', ';
      return `${text.slice(0, seq.range[0])}${inner}${sep}${quoted.join(', ')}]${text.slice(seq.range[1])}`;
    }
    const last = seq.items.at(-1) as Node | undefined;
    if (!last?.range) throw new DraftEditError(`the ${field} of "${id}" are empty`);
    const dash = ' '.repeat(column(text, last.range[0]) - 2);
    const at = afterLine(text, last.range[1]);
    return `${text.slice(0, at)}${quoted.map((q) => `${dash}- ${q}\n`).join('')}${text.slice(at)}`;
  }
  if (pair && seq && !(isScalar(seq) && seq.value === null)) throw new DraftEditError(`the ${field} of "${id}" are not a list`);
  const idPair = entry.items.find((p) => isScalar(p.key) && p.key.value === 'id') as Pair<Node, Node> | undefined;
  if (entry.flow || !idPair?.key.range || !idPair.value?.range)
    throw new DraftEditError(`"${id}" is written as a flow map: add its ${field} by hand`);
  const indent = ' '.repeat(column(text, idPair.key.range[0]));
  const block = `${indent}${field}:\n${quoted.map((q) => `${indent}  - ${q}\n`).join('')}`;
  if (pair?.key && isScalar(pair.key) && pair.key.range) {
    // `field:` with nothing after it: the list goes in its place.
    const start = text.lastIndexOf('\n', pair.key.range[0]) + 1;
    return `${text.slice(0, start)}${block}${text.slice(afterLine(text, pair.key.range[1]))}`;
  }
  const at = afterLine(text, idPair.value.range[1]);
  return `${text.slice(0, at)}${block}${text.slice(at)}`;
}
