import { readKnowledgeYaml } from './load-knowledge.js';

/** One field of an entry as a publish changes it: what the live file says and what the draft says. */
export interface FieldChange {
  field: string;
  before?: string;
  after?: string;
}

export interface EntryChange {
  id: string;
  change: 'added' | 'changed' | 'removed';
  fields: FieldChange[];
}

export interface KnowledgeDiff {
  entries: EntryChange[];
  /** Top-level fields that differ (acknowledgement, courtesy, tone, timezone...). */
  general: FieldChange[];
}

// A value is shown to an editor in a list: a long one is cut (the YAML view has it whole).
const SHOWN = 400;

/** A value as the diff shows it: texts as they are, lists one item a line, the rest as JSON. */
function shown(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text =
    typeof value === 'string'
      ? value
      : Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? value.join('\n')
        : JSON.stringify(value);
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => !same(before[key], after[key]))
    .map((field) => ({
      field,
      ...(field in before ? { before: shown(before[field]) } : {}),
      ...(field in after ? { after: shown(after[field]) } : {}),
    }));
}

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function entriesById(data: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const list = Array.isArray(data.entries) ? data.entries : [];
  const byId = new Map<string, Record<string, unknown>>();
  list.forEach((e, i) => {
    const entry = record(e);
    const id = typeof entry.id === 'string' ? entry.id : `entry ${i + 1}`;
    if (!byId.has(id)) byId.set(id, entry);
  });
  return byId;
}

/**
 * What publishing `draft` over `live` changes, entry by entry (by id, in the draft's order, removed
 * ones last) with the fields as written in the files. Throws KnowledgeError when the draft is no YAML.
 */
export function diffKnowledge(live: string, draft: string): KnowledgeDiff {
  const before = record(readKnowledgeYaml(live).data);
  const after = record(readKnowledgeYaml(draft).data);
  const old = entriesById(before);
  const now = entriesById(after);
  const entries: EntryChange[] = [];
  for (const [id, entry] of now) {
    const was = old.get(id);
    if (!was) entries.push({ id, change: 'added', fields: fieldChanges({}, entry) });
    else if (!same(was, entry)) entries.push({ id, change: 'changed', fields: fieldChanges(was, entry) });
  }
  for (const [id, entry] of old) if (!now.has(id)) entries.push({ id, change: 'removed', fields: fieldChanges(entry, {}) });
  const { entries: _a, ...topBefore } = before;
  const { entries: _b, ...topAfter } = after;
  return { entries, general: fieldChanges(topBefore, topAfter) };
}
