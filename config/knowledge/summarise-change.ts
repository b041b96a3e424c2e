import type { Knowledge } from './schema.js';

/** What a version changed against the one before it: entry ids, and top-level fields (languages, acknowledgement, courtesy, tone...). */
export interface KnowledgeChangeSummary {
  added: string[];
  changed: string[];
  removed: string[];
  general: string[];
}

/** Entries added, changed and removed by id, and the top-level fields that differ. */
export function summariseChange(before: Knowledge | undefined, after: Knowledge): KnowledgeChangeSummary {
  const old = new Map((before?.entries ?? []).map((e) => [e.id, JSON.stringify(e)]));
  const now = new Map(after.entries.map((e) => [e.id, JSON.stringify(e)]));
  // Each named as the file writes it, compared in every language.
  const fields = [
    ['languages', 'languages'],
    ['acknowledgement', 'acknowledgements'],
    ['after_hours', 'after_hours'],
    ['courtesy', 'courtesies'],
    ['tone', 'tone'],
    ['timezone', 'timezone'],
  ] as const;
  const general = fields.filter(([, key]) => before && JSON.stringify(before[key]) !== JSON.stringify(after[key])).map(([name]) => name);
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    changed: [...now].filter(([id, e]) => old.has(id) && old.get(id) !== e).map(([id]) => id),
    removed: [...old.keys()].filter((id) => !now.has(id)),
    general,
  };
}
