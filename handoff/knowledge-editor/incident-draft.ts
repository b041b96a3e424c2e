import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';

/**
 * Edits of a knowledge file's text for the new-incident and end-incident actions. Each splices only
 * the lines it adds or changes into the text, so every other byte (comments, folded replies, flow
 * lists) stays as the editor wrote it; the result then goes through the usual check and publish.
 */

export class DraftEditError extends Error {
  override name = 'DraftEditError';
}

export interface NewIncident {
  title: string;
  /** ISO instant the window starts at. */
  start: string;
  /** What customers should do: the body of the reply. */
  action: string;
  link?: string | undefined;
  keywords: string[];
  examples: string[];
}

const column = (text: string, offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);

/** The offset just after the line that holds `offset - 1` (the end of a node). */
function afterLine(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  const nl = text.indexOf('\n', end);
  return nl === -1 ? text.length : nl + 1;
}

function parsed(text: string) {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new DraftEditError(`the text does not parse (line of the first problem: ${doc.errors[0]!.message})`);
  const entries = doc.get('entries', true);
  if (!isSeq(entries)) throw new DraftEditError('the file has no entries: list');
  return { doc, entries };
}

/** A free id from the title: lower-case words joined by -, numbered when taken. */
export function incidentId(title: string, taken: ReadonlySet<string>): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'incident';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The reply of a new incident: what customers should do, and where to follow it. */
export function incidentReply(action: string, link: string | undefined): string {
  const body = action.trim().replace(/\s+/g, ' ');
  const end = /[.!?]$/.test(body) ? body : `${body}.`;
  return `Hi {{author}}, we know about this and are on it. ${end}${link ? ' Updates: {{link}}' : ''}`;
}

const entryIds = (entries: ReturnType<typeof parsed>['entries']) =>
  new Set(entries.items.flatMap((e) => (isMap(e) && typeof e.get('id') === 'string' ? [e.get('id') as string] : [])));

/** Adds an incident entry at the end of `entries`; returns the new text and the entry's id. */
export function addIncident(text: string, incident: NewIncident): { text: string; id: string } {
  const id = incidentId(incident.title, entryIds(parsed(text).entries));
  const entry: Record<string, unknown> = {
    id,
    kind: 'incident',
    title: incident.title,
    window: { start: incident.start },
    keywords: incident.keywords,
    examples: incident.examples,
    ...(incident.link ? { vars: { link: incident.link } } : {}),
    reply: incidentReply(incident.action, incident.link),
  };
  return { text: appendEntry(text, entry), id };
}

/**
 * Adds an entry drafted elsewhere (an emerging incident's) at the end of `entries`, under a free id:
 * its own, or numbered when the file has it. Returns the new text and the id it got.
 */
export function addDraftedEntry(text: string, entry: { id: string } & Record<string, unknown>): { text: string; id: string } {
  const taken = entryIds(parsed(text).entries);
  let id = entry.id;
  for (let n = 2; taken.has(id); n++) id = `${entry.id}-${n}`;
  return { text: appendEntry(text, { ...entry, id }), id };
}

/** The entry's lines spliced in after the last entry (keywords as a flow list, as people write them). */
function appendEntry(text: string, entry: Record<string, unknown>): string {
  const { entries } = parsed(text);
  const doc = new Document(entry);
  const keywords = doc.get('keywords', true);
  if (isSeq(keywords)) keywords.flow = true;
  const lines = doc.toString({ lineWidth: 0 }).trimEnd().split('\n');

  const last = entries.items.at(-1) as Node | undefined;
  if (!entries.flow && last?.range) {
    // As the items before it: the dash at their column, the keys two further.
    const dash = column(text, last.range[0]) - 2;
    const block = lines.map((l, i) => (i === 0 ? `${' '.repeat(dash)}- ${l}` : `${' '.repeat(dash + 2)}${l}`)).join('\n');
    const at = afterLine(text, last.range[1]);
    const before = text.slice(0, at);
    return `${before}${before.endsWith('\n') ? '' : '\n'}\n${block}\n${text.slice(at)}`;
  }
  if (entries.items.length === 0 && entries.range) {
    // `entries: []`: the empty list becomes a block list with this one entry.
    const block = lines.map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)).join('\n');
    return `${text.slice(0, entries.range[0]).trimEnd()}\n${block}\n${text.slice(afterLine(text, entries.range[1]))}`;
  }
  throw new DraftEditError('entries is written as a flow list ([...]): write it as a block list to add an entry here');
}

function findEntry(text: string, id: string): YAMLMap {
  const { entries } = parsed(text);
  const entry = entries.items.find((e) => isMap(e) && e.get('id') === id);
  if (!isMap(entry)) throw new DraftEditError(`no entry "${id}" in the file`);
  return entry;
}

/** Sets `end` of an entry's window in the text (creates the window when it has none). */
export function endWindow(text: string, id: string, end: string): string {
  const entry = findEntry(text, id);
  const window = entry.get('window', true);
  if (window !== undefined && !isMap(window)) throw new DraftEditError(`the window of "${id}" is not a map`);
  if (isMap(window)) {
    const pair = window.items.find((p) => isScalar(p.key) && p.key.value === 'end') as Pair<Node, Node> | undefined;
    if (pair?.value?.range) return `${text.slice(0, pair.value.range[0])}${end}${text.slice(pair.value.range[1])}`;
    if (window.flow && window.range) {
      const inner = text.slice(window.range[0], window.range[1]).replace(/\s*\}\s*$/, '');
      const sep = inner.trim() === '{' ? ' ' : ', ';
      return `${text.slice(0, window.range[0])}${inner}${sep}end: ${end} }${text.slice(window.range[1])}`;
    }
    const lastPair = window.items.at(-1) as Pair<Node, Node> | undefined;
    const keyNode = lastPair?.key;
    if (!keyNode?.range) throw new DraftEditError(`the window of "${id}" is empty`);
    const at = afterLine(text, (lastPair?.value?.range ?? keyNode.range)[1]);
    return `${text.slice(0, at)}${' '.repeat(column(text, keyNode.range[0]))}end: ${end}\n${text.slice(at)}`;
  }
  // No window yet: one after the entry's id line, at the column of its keys.
  const idPair = entry.items.find((p) => isScalar(p.key) && p.key.value === 'id') as Pair<Node, Node> | undefined;
  if (entry.flow || !idPair?.key.range || !idPair.value?.range)
    throw new DraftEditError(`"${id}" is written as a flow map: add its window by hand`);
  const indent = ' '.repeat(column(text, idPair.key.range[0]));
  const at = afterLine(text, idPair.value.range[1]);
  return `${text.slice(0, at)}${indent}window:\n${indent}  end: ${end}\n${text.slice(at)}`;
}
