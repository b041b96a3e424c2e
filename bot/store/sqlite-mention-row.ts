import type { StoredMention } from '../mention.js';
import { toMention, type MentionRow } from './sqlite-store.js';

export type MentionRowWithDecision = MentionRow & { decision: string | null };

/** A mentions row with the bot's decision (the understanding agents see). */
export const mentionFromRow = (r: MentionRowWithDecision): StoredMention & { decision: Record<string, unknown> | null } => ({
  ...toMention(r),
  decision: r.decision ? (JSON.parse(r.decision) as Record<string, unknown>) : null,
});
