import type { Knowledge } from './schema.js';

/** What a version changed against the one before it: entry ids, and top-level fields (acknowledgement, tone, timezone). */
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
  const general = (['acknowledgement', 'tone', 'timezone'] as const).filter(
    (key) => before && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    changed: [...now].filter(([id, e]) => old.has(id) && old.get(id) !== e).map(([id]) => id),
    removed: [...old.keys()].filter((id) => !now.has(id)),
    general,
  };
}
